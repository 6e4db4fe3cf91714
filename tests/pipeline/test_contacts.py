"""Contacts as news writes them: who met whom, calls, summits, plans, and what is not a contact."""

from __future__ import annotations

import pytest

from tests.pipeline.helpers import events, pairs


def test_titled_subject_and_object():
    frame = events("Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Monday.")
    assert pairs(frame) == {frozenset({"Lavrov", "Yi"})}
    row = frame.iloc[0]
    assert (row.event_type, row.status, row.date, row.location) == ("meeting", "occurred", "2021-07-12", "Beijing")
    assert row.countries == "RUS; CHN"


def test_subject_across_sentences_by_pronoun():
    frame = events("Japanese Prime Minister Fumio Kishida arrived in New Delhi on Sunday. "
                   "He held talks with Indian Prime Minister Narendra Modi on Monday.", "2023-03-21")
    assert pairs(frame) == {frozenset({"Kishida", "Modi"})}
    assert frame.iloc[0].date == "2023-03-20"


def test_phone_call_has_no_place():
    frame = events("WASHINGTON (Wire) — U.S. President Joe Biden spoke by phone with French President "
                   "Emmanuel Macron on Tuesday about Iran.", "2021-07-14")
    row = frame.iloc[0]
    assert row.event_type == "call" and row.location == "" and row.date == "2021-07-13"


@pytest.mark.parametrize("sentence", [
    "Turkish President Recep Tayyip Erdogan will meet Russian President Vladimir Putin in Sochi on Friday.",
    "Turkish President Recep Tayyip Erdogan is due to meet Russian President Vladimir Putin in Sochi on Friday.",
    "Turkish President Recep Tayyip Erdogan is scheduled to hold talks with Russian President Vladimir Putin "
    "in Sochi on Friday.",
])
def test_planned_contacts_look_forward(sentence):
    frame = events(sentence, "2021-09-27")  # a Monday
    row = frame.iloc[0]
    assert (row.status, row.date) == ("planned", "2021-10-01")


@pytest.mark.parametrize("sentence", [
    "German Chancellor Olaf Scholz did not meet Chinese President Xi Jinping during the trip.",
    "German Chancellor Olaf Scholz declined to meet Chinese President Xi Jinping.",
    "German Chancellor Olaf Scholz could meet Chinese President Xi Jinping if the talks go well.",
    "German Chancellor Olaf Scholz invited Chinese President Xi Jinping to visit Berlin.",
    "German Chancellor Olaf Scholz sent a letter to Chinese President Xi Jinping.",
    "A meeting between German Chancellor Olaf Scholz and Chinese President Xi Jinping was possible, aides said.",
])
def test_negated_hypothetical_and_non_contacts_are_not_events(sentence):
    assert events(sentence).empty


def test_same_country_officials_are_not_a_contact():
    assert events("U.S. Secretary of State Antony Blinken met U.S. Defense Secretary Lloyd Austin on Monday.").empty


def test_senators_and_spokesmen_are_not_officials():
    frame = events("Canadian Foreign Minister Joe Clark met Treasury Secretary James Baker and Sen. Patrick "
                   "Moynihan of New York on Tuesday.", "1987-03-11")
    assert pairs(frame) == {frozenset({"Clark", "Baker"})}


def test_summit_with_several_leaders_is_one_summit():
    frame = events("British Prime Minister Boris Johnson hosted U.S. President Joe Biden, French President Emmanuel "
                   "Macron and German Chancellor Angela Merkel at the seaside resort on Friday.", "2021-06-13")
    assert len(frame) == 1 and frame.iloc[0].event_type == "summit"
    assert pairs(frame) == {frozenset({"Johnson", "Biden", "Macron", "Merkel"})}


def test_separate_meetings_and_separate_signings():
    frame = events("Israeli Prime Minister Benjamin Netanyahu and Palestinian leader Yasser Arafat meet separately "
                   "Monday with U.S. Secretary of State Madeleine Albright.", "1998-05-01")
    assert pairs(frame) == {frozenset({"Netanyahu", "Albright"}), frozenset({"Arafat", "Albright"})}
    assert set(frame["status"]) == {"planned"} and set(frame["date"]) == {"1998-05-04"}
    assert events("Polish President Aleksander Kwasniewski and Czech President Vaclav Havel signed the documents "
                  "in their presidential palaces.", "1999-02-27").empty


def test_repeated_mentions_make_one_row():
    frame = events("Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Tuesday in Kazan. "
                   "Modi and Xi held talks for about 50 minutes, officials said.", "2024-10-23")
    assert len(frame) == 1 and frame.iloc[0].date == "2024-10-22"


