"""The words that signal a contact and how it is meant: triggers, negation, hypotheticals, plans, tense.

Kept apart from the participant logic so the vocabulary can be read (and extended) in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ADJ = (r"(?:(?:a|an|the|two|three|several|brief|lengthy|long|private|separate|bilateral|closed-door|further|fresh|"
        r"new|more|direct|face-to-face|informal|formal|official|extensive|lengthy|first|second|rare|his|her|their|"
        r"unscheduled|surprise|high-level|\w+-hour|\w+-day|\w+-minute|hour-long|day-long)\s+)*")
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # (pattern, event type, how the object attaches: "direct", "with" (a preposition follows), "any", or
    #  "adjacent" (the trigger holds its preposition, `spoke with`: the name follows at once))
    (r"\b(?:phoned|telephoned|phones|telephones)\b", "call", "direct"),
    (r"\b(?:(?:tele)?phone|video)\s+(?:call|calls|conversation|conversations|talks|conference|link)\b", "call", "with"),
    (r"\bvideo-?conference\b|\bvideo\s+link\b", "call", "with"),
    (r"\b(?:held|holds|hold|holding|had|has|have|made|makes|make|took|joined)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}calls?\b",
     "call", "with"),
    (r"\b(?:spoke|speaks|speak|talked|talks|talk|spoken|speaking|talking|conferred|chatted)\s+(?:\w+\s+){0,4}?"
     r"(?:by|on\s+the|over\s+the|via)\s+(?:tele)?phone\b", "call", "with"),
    (r"\b(?:met|meets|meet|meeting)\b", "meeting", "direct"),
    (r"\b(?:spoke|speak|speaks|speaking|talked|talk|talking)\s+(?:\w+\s+)?(?:with|to)\b", "speak", "adjacent"),
    (r"\bmeetings\b", "meeting", "with"),
    (rf"\b(?:held|holds|hold|holding|had|has|have|having|opened|began|begin|begins|concluded|wrapped\s+up|"
     rf"continued|resumed)\s+{_ADJ}(?:talks|discussions|consultations|negotiations|conversations?|dialogue)\b",
     "meeting", "with"),
    (r"\b(?:talks|discussions|consultations|negotiations)\b", "meeting", "with"),
    (r"\b(?:discussed|discusses|discuss|discussing|conferred|confers|confer|conferring|negotiated|negotiates|"
     r"negotiating|talked|dined|lunched|breakfasted|sat\s+down|shook\s+hands|chatted)\b", "meeting", "with"),
    (r"\b(?:received|receives|receive|receiving|hosted|hosts|host|hosting|welcomed|welcomes|welcoming|greeted|greets|"
     r"greet)\b",
     "meeting", "direct"),
    (r"\b(?:spent|spends|spend|spending)\s+(?:[\w-]+\s+){0,3}?(?:hours?|minutes?)\s+(?:together\s+)?"
     r"(?:in\s+talks\s+|talking\s+)?with\b", "meeting", "adjacent"),
    (r"\baccepted\b", "meeting", "from"),
    (r"\b(?:signed|signs|sign|signing)\b", "meeting", "with"),
    (r"\b(?<!solo\s)(?<!own\s)(?<!separate\s)(?:joint\s+)?(?:news|press)\s+conference\b", "meeting", "with"),
    (r"\b(?:audience|courtesy\s+call|working\s+(?:dinner|lunch|breakfast)|dinner|lunch|breakfast|tea|"
     r"tete-a-tete)\b",
     "meeting", "with"),
    (r"\bsummits?\b", "summit", "any"),
    (r"\bceremony\b", "summit", "any"),
)
# Words without which no trigger can match: a sentence lacking all of them is skipped without the big pattern.
TRIGGER_ANCHORS = frozenset(
    """met meets meet meeting meetings phoned telephoned phones phone telephone video videoconference
    video-conference spoke speaks speak spoken speaking talked talks talk talking conferred chatted discussions
    consultations negotiations conversation conversations dialogue discussed discusses discuss discussing confers
    confer conferring negotiated
    negotiates negotiating dined lunched breakfasted sat shook received receives receive receiving hosted hosts host
    hosting welcomed welcomes welcoming greeted greets greet accepted signed signs sign signing conference audience
    courtesy dinner lunch breakfast tea tete-a-tete summit summits ceremony call calls link spent spends spend
    spending""".split()
)
_ANCHOR_WORD = re.compile(r"[a-z][a-z-]*")


def has_trigger_anchor(text: str) -> bool:
    """Cheap test before the trigger pattern: does the text contain any word a trigger is built on?"""
    return not TRIGGER_ANCHORS.isdisjoint(_ANCHOR_WORD.findall(text.lower()))


_ALTERNATIVES = "|".join(f"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS))
TRIGGER = re.compile(_ALTERNATIVES, re.IGNORECASE)
# The same pattern for lowercased text, anchored at word starts: three times faster than IGNORECASE.
_TRIGGER_LOWER = re.compile(rf"\b(?:{_ALTERNATIVES})")


def trigger_matches(text: str) -> Iterator[re.Match[str]]:
    """Every contact word in a text (offsets into `text`), fast: matched on the lowercased text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return _TRIGGER_LOWER.finditer(lowered)
    return TRIGGER.finditer(text)  # lower() changed the length (`İ`): keep offsets true

