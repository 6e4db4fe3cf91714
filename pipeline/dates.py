"""Resolve newswire date expressions ("Monday", "last June", "Aug. 7") against the publication date.

The timeline places every contact on the calendar at the precision the text supports, so an expression
becomes an ISO 8601 value at day, ISO-week, month or year precision. News dates are short and formulaic,
so hand-written rules resolve them (fast, and following the TimeML conventions the project is scored
on); dateparser -- one English-only parser built at import -- is only a fallback for unusual absolute
formats ("the 3rd of March 2021", "7/12/2021").

Underspecified expressions (a weekday, a month, a month-day without a year) need a direction. The caller
passes the clause's tense when it knows it; the expression's own cues ("last", "next", "this coming")
win over it; without either the news default applies: the most recent occurrence, unless the next one is
very close -- the next day for a weekday ("Tuesday" in a Monday story is tomorrow far more often than six
days ago), at most four months ahead for a month or a date ("Dec. 15" in an October story is a coming
deadline: a past date that old would carry its year). A story's own weekday or date is always that day.

Anaphoric expressions ("that day", "the following year"), bare durations ("two years"), decades and
other unanchored periods resolve to None: a wrong date on the timeline is worse than none.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateparser.date import DateDataParser

from pipeline.date_expressions import (
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    DateMention,
    find_date_mentions,
    holiday_date,
    normalise_expression,
    words_to_int,
)

__all__ = ["DateMention", "ResolvedDate", "find_date_mentions", "resolve_date"]

FUTURE_WINDOW_DAYS = 120  # no tense: a month-day at most this far ahead is future, anything else past
FUTURE_WINDOW_MONTHS = 4  # the same window for a bare month name
MAX_EXPRESSION_CHARS = 120  # longer input is a sentence, not a date expression


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # ISO 8601 at its precision: "YYYY-MM-DD", "YYYY-Www", "YYYY-MM", "YYYY"
    precision: str  # "day" | "week" | "month" | "year"
    start: dt.date  # first day of the period (Monday for a week, the 1st for a month, Jan 1 for a year)
    text: str  # the expression it was resolved from


Period = tuple[dt.date, str]  # any day inside the period, and its precision
Rule = Callable[[re.Match[str], dt.date, "str | None"], "Period | None"]


def _make(day: dt.date, precision: str, text: str) -> ResolvedDate:
    """Snap ``day`` to the start of its period and format the ISO value at that precision."""
    if precision == "week":
        year, week, weekday = day.isocalendar()
        return ResolvedDate(f"{year}-W{week:02d}", "week", day - dt.timedelta(days=weekday - 1), text)
    if precision == "month":
        return ResolvedDate(f"{day.year:04d}-{day.month:02d}", "month", day.replace(day=1), text)
    if precision == "year":
        return ResolvedDate(f"{day.year:04d}", "year", dt.date(day.year, 1, 1), text)
    return ResolvedDate(day.isoformat(), "day", day, text)


# --- direction ---------------------------------------------------------------------------------------------
def _weekday(target: int, pub: dt.date, direction: str | None) -> dt.date:
    """Bare weekday: the story's own day, else the previous one -- or the next one when the tense says
    so, or, without a tense, when it is tomorrow (see the module docstring)."""
    back, ahead = (pub.weekday() - target) % 7, (target - pub.weekday()) % 7
    if back == 0:
        return pub
    if direction == "future" or (direction is None and ahead == 1):
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _month_day(month: int, day: int, pub: dt.date, direction: str | None) -> dt.date | None:
    """Month-day without a year: the occurrence on the side ``direction`` names; without a direction,
    the coming one only within FUTURE_WINDOW_DAYS."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if pub in candidates:
        return pub
    past = max((c for c in candidates if c < pub), default=None)
    future = min((c for c in candidates if c > pub), default=None)
    if direction == "future" or (direction is None and future and (future - pub).days <= FUTURE_WINDOW_DAYS):
        return future or past
    return past or future


