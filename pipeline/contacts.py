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

from pipeline.actors import Cast, Mention
from pipeline.sentences import Sentence
from pipeline.titles import is_title_word

_ADJ = (r"(?:(?:a|an|the|two|three|several|brief|lengthy|long|private|separate|bilateral|closed-door|further|fresh|"
        r"new|more|direct|face-to-face|informal|formal|official|extensive|lengthy|first|second|rare|his|her|their|"
        r"unscheduled|surprise|high-level|\w+-hour|\w+-day|\w+-minute|hour-long|day-long)\s+)*")
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # (pattern, event type, how the object attaches: "direct", "with" (a preposition follows), "any")
    (r"\b(?:phoned|telephoned|phones|telephones)\b", "call", "direct"),
    (r"\b(?:(?:tele)?phone|video)\s+(?:call|calls|conversation|conversations|talks|conference|link)\b", "call", "with"),
    (r"\bvideo-?conference\b|\bvideo\s+link\b", "call", "with"),
    (r"\b(?:held|holds|hold|holding|had|has|have|made|makes|make|took|joined)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}calls?\b",
     "call", "with"),
    (r"\b(?:spoke|speaks|speak|talked|talks|talk|spoken|speaking|talking|conferred|chatted)\s+(?:\w+\s+){0,4}?"
     r"(?:by|on\s+the|over\s+the|via)\s+(?:tele)?phone\b", "call", "with"),
    (r"\b(?:met|meets|meet|meeting)\b", "meeting", "direct"),
    (r"\b(?:spoke|speak|speaks|speaking|talked|talk|talking)\s+(?:\w+\s+)?(?:with|to)\b", "speak", "with"),
    (r"\bmeetings\b", "meeting", "with"),
    (rf"\b(?:held|holds|hold|holding|had|has|have|having|opened|began|begin|begins|concluded|wrapped\s+up|"
     rf"continued|resumed)\s+{_ADJ}(?:talks|discussions|consultations|negotiations|conversations?|dialogue)\b",
     "meeting", "with"),
    (r"\b(?:talks|discussions|consultations|negotiations)\b", "meeting", "with"),
    (r"\b(?:discussed|discusses|discuss|discussing|conferred|confers|confer|conferring|negotiated|negotiates|"
     r"negotiating|talked|dined|lunched|breakfasted|sat\s+down|shook\s+hands|chatted)\b", "meeting", "with"),
    (r"\b(?:received|receives|receiving|hosted|hosts|hosting|welcomed|welcomes|welcoming|greeted|greets)\b",
     "meeting", "direct"),
    (r"\baccepted\b", "meeting", "from"),
    (r"\b(?:signed|signs|sign|signing)\b", "meeting", "with"),
    (r"\b(?:joint\s+)?(?:news|press)\s+conference\b", "meeting", "with"),
    (r"\b(?:audience|courtesy\s+call|working\s+(?:dinner|lunch|breakfast)|dinner|lunch|breakfast|tea|"
     r"tete-a-tete)\b",
     "meeting", "with"),
    (r"\bsummits?\b", "summit", "any"),
    (r"\bceremony\b", "summit", "any"),
)
_TRIGGER = re.compile("|".join(f"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS)), re.IGNORECASE)

_NEGATION = re.compile(
    r"\b(?:not|never|no|n't|refused|refuses|refuse|declined|declines|decline|rejected|rejects|reject|cancel|"
    r"ruled\s+out|rules\s+out|cancel(?:l)?ed|cancels|called\s+off|calls\s+off|without|failed|fails|unable|"
    r"instead\s+of|rather\s+than|nor|denied|denies|snubbed|avoided|avoid|postponed|postpones|scrapped|"
    r"shelved|boycotted|boycott|skipped|skip)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|could|might|may|hopes?|hoped|hoping|wants?|wanted|wish(?:es|ed)?|offered|offers?|"
    r"propos(?:ed|es|e|al)|suggest(?:ed|s)?|called\s+for|calls\s+for|urged?|urges|asked|asks|sought|seeks?|"
    r"seeking|invit(?:ed|es|e|ation)|possible|possibility|would\s+like|ready|willing|prepared|request(?:ed|s)?|"
    r"demand(?:ed|s)?|consider(?:ed|s|ing)?|open\s+to|(?:was|were|is|are)\s+to\s+have|would\s+have|"
    r"could\s+have|should\s+have|might\s+have)\b", re.IGNORECASE)
_PLANNED = re.compile(
    r"\b(?:will|'ll|shall|would|is\s+to|are\s+to|was\s+to|were\s+to|due|scheduled|expected|set|slated|plans?|"
    r"planned|planning|going\s+to|to|upcoming|forthcoming|intends?|next|tomorrow|later\s+(?:this|today))\b",
    re.IGNORECASE)
_PERFECT_PAST = re.compile(r"\bhad\s+(?:\w+\s+)?(?:met|held|negotiated|talked|discussed|signed|conferred)\b", re.I)
_VAGUE_PAST = re.compile(r"\b(?:in\s+the\s+past|previously|years\s+ago|once|in\s+earlier\s+years|long\s+ago)\b", re.I)
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b|\brespective\b|\bin\s+their\s+(?:own\s+)?(?:\w+\s+)?"
                       r"(?:capitals|palaces|offices|countries|homes|residences|headquarters)\b", re.IGNORECASE)
_HARD_BOUNDARY = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\s--\s|\s—\s")
_OBJECT_MARKERS = {"with": r"\b(?:with|between|to|and|by|from|on)\b", "from": r"\bfrom\b",
                   "direct": r"\b(?:with|by)\b", "any": r"\b(?:with|between|by|and|of)\b"}
_PARTICIPATION = re.compile(r"\b(?:took\s+part|take\s+part|takes\s+part|taking\s+part|attend\w*|participat\w*|"
                            r"joined|join|joins|hosted|hosts|host|hosting|gathered|leaders)\b", re.IGNORECASE)
_BILATERAL = re.compile(r"\bbetween\b|\bbilateral\b|\b[A-Z][\w.]+-[A-Z][\w.]+\s+summit\b")
_MAX_GAP_WORDS = 18
_APPOSITION_GAP = re.compile(r"^\s*,\s+(?!who\s+said|said|says)[^,;()]{3,90},\s+(?:and\s+)?(?P<title>(?:\S+\s+){0,4})$")
_HYPOTHETICAL_AFTER = re.compile(
    r"^[^.;]*?\b(?:was|is|would\s+be|remained|remains|seemed|seems|looked|looks)\s+(?:still\s+|now\s+|also\s+)?"
    r"(?:possible|likely|unlikely|premature|uncertain|in\s+doubt|not\s+(?:planned|scheduled|expected))\b|"
    r"^[^.;]*?\bcould\s+(?:happen|take\s+place|come|be\s+held)\b", re.IGNORECASE)
_PHONE_CONTEXT = re.compile(r"\b(?:phone|telephone|call|calls|video|virtual|conversation)\b", re.IGNORECASE)
_CIRCUMSTANCE = re.compile(r"\b(?:during|in|at|after|before|following|sidelines\s+of)\s+(?:a|an|the|their|his|her)?\s*"
                           r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_NOUN_TRIGGER = re.compile(r"(?:call|calls|conversation|meeting|meetings|talks|summit|visit|conference|link|"
                           r"discussions|dinner|lunch)$", re.IGNORECASE)


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


_JOIN = re.compile(r"\b(?:also\s+)?(?:took\s+part|take\s+part|takes\s+part|participated|joined|attended|sat\s+in)\s+"
                   r"(?:in\s+|on\s+)?(?:the|those|these)\s+(?:talks|meeting|meetings|session|sessions|discussions|"
                   r"dinner|lunch|negotiations)\b", re.IGNORECASE)
JOIN_LOOKBACK_SENTENCES = 2


def find_joiners(sentence: Sentence, cast: Cast) -> list[ContactCandidate]:
    """People who join a contact already told (`Cavusoglu, who also took part in the talks, ...`), as
    one-person candidates of type "join" that :func:`attach_joiners` adds to that contact."""
    mentions = [m for m in cast.mentions if m.sentence == sentence.index]
    found = []
    for match in _JOIN.finditer(sentence.text):
        start = sentence.start + match.start()
        left = sentence.text[: match.start()]
        before = [m for m in mentions if m.end <= start and m.start >= sentence.start + _clause_start(left)]
        subject = _left_group(mentions, sentence.start + _clause_start(left), start, sentence.text, sentence.start)
        if not subject and before and before[-1].kind == "relative":
            subject = [before[-1]]  # `Cavusoglu, who also took part in the talks`
        people = tuple(i for i in _ids(subject) if _eligible(cast, i))
        if people and not _NEGATION.search(left[-40:]):
            found.append(ContactCandidate(sentence.index, start, start + len(match.group(0)), match.group(0), "join",
                                          people, "occurred", "past", False, True))
    return found


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
    return [s.index for s in sentences if _TRIGGER.search(s.text)]


def sentence_tense(text: str) -> str:
    """How a sentence reads its underspecified dates: the tense of its first contact word, else of its verbs."""
    match = _TRIGGER.search(text)
    if match is not None:
        tense = _tense(text[: match.start()], match.group(0), text[match.end():])
        return "future" if tense == "present" else tense
    return "future" if _CLAUSE_MODAL.search(text) or _MODAL.search(text) else "past"


def find_contacts(sentence: Sentence, cast: Cast, context: str = "") -> list[ContactCandidate]:
    """Every contact stated in a sentence (`context`: the sentences just before, for `speak with` = a call)."""
    mentions = [m for m in cast.mentions if m.sentence == sentence.index]
    if len(mentions) < 1:
        return []
    results: list[ContactCandidate] = []
    for match in _TRIGGER.finditer(sentence.text):
        kind = next(i for i, (_, _, _) in enumerate(TRIGGERS) if match.group(f"t{i}") is not None)
        _, event_type, attach = TRIGGERS[kind]
        start, end = sentence.start + match.start(), sentence.start + match.end()
        results.extend(_contacts_at(sentence, cast, mentions, start, end, match.group(0), event_type, attach,
                                    context))
    return _merge_same(results)


def _contacts_at(sentence: Sentence, cast: Cast, mentions: list[Mention], start: int, end: int, trigger: str,
                 event_type: str, attach: str, context: str = "") -> list[ContactCandidate]:
    text, base = sentence.text, sentence.start
    left_text = text[: start - base]
    clause_left = _clause_start(left_text)
    left_window = left_text[clause_left:]
    subject = _left_group(mentions, base + clause_left, start, text, base)
    objects = _right_group(mentions, end, text, base, attach)
    if not objects and subject and attach in {"with", "direct", "any"}:
        relative = [m for m in mentions if m.kind == "relative" and base + clause_left - 12 <= m.start < start]
        if relative and relative[-1].persons != subject[-1].persons:
            objects = [relative[-1]]
    if not subject and objects and trigger.lower() not in {"summit", "summits", "ceremony"}:
        subject = _fallback_subject(mentions, objects, start)
    if trigger.lower() == "ceremony" or (not objects and _NOUN_TRIGGER.search(trigger)
                                         and _CIRCUMSTANCE.search(left_text[-60:])):
        # `In a ceremony ..., A watched B sign`; `A warned B during a video call`: the people of the clause.
        people = [m for m in mentions if m.kind != "relative" and not _possessive(m, text, base)]
        subject, objects = subject, [m for m in people if m not in subject]
    subject_ids = _ids(subject)
    object_ids = [i for i in _ids(objects) if i not in subject_ids]
    window = left_window[-60:]
    if _NEGATION.search(window) or _HYPOTHETICAL.search(window):
        return []
    if re.match(r"\s*(?:with|by)?\s*(?:no|any)\b", text[end - base:end - base + 12], re.I):
        return []
    if _HYPOTHETICAL_AFTER.search(text[end - base:end - base + 80].split(";")[0]):
        return []
    tense = _tense(left_window, trigger, text[end - base:])
    planned_cue = tense == "future"
    perfect = bool(_PERFECT_PAST.search(left_window[-40:] + trigger))
    vague = perfect or bool(_VAGUE_PAST.search(text))
    via_reference = any(m.kind in {"pronoun", "role", "group", "relative"} for m in subject + objects)
    collective = any(m.kind == "group" for m in objects)  # `the three ministers`: one event, not three
    groups = _event_groups(cast, subject_ids, object_ids, event_type, text, collective, trigger)
    return [ContactCandidate(sentence.index, start, end, trigger, _event_type(cast, group, event_type, trigger, text,
                                                                              context),
                             group, "planned" if planned_cue else "occurred", tense, vague, via_reference)
            for group in groups]


_MODAL = re.compile(r"\b(?:will|'ll|shall|would|is\s+to|are\s+to|was\s+to|were\s+to|is\s+due|are\s+due)\b"
                    r"(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
_CLAUSE_MODAL = re.compile(r"\b(?:will|'ll|shall|would|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to)\s+"
                           r"(?:travel|fly|go|head|visit|arrive|stop|come|return|leave)\b[^,;]*$", re.IGNORECASE)
_TO_VERB = re.compile(r"\bto\s+(?:\w+\s+)?$", re.IGNORECASE)
_BASE_VERB = re.compile(r"^(?:meet|hold|have|sign|host|receive|visit|discuss|confer|talk|phone|telephone|call|welcome|"
                        r"sit|negotiate|speak|dine|attend)\b", re.IGNORECASE)
_PRESENT_VERB = re.compile(r"^(?:meets?|holds?|hosts?|visits?|receives?|welcomes?|signs?|phones|talks?\s+(?:by|on|over)"
                           r"|speaks?)\b", re.IGNORECASE)
_PLANNED_NOUN = re.compile(r"\b(?:upcoming|forthcoming|planned|scheduled|expected|proposed|next\s+\w+'s|"
                           r"tomorrow's|a\s+planned)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_SET_FOR = re.compile(r"^\s*(?:is\s+|was\s+)?(?:set|scheduled|planned|due|slated|expected)\s+(?:for|to)\b",
                      re.IGNORECASE)


def _tense(left_window: str, trigger: str, right_text: str = "") -> str:
    """"future" for announced contacts (`will meet`, `is to meet`, `upcoming talks`, `meet Monday`),
    "past" otherwise. Bare `to` counts only before a verb (`to meet`), not in `similar to Monday's talks`."""
    before = left_window[-45:]
    if _MODAL.search(before) or _CLAUSE_MODAL.search(left_window[-70:]):
        return "future"
    if _TO_VERB.search(before) and _BASE_VERB.match(trigger):
        return "future"
    if _PLANNED_NOUN.search(before) or _SET_FOR.match(right_text):
        return "future"
    if _PRESENT_VERB.match(trigger) and not re.search(r"\b(?:did|does|do|to|and)\s+$", before, re.IGNORECASE):
        return "future" if re.search(r"\b(?:next|on)\b|day\b", right_text[:40]) else "present"
    return "past"


def _clause_start(left_text: str) -> int:
    last = 0
    for match in _HARD_BOUNDARY.finditer(left_text):
        last = match.end()
    starts = list(re.finditer(r"\b(?:when|after|before|as|where)\s+(?=(?:he|she|they|the|[A-Z]))", left_text))
    when = starts[-1] if starts else None
    if when is not None and when.start() > last and not re.search(r"\b(?:after|before)\s+(?:a|an|the|his|her)\b",
                                                                   left_text[when.start():when.start() + 12]):
        last = when.start()
    return last


def _left_group(mentions: list[Mention], clause_start: int, trigger_start: int, text: str, base: int) -> list[Mention]:
    """The subject: the nearest person before the trigger, with anyone coordinated with them (`X and Y`)."""
    before = [m for m in mentions if clause_start <= m.start and m.end <= trigger_start
              and (not _possessive(m, text, base) or re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}",
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
    for mention in reversed(before[:-1]):
        gap = text[mention.end - base: group[0].start - base]
        if _is_coordination(gap):
            group.insert(0, mention)
        else:
            break
    # `with whom the king met`: the relative pronoun is the object, not the subject.
    if group[0].kind == "relative" and len(group) == 1:
        return []
    return [m for m in group if m.kind != "relative" or m is group[-1]] if len(group) > 1 else group


def _in_apposition(previous: Mention, mention: Mention, text: str, base: int, trigger_start: int) -> bool:
    opening = text[previous.end - base: mention.start - base]
    closing = text[mention.end - base: trigger_start - base]
    return (opening.lstrip().startswith(",") and opening.count(",") == 1 and closing.count(",") == 1
            and not _HARD_BOUNDARY.search(closing))


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


def _right_group(mentions: list[Mention], trigger_end: int, text: str, base: int, attach: str) -> list[Mention]:
    """The object: the first person after the trigger (after `with`, `to`, `by` ... when the trigger needs one)."""
    after = [m for m in mentions if m.start >= trigger_end and m.kind != "relative" and not _possessive(m, text, base)]
    if not after:
        return []
    first = after[0]
    gap = text[trigger_end - base: first.start - base]
    if len(gap.split()) > _MAX_GAP_WORDS or _HARD_BOUNDARY.search(gap):
        return []
    if re.search(r",\s*(?:who|which|that|said|says|and\s+said)\b|\bsaid\b|\btold\b|\bsays\b", gap):
        return []
    if attach != "direct" and not re.search(_OBJECT_MARKERS[attach], gap, re.IGNORECASE) and attach != "any":
        return []
    if attach == "direct" and len(gap.split()) > 4 and not re.search(_OBJECT_MARKERS["direct"], gap, re.I):
        return []
    group = [first]
    for mention in after[1:]:
        gap = text[group[-1].end - base: mention.start - base]
        if _is_coordination(gap):
            group.append(mention)
        else:
            break
    return group


def _possessive(mention: Mention, text: str, base: int) -> bool:
    """`his` / `her` before a noun (`his Egyptian counterpart`) names an owner, not a participant."""
    if mention.kind != "pronoun":
        return False
    word = mention.text.lower()
    if word == "his":
        return True
    return word == "her" and bool(re.match(r"\s+[A-Za-z]", text[mention.end - base:]))


def _is_coordination(gap: str) -> bool:
    """Whether the text between two names only joins them: `, `, ` and `, ` of Ukraine and `, `, and Trade Minister `,
    or an apposition between commas: `, the party's most senior foreign policy official, and Foreign Minister `.
    """
    apposition = _APPOSITION_GAP.match(gap)
    if apposition and all(w[0].isupper() or is_title_word(w) for w in apposition.group("title").split()):
        return True
    tokens = re.findall(r"[\w.'’-]+|,", re.sub(r"\([^)]*\)", " ", gap))
    rest = [t for t in tokens if not (t[0].isupper() or is_title_word(t) or t in {"of", "the"})]
    return bool(rest) and all(t in {",", "and", "or"} for t in rest)


def _fallback_subject(mentions: list[Mention], objects: list[Mention], trigger_start: int) -> list[Mention]:
    """For `After a meeting with X, Bush said`: the subject sits in the main clause, after the object."""
    others = [m for m in mentions if m not in objects and m.kind != "relative"]
    if not others:
        return []
    return [min(others, key=lambda m: abs(m.start - trigger_start))]


def _ids(mentions: list[Mention]) -> list[int]:
    ids: list[int] = []
    for mention in mentions:
        for index in mention.persons:
            if index not in ids:
                ids.append(index)
    return ids


def _event_groups(cast: Cast, subject: list[int], objects: list[int], event_type: str,
                  text: str, collective: bool = False, trigger: str = "") -> list[tuple[int, ...]]:
    """Participant sets: one event, or one per side when the text says `separately` or when one person
    meets people of several countries in a row (`met Havel and Walesa`), which are usually separate talks."""
    people = [i for i in subject + objects if _eligible(cast, i)]
    if len(people) < 2:
        return []
    eligible_subject = [i for i in subject if _eligible(cast, i)]
    eligible_objects = [i for i in objects if _eligible(cast, i)]
    if _SEPARATE.search(text) and len(eligible_subject) > 1:
        # `X and Y meet separately with Z`: two contacts; `X and Y signed in their palaces`: none between them.
        return [_valid(cast, (s, *eligible_objects)) for s in eligible_subject if _valid(cast, (s, *eligible_objects))]
    object_countries = {cast.persons[i].country for i in eligible_objects}
    # `met Havel and Walesa`: two talks; `hosted Biden, Macron, Merkel ...`: one gathering.
    if (event_type == "meeting" and not collective and len(eligible_subject) == 1 and len(object_countries) == 2
            and not re.match(r"(?:host|receiv|welcom|greet)", trigger, re.IGNORECASE)
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
                context: str = "") -> str:
    countries = {cast.persons[i].country for i in group}
    if trigger_type == "call" or (trigger_type == "speak" and _PHONE_CONTEXT.search(text + " " + context)):
        return "call"
    if len(countries) >= 3:
        return "summit"
    if trigger_type == "summit" and trigger.lower().startswith("summit"):
        return "meeting" if _BILATERAL.search(text) and not _PARTICIPATION.search(text) else "summit"
    return "meeting"


def _merge_same(candidates: list[ContactCandidate]) -> list[ContactCandidate]:
    """One sentence often names a contact twice (`summit hosted by`, `ceremony ... signed`): keep one per
    participant set, and drop a set that another contact of the sentence contains."""
    rank = {"call": 3, "summit": 2, "meeting": 1, "speak": 0}
    kept: dict[frozenset[int], ContactCandidate] = {}
    for candidate in candidates:
        key = frozenset(candidate.participants)
        current = kept.get(key)
        if current is None or rank[candidate.event_type] > rank[current.event_type]:
            kept[key] = candidate
    return [c for key, c in kept.items() if not any(key < other for other in kept)]
