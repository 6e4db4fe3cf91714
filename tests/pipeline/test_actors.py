"""People: titles, nationalities, the knowledge base, and every later way of naming them."""

from __future__ import annotations

from pipeline.actors import finalise_people, find_cast
from pipeline.cast import ArticleContext
from pipeline.countries import load_countries
from pipeline.knowledge import load_officials
from pipeline.sentences import split_sentences
from tests.pipeline.helpers import events


def cast_of(body: str, year: int = 2021, dateline_country: str = ""):
    sentences = split_sentences(body)
    lexicon = load_countries()
    context = ArticleContext(year, lexicon, load_officials(), dateline_country)
    cast = find_cast(body, sentences, lexicon.find(body, year), context)
    finalise_people(cast, context)
    return cast


def people(cast) -> dict[str, tuple[str, str]]:
    return {p.name: (p.country, p.role) for p in cast.persons if p.official}


def test_nationality_title_name():
    cast = cast_of("Russian Foreign Minister Sergei Lavrov spoke first.")
    assert people(cast) == {"Sergey Lavrov": ("RUS", "Foreign Minister")}  # knowledge base spelling


def test_possessive_apposition_and_of_country():
    cast = cast_of("Farooq Feroze Khan, chairman of Pakistan's joint chiefs of staff committee, arrived. "
                   "King Hussein of Jordan and Iran's supreme leader Ayatollah Ali Khamenei were named.", 1997)
    found = people(cast)
    assert found["Farooq Feroze Khan"][0] == "PAK"
    assert found["King Hussein"][0] == "JOR"
    assert found["Ali Khamenei"][0] == "IRN"


def test_title_comma_name():
    cast = cast_of("Japan's prime minister, Fumio Kishida, flew home.", 2023)
    assert people(cast)["Fumio Kishida"] == ("JPN", "Prime Minister")


def test_unknown_titled_official_still_counts():
    cast = cast_of("Greek Foreign Affairs Undersecretary Yannis Kapsis met him.", 1987)
    assert people(cast)["Yannis Kapsis"] == ("GRC", "Foreign Affairs Undersecretary")


def test_knowledge_base_picks_the_right_bush_by_year():
    assert "George H.W. Bush" in people(cast_of("President Bush said so.", 1990))
    assert "George W. Bush" in people(cast_of("President Bush said so.", 2004))


def test_former_officials_and_non_officials_are_not_participants():
    cast = cast_of("Former Soviet leader Mikhail Gorbachev and Sen. John McCain spoke.", 1999)
    assert "Mikhail Gorbachev" not in people(cast) and "John McCain" not in people(cast)


def test_later_mentions_resolve_to_the_same_person():
    body = ("King Hussein of Jordan arrived on Monday. The monarch met Iraq's Saddam Hussein. "
            "Hussein later said he was hopeful.")
    cast = cast_of(body, 1990)
    names = [cast.persons[m.persons[0]].name for m in cast.mentions if len(m.persons) == 1]
    assert names.count("King Hussein") >= 3  # the name, `the monarch`, the bare `Hussein`, `he`
    assert "Saddam Hussein" in names


def test_group_reference_finds_later_names():
    body = ("The secretary accepted papers from the three countries' foreign ministers. "
            "Polish Foreign Minister Bronislaw Geremek, Hungarian Foreign Minister Janos Martonyi and Czech Foreign "
            "Minister Jan Kavan spoke.")
    cast = cast_of(body, 1999)
    group = next(m for m in cast.mentions if m.kind == "group")
    assert {cast.persons[i].name for i in group.persons} == {"Bronislaw Geremek", "Janos Martonyi", "Jan Kavan"}


def test_secretary_of_state_defaults_to_the_united_states():
    cast = cast_of("Secretary of State Warren Zhmurkin arrived.", 2030)
    assert people(cast)["Warren Zhmurkin"][0] == "USA"


def test_dateline_country_for_domestic_titles():
    cast = cast_of("Trade Minister Joseph Kimotho spoke.", 1998, dateline_country="KEN")
    assert people(cast)["Joseph Kimotho"][0] == "KEN"




def test_former_in_the_text_wins_when_the_record_agrees_out_of_office():
    assert events("Former U.S. President Donald Trump met Hungarian Prime Minister Viktor Orban at Mar-a-Lago on "
                  "Friday.", "2024-03-10").empty
    cameron = events("Former British Prime Minister David Cameron, now foreign secretary, met Ukrainian President "
                     "Volodymyr Zelensky in Kyiv on Thursday.", "2023-11-17")
    assert cameron.iloc[0].roles.startswith("Foreign Secretary")


def test_a_title_the_knowledge_base_lacks_is_taken_from_the_text():
    frame = events("Japanese Finance Minister Kiichi Miyazawa will meet U.S. Treasury Secretary James Baker in "
                   "Washington next week.", "1987-04-01")  # the record only knows Miyazawa as prime minister, 1991-93
    assert frame.iloc[0].roles == "Finance Minister; Treasury Secretary" and frame.iloc[0].status == "planned"
    assert events("President Harry Truman met British Prime Minister Clement Attlee in Washington, the historian "
                  "wrote.", "1999-07-20").empty