def _month(month: int, pub: dt.date, direction: str | None, strict: bool = False) -> dt.date:
    """The publication month itself unless ``strict`` ("last June" said in June is a year ago)."""
    ahead = (month - pub.month) % 12
    if ahead == 0 and not strict:
        return dt.date(pub.year, month, 1)
    if direction == "future" or (direction is None and 0 < ahead <= FUTURE_WINDOW_MONTHS):
        return dt.date(pub.year + (month <= pub.month), month, 1)
    return dt.date(pub.year - (month >= pub.month), month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _year(token: str, pub: dt.date) -> int:
    """A four-digit year, or "'98": the latest year so written at most ten years after publication."""
    token = token.strip("'")
    if len(token) == 4:
        return int(token)
    year = (pub.year // 100 + 1) * 100 + int(token)
    while year > pub.year + 10:
        year -= 100
    return year


# --- rules: (match, published, direction) -> (day, precision) | None --------------------------------------
_M = MONTH_RE
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}
_PAST, _FUTURE = ("last", "this past", "past"), ("next", "this coming", "coming")


def _weekday_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period:
    mod, target, week = m.group(1), WEEKDAYS[m.group(2)], m.group(3)
    if week:  # "Monday next week": the weekday of that ISO week
        monday = pub - dt.timedelta(days=pub.weekday())
        return monday + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[week], days=target), "day"
    if mod in _PAST:
        return pub - dt.timedelta(days=(pub.weekday() - target) % 7 or 7), "day"
    if mod in _FUTURE:
        return pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7), "day"
    if mod == "this" and direction is None:  # the nearer of the two
        back, ahead = (pub.weekday() - target) % 7, (target - pub.weekday()) % 7
        return pub + dt.timedelta(days=ahead if ahead <= back else -back), "day"
    return _weekday(target, pub, direction), "day"


_STEP = {"this": 0, "the": 0, "the current": 0, "the full": 0, "this past": -1, "last": -1, "the past": -1,
         "the last": -1, "the latest": -1, "next": 1, "the next": 1, "the coming": 1, "this coming": 1}


def _period_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    """this/last/next/the past week, month, year or weekend; a modifier ("early", "the end of") keeps the
    period, since our precisions cannot say more."""
    if m.group(0) in ("week", "month", "year", "weekend"):
        return None  # a bare unit is anaphoric or a duration
    rel, unit = m.group(1) or "this", m.group(2)
    if unit == "weekend":
        return _weekend(rel, pub, direction), "day"
    if unit == "week" and rel in ("the past", "the last", "the coming"):
        # the seven days up to (or from) now: the ISO week that holds most of them
        return pub + dt.timedelta(days=3 if rel == "the coming" else -3), "week"
    if unit == "week":
        return pub + dt.timedelta(weeks=_STEP[rel]), "week"
    if unit == "month":
        return (pub - dt.timedelta(days=15) if rel in ("the past", "the last") else _add_months(pub, _STEP[rel])), unit
    return dt.date(pub.year + _STEP[rel], 1, 1), "year"  # "the past year" is last year, as TimeML has it


def _weekend(rel: str, pub: dt.date, direction: str | None) -> dt.date:
    """A weekend is a two-day range, so it resolves to its Saturday at day precision."""
    current = pub - dt.timedelta(days=pub.weekday() - 5) if pub.weekday() >= 5 else None
    previous = pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)
    upcoming = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 or 7)
    if rel in (*_PAST, "the past", "the last"):
        return current - dt.timedelta(days=7) if current else previous
    if rel in (*_FUTURE, "the coming", "the next"):
        return upcoming
    if current and (direction != "future" or pub.weekday() == 5):
        return current
    if direction == "future" or (direction is None and (rel == "this" or pub.weekday() == 4)):
        return upcoming  # "this weekend" before Saturday is the coming one; so is "the weekend" on a Friday
    return previous


