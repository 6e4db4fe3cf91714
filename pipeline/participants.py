"""Who is on each side of a contact word: the subject group before it and the object group after it.

`He and Palestinian leader Yasser Arafat meet ... with US Secretary of State Madeleine Albright`: the
subject is a coordinated group, the object follows `with`. Appositions (`Hochstein, a senior adviser to
President Joe Biden, held talks`), possessors (`Biden's envoy`) and objects of prepositions (`talks with
Erdogan before travelling to meet Putin`) are not subjects. Rules over character offsets, no parser.
"""

from __future__ import annotations

import re

from pipeline.cast import Mention
from pipeline.contact_cues import APPOSITION_GAP, HARD_BOUNDARY, MAX_GAP_WORDS, OBJECT_MARKERS
from pipeline.titles import TITLE_MODIFIERS, is_title_word


def clause_start(left_text: str) -> int:
    last = 0
    for match in HARD_BOUNDARY.finditer(left_text):
        last = match.end()
    starts = list(re.finditer(r"\b(?:when|after|before|as|where)\s+(?=(?:he|she|they|the|[A-Z]))", left_text))
    when = starts[-1] if starts else None
    if when is not None and when.start() > last and not re.search(r"\b(?:after|before)\s+(?:a|an|the|his|her)\b",
                                                                   left_text[when.start():when.start() + 12]):
        last = when.start()
    return last


def left_group(mentions: list[Mention], clause_start: int, trigger_start: int, text: str, base: int) -> list[Mention]:
    """The subject: the nearest person before the trigger, with anyone coordinated with them (`X and Y`)."""
    before = [m for m in mentions if clause_start <= m.start and m.end <= trigger_start
              and (not is_possessive(m, text, base) or re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}",
                                                                 text[m.end - base: trigger_start - base]))]
    if not before:
        return []
    # `Hochstein, a senior adviser to President Joe Biden, held talks`: the subject is outside the apposition;
    # `President Joe Biden's special envoy ...`: a possessor is not the subject either.
    while len(before) > 1 and (_in_apposition(before[-2], before[-1], text, base, trigger_start)
                               or _possessor(before[-1], text, base, trigger_start)
                               or _object_of_preposition(before[-1], text, base)):
        before.pop()
    group = [before[-1]]
    gaps: list[str] = []
    for mention in reversed(before[:-1]):
        gap = text[mention.end - base: group[0].start - base]
        if _is_coordination(gap):
            group.insert(0, mention)
            gaps.insert(0, gap)
        else:
            break
    tail = text[group[-1].end - base: trigger_start - base]
    group = group[-1:] if not _is_list(gaps, tail) else group
    # `with whom the king met`: the relative pronoun is the object, not the subject.
    if group[0].kind == "relative" and len(group) == 1:
        return []
    return [m for m in group if m.kind != "relative" or m is group[-1]] if len(group) > 1 else group


def _in_apposition(previous: Mention, mention: Mention, text: str, base: int, trigger_start: int) -> bool:
    opening = text[previous.end - base: mention.start - base]
    closing = text[mention.end - base: trigger_start - base]
    return (opening.lstrip().startswith(",") and opening.count(",") == 1 and closing.count(",") == 1
            and not HARD_BOUNDARY.search(closing))


_PREPOSITIONS = frozenset({"with", "to", "from", "by", "for", "against", "of", "toward", "towards", "about", "on"})


def _object_of_preposition(mention: Mention, text: str, base: int) -> bool:
    """`talks with Turkish President Erdogan before travelling to meet Putin`: Erdogan is nobody's subject.

    The mention's own title is skipped first, so the `of` in `Secretary of State Mike Pompeo` does not count.
    """
    words = text[max(0, mention.start - base - 80): mention.start - base].split()
    while words and (words[-1][0].isupper() or is_title_word(words[-1]) or words[-1] in {"of", "for"}):
        words.pop()
    while words and words[-1] in {"the", "his", "her", "their"}:
        words.pop()
    return bool(words) and words[-1].lower() in _PREPOSITIONS


def _possessor(mention: Mention, text: str, base: int, trigger_start: int) -> bool:
    after = text[mention.end - base: trigger_start - base]
    return bool(re.match(r"['’]s\s+\S+\s+\S", after)) and not re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,2}", after)