NEGATION = re.compile(
    r"\b(?:not|never|no|n't|refused|refuses|refuse|declined|declines|decline|rejected|rejects|reject|cancel|"
    r"ruled\s+out|rules\s+out|cancel(?:l)?ed|cancels|called\s+off|calls\s+off|without|failed|fails|unable|"
    r"instead\s+of|rather\s+than|nor|denied|denies|snubbed|avoided|avoid|postponed|postpones|scrapped|"
    r"shelved|boycotted|boycott|skipped|skip)\b", re.IGNORECASE)
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|could|might|may|hopes?|hoped|hoping|wants?|wanted|wish(?:es|ed)?|offered|offers?|"
    r"propos(?:ed|es|e|al)|suggest(?:ed|s)?|called\s+for|calls\s+for|urged?|urges|asked|asks|sought|seeks?|"
    r"seeking|invit(?:ed|es|e|ation)|possible|possibility|would\s+like|ready|willing|prepared|request(?:ed|s)?|"
    r"demand(?:ed|s)?|consider(?:ed|s|ing)?|open\s+to|(?:was|were|is|are)\s+to\s+have|would\s+have|"
    r"could\s+have|should\s+have|might\s+have)\b", re.IGNORECASE)
PLANNED = re.compile(
    r"\b(?:will|'ll|shall|would|is\s+to|are\s+to|was\s+to|were\s+to|due|scheduled|expected|set|slated|plans?|"
    r"planned|planning|going\s+to|to|upcoming|forthcoming|intends?|next|tomorrow|later\s+(?:this|today))\b",
    re.IGNORECASE)
PERFECT_PAST = re.compile(r"\b(?:had|have|has)\s+(?:\w+\s+)?(?:met|held|negotiated|talked|discussed|signed|"
                          r"conferred)\b", re.I)
VAGUE_PAST = re.compile(r"\b(?:in\s+the\s+past|previously|years\s+ago|once|in\s+earlier\s+years|long\s+ago|"
                        r"(?:\d+|two|three|four|five|six|several|many|dozens\s+of|numerous)\s+times)\b", re.I)
# `a separate bilateral meeting` is one more meeting of the same people, not a split (`separate talks with Z`).
SEPARATE = re.compile(r"(?<![Aa]\s)\bseparate(?:ly)?\b|\brespective\b|\bin\s+their\s+(?:own\s+)?(?:\w+\s+)?"
                       r"(?:capitals|palaces|offices|countries|homes|residences|headquarters)\b", re.IGNORECASE)
HARD_BOUNDARY = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\s--\s|\s—\s")
OBJECT_MARKERS = {"with": r"\b(?:with|between|to|and|by|from|on)\b", "from": r"\bfrom\b",
                   "direct": r"\b(?:with|by)\b", "any": r"\b(?:with|between|by|and|of)\b"}
PARTICIPATION = re.compile(r"\b(?:took\s+part|take\s+part|takes\s+part|taking\s+part|attend\w*|participat\w*|"
                           r"joined|join|joins|gathered)\b", re.IGNORECASE)
BILATERAL = re.compile(r"\bbetween\b|\bbilateral\b|\b[A-Z][\w.]+-[A-Z][\w.]+\s+summit\b")
MAX_GAP_WORDS = 18
APPOSITION_GAP = re.compile(r"^\s*,\s+(?=the\b|a\b|an\b|his\b|her\b|their\b|its\b|who\s+(?!said)|[A-Z])"
                            r"[^,;()]{3,90},\s+(?:and\s+)?(?P<title>(?:\S+\s+){0,4})$")
HYPOTHETICAL_AFTER = re.compile(
    r"^[^.;]*?\b(?:was|is|would\s+be|remained|remains|seemed|seems|looked|looks)\s+(?:still\s+|now\s+|also\s+)?"
    r"(?:possible|likely|unlikely|premature|uncertain|in\s+doubt|not\s+(?:planned|scheduled|expected))\b|"
    r"^(?:(?!\b(?:that|which|who|after|before|because|since|when)\b)[^.;]){0,150}?"
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:now\s+|also\s+|abruptly\s+)?"
    r"(?:cancel(?:l)?ed|called\s+off|postponed|scrapped|shelved|put\s+off|delayed)\b|"
    r"^[^.;]*?\bcould\s+(?:happen|take\s+place|come|be\s+held)\b", re.IGNORECASE)
