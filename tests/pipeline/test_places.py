"""Places: the contact's own place, venues, `here`, visits nearby, the dateline; never for calls."""

from __future__ import annotations

from pipeline.places import find_place_mentions, load_gazetteer
from tests.pipeline.helpers import events


def test_gazetteer_prefers_capitals_and_landmarks():
    gazetteer = load_gazetteer()
    moscow = gazetteer.best(gazetteer.lookup("Moscow"))
    assert moscow.country == "RUS" and round(moscow.latitude) == 56
    assert gazetteer.best(gazetteer.lookup("White House")).country == "USA"


def test_place_mentions_carry_their_preposition():
    mentions = find_place_mentions("They met in Geneva after flying from Paris.", 0, load_gazetteer())
    assert [(m.text, m.preposition) for m in mentions] == [("Geneva", "in"), ("Paris", "from")]


def test_venue_and_here_and_visit():
    assert events("U.S. President Joe Biden hosted German Chancellor Olaf Scholz at the White House on Friday."
                  ).iloc[0].location.startswith("White House")
    frame = events("NAIROBI, Kenya (Wire) — U.S. Ambassador Prudence Bushnell met Trade Minister Joseph Kimotho here "
                   "on Wednesday.", "1998-08-26")
    assert frame.iloc[0].location == "Nairobi" and frame.iloc[0].location_country == "KEN"
    frame = events("Canadian Foreign Minister Joe Clark ended a two-day visit to Washington. Clark held talks with "
                   "Treasury Secretary James Baker.", "1987-03-11")
    assert frame.iloc[0].location == "Washington"


def test_dateline_only_for_recent_contacts():
    frame = events("CAIRO (Wire) — Egyptian President Hosni Mubarak met Israeli Prime Minister Yitzhak Rabin in 1994, "
                   "officials recalled.", "1997-04-02")
    assert frame.iloc[0].location == ""


def test_each_contact_of_a_sentence_takes_the_place_after_its_own_people():
    frame = events("Israeli Prime Minister Benjamin Netanyahu met U.S. Secretary of State Antony Blinken in Tel Aviv, "
                   "a day after Blinken met Palestinian President Mahmoud Abbas in Ramallah.", "2023-11-06")
    places = dict(zip(frame["participants"], frame["location"], strict=True))
    assert places == {"Benjamin Netanyahu; Antony Blinken": "Tel Aviv", "Antony Blinken; Mahmoud Abbas": "Ramallah"}


def test_venues_with_two_small_words_in_their_name_are_found():
    frame = events("Chinese Premier Li Peng received Japanese Foreign Minister Taro Nakayama in the Great Hall of the "
                   "People on Wednesday.", "1990-04-30")
    assert frame.iloc[0].location == "Great Hall of the People, Beijing" and frame.iloc[0].location_country == "CHN"


def test_islands_and_regions_that_host_summits_are_where_the_reader_thinks():
    frame = events("U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday. On Friday he had met "
                   "Palestinian President Mahmoud Abbas in Bethlehem.", "2022-11-15")
    assert set(zip(frame["location"], frame["location_country"], strict=True)) == {("Bali", "IDN"),
                                                                                   ("Bethlehem", "PSE")}