def test_joiner_is_added_to_the_contact():
    frame = events("U.S. Vice President Mike Pence held talks with Turkish President Recep Tayyip Erdogan in Ankara "
                   "on Thursday. Turkish Foreign Minister Mevlut Cavusoglu, who also took part in the talks, said "
                   "the pause was not a ceasefire.", "2019-10-18")
    assert pairs(frame) == {frozenset({"Pence", "Erdogan", "Cavusoglu"})}


def test_apposition_and_possessor_are_not_the_subject():
    frame = events("Amos Hochstein, a senior adviser to U.S. President Joe Biden, held talks with Lebanese Parliament "
                   "Speaker Nabih Berri on Tuesday.", "2024-11-20")
    assert pairs(frame) == {frozenset({"Hochstein", "Berri"})}


def test_delegates_of_an_organisation_join_the_summit():
    frame = events("British Prime Minister Boris Johnson hosted U.S. President Joe Biden and French President Emmanuel "
                   "Macron at the seaside resort on Friday, with the European Union represented by Ursula von der "
                   "Leyen and Charles Michel.", "2021-06-13")
    assert pairs(frame) == {frozenset({"Johnson", "Biden", "Macron", "Leyen", "Michel"})}
    assert "EU" in frame.iloc[0].countries


def test_a_qualified_title_before_a_name_still_makes_the_object():
    frame = events("U.S. President Joe Biden met Australia's newly elected prime minister, Anthony Albanese, in "
                   "Tokyo on Tuesday.", "2022-05-25")
    assert pairs(frame) == {frozenset({"Biden", "Albanese"})}


def test_a_separate_bilateral_meeting_of_the_same_pair_is_one_more_meeting():
    frame = events("Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky met on Monday at a "
                   "summit in Paris hosted by French President Emmanuel Macron and German Chancellor Angela Merkel. "
                   "The two presidents also held a separate bilateral meeting during the evening, their first direct "
                   "talks since Zelensky took office in May.", "2019-12-10")
    assert sorted(map(sorted, pairs(frame))) == [["Macron", "Merkel", "Putin", "Zelensky"], ["Putin", "Zelensky"]]
    assert set(frame["event_type"]) == {"summit", "meeting"}


def test_participants_named_after_the_gathering_take_part_in_it():
    frame = events("The Group of 20 summit, hosted by Indonesian President Joko Widodo, opens on Tuesday and runs "
                   "through Wednesday, with both U.S. President Joe Biden and Chinese President Xi Jinping taking "
                   "part.", "2022-11-15")
    assert pairs(frame) == {frozenset({"Widodo", "Biden", "Jinping"})}
    assert frame.iloc[0].event_type == "summit" and frame.iloc[0].status == "planned"


def test_will_host_and_to_receive_announce_a_contact():
    frame = events("U.S. President Joe Biden will host French President Emmanuel Macron for a state visit in early "
                   "December. Chinese President Xi Jinping is to receive Russian Foreign Minister Sergei Lavrov on "
                   "Friday.", "2022-11-15")
    assert pairs(frame) == {frozenset({"Biden", "Macron"}), frozenset({"Jinping", "Lavrov"})}
    assert set(frame["status"]) == {"planned"}


def test_a_country_hosting_a_summit_is_not_a_meeting_of_the_people_named_next():
    assert events("Japan will host the Group of Seven summit, and Prime Minister Fumio Kishida said U.S. President "
                  "Joe Biden would attend.", "2022-11-15").empty


def test_speak_with_is_a_call_in_a_call_story_and_needs_the_name_at_once():
    frame = events("On Monday U.S. President Joe Biden held a call with French President Emmanuel Macron. Biden is "
                   "also expected to speak with Ukrainian President Volodymyr Zelenskyy on Thursday.", "2021-12-08")
    zelensky = frame[frame["participants"].str.contains("Zelensk")].iloc[0]
    assert zelensky.event_type == "call" and zelensky.status == "planned" and zelensky.date == "2021-12-09"
    assert events("U.S. President Joe Biden spoke to reporters about Russian President Vladimir Putin on Tuesday.",
                  "2021-12-08").empty


def test_a_condition_inside_reported_words_does_not_cancel_the_call():
    frame = events("U.S. President Joe Biden warned Russian President Vladimir Putin on Tuesday that Russia would face "
                   "sanctions if it invaded Ukraine, during a two-hour video call.", "2021-12-08")
    assert pairs(frame) == {frozenset({"Biden", "Putin"})} and frame.iloc[0].event_type == "call"