def right_group(mentions: list[Mention], trigger_end: int, text: str, base: int, attach: str) -> list[Mention]:
    """The object: the first person after the trigger (after `with`, `to`, `by` ... when the trigger needs one)."""
    after = [m for m in mentions
             if m.start >= trigger_end and m.kind != "relative" and not is_possessive(m, text, base)]
    if not after:
        return []
    first = after[0]
    gap = text[trigger_end - base: first.start - base]
    if len(gap.split()) > MAX_GAP_WORDS or HARD_BOUNDARY.search(gap):
        return []
    if re.search(r",\s*(?:who|which|that|said|says|and\s+said)\b|\bsaid\b|\btold\b|\bsays\b", gap):
        return []
    if attach == "adjacent":
        if _plain_words(gap) > 1:  # `spoke with Ukrainian President X`, `spoke to the Chinese leader`
            return []
    elif attach != "direct" and not re.search(OBJECT_MARKERS[attach], gap, re.IGNORECASE) and attach != "any":
        return []
    if attach == "direct" and _plain_words(gap) > 4 and not re.search(OBJECT_MARKERS["direct"], gap, re.I):
        return []
    if re.search(r"\b(?:before|after|when|until|while|since|because|if|once)\b", gap, re.IGNORECASE):
        return []  # `their final meeting before Donald Trump returns`: a new clause, not the object
    group = [first]
    gaps: list[str] = []
    for mention in after[1:]:
        gap = text[group[-1].end - base: mention.start - base]
        if _is_coordination(gap):
            group.append(mention)
            gaps.append(gap)
        else:
            break
    return group if _is_list(gaps, text[group[-1].end - base: group[-1].end - base + 30]) else group[:1]


def _plain_words(gap: str) -> int:
    """Words of a gap before the title that introduces the name: `met Australia's newly elected prime
    minister, Anthony Albanese` has none; `hosted the G7 summit, and Prime Minister X` keeps six."""
    words = gap.split()
    while words:
        word = words[-1].strip(",;:")
        if word and (word[0].isupper() or is_title_word(word) or word.lower() in TITLE_MODIFIERS
                     or word.lower().endswith(("'s", "’s"))) and word.lower() not in {"the", "of", "for"}:
            words.pop()
        else:
            break
    return len(words)


def _is_list(gaps: list[str], tail: str = "") -> bool:
    """Names joined only by commas are not a list until an `and` closes it (`Zelensky, Biden said` is two
    clauses; `Biden, Macron and Merkel` and `Bushnell, Kimotho and others` are lists)."""
    return (not gaps or any(re.search(r"\b(?:and|or)\b", gap) for gap in gaps)
            or bool(re.match(r"\s*,?\s*(?:and|or)\b", tail)))


def is_possessive(mention: Mention, text: str, base: int) -> bool:
    """`his` / `her` before a noun (`his Egyptian counterpart`) names an owner, not a participant."""
    if mention.kind not in {"pronoun", "group"} or (mention.kind == "group" and mention.text.lower() != "their"):
        return False
    word = mention.text.lower()
    if word in {"his", "their"}:
        return True
    return word == "her" and bool(re.match(r"\s+[A-Za-z]", text[mention.end - base:]))


def _is_coordination(gap: str) -> bool:
    """Whether the text between two names only joins them: `, `, ` and `, ` of Ukraine and `, `, and Trade Minister `,
    or an apposition between commas: `, the party's most senior foreign policy official, and Foreign Minister `.
    """
    apposition = APPOSITION_GAP.match(gap)
    if apposition and all(w[0].isupper() or is_title_word(w) for w in apposition.group("title").split()):
        return True
    tokens = re.findall(r"[\w.'’-]+|,", re.sub(r"\([^)]*\)", " ", gap))
    rest = [t for t in tokens if not (t[0].isupper() or is_title_word(t) or t in {"of", "the", "his", "her", "their"})]
    return bool(rest) and all(t in {",", "and", "or"} for t in rest)


def fallback_subject(mentions: list[Mention], objects: list[Mention], trigger_start: int) -> list[Mention]:
    """For `After a meeting with X, Bush said`: the subject sits in the main clause, after the object."""
    others = [m for m in mentions if m not in objects and m.kind != "relative"]
    if not others:
        return []
    return [min(others, key=lambda m: abs(m.start - trigger_start))]


def person_ids(mentions: list[Mention]) -> list[int]:
    ids: list[int] = []
    for mention in mentions:
        for index in mention.persons:
            if index not in ids:
                ids.append(index)
    return ids
