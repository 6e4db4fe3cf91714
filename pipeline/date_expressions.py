"""Date vocabulary, spelled-number helpers and the fast candidate matcher behind ``pipeline.dates``.

``find_date_mentions`` is one compiled regular expression tried only near trigger words, because the
pipeline runs it on every paragraph: dateparser's ``search_dates`` is two orders of magnitude slower and
reads "We" as Wednesday and "may" as May.

Span convention (TimeML TIMEX3 style): a mention excludes a governing preposition ("on Monday" ->
"Monday", "in 1993" -> "1993") and a possessive "'s", but keeps words that change the meaning ("last
June", "early December", "in two weeks", "two days ago"). Month and weekday names must be capitalised; a
bare month that is also an English word or a first name ("May", "March", "April", "June", "August") only
counts after a date cue ("in May", "last May") or with a day or year ("May 5", "May 2019").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.easter import easter  # a dateparser dependency


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)} | _TENS | {"a": 1, "an": 1, "oh": 0}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth")
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINALS)} | {"thirtieth": 30}


def words_to_int(phrase: str) -> int | None:
    """Value of a number below 100, spelled or not ("twenty-one", "a", "a couple of", "12"), else None."""
    p = phrase.strip().lower().replace("-", " ")
    if p in ("a couple of", "a couple", "couple of", "a pair of"):
        return 2
    if p.isdigit():
        return int(p)
    total = 0
    for w in p.split():
        if w in NUMBER_WORDS and (total == 0 or (total % 10 == 0 and total >= 20 and NUMBER_WORDS[w] < 10)):
            total += NUMBER_WORDS[w]
        else:
            return None
    return total if p else None


def ordinal_to_int(phrase: str) -> int | None:
    """Day-of-month value of a spelled ordinal ("eighth", "twenty-first"), else None."""
    parts = phrase.strip().lower().replace("-", " ").split()
    if len(parts) == 1:
        return ORDINAL_WORDS.get(parts[0])
    if len(parts) == 2 and parts[0] in ("twenty", "thirty") and parts[1] in ORDINAL_WORDS:
        value = _TENS[parts[0]] + ORDINAL_WORDS[parts[1]]
        return value if value <= 31 else None
    return None


_NUMWORD = "(?:" + "|".join(sorted(NUMBER_WORDS.keys() - {"a", "an"}, key=len, reverse=True)) + "|hundred|thousand)"
_SPELLED = re.compile(rf"\b{_NUMWORD}(?:[\s-]+(?:and[\s-]+)?{_NUMWORD})+\b")


def _spelled_year(match: re.Match[str]) -> str:
    words = [w for w in re.split(r"[\s-]+", match.group(0)) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words_to_int(" ".join(words[2:])) if words[2:] else 0
        return str(2000 + rest) if rest is not None and rest < 100 else match.group(0)
    head = NUMBER_WORDS.get(words[0], 0)
    if 10 <= head <= 20 and len(words) > 1:
        if words[1] == "hundred":
            rest = words_to_int(" ".join(words[2:])) if words[2:] else 0
        else:
            rest = words_to_int(" ".join(words[1:]))
            rest = rest if rest is not None and (rest >= 10 or words[1] == "oh") else None
        if rest is not None and rest < 100:
            return str(head * 100 + rest)
    return match.group(0)


def spell_out_years(text: str) -> str:
    """Broadcast transcripts spell years out: 'nineteen ninety-six' -> '1996', 'two thousand' -> '2000'.
    Expects lower-case text; number phrases that are not years are left alone."""
    return _SPELLED.sub(_spelled_year, text)


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year day": (1, 1), "new year eve": (12, 31), "independence day": (7, 4),
                   "veterans day": (11, 11), "halloween": (10, 31), "valentine day": (2, 14)}


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a (mostly US) holiday named as ``normalise_expression`` leaves it ("new year day"), in ``year``."""
    if name in _FIXED_HOLIDAYS:
        return dt.date(year, *_FIXED_HOLIDAYS[name])
    if name.startswith("easter") or name == "holy":
        return easter(year) + dt.timedelta(days=1 if name == "easter monday" else 0)
    nov1, sep1, may31 = dt.date(year, 11, 1), dt.date(year, 9, 1), dt.date(year, 5, 31)
    if name.startswith("thanksgiving"):  # US: the fourth Thursday of November
        return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return nov1 + dt.timedelta(days=(0 - nov1.weekday()) % 7 + 1)
    if name == "labor day":
        return sep1 + dt.timedelta(days=(0 - sep1.weekday()) % 7)
    return may31 - dt.timedelta(days=may31.weekday())  # memorial day: the last Monday of May


