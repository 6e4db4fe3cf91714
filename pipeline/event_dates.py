"""Which date expression governs a contact, and what day it means.

A sentence often holds several dates: `agreed on Saturday to resume negotiations that broke
down in May`, `their first talks since a summit in Helsinki last year`, `a plan for cooperation
until 2030`. The contact's date is the closest expression in the contact's own clause, read in
the contact's tense; dates that belong to another event (after `since`, `until`, inside a
relative clause, across `; but`) are ignored. When the sentence has none, the narrative's
date carries over from the sentence before (`On Tuesday, X arrived. He met Y.`), as readers
and annotators read it; only then does the publication date stand in.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.contact_cues import sentence_tense
from pipeline.contacts import ContactCandidate
from pipeline.dateline import Dateline
from pipeline.dates import ResolvedDate, find_date_mentions, resolve_date
from pipeline.sentences import Sentence

_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|,\s+(?:and|who|which|as|after|before)\b|"
                           r"\band\s+(?:is|was|will|has|had|would|then|later|also)\b|\bwhere\b")
_OTHER_EVENT = re.compile(r"\b(?:that|which|who)\s+(?:had\s+|has\s+|was\s+|were\s+)?[a-z]+\b|\bsince\b|\buntil\b|"
                          r"\btill\b|\bthrough\b|\bahead\s+of\b|\bduring\b|\bfollowing\b")
_DATE_LINKED_ELSEWHERE = re.compile(r"\b(?:since|until|till|through|before|after|ahead\s+of|following|"
                                    r"in\s+the\s+run-up\s+to|as\s+of|compared\s+(?:with|to))\s+"
                                    r"(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,4}$|\bby\s+$", re.IGNORECASE)
_SPAN = re.compile(r"^in\s+(?:\w+\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)$", re.IGNORECASE)
_ARRIVAL = re.compile(r"\b(?:arrived|arrives|landed|lands|flew\s+in)\b[^,;.]{0,40}$", re.IGNORECASE)
_AND_PASSIVE = re.compile(r"^\s*,?\s*and\s+(?:was|were|is|are)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_INFINITIVE_GAP = re.compile(r"^\s*(?:\w+\s+){0,2}to\s+$", re.IGNORECASE)
_WHERE_CLAUSE = re.compile(r"^\s*,\s*where\b")
MAX_AFTER_CHARS = 120  # a date further after the contact word belongs to a later clause
MAX_BEFORE_CHARS = 160
_FRONTED = re.compile(r"^\s*(?:(?:on|in|at|by|earlier|later|late|early)\s+)*$", re.IGNORECASE)
_INHERITABLE = frozenset({"day", "week"})
LOOKBACK_SENTENCES = 2


def governing_date(sentences: list[Sentence], sentence: Sentence, candidate: ContactCandidate,
                   dateline: Dateline | None, today: dt.date, tense: str) -> tuple[ResolvedDate | None, str]:
    """The resolved date of a contact and where it came from: "own" (its sentence), "inherited" (the
    narrative date of the sentence before) or "" (nothing in the text dates it)."""
    own = _best_in_sentence(sentence, candidate, dateline, today, tense)
    if own is not None:
        return own, "own"
    for earlier in reversed(sentences[max(0, sentence.index - LOOKBACK_SENTENCES): sentence.index]):
        if sentence.paragraph - earlier.paragraph > 1:
            break
        # The earlier date is read in its own sentence's tense (`meet Monday` is next Monday).
        inherited = _last_date(earlier, dateline, today, sentence_tense(earlier.text))
        if inherited is not None:
            # a month carries over only between announcements (`will visit Tokyo next month. He is expected to
            # hold talks with ...`); a past month before a past contact is usually background
            inheritable = inherited.precision in _INHERITABLE or (
                inherited.precision == "month" and tense == "future" and inherited.start > today)
            if inheritable and _fits_tense(inherited, today, tense):
                return inherited, "inherited"
            return None, ""
    return None, ""


def _usable(sentence: Sentence, start: int, dateline: Dateline | None) -> bool:
    return dateline is None or sentence.start + start >= dateline.end


def _best_in_sentence(sentence: Sentence, candidate: ContactCandidate, dateline: Dateline | None, today: dt.date,
                      tense: str) -> ResolvedDate | None:
    text = sentence.text
    trigger_start = candidate.trigger_start - sentence.start
    trigger_end = candidate.trigger_end - sentence.start
    best: tuple[float, ResolvedDate] | None = None
    for mention in find_date_mentions(text):
        if not _usable(sentence, mention.start, dateline):
            continue
        if _DATE_LINKED_ELSEWHERE.search(text[max(0, mention.start - 40): mention.start]):
            continue  # `since a summit last year`, `until 2030`: the date of something else
        if mention.start >= trigger_end:
            # the names after the contact word belong to it, they do not push its date away
            anchor = candidate.anchor_for(sentence.start + mention.start) - sentence.start
            between = text[anchor: mention.start]
            if _OTHER_EVENT.search(between) or len(between) > MAX_AFTER_CHARS:
                continue
            distance = float(mention.start - anchor)
        else:
            between = text[mention.end: trigger_start]
            fronted = _FRONTED.match(text[: mention.start]) and re.match(r"\s*,", text[mention.end:])
            if not fronted and len(between) > MAX_BEFORE_CHARS:
                continue
            distance = float(trigger_start - mention.end) * (1.0 if fronted else 2.0)
            if _INFINITIVE_GAP.match(between):
                distance += 40  # `agreed on Friday to meet next month`: Friday dates the agreeing
            # `a NATO summit on Monday, where he will also hold talks with X`: the place's date is the contact's.
            between = _WHERE_CLAUSE.sub("", between, count=1)
            if _ARRIVAL.search(text[: mention.start]) and _AND_PASSIVE.match(between):
                between = ""  # `Xi arrived on Monday and was welcomed by Putin`: one occasion, one date
        if _CLAUSE_BREAK.search(between):
            continue
        resolved = resolve_date(mention.text, today, tense)
        if resolved is None or (tense == "past" and resolved.start > today and _SPAN.match(mention.text)):
            continue  # `held their first talks in five years`: for a past contact that is a span, not a date
        if best is None or distance < best[0]:
            best = (distance, resolved)
    return best[1] if best else None


def _last_date(sentence: Sentence, dateline: Dateline | None, today: dt.date, tense: str) -> ResolvedDate | None:
    """The narrative date a sentence sets: its last date expression not tied to another event."""
    for mention in reversed(find_date_mentions(sentence.text)):
        if not _usable(sentence, mention.start, dateline):
            continue
        if _DATE_LINKED_ELSEWHERE.search(sentence.text[max(0, mention.start - 40): mention.start]):
            continue
        resolved = resolve_date(mention.text, today, tense)
        if resolved is not None:
            return resolved
    return None


def _fits_tense(resolved: ResolvedDate, today: dt.date, tense: str) -> bool:
    if tense == "past":
        return resolved.start <= today
    if tense == "future":
        return resolved.start >= today - dt.timedelta(days=6)
    return True


_FUTURE_CUE = re.compile(r"\b(?:will|'ll|shall|is\s+to|are\s+to|going\s+to|due|scheduled|expected|plans?\s+to|"
                         r"set\s+to|slated|upcoming|intends?\s+to)\b", re.IGNORECASE)
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|ago|last|earlier|previously|said|reported|announced|\w+ed)\b",
                       re.IGNORECASE)
_CLAUSE_EDGE = re.compile(r"[;:]|\bbut\b|,\s+(?:and|but|while|which|who)\b|\.\s")


def clause_tense(text: str, start: int, end: int) -> str | None:
    """"future" when the verb before a date expression looks forward (`will begin ... on Friday`,
    `is to meet on Monday`), else None so the resolver's news default applies.

    Only the words between the clause's start and the expression count: what follows a date belongs to the
    next verb (`said on Tuesday that Iraq would retaliate`).
    """
    left = text[max(0, start - 70): start]
    edges = list(_CLAUSE_EDGE.finditer(left))
    left = left[edges[-1].end():] if edges else left
    future = list(_FUTURE_CUE.finditer(left))
    if not future:
        return None
    after_cue = left[future[-1].end():]
    return None if _PAST_CUE.search(after_cue) else "future"