def _offset_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    """'two weeks ago' / 'in two weeks': an offset from publication, at the unit's precision (TimeML)."""
    count, unit, suffix = words_to_int(m.group(2)), m.group(3), (m.group(4) or "").strip()
    if count is None or not (m.group(1) or suffix):
        return None  # "a few days ago" has no value; "two weeks" alone is a duration
    sign = -1 if suffix == "ago" else 1
    if unit == "day":
        return pub + dt.timedelta(days=sign * count), "day"
    if unit == "week":
        return pub + dt.timedelta(weeks=sign * count), "week"
    if unit == "month":
        return _add_months(pub, sign * count), "month"
    return dt.date(pub.year + sign * count, 1, 1), "year"


def _holiday_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    rel, name, year, week = m.group(1), m.group(2), m.group(3), m.group(4)
    precision = "week" if week else "day"
    if year:
        return holiday_date(name, int(year)), precision
    days = [holiday_date(name, y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if rel in _PAST:
        return max(d for d in days if d < pub), precision
    if rel in _FUTURE:
        return min(d for d in days if d > pub), precision
    if rel == "this":
        return days[1], precision
    day = _month_day(days[1].month, days[1].day, pub, direction)
    return (days[day.year - pub.year + 1], precision) if day else None


def _date_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    """Month-day (range) with optional weekday and year; a range resolves to its first day."""
    groups = m.groupdict()
    month, day = MONTHS[groups["month"]], int(groups["day"])
    if groups["year"]:
        return dt.date(_year(groups["year"], pub), month, day), "day"
    if groups["wd"] and not groups["rel"]:  # "Friday, Oct. 13": the nearest year where that fits
        fits = []
        for year in (pub.year - 1, pub.year, pub.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate.weekday() == WEEKDAYS[groups["wd"]]:
                fits.append(candidate)
        if fits:
            return min(fits, key=lambda c: (abs((c - pub).days), c > pub)), "day"
    if groups["rel"] in _FUTURE:
        direction = "future"
    elif groups["rel"] in _PAST:
        direction = "past"
    resolved = _month_day(month, day, pub, direction)
    return (resolved, "day") if resolved else None


def _month_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    rel, month, year, rel_year = m.group(1), MONTHS[m.group(2)], m.group(3), m.group(4)
    if year:
        return dt.date(_year(year, pub), month, 1), "month"
    if rel_year:  # "June last year"
        return dt.date(pub.year + {"last": -1, "this": 0, "next": 1}[rel_year], month, 1), "month"
    if rel == "this":
        return dt.date(pub.year, month, 1), "month"
    if rel in _PAST:
        return _month(month, pub, "past", strict=True), "month"
    if rel in _FUTURE:
        return _month(month, pub, "future", strict=True), "month"
    return _month(month, pub, direction), "month"


def _season_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    """Seasons only get year precision; winter straddles two years, so it needs an explicit one."""
    rel, season, year = m.group(1), m.group(2), m.group(3)
    if year:
        return dt.date(int(year), 1, 1), "year"
    if season == "winter":
        return None
    first, last = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}[season]
    shift = 0
    if rel in _PAST:
        shift = 0 if pub.month > last else -1
    elif rel in _FUTURE:
        shift = 0 if pub.month < first else 1
    return dt.date(pub.year + shift, 1, 1), "year"


def _around_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    """'the week of March 6', 'the day before last Tuesday': resolve the anchor, then shift or widen."""
    inner = _resolve_normalised(m.group(2), pub, direction)
    if not inner or inner[1] != "day":
        return None
    if m.group(1) == "week":
        return inner[0], "week"
    return inner[0] + dt.timedelta(days=-1 if "before" in m.group(1) else 1), "day"


def _iso_rule(m: re.Match[str], pub: dt.date, direction: str | None) -> Period | None:
    year, part, day = int(m.group(1)), m.group(2), m.group(3)
    if part.startswith("w"):
        return dt.date.fromisocalendar(year, int(part[1:]), 1), "week"
    return (dt.date(year, int(part), int(day)), "day") if day else (dt.date(year, int(part), 1), "month")


_NEAR = (r"(?:early|late|earlier|later|mid)[- ]?|(?:the )?(?:end|beginning|start|middle|rest|remainder|first half|"
         r"second half|first week|last week|closing days|last days) of (?:the )?")
_REL = "this coming|this past|last|next|this|coming|past"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_RANGE = rf"(?:\s*(?:-|to|through|and)\s*(?:{_M}\.?\s*)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?"
_WD = "(" + "|".join(WEEKDAYS) + ")"
_DATE_PREFIX = rf"(?:(?P<rel>{_REL})\s+)?(?:(?P<wd>{_WD[1:-1]}),?\s+)?"
_YEAR_SUFFIX = r"(?:,?\s+(?:of\s+)?(?P<year>\d{4}|'\d\d))?"
_UNIT_REL = ("this coming|this past|the current|the latest|the coming|the next|the past|the last|the full|"
             "the|this|last|next")
_APPROX = "about|almost|nearly|some|more than|less than|over|roughly|around|just|only|barely|exactly|at least"
_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_COUNT = rf"\d{{1,3}}|a couple of|a few|several|a dozen|(?:{_NUMWORD})(?:[ -](?:{_NUMWORD}))?"
_HOLIDAYS = ("christmas(?: day| eve)?|new year(?: day| eve)|thanksgiving(?: day)?|easter(?: sunday| monday)?|holy|"
             "independence day|election day|labor day|memorial day|veterans day|halloween|valentine day")


def _const(step: int, precision: str) -> Rule:
    """A rule for fixed expressions: the publication day moved by ``step`` days or years."""
    if precision == "year":
        return lambda m, pub, direction: (dt.date(pub.year + step, 1, 1), "year")
    return lambda m, pub, direction: (pub + dt.timedelta(days=step), precision)


_RULES: list[tuple[re.Pattern[str], Rule]] = [(re.compile(f"(?:{pattern})$"), rule) for pattern, rule in [
    (r"^(\d{4})-(0[1-9]|1[0-2]|w[0-5]\d)(?:-(\d\d))?", _iso_rule),
    ((rf"^(?:(?:early|late|earlier|later) )?({'|'.join(_RELATIVE_DAYS)})"
     r"(?: (?:morning|afternoon|evening|night|overnight))?"),
     lambda m, pub, direction: (pub + dt.timedelta(days=_RELATIVE_DAYS[m.group(1)]), "day")),
    ((rf"^(?:({_REL}|early|late|earlier|later) )?{_WD}(?: (?:morning|afternoon|evening|night|overnight))?"
     r"(?:,? (?:of )?(last|this|next) week)?"), _weekday_rule),
    ((rf"^(?:{_NEAR})?(?:so far )?({_UNIT_REL})?\s*(?:fiscal |calendar |financial )?(week|month|year|weekend)"
     r"(?: to date| or so)?"), _period_rule),
    (r"^(?:(?:the )?(?:end|beginning|start|middle) of (?:the )?|around )?year[- ]?(?:end|start)", _const(0, "year")),
    (r"^(?:earlier|later) in the year|^this time this year", _const(0, "year")),
    (r"^(?:earlier|later) in the (?:week|month)", lambda m, pub, direction: (pub, m.group(0).rsplit(" ", 1)[1])),
    (r"^year[- ](?:earlier|ago)|^(?:a|one) year (?:earlier|before)|^this time last year", _const(-1, "year")),
    (r"^the day", _const(0, "day")),  # TimeML: "shares fell 2% on the day" is the story's day
    (r"^(?:the )?(week|day (?:before|after)) (?:of |beginning |starting )?(.+)", _around_rule),
    (rf"^(in )?(?:(?:{_APPROX}) )?({_COUNT}) (day|week|month|year)s?(?: or so)?( ago| from now| from today| time)?",
     _offset_rule),
    (rf"^(?:({_REL}) )?({_HOLIDAYS})(?: (\d{{4}}))?( week)?", _holiday_rule),
    (rf"^{_DATE_PREFIX}(?P<month>{_M})\.?\s*{_DAY}{_DAY_RANGE}{_YEAR_SUFFIX}", _date_rule),
    ((rf"^{_DATE_PREFIX}(?:the )?{_DAY}(?:\s*(?:-|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
     rf"(?P<month>{_M})\.?{_YEAR_SUFFIX}"), _date_rule),
    (rf"^(?:{_NEAR})?(?:({_REL}) )?({_M})\.?(?:,? (?:of )?(\d{{4}}|'\d\d)| (?:of )?(last|this|next) year)?",
     _month_rule),
    (rf"^(?:(?:early|late|mid)[- ]?)?(?:({_REL}) )?(?:the )?(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{{4}}))?",
     _season_rule),
    (r"^'(\d\d)", lambda m, pub, direction: (dt.date(_year(m.group(1), pub), 1, 1), "year")),
]]
# a lone four-digit year inside a phrase ("fiscal 1989", "mid-1996", "1990 and beyond", "the 1988 period")
_LONE_YEAR = re.compile(r"(?<![\d,.$])(1\d{3}|20\d\d)(?![\d,]|'?s\b)")
_NOT_A_YEAR_PHRASE = re.compile(rf"\b(?:ago|after|before|prior|since|until|{_M}|{_WD[1:-1]}|days?|weeks?|months?|"
                                r"years|decades?|centur(?:y|ies))\b|\d{4}s|%|\$|\d[/.]\d")
_FALLBACK_OK = re.compile(rf"\b{_M}\b|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}")
_FALLBACK_BLOCK = re.compile(r"\b(?:ago|before|after|later|earlier|next|last|previous|following|since|until|within|"
                             r"days?|weeks?|months?|years?|decades?|hours?|minutes?|every|each|per)\b|\d{4}s")
_PARSER = DateDataParser(languages=["en"], settings={
    "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY", "RELATIVE_BASE": dt.datetime(2000, 6, 15)})


def _fallback(s: str, pub: dt.date, direction: str | None) -> Period | None:
    """dateparser for absolute dates in formats the rules do not cover; the year is ours to infer."""
    if len(s) > 60 or not _FALLBACK_OK.search(s) or _FALLBACK_BLOCK.search(s):
        return None
    data = _PARSER.get_date_data(s)
    if not data or not data.date_obj or data.period not in ("day", "month", "year"):
        return None
    day = data.date_obj.date()
    if re.search(r"\d{4}|'\d\d\b", s):
        return day, data.period
    if data.period == "day":
        resolved = _month_day(day.month, day.day, pub, direction)
        return (resolved, "day") if resolved else None
    return (_month(day.month, pub, direction), "month") if data.period == "month" else None


def _resolve_normalised(s: str, pub: dt.date, direction: str | None) -> Period | None:
    for pattern, rule in _RULES:
        if m := pattern.match(s):
            return rule(m, pub, direction)
    years = _LONE_YEAR.findall(s)
    if years and len(s) <= 40 and len(set(years)) <= 2 and not _NOT_A_YEAR_PHRASE.search(s):
        return dt.date(int(years[0]), 1, 1), "year"
    return _fallback(s, pub, direction)


@functools.lru_cache(maxsize=65536)
def _resolve_cached(text: str, published: dt.date, tense: str | None) -> ResolvedDate | None:
    if text.strip() in ("may", "march"):  # lower case: the modal verb and the noun, not the months
        return None
    s = normalise_expression(text)
    period = _resolve_normalised(s, published, tense) if s else None
    return _make(period[0], period[1], text) if period else None


def resolve_date(text: str, published: dt.date, tense: str | None = None) -> ResolvedDate | None:
    """Resolve one date expression against the publication date. tense: "past", "future" or None (guess:
    the expression's own cues, else past-leaning news default). Never raises: unresolvable, anaphoric or
    duration-only expressions give None."""
    try:
        if not isinstance(text, str) or not isinstance(published, dt.date) or len(text) > MAX_EXPRESSION_CHARS:
            return None
        if isinstance(published, dt.datetime):
            published = published.date()
        return _resolve_cached(text, published, tense if tense in ("past", "future") else None)
    except Exception:
        return None