# --- normalisation of one expression ------------------------------------------------------------------
MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"  # any month name, lower case
_ORDINAL_AFTER_MONTH = re.compile(rf"\b({MONTH_RE}\.?)\s+(?:the\s+)?([a-z]+(?:[\s-][a-z]+)?)$")
_LEADING = re.compile(r"^(?:on|in|at|by|since|until|till|from|during|around|about|before|after|of|for|as of|"
                      r"through|throughout|over|starting|beginning|circa|approximately|roughly|as early as|"
                      r"as late as|no later than|sometime|some time|effective)\s+")
_TIME = re.compile(r",?\s*(?:at\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d\d|\bnoon\b|\bmidnight\b)"
                   r"(?:\s+(?:local time|gmt|utc|[ecmp][sd]t)\b)?")


def normalise_expression(text: str) -> str:
    """Lower-case, unify punctuation, spell out numbers, drop prepositions, times and possessives."""
    s = text.strip().lower().replace("’", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip(" .,;:!?\"()[]")
    s = spell_out_years(re.sub(r"'s\b", "", s))
    ordinal = _ORDINAL_AFTER_MONTH.search(s)
    if ordinal and ordinal_to_int(ordinal.group(2)):
        s = s[:ordinal.start(2)] + str(ordinal_to_int(ordinal.group(2)))
    s = _TIME.sub("", s).strip(" ,")
    while (m := _LEADING.match(s)) and not re.match(r"in (?:\w+ )?\w+ (?:day|week|month|year)s?\b", s):
        s = s[m.end():]
    return re.sub(r"^(early|late|earlier|later) (?:on|in) ", r"\1 ", s).strip(" ,")


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text given
    end: int
    text: str


# --- the matcher ---------------------------------------------------------------------------------------------
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_MON = (r"(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
        r"|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z]|-[A-Za-z])")  # not Mar-a-Lago
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?![:,.]\d)"
_Y4 = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])(?!'?s\b)"
_YEAR = rf"(?:{_Y4}|['’]\d\d(?![\d%]))"
_NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|a\s+couple\s+of|a\s+few|several)")
_UNIT = r"(?:days?|weeks?|months?|years?)"
_TOD = r"(?:morning|afternoon|evening|night|overnight)"
_DASH = r"\s*(?:-|–|—|to|through|and)\s*"
_REL = r"(?:this\s+coming|this\s+past|last|next|this|coming)"
_PART = r"(?:(?:early|mid|late)-?\s*|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)"

_PATTERNS = (
    r"\d{4}-\d\d-\d\d(?!\d)",
    # weekday, optionally modified and/or followed by its calendar date and a time of day
    (rf"(?:(?:{_REL}|early|late|earlier|later)\s+)?{_WD}(?:\s*,?\s*(?:{_MON}\s*{_DAY}|{_DAY}\s+{_MON})"
     rf"(?:,?\s+{_Y4})?)?(?:\s+{_TOD})?(?:\s*,?\s+(?:this|last|next)\s+week\b)?"),
    # month day (range) (year); day month (year)
    rf"(?:{_REL}\s+)?{_MON}\s*{_DAY}(?:{_DASH}(?:{_MON}\s*)?{_DAY})?(?:,?\s+{_YEAR})?",
    rf"{_DAY}(?:{_DASH}{_DAY})?\s+(?:of\s+)?{_MON}(?:,?\s+{_Y4})?",
    # (modified) month (year)
    rf"{_PART}?(?:(?:{_REL}|past)\s+)?{_MON}(?:(?:,?\s+(?:of\s+)?{_YEAR})|\s+(?:of\s+)?(?:last|this|next)\s+year\b)?",
    # relative days
    rf"(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow)\b(?:\s+{_TOD}\b)?",
    r"the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b",
    r"(?:last\s+night|this\s+(?:morning|afternoon|evening))\b",
    # weeks, months, years, weekends named relative to the publication date
    (r"(?:(?:early|late|earlier|later|mid)[-\s]+|(?:the\s+)?(?:end|beginning|start|middle|rest)\s+of\s+)?"
     r"(?:this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+coming|the\s+current)\s+"
     r"(?:fiscal\s+|calendar\s+)?(?:week|month|year|weekend)\b"),
    r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?:week|month|year)\b",
    r"(?:the|this)\s+weekend\b",
    (r"(?:(?:about|almost|nearly|some|more\s+than|less\s+than|over|roughly|around|just|only)\s+)?"
     rf"{_NUM}\s+{_UNIT}(?:\s+or\s+so)?\s+ago\b"),
    rf"in\s+(?:about\s+|around\s+|roughly\s+)?{_NUM}\s+{_UNIT}(?:'|’)?(?:\s+time)?\b",
    # holidays
    (r"(?:(?:last|next|this)\s+)?(?-i:Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)|"
     r"Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday)?|Independence\s+Day|Election\s+Day|Labor\s+Day|"
     r"Memorial\s+Day|Veterans\s+Day)\b"),
    # seasons need a modifier or a year: bare "fall" and "spring" are usually not dates
    (rf"(?:(?:{_REL}|early|late)\s+(?:spring|summer|autumn|fall|winter)\b"
     rf"|(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_Y4}"
     rf"|the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+{_Y4})"),
    # years: plain, modified, fiscal, ranges
    rf"{_PART}?(?:(?:fiscal|FY)\s*(?:year\s+)?)?{_Y4}(?:\s*(?:-|–|/)\s*(?:{_Y4}|\d\d(?!\d)))?",
)
_MATCHER = re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")", re.IGNORECASE)
_BARE_MONTH = re.compile(rf"^{_MON}$")
_BARE_YEAR = re.compile(rf"^{_Y4}$")
# words after which a capitalised month name is a date ("in May", "last May", "May and June")
_MONTH_CUES = _wordset("in during since until till by before after from through to of early late mid between "
                       "and or around throughout last next this on for as")
