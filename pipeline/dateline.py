"""The dateline at the top of a wire story: `CAIRO, April 2 (AFP) -`, `NAIROBI, Kenya (AP) _`.

It says where the reporter was (so `arrived here` means Cairo) and often on which day the
story was filed, which can be a day before the publication date; relative dates (`today`,
`Friday`) are meant against that day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_CITY = re.compile(r"\s*([A-Z][A-Z'’.]*(?:[ -][A-Z][A-Z'’.]*){0,3})(?=\s*[,(_—–-])")
_REGION = re.compile(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})(?=\s*[,(_—–-])")
_DATE = re.compile(r",\s*([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:\s*,\s*(\d{4}))?(?:\s*,\s*\d{4})?")
_AGENCY = re.compile(r"\s*\(([^()]{1,40})\)")
_SEPARATOR = re.compile(r"\s*(?:--|-|_|—|–|:)\s*")


@dataclass(frozen=True)
class Dateline:
    """Where and when a story was filed, and where its dateline ends in the body."""

    city: str
    region: str
    day: dt.date | None
    end: int


def parse_dateline(body: str, published: dt.date) -> Dateline | None:
    """The dateline of a body, or None when the story has none."""
    city_match = _CITY.match(body)
    if not city_match or len(city_match.group(1)) < 3:
        return None
    position = city_match.end()
    region = ""
    day: dt.date | None = None
    region_match = _REGION.match(body, position)
    if region_match and region_match.group(1).lower()[:3] not in _MONTHS:
        region = region_match.group(1)
        position = region_match.end()
    date_match = _DATE.match(body, position)
    if date_match and date_match.group(1).lower()[:3] in _MONTHS:
        day = _dateline_day(date_match.group(1), date_match.group(2), date_match.group(3), published)
        position = date_match.end()
    agency = _AGENCY.match(body, position)
    if agency:
        position = agency.end()
    separator = _SEPARATOR.match(body, position)
    if not separator and not agency:
        return None
    end = separator.end() if separator else position
    return Dateline(_city_name(city_match.group(1)), region.strip(" ."), day, end)


def reference_day(dateline: Dateline | None, published: dt.date) -> dt.date:
    """The day `today` means: the dateline's day when it is a few days before publication, else publication."""
    if dateline and dateline.day and 0 <= (published - dateline.day).days <= 7:
        return dateline.day
    return published


def _dateline_day(month: str, day: str, year: str | None, published: dt.date) -> dt.date | None:
    number = _MONTHS[month.lower()[:3]]
    candidates = [int(year)] if year else [published.year, published.year - 1]
    for candidate in candidates:
        try:
            value = dt.date(candidate, number, int(day))
        except ValueError:
            continue
        if value <= published + dt.timedelta(days=1):
            return value
    return None


def _city_name(raw: str) -> str:
    words = re.split(r"(\s+|-)", raw.strip())
    small = {"ES", "EL", "AL", "DE", "LA", "OF", "AND"}
    return "".join(w if not w.strip() or w == "-" else (w.lower() if w in small and i else w.capitalize())
                   for i, w in enumerate(words))
