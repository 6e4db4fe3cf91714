"""Contacts: which sentences report that officials met, talked or called, and who took part.

A contact is a trigger (`met`, `held talks with`, `phone call to`, `summit hosted by`) with
people on its left (the subject: `Kerry met`, `He and Arafat meet`) and on its right (the
object: `met Lavrov`, `talks with Mubarak`, `hosted by Biden`). We do not parse; we read the
clause around the trigger with rules newswire follows closely, which is fast and, on wire
copy, accurate. Negated, hypothetical and refused contacts are dropped here; planned ones are
marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.cast import Cast, Mention
from pipeline.contact_cues import (
    BILATERAL,
    BY_PHONE,
    CIRCUMSTANCE,
    HYPOTHETICAL,
    HYPOTHETICAL_AFTER,
    NEGATION,
    NOUN_TRIGGER,
    PARTICIPATION,
    PERFECT_PAST,
    PHONE_CONTEXT,
    SEPARATE,
    TRIGGERS,
    VAGUE_PAST,
    contact_tense,
    has_trigger_anchor,
    trigger_matches,
)
from pipeline.participants import (
    clause_start,
    fallback_subject,
    is_possessive,
    left_group,
    person_ids,
    right_group,
)
from pipeline.sentences import Sentence


@dataclass(frozen=True)
class ContactCandidate:
    """A contact found in one sentence, before dates, places and topics are attached."""

    sentence: int
    trigger_start: int  # body offsets
    trigger_end: int
    trigger: str
    event_type: str
    participants: tuple[int, ...]  # cast indices
    status: str  # "occurred" | "planned"
    tense: str  # "past" | "future" | "present": how to read an underspecified date (`Monday`)
    vague_past: bool
    via_reference: bool  # a participant was found through a pronoun or role word
    spread: int = 0  # characters from the trigger to its farthest participant: smaller is a tighter reading
    objects_end: int = 0  # body offset where the list of people after the trigger ends (0: none)

    def anchor_for(self, position: int) -> int:
        """Where to measure a date or place at body offset `position` (after the trigger) from: the end of the
        people the contact names after its word (`hosted A, B, ... and G at the resort from June 11 to 13`,
        `met Abbas in Ramallah`), however long their names, else the contact word itself."""
        return self.objects_end if position >= self.objects_end > self.trigger_end else self.trigger_end


_JOIN = re.compile(r"\b(?:also\s+)?(?:(?:took\s+part|take\s+part|takes\s+part|participated|joined|attended|sat\s+in)"
                   r"\s+(?:in\s+|on\s+)?|(?:was|were)\s+(?:also\s+)?(?:on|in|at|part\s+of)\s+)(?:the|those|these)\s+"
                   r"(?:talks|meeting|meetings|session|sessions|discussions|dinner|lunch|negotiations|call|summit)\b",
                   re.IGNORECASE)
JOIN_LOOKBACK_SENTENCES = 2
_JOIN_WORDS = ("part", "participated", "joined", "attended", "sat in", "was ", "were ")  # cheap test before _JOIN


def find_joiners(sentence: Sentence, cast: Cast) -> list[ContactCandidate]:
    """People who join a contact already told (`Cavusoglu, who also took part in the talks, ...`), as
    one-person candidates of type "join" that :func:`attach_joiners` adds to that contact."""
    mentions = cast.in_sentence(sentence.index)
    found = []
    for match in _JOIN.finditer(sentence.text):
        start = sentence.start + match.start()
        left = sentence.text[: match.start()]
        before = [m for m in mentions if m.end <= start and m.start >= sentence.start + clause_start(left)]
        subject = left_group(mentions, sentence.start + clause_start(left), start, sentence.text, sentence.start)
        if not subject and before and before[-1].kind == "relative":
            subject = [before[-1]]  # `Cavusoglu, who also took part in the talks`
        people = tuple(i for i in person_ids(subject) if _eligible(cast, i))
        if people and not NEGATION.search(left[-40:]):
            found.append(ContactCandidate(sentence.index, start, start + len(match.group(0)), match.group(0), "join",
                                          people, "occurred", "past", False, True))
    return found


def joiner_sentences(sentences: list[Sentence], first_trigger: int) -> set[int]:
    """Sentences after the first contact that say someone joined it, even without a contact word of their own."""
    return {s.index for s in sentences[first_trigger + 1:]
            if any(word in s.text for word in _JOIN_WORDS) and _JOIN.search(s.text)}


def attach_joiners(candidates: list[ContactCandidate]) -> list[ContactCandidate]:
    """Fold each "join" candidate into the latest contact told just before it; drop it when there is none."""
    result: list[ContactCandidate] = []
    for candidate in candidates:
        if candidate.event_type != "join":
            result.append(candidate)
            continue
        for position in range(len(result) - 1, -1, -1):
            target = result[position]
            if candidate.sentence - target.sentence > JOIN_LOOKBACK_SENTENCES:
                break
            extra = tuple(i for i in candidate.participants if i not in target.participants)
            if extra:
                result[position] = replace(target, participants=target.participants + extra)
            break
    return result


def find_trigger_sentences(sentences: list[Sentence]) -> list[int]:
    """Indices of sentences that contain any contact word: the only ones worth reading closely."""
    return [s.index for s in sentences if has_trigger_anchor(s.text) and next(trigger_matches(s.text), None)]


def find_contacts(sentence: Sentence, cast: Cast, context: str = "") -> list[ContactCandidate]:
    """Every contact stated in a sentence (`context`: the sentences just before, for `speak with` = a call)."""
    mentions = cast.in_sentence(sentence.index)
    if len(mentions) < 1:
        return []
    results: list[ContactCandidate] = []
    for match in trigger_matches(sentence.text):
        kind = int(match.lastgroup[1:])  # each trigger pattern is the named group t<index>
        _, event_type, attach = TRIGGERS[kind]
        start, end = sentence.start + match.start(), sentence.start + match.end()
        results.extend(_contacts_at(sentence, cast, mentions, start, end, match.group(0), event_type, attach,
                                    context))
    return _merge_same(results)


_COMMA_CIRCUMSTANCE = re.compile(r",\s+(?:during|in|at|after|following)\s+(?:a|an|the|their|his|her)?\s*"
                                 r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _governing_window(left_window: str, trigger: str) -> str:
    """The words whose negation or condition governs the contact. For `Biden warned Putin that Russia would
    face sanctions if it invaded, during a video call`, the reported clause (`that ... if ...`) is what was
    said, not a condition on the call: it is left out."""
    circumstance = _COMMA_CIRCUMSTANCE.search(left_window) if NOUN_TRIGGER.search(trigger) else None
    if circumstance is None:
        return left_window[-60:]
    main = left_window[: circumstance.start()]
    reported = re.search(r"\bthat\b", main)
    if reported is not None:
        main = main[: reported.start()]
    return main[-60:] + left_window[circumstance.start():]


_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
_NOUN_USE = re.compile(r"\b(?:a|an|the|their|his|her|its|this|that|first|final|last|second|next|another|"
                       r"[\w-]+-(?:hour|minute|day))\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _contacts_at(sentence: Sentence, cast: Cast, mentions: list[Mention], start: int, end: int, trigger: str,
                 event_type: str, attach: str, context: str = "") -> list[ContactCandidate]:
    text, base = sentence.text, sentence.start
    left_text = text[: start - base]
    if attach == "direct" and trigger.lower() == "meeting" and _NOUN_USE.search(left_text):
        attach = "with"  # `their final meeting before Trump returns`: a noun takes `with`, not a direct object
    clause_left = clause_start(left_text)
    left_window = left_text[clause_left:]
    subject = left_group(mentions, base + clause_left, start, text, base)
    objects = right_group(mentions, end, text, base, attach)
    if not objects and subject and attach in {"with", "direct", "any", "adjacent"}:
        relative = [m for m in mentions if m.kind == "relative" and base + clause_left - 12 <= m.start < start]
        if relative and relative[-1].persons != subject[-1].persons:
            objects = [relative[-1]]
    objects += _represented_by(mentions, objects, end, text, base)
    objects += [m for m in _taking_part(mentions, end, text, base) if m not in objects + subject]
    if not subject and objects and trigger.lower() not in {"summit", "summits", "ceremony"}:
        subject = fallback_subject(mentions, objects, start)
    if trigger.lower() == "ceremony" or (not objects and NOUN_TRIGGER.search(trigger)
                                         and CIRCUMSTANCE.search(left_text[-60:])):
        # `In a ceremony ..., A watched B sign`; `A warned B during a video call`: the people of the clause.
        people = [m for m in mentions if m.kind != "relative" and not is_possessive(m, text, base)]
        subject, objects = subject, [m for m in people if m not in subject]
    subject_ids = person_ids(subject)
    object_ids = [i for i in person_ids(objects) if i not in subject_ids]
    window = _governing_window(left_window, trigger)
    if NEGATION.search(window) or HYPOTHETICAL.search(window):
        return []
    if re.match(r"\s*(?:with|by)?\s*(?:no|any)\b", text[end - base:end - base + 12], re.I):
        return []
    if HYPOTHETICAL_AFTER.search(text[end - base:end - base + 160].split(";")[0]):
        return []
    tense = contact_tense(left_window, trigger, text[end - base:])
    planned_cue = tense == "future"
    perfect = bool(PERFECT_PAST.search(left_window[-40:] + trigger))
    vague = perfect or bool(VAGUE_PAST.search(text))
    via_reference = any(m.kind in {"pronoun", "role", "group", "relative"} for m in subject + objects)
    collective = any(m.kind == "group" for m in objects)  # `the three ministers`: one event, not three
    groups = _event_groups(cast, subject_ids, object_ids, event_type, text, collective, trigger)
    spread = max((max(abs(m.start - start), abs(m.end - end)) for m in subject + objects), default=0)
    objects_end = max((m.end for m in objects if m.start >= end), default=0)
    # `agreed in a telephone conversation to meet next month`: the phone is how they agreed, not how they meet
    phone_text = text[end - base:] if _INFINITIVE.search(left_text[-12:]) else None
    return [ContactCandidate(sentence.index, start, end, trigger,
                             _event_type(cast, group, event_type, trigger, text, context, phone_text),
                             group, "planned" if planned_cue else "occurred", tense, vague, via_reference, spread,
                             objects_end)
            for group in groups]


_REPRESENTED_BY = re.compile(r",\s+(?:with|and)\s+(?:the\s+)?[A-Z][^,;.]{0,60}?\s+represented\s+by\b")


def _represented_by(mentions: list[Mention], objects: list[Mention], end: int, text: str,
                    base: int) -> list[Mention]:
    """People who join the object list as an organisation's or country's delegates: `hosted A, B and C at
    the resort, with the European Union represented by D and E`."""
    if not objects:
        return []
    after = max(m.end for m in objects)
    if after < end:
        return []
    match = _REPRESENTED_BY.search(text, after - base)
    if match is None or re.search(r"[;.]", text[after - base: match.start()]):
        return []
    return [m for m in right_group(mentions, base + match.end(), text, base, "direct") if m not in objects]


_WITH_PEOPLE = re.compile(r",\s+with\s+(?:both\s+|all\s+)?(?=[A-Z])")
_TAKING_PART = re.compile(r"\s+(?:also\s+)?(?:taking\s+part|attending|participating|in\s+attendance)\b")


def _taking_part(mentions: list[Mention], end: int, text: str, base: int) -> list[Mention]:
    """People a gathering names as its participants after the fact: `The G20 summit, hosted by Widodo,
    opens on Tuesday, with both Biden and Xi taking part`."""
    if "with" not in text[end - base:]:
        return []
    for match in _WITH_PEOPLE.finditer(text, end - base):
        people = right_group(mentions, base + match.end(), text, base, "direct")
        if people and _TAKING_PART.match(text, people[-1].end - base):
            return people
    return []


def _event_groups(cast: Cast, subject: list[int], objects: list[int], event_type: str,
                  text: str, collective: bool = False, trigger: str = "") -> list[tuple[int, ...]]:
    """Participant sets: one event, or one per side when the text says `separately` or when one person
    meets people of several countries in a row (`met Havel and Walesa`), which are usually separate talks."""
    people = [i for i in subject + objects if _eligible(cast, i)]
    if len(people) < 2:
        return []
    eligible_subject = [i for i in subject if _eligible(cast, i)]
    eligible_objects = [i for i in objects if _eligible(cast, i)]
    if SEPARATE.search(text) and len(eligible_subject) > 1:
        # `X and Y meet separately with Z`: two contacts; `X and Y signed in their palaces`: none between them.
        return [_valid(cast, (s, *eligible_objects)) for s in eligible_subject if _valid(cast, (s, *eligible_objects))]
    object_countries = {cast.persons[i].country for i in eligible_objects}
    # `met Havel and Walesa`: two talks; `hosted Biden, Macron, Merkel ...`: one gathering.
    if (event_type in {"meeting", "speak"} and not collective and len(eligible_subject) == 1
            and len(object_countries) == 2
            and not re.match(r"(?:host|receiv|welcom|greet|joint|news|press)", trigger, re.IGNORECASE)
            and cast.persons[eligible_subject[0]].country not in object_countries):
        groups = []
        for country in dict.fromkeys(cast.persons[i].country for i in eligible_objects):
            members = tuple([eligible_subject[0]] + [i for i in eligible_objects if cast.persons[i].country == country])
            if _valid(cast, members):
                groups.append(members)
        return groups
    group = _valid(cast, tuple(people))
    return [group] if group else []


def _eligible(cast: Cast, index: int) -> bool:
    person = cast.persons[index]
    return person.official and not person.former and bool(person.country)


def _valid(cast: Cast, group: tuple[int, ...]) -> tuple[int, ...]:
    unique = tuple(dict.fromkeys(group))
    return unique if len({cast.persons[i].country for i in unique}) >= 2 else ()


def _event_type(cast: Cast, group: tuple[int, ...], trigger_type: str, trigger: str, text: str,
                context: str = "", phone_text: str | None = None) -> str:
    """call, summit or meeting. Two countries make a meeting even when the press says `summit` (Reagan and
    Mulroney's summit, talks on the sidelines of the G20), unless the two took part in a gathering of many
    (`took part in the international climate summit hosted by Biden`)."""
    countries = {cast.persons[i].country for i in group}
    if (trigger_type == "call" or (trigger_type == "speak" and PHONE_CONTEXT.search(text + " " + context))
            or BY_PHONE.search(phone_text if phone_text is not None else text)):
        return "call"
    if len(countries) >= 3:
        return "summit"
    if (trigger_type == "summit" and trigger.lower().startswith("summit") and PARTICIPATION.search(text)
            and not BILATERAL.search(text) and "sidelines" not in text):
        return "summit"
    return "meeting"


def _merge_same(candidates: list[ContactCandidate]) -> list[ContactCandidate]:
    """One sentence often names a contact twice (`summit hosted by`, `ceremony ... signed`): keep one per
    participant set, and drop a set that another contact of the sentence contains."""
    rank = {"call": 3, "summit": 2, "meeting": 1, "speak": 0}
    kept: dict[tuple[frozenset[int], str], ContactCandidate] = {}
    for candidate in candidates:
        # `agreed in a telephone call on Friday to meet next month`: a call that happened and a meeting planned
        key = (frozenset(candidate.participants), candidate.status)
        current = kept.get(key)
        if current is None or (rank[candidate.event_type], -candidate.spread) > (rank[current.event_type],
                                                                                  -current.spread):
            kept[key] = candidate  # the stronger type, then the trigger closest to its people
    return [c for key, c in kept.items() if not any(key[0] < other[0] and key[1] == other[1] for other in kept)]
