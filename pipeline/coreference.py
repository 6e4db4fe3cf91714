"""Coreference: the later mentions of people already in the cast.

`he` and `she`, `the monarch`, `the Jordanian monarch`, `the secretary`, `the two presidents`,
`the three countries' foreign ministers`, and the `whom` of `Saddam, with whom the king met`. Each
becomes a :class:`Mention` pointing at the person (or people) it means, so the contact finder sees
participants however they are written.
"""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.cast import ArticleContext, Cast, Mention, Person
from pipeline.countries import CountryMention
from pipeline.sentences import Sentence
from pipeline.titles import ROLE_NOUNS

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)\b")
_ROLE_NOUN = re.compile(
    r"\b[Tt]he\s+(?:(visiting|[A-Z][\w.'’-]+)\s+)?"
    r"(crown prince|prime minister|foreign minister|secretary of state|secretary-general|secretary general|"
    r"vice president|king|queen|monarch|emir|sultan|prince|president|premier|chancellor|secretary|minister|"
    r"envoy|ambassador|leader|general)\b(?!\s+(?:of\s+)?[A-Z])"
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
_PLURAL = re.compile(
    r"\b(?:[Tt]he\s+(two|three|four|five|six)\s+(?:countries'\s+|nations'\s+)?|[Bb]oth\s+(?:the\s+)?)"
    r"((?:foreign |defen[cs]e |prime |trade |finance )?(?:ministers|presidents|leaders|men|women|premiers|"
    r"secretaries|envoys|kings|heads of state|chiefs))\b"
    r"|\b[Tt]he\s+((?:foreign |defen[cs]e |prime |trade |finance )?(?:ministers|presidents|leaders|premiers))"
    r"\s+of\s+the\s+(two|three|four|five|six)\s+(?:countries|nations)\b"
    r"|\b[Tt]he\s+(two|three|four|five|six)\s+(?:countries|nations)'\s+"
    r"((?:foreign |defen[cs]e |prime |trade |finance )?(?:ministers|presidents|leaders|premiers))\b"
)
_RELATIVE = re.compile(r",\s+(?:with\s+|to\s+|by\s+)?(?:whom|who)\b")


def reference_mentions(body: str, sentence: Sentence, countries: list[CountryMention], context: ArticleContext,
                        cast: Cast, sentences: list[Sentence]) -> None:
    text = sentence.text
    named = list(cast.in_sentence(sentence.index))
    taken = [(m.start, m.end) for m in named]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _PLURAL.finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        number_word = match.group(1) or match.group(4) or match.group(5) or "both"
        noun = match.group(2) or match.group(3) or match.group(6) or ""
        group = _group_members(cast, start, _NUMBER_WORDS.get(number_word.lower(), 2), noun, sentence.index)
        if group and free(start, end):
            cast.add(Mention(start, end, group, sentence.index, "group", match.group(0)))
            taken.append((start, end))
    for match in _ROLE_NOUN.finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not free(start, end):
            continue
        adjective, noun = match.group(1) or "", match.group(2).lower()
        wanted_country = context.lexicon.code_for(adjective, context.year) if adjective else None
        index = _by_role(cast, start, noun, wanted_country)
        if index is not None:
            cast.add(Mention(start, end, (index,), sentence.index, "role", match.group(0)))
            taken.append((start, end))
    for match in _PRONOUN.finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not free(start, end):
            continue
        index = _antecedent(cast, sentence, start, PRONOUNS[match.group(1).lower()], sentences,
                            nominative=match.group(1).lower() in {"he", "she"})
        if index is not None:
            cast.add(Mention(start, end, (index,), sentence.index, "pronoun", match.group(0)))
    for match in _THEY.finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not free(start, end):
            continue
        # `The two presidents held ..., their first talks`: the group this sentence already named.
        groups = [m for m in cast.in_sentence(sentence.index)
                  if m.kind == "group" and m.end <= start and len(m.persons) > 1]
        pair = groups[-1].persons if groups else _last_pair(cast, body, sentence, start)
        if pair:
            cast.add(Mention(start, end, pair, sentence.index, "group", match.group(0)))
    for match in _RELATIVE.finditer(text):
        start = sentence.start + match.start()
        before = [m for m in cast.in_sentence(sentence.index) if m.end <= start]
        if before:
            nearest = max(before, key=lambda m: m.end)
            cast.add(Mention(start, sentence.start + match.end(), nearest.persons, sentence.index,
                                         "relative", match.group(0)))
    cast.mentions.sort(key=lambda m: (m.start, m.end))


_THEY = re.compile(r"\b(?:[Tt]hey|[Tt]heir|[Tt]hem)\b")
_AND_GAP = re.compile(r"\s+and\s+(?:(?:[A-Z][\w.'’-]*|[a-z]+)\s+){0,5}$")


def _last_pair(cast: Cast, body: str, sentence: Sentence, position: int) -> tuple[int, ...]:
    """`Biden and Xi agreed ..., as they held their final meeting`: `they` is the last two people joined by
    `and`, in this sentence or the one before; nobody when no such pair was named."""
    candidates = [m for m in cast.in_sentence(sentence.index - 1) + cast.in_sentence(sentence.index)
                  if m.end <= position and len(m.persons) == 1 and m.kind in {"name", "surname", "pronoun"}]
    for first, second in reversed(list(pairwise(candidates))):
        if _AND_GAP.fullmatch(body[first.end:second.start]) and first.persons != second.persons:
            pair = (first.persons[0], second.persons[0])
            if all(cast.persons[i].official for i in pair):
                return tuple(sorted(pair))
    return ()


def _group_members(cast: Cast, position: int, count: int, noun: str, sentence_index: int) -> tuple[int, ...]:
    """People meant by `the two presidents`: the `count` most talked-about officials with that role so far,
    the first named first among equals (a president named once in passing is not one of `the two leaders`);
    failing that, the next ones named (`the three countries' foreign ministers` before their names)."""
    key = noun.lower().rstrip("s")
    key = {"men": "", "wome": "", "leader": "", "heads of state": "", "chief": ""}.get(key, key)
    key = key.replace("premier", "prime minister")

    def fits(person: Person) -> bool:
        return person.official and (not key or key in person.role.lower() or key.split()[-1] in person.role.lower())

    local = []  # `A joined B and C ..., where the three leaders said`: the people just named
    for mention in cast.in_sentence(sentence_index):
        if mention.start < position and mention.kind != "group":
            local.extend(i for i in mention.persons if fits(cast.persons[i]) and i not in local)
    if len(local) == count:
        return tuple(sorted(local))
    salience: dict[int, int] = {}
    first_seen: dict[int, int] = {}
    for mention in cast.mentions:
        if mention.start >= position or mention.kind == "group":
            continue
        for index in mention.persons:
            if fits(cast.persons[index]):
                salience[index] = salience.get(index, 0) + 1
                first_seen.setdefault(index, mention.start)
    if len(salience) >= count:
        # Among equally mentioned people, the ones named first: a story's lead names its main actors.
        ranked = sorted(salience, key=lambda i: (-salience[i], first_seen[i]))
        return tuple(sorted(ranked[:count]))
    later: list[int] = []
    for mention in sorted(cast.mentions, key=lambda m: m.start):
        if mention.start <= position or mention.kind != "name":
            continue
        for index in mention.persons:
            if index not in later and fits(cast.persons[index]):
                later.append(index)
    if len(later) >= count:
        return tuple(later[:count])
    return ()


def _by_role(cast: Cast, position: int, noun: str, country: str | None) -> int | None:
    wanted = ROLE_NOUNS.get(noun, (noun.title(),))
    for mention in sorted(cast.mentions, key=lambda m: -m.start):
        if mention.start >= position or len(mention.persons) != 1:
            continue
        person = cast.persons[mention.persons[0]]
        if not person.official or (country and person.country != country and person.title_country != country):
            continue
        role = person.role.lower()
        if "*" in wanted or any(w.lower() in role for w in wanted) or noun in role:
            return mention.persons[0]
    return None


def _antecedent(cast: Cast, sentence: Sentence, position: int, gender: str, sentences: list[Sentence],
                nominative: bool = False) -> int | None:
    """The person a pronoun refers to. A subject pronoun (`he`) keeps the sentence's subject (`He and Johnson
    signed ..., and he had tea`); other pronouns take the nearest fitting person earlier in the sentence; at
    the start of a sentence, the first (subject) person of the closest earlier sentence that has one."""

    def fits(index: int) -> bool:
        person_gender = cast.persons[index].gender
        return not person_gender or person_gender == gender

    same = [m for m in cast.in_sentence(sentence.index) if m.end <= position and len(m.persons) == 1
            and fits(m.persons[0])]
    clause_start = body_clause_start(sentence.text, position - sentence.start)
    if same and not clause_start:
        main = [m for m in same if m.start >= sentence.start + _main_clause_offset(sentence.text)]
        chosen = min(main, key=lambda m: m.start) if nominative and main else max(same, key=lambda m: m.end)
        return chosen.persons[0]
    for index in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
        earlier = [m for m in cast.in_sentence(index) if len(m.persons) == 1 and fits(m.persons[0])]
        if earlier:
            return min(earlier, key=lambda m: m.start).persons[0]
    if same:
        return max(same, key=lambda m: m.end).persons[0]
    return None


_SUBORDINATOR = re.compile(r"^\s*(?:As|When|While|After|Before|Although|Though|Since|If|Because|Once|Until|Despite|"
                           r"During|Following|With)\b[^,]{0,120},")


def _main_clause_offset(text: str) -> int:
    """Where the main clause starts: after a fronted subordinate clause (`As Xi was in Moscow, ...`)."""
    match = _SUBORDINATOR.match(text)
    return match.end() if match else 0


def body_clause_start(text: str, offset: int) -> bool:
    """Whether a pronoun at this offset opens its sentence (possibly after a fronted phrase like `Yesterday,`)."""
    before = text[:offset]
    return not before.strip() or bool(re.fullmatch(r"\s*(?:[A-Z][\w.' -]{0,30},\s*)", before))
