"""Validation of the hand-curated lexicon data files in ``data/``.

``data/countries.json`` maps surface strings found in news text (names, adjectives, demonyms,
capitals used as metonyms, other metonyms) to a country / historical state / organisation code,
with ``from``/``to`` years so that e.g. "Moscow" resolves to SUN before 1992 and RUS after.
``data/landmarks.json`` lists named venues with coordinates.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
COUNTRY_KEYS = {"code", "name", "kind", "names", "adjectives", "demonyms", "capitals", "metonyms", "from", "to"}
SURFACE_FIELDS = ("names", "adjectives", "demonyms", "capitals", "metonyms")
KINDS = {"state", "historical", "organisation"}
LANDMARK_KEYS = {"name", "aliases", "city", "country", "latitude", "longitude"}
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@pytest.fixture(scope="module")
def countries() -> list[dict]:
    with open(DATA / "countries.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def landmarks() -> list[dict]:
    with open(DATA / "landmarks.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def by_code(countries) -> dict[str, dict]:
    return {c["code"]: c for c in countries}


def _span(entry: dict) -> tuple[float, float]:
    lo = entry["from"] if entry["from"] is not None else float("-inf")
    hi = entry["to"] if entry["to"] is not None else float("inf")
    return lo, hi


def _overlap(a: dict, b: dict) -> bool:
    """Year ranges overlap; sharing only the boundary year (e.g. SUN to 1991, RUS from 1991) is fine."""
    (alo, ahi), (blo, bhi) = _span(a), _span(b)
    return max(alo, blo) < min(ahi, bhi)


def resolve(countries: list[dict], surface: str, year: int | None = None) -> set[str]:
    """Codes whose surfaces include ``surface`` (exact, case-sensitive), optionally valid in ``year``."""
    out = set()
    for c in countries:
        if any(surface in c[f] for f in SURFACE_FIELDS):
            lo, hi = _span(c)
            if year is None or lo <= year <= hi:
                out.add(c["code"])
    return out


# ----------------------------------------------------------------------------- countries.json


def test_countries_parse(countries):
    assert isinstance(countries, list)
    assert len(countries) > 250


def test_country_required_keys_and_types(countries):
    for c in countries:
        assert set(c) == COUNTRY_KEYS, c.get("code")
        assert isinstance(c["code"], str) and CODE_RE.match(c["code"]), c["code"]
        assert isinstance(c["name"], str) and c["name"].strip(), c["code"]
        assert c["kind"] in KINDS, c["code"]
        for f in SURFACE_FIELDS:
            values = c[f]
            assert isinstance(values, list), (c["code"], f)
            for s in values:
                assert isinstance(s, str) and s and s == s.strip(), (c["code"], f, s)
            assert len(values) == len(set(values)), (c["code"], f, "duplicate surface")
        for f in ("from", "to"):
            assert c[f] is None or (isinstance(c[f], int) and 1800 <= c[f] <= 2100), (c["code"], f)
        if c["from"] is not None and c["to"] is not None:
            assert c["from"] <= c["to"], c["code"]
        if c["kind"] == "historical":
            assert c["to"] is not None, f"historical state {c['code']} needs an end year"
        if c["kind"] == "state":
            assert c["to"] is None, f"current state {c['code']} has an end year"
            assert c["names"], c["code"]


def test_codes_unique(countries):
    codes = [c["code"] for c in countries]
    dupes = {code for code in codes if codes.count(code) > 1}
    assert not dupes


def test_states_use_alpha3_codes(countries):
    states = [c for c in countries if c["kind"] in ("state", "historical")]
    assert all(re.fullmatch(r"[A-Z]{3}", c["code"]) for c in states)
    assert sum(c["kind"] == "state" for c in countries) >= 249


def test_every_iso_country_present(by_code):
    pycountry = pytest.importorskip("pycountry")
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in by_code]
    assert not missing
    assert "XKX" in by_code  # Kosovo: not in ISO 3166-1, user-assigned code


def test_no_surface_maps_to_two_codes_at_the_same_time(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for f in SURFACE_FIELDS:
            for s in c[f]:
                owners[s].add(c["code"])
    by_code = {c["code"]: c for c in countries}
    clashes = []
    for surface, codes in owners.items():
        codes = sorted(codes)
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                if _overlap(by_code[a], by_code[b]):
                    clashes.append((surface, a, b))
    assert not clashes


@pytest.mark.parametrize(
    ("surface", "year", "code"),
    [
        ("Washington", 2001, "USA"),
        ("White House", 1990, "USA"),
        ("Soviet", 1986, "SUN"),
        ("Tanzanian", 2010, "TZA"),
        ("U.N.", 1995, "UN"),
        ("UN", 2020, "UN"),
        ("Britain", 1987, "GBR"),
        ("British", 2016, "GBR"),
        ("Jordanian", 1994, "JOR"),
        ("Palestinian", 1993, "PSE"),
        ("PLO", 1988, "PSE"),
        ("Moscow", 1988, "SUN"),
        ("Moscow", 2000, "RUS"),
        ("Kremlin", 1987, "SUN"),
        ("Kremlin", 2014, "RUS"),
        ("Bonn", 1989, "DEU"),
        ("West German", 1987, "DEU"),
        ("East Berlin", 1989, "DDR"),
        ("Kinshasa", 1990, "ZAR"),
        ("Kinshasa", 2005, "COD"),
        ("Brazzaville", 2005, "COG"),
        ("Belgrade", 1995, "YUG"),
        ("Belgrade", 2004, "SCG"),
        ("Belgrade", 2010, "SRB"),
        ("Prague", 1989, "CSK"),
        ("Prague", 2000, "CZE"),
        ("Rangoon", 1988, "MMR"),
        ("Burma", 1990, "MMR"),
        ("Peking", 1985, "CHN"),
        ("Seoul", 2000, "KOR"),
        ("Pyongyang", 2018, "PRK"),
        ("DPRK", 2018, "PRK"),
        ("Tehran", 2015, "IRN"),
        ("Persia", 2015, "IRN"),
        ("Ivory Coast", 2011, "CIV"),
        ("Filipino", 2016, "PHL"),
        ("Emirati", 2020, "ARE"),
        ("Brussels", 2010, "BEL"),
        ("European Commission", 1990, "EEC"),
        ("European Commission", 2010, "EU"),
        ("Taiwan", 2000, "TWN"),
        ("Hong Kong", 1997, "HKG"),
        ("Holy See", 2013, "VAT"),
        ("Kosovo", 2010, "XKX"),
        ("Red Cross", 2000, "ICRC"),
        ("Arab League", 2011, "ARAB_LEAGUE"),
    ],
)
def test_spot_checks(countries, surface, year, code):
    assert resolve(countries, surface, year) == {code}


def test_ambiguous_words_kept_out(countries):
    demonyms = {s for c in countries for s in c["demonyms"]}
    adjectives = {s for c in countries for s in c["adjectives"]}
    assert "Chad" not in demonyms
    assert "Jordan" not in adjectives
    assert resolve(countries, "Chad") == {"TCD"}
    assert resolve(countries, "Georgia") == {"GEO"}
    assert resolve(countries, "Dominican") == {"DOM"}
    assert resolve(countries, "Dominica") == {"DMA"}
    assert resolve(countries, "Niger") == {"NER"}
    assert resolve(countries, "Nigeria") == {"NGA"}
    assert resolve(countries, "Guinea") == {"GIN"}
    assert resolve(countries, "Guinea-Bissau") == {"GNB"}
    assert resolve(countries, "Equatorial Guinea") == {"GNQ"}
    assert resolve(countries, "Papua New Guinea") == {"PNG"}
    # "Korea"/"Korean" alone cannot be resolved to one state; "Congo" means the DRC in post-1997 news.
    assert resolve(countries, "Korean") == set()
    assert resolve(countries, "Congo") == {"COD"}


# ----------------------------------------------------------------------------- landmarks.json


def test_landmarks_parse(landmarks):
    assert isinstance(landmarks, list)
    assert len(landmarks) >= 100


def test_landmark_keys_and_ranges(landmarks, by_code):
    for lm in landmarks:
        assert set(lm) == LANDMARK_KEYS, lm.get("name")
        assert isinstance(lm["name"], str) and lm["name"] == lm["name"].strip() and lm["name"]
        assert isinstance(lm["aliases"], list) and all(isinstance(a, str) and a for a in lm["aliases"])
        assert isinstance(lm["city"], str) and lm["city"], lm["name"]
        lat, lon = lm["latitude"], lm["longitude"]
        assert isinstance(lat, (int, float)) and -90 <= lat <= 90, lm["name"]
        assert isinstance(lon, (int, float)) and -180 <= lon <= 180, lm["name"]
        assert (lat, lon) != (0, 0), lm["name"]
        assert lm["country"] in by_code, (lm["name"], lm["country"])
        assert by_code[lm["country"]]["kind"] == "state", (lm["name"], lm["country"])


def test_landmark_names_and_aliases_unique(landmarks):
    seen: dict[str, str] = {}
    for lm in landmarks:
        for s in [lm["name"], *lm["aliases"]]:
            assert s not in seen or seen[s] == lm["name"], f"{s!r} used by {seen.get(s)!r} and {lm['name']!r}"
            seen[s] = lm["name"]


def test_landmark_spot_checks(landmarks):
    by_name = {lm["name"]: lm for lm in landmarks}
    wh = by_name["White House"]
    assert (wh["city"], wh["country"]) == ("Washington", "USA")
    assert abs(wh["latitude"] - 38.8977) < 0.01 and abs(wh["longitude"] + 77.0365) < 0.01
    kremlin = by_name["Kremlin"]
    assert (kremlin["city"], kremlin["country"]) == ("Moscow", "RUS")
    assert by_name["NATO headquarters"]["country"] == "BEL"
    assert by_name["United Nations Headquarters"]["city"] == "New York"
    assert by_name["Palais des Nations"]["city"] == "Geneva"
    assert "Walker's Point" in by_name["Kennebunkport"]["aliases"]
