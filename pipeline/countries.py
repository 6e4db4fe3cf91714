"""Countries and international organisations named in text: `Russia`, `Russian`, `Pakistan's`,
`Washington said`, `the Kremlin`, `U.N.`, `Soviet`.

The lexicon is data (`data/countries.json`); this module compiles it once into one regular
expression so a whole article is scanned in a single C-speed pass. Surfaces whose country
changed over time (`Moscow` is the Soviet Union before 1992) are resolved by the article's year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.phrases import PhraseMatcher

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COUNTRIES_FILE = DATA_DIR / "countries.json"

SURFACE_KINDS = ("names", "adjectives", "demonyms", "capitals", "metonyms")


@dataclass(frozen=True)
class CountryMention:
    """A country word in text; `kind` says how it names the country (name, adjective, ...)."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # "name" | "adjective" | "demonym" | "capital" | "metonym" | "possessive"


@dataclass(frozen=True)
class CountryEntry:
    code: str
    name: str
    kind: str  # "state" | "historical" | "organisation"
    valid_from: int | None
    valid_to: int | None

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return self.kind != "historical"
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


class CountryLexicon:
    """Finds country mentions and answers questions about codes."""

    def __init__(self, records: list[dict]):
        self.entries: dict[str, CountryEntry] = {}
        self._by_surface: dict[str, list[tuple[CountryEntry, str]]] = {}
        for record in records:
            entry = CountryEntry(record["code"], record["name"], record.get("kind", "state"),
                                 record.get("from"), record.get("to"))
            self.entries[entry.code] = entry
            for kind in SURFACE_KINDS:
                for surface in record.get(kind, []) or []:
                    if surface:
                        self._by_surface.setdefault(surface, []).append((entry, kind[:-1] if kind != "capitals"
                                                                         else "capital"))
        self._matcher = PhraseMatcher(self._by_surface, split_hyphens=True)
        self.organisation_codes = frozenset(c for c, e in self.entries.items() if e.kind == "organisation")

    def find(self, text: str, year: int | None = None) -> list[CountryMention]:
        """Country mentions in text, left to right, longest first, resolved for the year."""
        mentions = []
        for hit in self._matcher.finditer(text):
            choice = self._choose(hit.phrase, year)
            if choice is None:
                continue
            entry, kind = choice
            if hit.possessive and kind == "name":
                kind = "possessive"
            mentions.append(CountryMention(hit.start, hit.end, text[hit.start:hit.end], entry.code, kind))
        return mentions

    def code_for(self, surface: str, year: int | None = None) -> str | None:
        """Code for an exact surface (`Jordanian`, `U.N.`), or None."""
        choice = self._choose(surface.strip(), year)
        return choice[0].code if choice else None

    def name_of(self, code: str) -> str:
        entry = self.entries.get(code)
        return entry.name if entry else code

    def is_organisation(self, code: str) -> bool:
        return code in self.organisation_codes

    def _choose(self, surface: str, year: int | None) -> tuple[CountryEntry, str] | None:
        options = self._by_surface.get(surface)
        if not options:
            return None
        for entry, kind in options:
            if entry.valid_in(year):
                return entry, kind
        # Outside every validity window: prefer a current state over a historical one.
        current = [o for o in options if o[0].kind != "historical"]
        return (current or options)[0]


@lru_cache(maxsize=1)
def load_countries(path: Path = COUNTRIES_FILE) -> CountryLexicon:
    """The lexicon from `data/countries.json`, built once per process."""
    with open(path, encoding="utf-8") as handle:
        return CountryLexicon(json.load(handle))