_AMBIGUOUS_MONTHS = frozenset({"May", "March", "April", "June", "August"})
# nouns that make a four-digit number a count, not a year ("1999 people")
_COUNT_NOUNS = _wordset("""people persons men women children soldiers troops police policemen officers residents
    civilians refugees workers employees jobs students votes voters delegates members deaths dead casualties
    victims cases prisoners detainees tons tonnes barrels kilometers kilometres km miles meters metres feet acres
    hectares square units vehicles cars tanks aircraft planes homes houses buildings families households dollars
    euros yuan yen pounds rupees shares points seats pages words years days hours minutes copies signatures calls
    percent per ships boats guns rockets missiles troopers marines fighters militants protesters demonstrators
    pilgrims tourists visitors patients doctors teachers athletes runs yards lbs kg kilograms""")
_COUNT_BEFORE = re.compile(r"(?:[$€£#]|\bno\.|\bnumber|\bresolution|\bflight|\broute|\bpage|\barticle|\broom|"
                           r"\bmore\s+than|\bfewer\s+than|\bless\s+than|\bup\s+to|\bat\s+least|\bsome|\bnearly|"
                           r"\balmost|\bapproximately|\broughly|\btotal\s+of)\s*$", re.IGNORECASE)


def _accept(text: str, m: re.Match[str]) -> bool:
    """Post-filter the matches that are dates only in context: bare months and bare years."""
    span = m.group(0)
    before = text[max(0, m.start() - 24):m.start()]
    after = text[m.end():m.end() + 24]
    if _BARE_MONTH.match(span):
        prev = re.search(r"([A-Za-z]+)\W*$", before)
        if prev and prev.group(1).lower() in _MONTH_CUES and not re.match(r"\s+[A-Z][a-z]", after):
            return True
        return span not in _AMBIGUOUS_MONTHS and not re.match(r"\s*(?:[A-Z][a-z]|'s\b)", after)
    if _BARE_YEAR.match(span):
        if re.search(r"[\d,.]$", before) or re.match(r"[,.]\d", after) or _COUNT_BEFORE.search(before):
            return False
        nxt = re.match(r"\s+([A-Za-z]+)", after)
        return not (nxt and nxt.group(1).lower() in _COUNT_NOUNS)
    return True


# Every pattern contains a trigger word or a digit, and a match starts at most six words before its trigger
# ("more than a couple of years ago"), at a word that can open a date expression. Trying the alternation
# only there is three times faster than letting the regex engine try it at every word of the text.
_TRIGGERS = _wordset("""today tonight yesterday tomorrow night morning afternoon evening week weeks weekend month
    months year years day days ago spring summer autumn fall winter christmas new thanksgiving easter independence
    election labor memorial veterans""") | WEEKDAYS.keys() | MONTHS.keys()
_STARTERS = _wordset("""the this last next coming early late earlier later mid end beginning start middle rest in
    about almost nearly some more less over roughly around just only a an one two three four five six seven eight
    nine ten eleven twelve fifteen twenty thirty forty fifty several fiscal fy past""") | _TRIGGERS
_WORD = re.compile(r"[^\W_]+")
_LOOKBACK_WORDS = 6


def find_date_mentions(text: str) -> list[DateMention]:
    """Fast matcher for candidate date expressions in a sentence or paragraph, left to right,
    non-overlapping, longest match (alternatives are ordered longest-first and greedy)."""
    if not isinstance(text, str) or not text:
        return []
    out: list[DateMention] = []
    spans = [w.span() for w in _WORD.finditer(text)]
    pos = 0
    for i, (w_start, w_end) in enumerate(spans):
        if w_start < pos or not (text[w_start].isdigit() or text[w_start:w_end].lower() in _TRIGGERS):
            continue
        for start, stop in spans[max(0, i - _LOOKBACK_WORDS):i + 1]:
            if start < pos or not (text[start].isdigit() or text[start:stop].lower() in _STARTERS):
                continue
            m = _MATCHER.match(text, start)
            if m and m.end() > w_start:
                pos = m.end()
                if _accept(text, m):
                    trimmed = m.group(0).rstrip(" ,")
                    out.append(DateMention(m.start(), m.start() + len(trimmed), trimmed))
                break
    return out