BY_PHONE = re.compile(r"\b(?:by|over\s+the|on\s+the|via)\s+(?:tele)?phone\b|\bin\s+a\s+(?:tele)?phone\s+(?:call|"
                      r"conversation)\b|\b(?:by|via|over)\s+video(?:\s+link|\s+conference)?\b", re.IGNORECASE)
PHONE_CONTEXT = re.compile(r"\b(?:phone|telephone|call|calls|video|virtual|conversation)\b", re.IGNORECASE)
CIRCUMSTANCE = re.compile(r"\b(?:during|in|at|after|before|following|sidelines\s+of)\s+(?:a|an|the|their|his|her)?\s*"
                           r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
NOUN_TRIGGER = re.compile(r"(?:call|calls|conversation|meeting|meetings|talks|summit|visit|joint\s+(?:news|press)\s+"
                          r"conference|link|discussions|dinner|lunch)$", re.IGNORECASE)


MODAL = re.compile(r"\b(?:will|'ll|shall|would|is\s+to|are\s+to|was\s+to|were\s+to|is\s+due|are\s+due)\b"
                    r"(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
CLAUSE_MODAL = re.compile(r"\b(?:(?:will|'ll|shall|would|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to)\s+"
                          r"(?:travel|fly|go|head|visit|arrive|stop|come|return|leave)|(?:is|are)\s+(?:due|expected|"
                          r"set)\s+(?:in|at|back\s+in))\b[^,;]*$", re.IGNORECASE)
_TO_VERB = re.compile(r"\bto\s+(?:\w+\s+)?$", re.IGNORECASE)
_BASE_VERB = re.compile(r"^(?:meet|hold|have|sign|host|receive|visit|discuss|confer|talk|phone|telephone|call|welcome|"
                        r"sit|negotiate|speak|dine|attend)\b", re.IGNORECASE)
_PRESENT_VERB = re.compile(r"^(?:meets?|holds?|hosts?|visits?|receives?|welcomes?|signs?|phones|talks?\s+(?:by|on|over)"
                           r"|speaks?)\b", re.IGNORECASE)
_PLANNED_NOUN = re.compile(r"\b(?:upcoming|forthcoming|planned|scheduled|expected|proposed|next\s+\w+'s|"
                           r"tomorrow's|a\s+planned)\s+(?:\S+\s+){0,3}$|"
                           r"\b(?:ahead\s+of|in\s+preparation\s+for)\s+(?:(?:his|her|their|the|a|an|this|next)\s+)?"
                           r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_SET_FOR = re.compile(r"^\s*(?:is\s+|was\s+|are\s+|were\s+)?(?:set|scheduled|planned|due|slated|expected)\s+"
                      r"(?:for|to)\b", re.IGNORECASE)


# `The G20 summit, hosted by Widodo, opens on Tuesday`: a gathering told in the present of its timetable.
_GATHERING_NOUN = r"(?:summit|conference|talks|meeting|session|forum)s?"
_GATHERING = re.compile(_GATHERING_NOUN + r"$", re.IGNORECASE)
_GATHERING_BEFORE = re.compile(_GATHERING_NOUN + r"\s*,\s*$", re.IGNORECASE)
_OPENS = re.compile(r"^[^.;]{0,70}?\b(?:opens|begins|starts|convenes|kicks\s+off|gets\s+under\s+way)\b",
                    re.IGNORECASE)


def contact_tense(left_window: str, trigger: str, right_text: str = "") -> str:
    """"future" for announced contacts (`will meet`, `is to meet`, `upcoming talks`, `meet Monday`),
    "past" otherwise. Bare `to` counts only before a verb (`to meet`), not in `similar to Monday's talks`."""
    before = left_window[-45:]
    if MODAL.search(before) or CLAUSE_MODAL.search(left_window[-70:]):
        return "future"
    if _TO_VERB.search(before) and _BASE_VERB.match(trigger):
        return "future"
    if _PLANNED_NOUN.search(before) or _SET_FOR.match(right_text) or (
            (_GATHERING.search(trigger) or _GATHERING_BEFORE.search(before)) and _OPENS.match(right_text)):
        return "future"
    if _PRESENT_VERB.match(trigger) and not re.search(r"\b(?:did|does|do|to|and)\s+$", before, re.IGNORECASE):
        return "future" if re.search(r"\b(?:next|on)\b|day\b", right_text[:40]) else "present"
    return "past"


def sentence_tense(text: str) -> str:
    """How a sentence reads its underspecified dates: the tense of its first contact word, else of its verbs."""
    match = next(trigger_matches(text), None)
    if match is not None:
        tense = contact_tense(text[: match.start()], match.group(0), text[match.end():])
        return "future" if tense == "present" else tense
    return "future" if CLAUSE_MODAL.search(text) or MODAL.search(text) else "past"