def test_hours_spent_with_someone_are_a_meeting():
    frame = events("French President Emmanuel Macron began in Moscow, where he spent more than five hours with "
                   "Russian President Vladimir Putin on Monday.", "2022-02-09")
    assert pairs(frame) == {frozenset({"Macron", "Putin"})} and frame.iloc[0].date == "2022-02-07"


def test_an_undated_mention_does_not_merge_into_a_background_meeting_months_before():
    frame = events("U.S. envoy Amos Hochstein said on Tuesday that a ceasefire was within reach, after meeting "
                   "Lebanon's parliament speaker Nabih Berri. He last visited Beirut in late October, when he also "
                   "held talks with Berri.", "2024-11-20")
    assert sorted(frame["date"].str[:7]) == ["2024-10", "2024-11"]


def test_a_joint_news_conference_of_three_is_one_contact():
    frame = events("U.S. President Joe Biden hosted Japanese Prime Minister Fumio Kishida and South Korean President "
                   "Yoon Suk Yeol at Camp David on Friday. Biden called the meeting historic at a joint news "
                   "conference, praising Yoon and Kishida for their courage.", "2023-08-19")
    assert pairs(frame) == {frozenset({"Biden", "Kishida", "Yeol"})} and len(frame) == 1


def test_talks_that_are_expected_are_planned_but_a_call_ahead_of_a_summit_happened():
    frame = events("U.S. President Joe Biden and Russian President Vladimir Putin meet in Geneva on Wednesday. The "
                   "talks are expected to last four to five hours.", "2021-06-15")
    assert set(frame["status"]) == {"planned"}
    call = events("Ahead of the summit, U.S. President Donald Trump joined a video call on Wednesday with French "
                  "President Emmanuel Macron.", "2025-08-14")
    assert call.iloc[0].status == "occurred" and call.iloc[0].date == "2025-08-13"


def test_a_gathering_told_twice_with_more_people_is_one_row_but_a_sideline_bilateral_is_not():
    frame = events("At the Truman Library the foreign ministers Bronislaw Geremek of Poland, Janos Martonyi of Hungary "
                   "and Jan Kavan of the Czech Republic signed the documents of accession on Friday. U.S. Secretary of "
                   "State Madeleine Albright accepted the papers from the three countries' foreign ministers.",
                   "1999-03-13")
    assert pairs(frame) == {frozenset({"Geremek", "Martonyi", "Kavan", "Albright"})}
    assert len(events("Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky met on Monday at a "
                      "summit in Paris hosted by French President Emmanuel Macron and German Chancellor Angela Merkel. "
                      "Putin and Zelensky also held a separate bilateral meeting in the evening.", "2019-12-10")) == 2


def test_a_call_that_agrees_on_a_meeting_gives_both():
    frame = events("Russian President Boris Yeltsin and German Chancellor Helmut Kohl agreed in a telephone "
                   "conversation Friday to meet in Moscow next month.", "1994-03-05")
    rows = {(row.event_type, row.status, row.date, row.date_precision) for row in frame.itertuples()}
    assert rows == {("call", "occurred", "1994-03-04", "day"), ("meeting", "planned", "1994-04-01", "month")}


def test_cancelled_meetings_and_counts_of_meetings_are_not_events():
    assert events("The meeting between Israeli Prime Minister Benjamin Netanyahu and Palestinian President Mahmoud "
                  "Abbas was cancelled.", "2016-03-18").empty
    assert events("Russian President Vladimir Putin and Chinese President Xi Jinping have met more than 40 times.",
                  "2023-03-18").empty


def test_a_postponed_meeting_is_not_an_event_but_one_postponed_before_is():
    assert events("U.S. Secretary of State Antony Blinken's meeting with Chinese Foreign Minister Wang Yi, scheduled "
                  "for Friday, was postponed after the balloon incident.", "2023-02-04").empty
    frame = events("U.S. President Joe Biden met Chinese President Xi Jinping on Monday, a meeting that was postponed "
                   "twice before.", "2022-11-15")
    assert len(frame) == 1 and frame.iloc[0].status == "occurred"


def test_talking_to_leaders_of_two_countries_is_two_contacts():
    frame = events("Turkish President Recep Tayyip Erdogan said he would talk to Russian President Vladimir Putin and "
                   "Ukrainian President Volodymyr Zelensky about the grain deal.", "2023-07-20")
    assert pairs(frame) == {frozenset({"Erdogan", "Putin"}), frozenset({"Erdogan", "Zelensky"})}
