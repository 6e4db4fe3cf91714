"""Which date governs a contact: its own clause first, the narrative's next, the publication day last."""

from __future__ import annotations

from tests.pipeline.helpers import events


def test_date_of_another_event_is_skipped():
    frame = events("Chinese President Xi Jinping and U.S. President Donald Trump agreed on Saturday to resume trade "
                   "talks that broke down in May.", "2019-06-30")
    assert frame.iloc[0].date == "2019-06-29"


def test_since_and_until_dates_belong_to_something_else():
    frame = events("U.S. President Donald Trump held talks with Russian President Vladimir Putin, their first since "
                   "a summit in Helsinki last year.", "2019-06-28")
    assert frame.iloc[0].date_text == ""  # not "last year"


def test_narrative_date_carries_over_from_the_previous_sentence():
    frame = events("On Wednesday, U.S. President Donald Trump was received by Vietnamese President Nguyen Phu Trong. "
                   "He also held separate talks with Vietnamese Prime Minister Nguyen Xuan Phuc.", "2019-02-28")
    assert set(frame["date"]) == {"2019-02-27"}


def test_future_sentence_date_is_not_carried_into_a_past_contact():
    frame = events("Israeli Prime Minister Benjamin Netanyahu will meet U.S. Secretary of State Madeleine Albright "
                   "on Monday. At a news conference with U.S. Vice President Al Gore, Netanyahu spoke.", "1998-05-01")
    gore = frame[frame["participants"].str.contains("Gore")].iloc[0]
    assert gore.date == "1998-05-01" and gore.date_text == ""


def test_fallback_is_the_dateline_day():
    frame = events("WASHINGTON, March 12 (Xinhua) -- U.S. President Bill Clinton held talks with Kenyan President "
                   "Daniel arap Moi.", "1999-03-13")
    assert frame.iloc[0].date == "1999-03-12" and frame.iloc[0].date_text == ""


def test_ranges_give_their_first_day_and_months_their_precision():
    frame = events("British Prime Minister Boris Johnson hosted U.S. President Joe Biden and French President "
                   "Emmanuel Macron at the resort from June 11 to 13.", "2021-06-14")
    assert frame.iloc[0].date == "2021-06-11"
    frame = events("In April, Russian President Vladimir Putin took part in a climate summit hosted by U.S. "
                   "President Joe Biden.", "2021-07-13")
    assert (frame.iloc[0].date, frame.iloc[0].date_precision) == ("2021-04-01", "month")


def test_clause_tense_reads_the_verb_before_the_date():
    from pipeline.event_dates import clause_tense

    text = "He will begin withdrawing troops on Friday. Iraq said on Tuesday that it would retaliate."
    assert clause_tense(text, text.index("Friday"), text.index("Friday") + 6) == "future"
    assert clause_tense(text, text.index("Tuesday"), text.index("Tuesday") + 7) is None


def test_a_long_list_of_guests_does_not_push_the_date_away():
    frame = events("Spanish Prime Minister Pedro Sanchez hosted Canadian Prime Minister Justin Trudeau, Dutch Prime "
                   "Minister Mark Rutte, Polish President Andrzej Duda, and Norwegian Prime Minister Jonas Gahr Store "
                   "at the royal palace on June 28 and 29.", "2022-07-01")
    assert set(frame["date"]) == {"2022-06-28"}


def test_the_date_of_a_place_governs_a_where_clause():
    frame = events("On Sunday German Chancellor Olaf Scholz met Indian Prime Minister Narendra Modi. Scholz flies to "
                   "Madrid for a NATO summit on Tuesday, where he will also hold talks with Turkish President Recep "
                   "Tayyip Erdogan.", "2022-06-27")
    erdogan = frame[frame["participants"].str.contains("Erdogan")].iloc[0]
    assert erdogan.date == "2022-06-28" and erdogan.status == "planned"


def test_an_arrival_and_a_welcome_share_their_date():
    frame = events("Chinese President Xi Jinping and Russian President Vladimir Putin signed agreements on Tuesday. "
                   "Xi had arrived on Monday and was welcomed by Putin for an informal dinner.", "2023-03-22")
    assert sorted(frame["date"]) == ["2023-03-20", "2023-03-21"]


def test_an_announced_month_and_visit_carry_over_to_the_talks_announced_next():
    frame = events("Russian Foreign Minister Sergei Lavrov will visit Tokyo next month, the Japanese foreign ministry "
                   "said. He is expected to hold talks with his Japanese counterpart Fumio Kishida.", "2016-03-22")
    row = frame.iloc[0]
    assert (row.date, row.date_precision, row.status, row.location) == ("2016-04-01", "month", "planned", "Tokyo")
