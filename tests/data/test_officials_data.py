"""Validation of the knowledge base of well-known officials (`data/officials.jsonl`).

The file is data, written by hand (from compact tables) rather than generated from a source,
so these tests guard its shape (every line a person with the required keys, sane years, valid
country codes, unique canonical names) and spot-check a few dozen facts of the public record.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

OFFICIALS_FILE = Path(__file__).resolve().parents[2] / "data" / "officials.jsonl"

ORGANISATIONS = frozenset(
    {
        "UN",
        "NATO",
        "EU",
        "AU",
        "ASEAN",
        "IAEA",
        "WHO",
        "IMF",
        "WB",
        "WTO",
        "OPEC",
        "ARAB_LEAGUE",
        "OSCE",
        "OAS",
        "GCC",
        "ICRC",
    }
)
REQUIRED_KEYS = {"name", "aliases", "short", "gender", "roles"}
ROLE_KEYS = {"title", "country", "from", "to"}
FIRST_YEAR, LAST_YEAR = 1900, 2025


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ł", "l").replace("Ł", "L").replace("’", "'")
    plain = re.sub(r"[.,]", " ", plain)
    return re.sub(r"\s+", " ", plain).strip().lower()


@pytest.fixture(scope="module")
def lines() -> list[str]:
    raw = OFFICIALS_FILE.read_bytes()
    text = raw.decode("utf-8")  # strict: the file must be valid UTF-8
    return [line for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def records(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def by_name(records: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in records}


def _roles(person: dict, title: str, country: str | None = None) -> list[dict]:
    return [r for r in person["roles"] if r["title"] == title and (country is None or r["country"] == country)]


def _has_role(person: dict, title: str, country: str, start: int, end: int | None) -> bool:
    return any(r["from"] == start and r["to"] == end for r in _roles(person, title, country))


# --- shape ------------------------------------------------------------------------------------


def test_file_exists_and_is_large(records: list[dict]) -> None:
    assert OFFICIALS_FILE.exists()
    assert len(records) >= 1500


def test_every_line_parses_to_an_object(lines: list[str]) -> None:
    for number, line in enumerate(lines, 1):
        value = json.loads(line)
        assert isinstance(value, dict), f"line {number} is not a JSON object"


def test_required_keys_and_types(records: list[dict]) -> None:
    for person in records:
        assert set(person) >= REQUIRED_KEYS, person.get("name")
        assert isinstance(person["name"], str) and person["name"].strip() == person["name"] and person["name"]
        assert isinstance(person["aliases"], list) and all(isinstance(a, str) and a.strip() for a in person["aliases"])
        assert isinstance(person["short"], list) and person["short"], person["name"]
        assert all(isinstance(s, str) and s.strip() for s in person["short"]), person["name"]
        assert isinstance(person["roles"], list) and person["roles"], person["name"]


def test_gender_is_m_or_f(records: list[dict]) -> None:
    bad = [p["name"] for p in records if p["gender"] not in {"m", "f"}]
    assert not bad


def test_roles_are_well_formed(records: list[dict]) -> None:
    for person in records:
        for role in person["roles"]:
            assert set(role) >= ROLE_KEYS, (person["name"], role)
            assert isinstance(role["title"], str) and role["title"].strip(), (person["name"], role)
            start, end = role["from"], role["to"]
            assert isinstance(start, int) and FIRST_YEAR <= start <= LAST_YEAR, (person["name"], role)
            assert end is None or (isinstance(end, int) and start <= end <= LAST_YEAR), (person["name"], role)


def test_country_codes(records: list[dict]) -> None:
    for person in records:
        for role in person["roles"]:
            code = role["country"]
            assert code in ORGANISATIONS or re.fullmatch(r"[A-Z]{3}", code), (person["name"], code)


def test_no_duplicate_roles_within_a_person(records: list[dict]) -> None:
    for person in records:
        keys = Counter((r["title"], r["country"], r["from"], r["to"]) for r in person["roles"])
        assert all(n == 1 for n in keys.values()), person["name"]


def test_canonical_names_are_unique(records: list[dict]) -> None:
    counts = Counter(p["name"] for p in records)
    assert [n for n, c in counts.items() if c > 1] == []
    folded = Counter(_fold(p["name"]) for p in records)
    assert [n for n, c in folded.items() if c > 1] == []


def test_aliases_are_not_another_persons_canonical_name(records: list[dict]) -> None:
    canonical = {_fold(p["name"]): p["name"] for p in records}
    clashes = []
    for person in records:
        for alias in person["aliases"]:
            owner = canonical.get(_fold(alias))
            if owner is not None and owner != person["name"]:
                clashes.append((person["name"], alias, owner))
    assert clashes == []


def test_aliases_do_not_repeat_the_canonical_name(records: list[dict]) -> None:
    for person in records:
        assert person["name"] not in person["aliases"], person["name"]
        assert len(person["aliases"]) == len(set(person["aliases"])), person["name"]


def test_sorted_by_name(records: list[dict]) -> None:
    keys = [_fold(p["name"]) for p in records]
    assert keys == sorted(keys)


# --- spot checks of the public record -----------------------------------------------------------


def test_lavrov(by_name: dict[str, dict]) -> None:
    lavrov = by_name["Sergey Lavrov"]
    assert _has_role(lavrov, "Foreign Minister", "RUS", 2004, None)
    assert _has_role(lavrov, "Ambassador to the United Nations", "RUS", 1994, 2004)
    assert "Sergei Lavrov" in lavrov["aliases"]
    assert "Lavrov" in lavrov["short"]


def test_kofi_annan(by_name: dict[str, dict]) -> None:
    assert _has_role(by_name["Kofi Annan"], "Secretary-General", "UN", 1997, 2006)


def test_two_george_bushes(by_name: dict[str, dict]) -> None:
    senior, junior = by_name["George H.W. Bush"], by_name["George W. Bush"]
    assert _has_role(senior, "President", "USA", 1989, 1993)
    assert _has_role(senior, "Vice President", "USA", 1981, 1989)
    assert _has_role(junior, "President", "USA", 2001, 2009)
    assert "George Bush" in senior["aliases"] and "George Bush" in junior["aliases"]


def test_albright(by_name: dict[str, dict]) -> None:
    albright = by_name["Madeleine Albright"]
    assert _has_role(albright, "Secretary of State", "USA", 1997, 2001)
    assert _has_role(albright, "Ambassador to the United Nations", "USA", 1993, 1997)
    assert albright["gender"] == "f"


def test_king_hussein(by_name: dict[str, dict]) -> None:
    hussein = by_name["King Hussein"]
    assert _has_role(hussein, "King", "JOR", 1952, 1999)
    assert "Hussein" in hussein["short"]
    assert _has_role(by_name["King Abdullah II"], "King", "JOR", 1999, None)


def test_yeltsin_and_putin(by_name: dict[str, dict]) -> None:
    assert _has_role(by_name["Boris Yeltsin"], "President", "RUS", 1991, 1999)
    putin = by_name["Vladimir Putin"]
    assert _has_role(putin, "President", "RUS", 2000, 2008)
    assert _has_role(putin, "President", "RUS", 2012, None)
    assert _has_role(putin, "Prime Minister", "RUS", 2008, 2012)


def test_soviet_leaders(by_name: dict[str, dict]) -> None:
    gorbachev = by_name["Mikhail Gorbachev"]
    assert _has_role(gorbachev, "General Secretary of the Communist Party", "SUN", 1985, 1991)
    assert _has_role(by_name["Eduard Shevardnadze"], "Foreign Minister", "SUN", 1985, 1990)


def test_secretaries_of_state_and_multi_role_people(by_name: dict[str, dict]) -> None:
    powell = by_name["Colin Powell"]
    assert _has_role(powell, "Chairman of the Joint Chiefs of Staff", "USA", 1989, 1993)
    assert _has_role(powell, "Secretary of State", "USA", 2001, 2005)
    assert _has_role(by_name["Hillary Clinton"], "Secretary of State", "USA", 2009, 2013)
    solana = by_name["Javier Solana"]
    assert _has_role(solana, "Secretary-General", "NATO", 1995, 1999)
    assert _has_role(solana, "High Representative for Foreign Affairs and Security Policy", "EU", 1999, 2009)
    assert _has_role(by_name["John Kerry"], "Special Envoy for Climate", "USA", 2021, 2024)


def test_heads_of_government(by_name: dict[str, dict]) -> None:
    assert _has_role(by_name["Angela Merkel"], "Chancellor", "DEU", 2005, 2021)
    assert _has_role(by_name["Margaret Thatcher"], "Prime Minister", "GBR", 1979, 1990)
    assert by_name["Margaret Thatcher"]["gender"] == "f"
    assert _has_role(by_name["Tony Blair"], "Prime Minister", "GBR", 1997, 2007)
    assert _has_role(by_name["Hosni Mubarak"], "President", "EGY", 1981, 2011)
    assert _has_role(by_name["Saddam Hussein"], "President", "IRQ", 1979, 2003)
    assert "Saddam" in by_name["Saddam Hussein"]["short"]
    assert _has_role(by_name["Yasser Arafat"], "President", "PSE", 1994, 2004)
    assert _has_role(by_name["Xi Jinping"], "President", "CHN", 2013, None)
    assert _has_role(by_name["Narendra Modi"], "Prime Minister", "IND", 2014, None)
    assert _has_role(by_name["Nelson Mandela"], "President", "ZAF", 1994, 1999)
    assert _has_role(by_name["Daniel arap Moi"], "President", "KEN", 1978, 2002)
    assert _has_role(by_name["Ali Khamenei"], "Supreme Leader", "IRN", 1989, None)
    assert _has_role(by_name["Erich Honecker"], "General Secretary of the Socialist Unity Party", "DDR", 1971, 1989)
    assert _has_role(by_name["Vaclav Havel"], "President", "CSK", 1989, 1992)


def test_crown_prince_and_short_forms(by_name: dict[str, dict]) -> None:
    mbs = by_name["Mohammed bin Salman"]
    assert _has_role(mbs, "Crown Prince", "SAU", 2017, None)
    assert "MBS" in mbs["short"]
    assert "Muhammad bin Salman" in mbs["aliases"]


@pytest.mark.parametrize(
    ("canonical", "variant"),
    [
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Muammar Gaddafi", "Moammar Gadhafi"),
        ("Muammar Gaddafi", "Moammar Kadhafi"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskiy"),
        ("Benjamin Netanyahu", "Binyamin Netanyahu"),
        ("Yasser Arafat", "Yasir Arafat"),
        ("Ali Khamenei", "Ayatollah Ali Khamenei"),
        ("Bronislaw Geremek", "Bronisław Geremek"),
        ("Lech Walesa", "Lech Wałęsa"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("Bashar al-Assad", "Bashar Assad"),
        ("Gerhard Schroeder", "Gerhard Schröder"),
    ],
)
def test_transliteration_variants(by_name: dict[str, dict], canonical: str, variant: str) -> None:
    assert variant in by_name[canonical]["aliases"]


def test_transliterated_short_forms(by_name: dict[str, dict]) -> None:
    assert {"Gaddafi", "Qaddafi", "Kadhafi", "Gadhafi"} <= set(by_name["Muammar Gaddafi"]["short"])
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(by_name["Volodymyr Zelensky"]["short"])


def test_pipeline_index_picks_the_right_bush_by_year() -> None:
    from pipeline.knowledge import load_officials

    index = load_officials(OFFICIALS_FILE)
    assert index.by_short_name("Bush", 1990).name == "George H.W. Bush"
    assert index.by_short_name("Bush", 2004).name == "George W. Bush"
    assert index.by_full_name("George Bush", 1991).name == "George H.W. Bush"
    assert index.by_full_name("George Bush", 2003).name == "George W. Bush"
    assert index.by_short_name("Mubarak", 1995).role_at(1995).country == "EGY"
