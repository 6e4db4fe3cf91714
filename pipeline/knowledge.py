"""The knowledge base of well-known officials (`data/officials.jsonl`).

News names a president once in full and then says `Bush`; it writes `Sergei` or `Sergey`,
`Qaddafi` or `Gaddafi`. The knowledge base turns such names into one canonical person with
the country and role valid in the article's year, so `Bush` in 1990 and `Bush` in 2003 are
different people and a bare `Mubarak` still gets `EGY` and `President`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
OFFICIALS_FILE = DATA_DIR / "officials.jsonl"


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Lowercase, accents removed, punctuation and spacing normalised: the key for name lookups."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ł", "l").replace("Ł", "L").replace("’", "'")
    plain = re.sub(r"[.,]", " ", plain)
    return re.sub(r"\s+", " ", plain).strip().lower()


@dataclass(frozen=True)
class Role:
    title: str
    country: str
    start: int | None
    end: int | None

    def covers(self, year: int, slack: int = 0) -> bool:
        return ((self.start is None or self.start - slack <= year)
                and (self.end is None or year <= self.end + slack))


@dataclass(frozen=True)
class Official:
    name: str
    gender: str
    roles: tuple[Role, ...]
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()

    def role_at(self, year: int | None) -> Role | None:
        """The role held in `year` (the first listed when several), else the nearest in time."""
        if not self.roles:
            return None
        if year is None:
            return self.roles[0]
        for slack in (0, 1):
            for role in self.roles:
                if role.covers(year, slack):
                    return role
        return None

    def in_office(self, year: int | None, slack: int = 1) -> bool:
        return year is None or any(role.covers(year, slack) for role in self.roles)


class OfficialsIndex:
    """Look-ups from names as they appear in text to officials."""

    def __init__(self, officials: list[Official]):
        self.officials = officials
        self._full: dict[str, list[Official]] = {}
        self._short: dict[str, list[Official]] = {}
        for official in officials:
            for name in (official.name, *official.aliases):
                self._full.setdefault(fold_name(name), []).append(official)
                without_title = re.sub(r"^(king|queen|prince|sheikh|emir|sultan|ayatollah|pope) ", "", fold_name(name))
                if without_title != fold_name(name):
                    self._full.setdefault(without_title, []).append(official)
            for name in official.short:
                self._short.setdefault(fold_name(name), []).append(official)

    def by_full_name(self, name: str, year: int | None) -> Official | None:
        """The official whose full name or alias this is, preferring one in office that year."""
        return _pick(self._full.get(fold_name(name), []), year)

    def by_short_name(self, name: str, year: int | None) -> Official | None:
        """The official usually called this (a surname) who was in office that year, if exactly one."""
        candidates = [o for o in self._short.get(fold_name(name), []) if o.in_office(year)]
        return candidates[0] if len(candidates) == 1 else None

    def knows_full(self, name: str) -> bool:
        return fold_name(name) in self._full

    def knows_short(self, name: str) -> bool:
        return fold_name(name) in self._short


def _pick(candidates: list[Official], year: int | None) -> Official | None:
    """Among people sharing a name, the one in office that year (then a year either side), else the first."""
    if not candidates:
        return None
    for slack in (0, 1):
        in_office = [o for o in candidates if o.in_office(year, slack)]
        if in_office:
            return in_office[0]
    return candidates[0]


def parse_official(record: dict) -> Official:
    roles = tuple(Role(r.get("title", ""), r["country"], r.get("from"), r.get("to")) for r in record.get("roles", []))
    return Official(record["name"], record.get("gender", ""), roles,
                    tuple(record.get("aliases", []) or []), tuple(record.get("short", []) or []))


@lru_cache(maxsize=1)
def load_officials(path: Path = OFFICIALS_FILE) -> OfficialsIndex:
    """The knowledge base, read once per process; an absent file gives an empty index."""
    officials: list[Official] = []
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    officials.append(parse_official(json.loads(line)))
    return OfficialsIndex(officials)
