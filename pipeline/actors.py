"""People in an article: who is named, as what, from which country, and every later mention.

News introduces an official once with nationality and title (`Russian Foreign Minister
Sergey Lavrov`, `Farooq Feroze Khan, chairman of Pakistan's joint chiefs of staff committee,`,
`King Hussein of Jordan`) and then writes `Lavrov`, `Mr. Lavrov`, `the minister`, `he`, or
`the two ministers`. This module builds the article's cast (one :class:`Person` per real
person) and a list of :class:`Mention` objects pointing into the text, so the contact finder
can ask "who is at this offset?" without knowing how the person was named.
"""

from __future__ import annotations

import re

from pipeline.cast import ArticleContext, Cast, Mention, Person
from pipeline.coreference import reference_mentions
from pipeline.countries import CountryMention
from pipeline.knowledge import Official, OfficialsIndex, fold_name
from pipeline.names import NameRun, find_name_runs
from pipeline.sentences import Sentence
from pipeline.titles import TitleInfo, analyse_title, is_title_word


def find_cast(body: str, sentences: list[Sentence], countries: list[CountryMention],
              context: ArticleContext, upto_sentence: int | None = None) -> Cast:
    """Build the cast for the sentences up to `upto_sentence` (all when None)."""
    cast = Cast()
    last = len(sentences) - 1 if upto_sentence is None else min(upto_sentence, len(sentences) - 1)
    for sentence in sentences[: last + 1]:
        in_sentence = [c for c in countries if sentence.start <= c.start < sentence.end]
        _name_mentions(body, sentence, in_sentence, context, cast)
    # Second pass: references that need the whole cast (pronouns, roles, groups), sentence by sentence.
    for sentence in sentences[: last + 1]:
        reference_mentions(body, sentence, countries, context, cast, sentences)
    cast.mentions.sort(key=lambda m: (m.start, m.end))
    return cast


def _name_mentions(body: str, sentence: Sentence, countries: list[CountryMention], context: ArticleContext,
                   cast: Cast) -> None:
    country_spans = [(c.start, c.end, c) for c in countries]
    previous_plural: TitleInfo | None = None
    for run in find_name_runs(sentence.text, sentence.start, country_spans):
        title_words, title_countries = _title_before(body, sentence, run, country_spans)
        info = analyse_title(title_words, _words_of(title_countries, body)) if title_words else None
        if info is not None and info.plural:
            previous_plural = info
        elif info is None and previous_plural is not None and _joined_by_and(body, run):
            info = previous_plural
        after_country, apposition = _after_name(body, sentence, run, country_spans)
        if apposition is not None and (info is None or not info.head) and (len(run.tokens) > 1 or
                                                                            _known_name(run, context, cast)):
            title_countries = apposition[1] or title_countries
            info = analyse_title(apposition[0], _words_of(title_countries, body))
        country = _nationality(title_countries, body) or after_country
        index = _resolve(run, info, country, context, cast)
        if index is None:
            continue
        kind = "name" if len(run.tokens) > 1 else "surname"
        cast.add(Mention(run.start, run.end, (index,), sentence.index, kind, run.text))


def _title_before(body: str, sentence: Sentence, run: NameRun,
                  country_spans: list[tuple[int, int, CountryMention]]) -> tuple[list[str], list[CountryMention]]:
    """Title words directly before the name (peeled from the run or written before it)."""
    left = body[sentence.start:run.title_start]
    words, countries = _scan_title(sentence, left, country_spans)
    words += list(run.title_tokens)
    countries += [c for s, e, c in country_spans if run.title_start <= s < run.start and c not in countries]
    while words and words[0].lower() in _TITLE_GLUE:
        words.pop(0)
    if not words and re.search(r",\s*$", left):
        return _title_before_comma(sentence, left, country_spans)
    return words, countries


def _title_before_comma(sentence: Sentence, left: str, country_spans: list[tuple[int, int, CountryMention]]
                        ) -> tuple[list[str], list[CountryMention]]:
    """`Japan's prime minister, Fumio Kishida` / `the U.S. envoy on climate, John Kerry`: a title, a comma, a name."""
    words, countries = _scan_title(sentence, left.rstrip().rstrip(","), country_spans)
    while words and words[0].lower() in _TITLE_GLUE:
        words.pop(0)
    if not words or not analyse_title(words).head or len(words) > 9:
        return [], []
    return words, countries


_TITLE_GLUE = {"of", "for", "to", "and", "on"}


def _scan_title(sentence: Sentence, left: str, country_spans: list[tuple[int, int, CountryMention]]
                ) -> tuple[list[str], list[CountryMention]]:
    """The words at the end of `left` that can belong to a title (title words, country words, `of`),
    read backwards until the first word that cannot, and the countries among them."""
    words: list[str] = []
    countries: list[CountryMention] = []
    for token in reversed(list(re.finditer(r"[\w.'’-]+|[^\w\s]", left))):
        text = token.group(0)
        absolute = sentence.start + token.start()
        country = next((c for s, e, c in country_spans if s <= absolute < e), None)
        if country is not None:
            if country not in countries:
                countries.insert(0, country)
        elif not (text in {"of", "for", "to", "on"} or is_title_word(text)):
            break
        words.insert(0, text)
    return words, countries


def _after_name(body: str, sentence: Sentence, run: NameRun,
                country_spans: list[tuple[int, int, CountryMention]]
                ) -> tuple[str, tuple[list[str], list[CountryMention]] | None]:
    """`of Jordan` right after the name, and an appositive title (`, chairman of Pakistan's ...,`)."""
    rest = body[run.end:sentence.end]
    country = ""
    match = re.match(r"\s+of\s+(?:the\s+)?", rest)
    if match:
        at = run.end + match.end()
        hit = next((c for s, e, c in country_spans if s == at), None)
        if hit is not None:
            country = hit.code
    appositive = re.match(r",\s+(?:who\s+(?:is|was|has\s+been|had\s+been)\s+(?:then\s+|now\s+|also\s+)?)?"
                          r"(?:the\s+|a\s+|an\s+)?([^,;()]{3,90}?)(?=,|;|\.$|\s+said\b|\s+who\b|$)", rest)
    if not appositive:
        return country, None
    phrase_start = run.end + appositive.start(1)
    words = appositive.group(1).split()
    if not words or (not is_title_word(words[0]) and not any(s == phrase_start for s, e, c in country_spans)):
        return country, None
    head_seen = any(analyse_title(words[: i + 1]).head for i in range(min(len(words), 6)))
    if not head_seen:
        return country, None
    in_phrase = [c for s, e, c in country_spans if phrase_start <= s < phrase_start + len(appositive.group(1))]
    title_words = [w for w in words if not any(w.startswith(c.text.split()[0]) for c in in_phrase)] or words
    return country, (title_words, in_phrase)


def _words_of(countries: list[CountryMention], body: str = "") -> frozenset[str]:
    """Words of the nationality in a title, to leave out of the role (`Russian Foreign Minister` -> `Foreign
    Minister`); a destination stays in (`Ambassador to Kenya`)."""
    code = _nationality(countries, body)
    return frozenset(word for country in countries if country.code == code for word in country.text.split())


def _nationality(countries: list[CountryMention], body: str = "") -> str:
    """The country a title names as the person's own: the first, not one after `to` or `in` inside the title
    (`U.S. ambassador to Kenya`, `the envoy in Baghdad`; but `made clear to Turkey's ambassador`)."""
    for position, country in enumerate(countries):
        inside = position > 0 or (body and re.search(r"\b(?:ambassador|envoy|representative)s?\s+$",
                                                       body[max(0, country.start - 30):country.start], re.I))
        if inside and body and re.search(r"\b(?:to|in|at)\s+(?:the\s+)?$", body[max(0, country.start - 12):
                                                                                 country.start]):
            continue
        return country.code
    return ""


def _known_name(run: NameRun, context: ArticleContext, cast: Cast) -> bool:
    """A one-word name counts as a person's only if the cast or the knowledge base knows it (so `Similarly,
    the Hungarian foreign minister, ...` does not make a Mr. Similarly)."""
    folded = [fold_name(t) for t in run.tokens]
    return (any(_same_person(folded, p) for p in cast.persons)
            or context.officials.knows_short(run.tokens[0]))


def _joined_by_and(body: str, run: NameRun) -> bool:
    left = body[max(0, run.title_start - 6):run.title_start]
    return bool(re.search(r"(?:\band|,)\s*$", left))


def _resolve(run: NameRun, info: TitleInfo | None, country: str, context: ArticleContext, cast: Cast) -> int | None:
    """Index of the person this name refers to, creating them when new; None when it is not a person."""
    year = context.year
    folded = [fold_name(t) for t in run.tokens]
    name_text = " ".join(run.tokens)
    titled = info is not None and bool(info.head)
    honorific = run.honorific
    # 0. A title that is part of a known name (`King Hussein`, `Crown Prince Mohammed bin Salman`).
    known = _lookup_with_title(run, context.officials, year)
    # 1. Someone already in the cast: the one the knowledge base says is called this, else the most recent.
    for index in _preferred_by_short_name(folded, _by_recency(cast), cast):
        person = cast.persons[index]
        if known is not None and person.known is not None and person.known is not known:
            continue
        if _same_person(folded, person) and _compatible_title(info, person):
            _update(person, info, country, context)
            return index
    # 1b. An East Asian or Arab name is often shortened to its first word (`Xi`, `Yoon`, `Saddam`).
    if len(folded) == 1 and known is None:
        for index in _by_recency(cast):
            person = cast.persons[index]
            if len(person.tokens) > 1 and person.tokens[0] == folded[0] and _compatible_title(info, person):
                _update(person, info, country, context)
                return index
    # 2. The knowledge base.
    known = known or _lookup(run, context.officials, year)
    if known is not None:
        for index, person in enumerate(cast.persons):
            if person.known is known:
                _update(person, info, country, context)
                return index
        person = Person(known.name, tokens=tuple(fold_name(known.name).split()), gender=known.gender, known=known)
        role = known.role_at(year)
        if role is not None:
            person.country, person.role, person.official = role.country, role.title, True
        _update(person, info, country, context)
        cast.persons.append(person)
        return len(cast.persons) - 1
    # 3. Someone new, if the text marks them as a person.
    if not (titled or honorific or (info is not None and info.former)):
        return None
    if len(run.tokens) == 1 and not titled and not honorific:
        return None
    person = Person(name_text, tokens=tuple(folded))
    _update(person, info, country, context)
    cast.persons.append(person)
    return len(cast.persons) - 1


def _preferred_by_short_name(folded: list[str], order: list[int], cast: Cast) -> list[int]:
    """Put first the people whose usual short name this is (`Hussein` is King Hussein; Saddam Hussein is
    `Saddam`), keeping recency order otherwise."""
    if len(folded) != 1:
        return order

    def usual(index: int) -> bool:
        known = cast.persons[index].known
        return known is not None and folded[0] in {fold_name(s) for s in known.short}

    return [i for i in order if usual(i)] + [i for i in order if not usual(i)]


def _by_recency(cast: Cast) -> list[int]:
    order: list[int] = []
    for mention in reversed(cast.mentions):
        for index in mention.persons:
            if index not in order:
                order.append(index)
    return order + [i for i in range(len(cast.persons)) if i not in order]


_TITLE_IN_NAME = frozenset({"king", "queen", "prince", "crown", "sheikh", "emir", "sultan", "ayatollah", "pope"})
_MONARCH_HEADS = frozenset({"King", "Queen", "Emir", "Sultan", "Prince", "Crown Prince", "Ayatollah", "Sheikh"})


def _lookup_with_title(run: NameRun, officials: OfficialsIndex, year: int) -> Official | None:
    """The official whose known name includes the title written before it (`King Hussein`)."""
    titles = [t for t in run.title_tokens if t.lower() in _TITLE_IN_NAME]
    if not titles:
        return None
    for size in range(len(titles), 0, -1):
        found = officials.by_full_name(" ".join([*titles[-size:], *run.tokens]), year)
        if found is not None:
            return found
    return None


def _compatible_title(info: TitleInfo | None, person: Person) -> bool:
    """A king is not the president who shares his name (`King Hussein` vs `Saddam Hussein`)."""
    if info is None or info.head not in _MONARCH_HEADS:
        return True
    return info.head.lower() in person.role.lower() or (person.known is not None and any(
        info.head.lower() in role.title.lower() for role in person.known.roles))


def _lookup(run: NameRun, officials: OfficialsIndex, year: int) -> Official | None:
    tokens = list(run.tokens)
    if len(tokens) == 1:
        return officials.by_short_name(tokens[0], year)
    plain = [t for t in tokens if not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*|Jr\.?|Sr\.?|II|III|IV", t)]
    for candidate in (tokens, plain, plain[-2:] if len(plain) > 2 else None):
        if candidate:
            found = officials.by_full_name(" ".join(candidate), year)
            if found is not None:
                return found
    return None


def _same_person(folded: list[str], person: Person) -> bool:
    if not person.tokens:
        return False
    if folded == list(person.tokens):
        return True
    if len(folded) == 1:
        token = folded[0]
        return token == person.surname or (person.known is not None and token in
                                           {fold_name(s) for s in person.known.short})
    if folded[-1] != person.surname:
        return False
    first, other = folded[0], person.tokens[0]
    return first == other or (len(first) <= 2 and other.startswith(first[0]))


def _update(person: Person, info: TitleInfo | None, country: str, context: ArticleContext) -> None:
    """Fold what a new mention says into the person: a title, a country, a gender."""
    if country and not person.title_country:
        person.title_country = country
    if info is None:
        return
    if info.head:
        person.titled = True
        if not person.role or (person.known is None and len(info.role) > len(person.role)):
            person.role = info.role
    if info.former:
        person.called_former = True
        if not person.official:
            person.former = True
    if info.official and not info.former:
        person.official = True
    if info.gender and not person.gender:
        person.gender = info.gender


def finalise_people(cast: Cast, context: ArticleContext) -> None:
    """Settle each person's country once every mention is read: the text's word beats the knowledge base."""
    for person in cast.persons:
        if person.title_country:
            person.country = person.title_country
        elif not person.country and person.official:
            person.country = _default_country(person.role) or context.dateline_country


def _default_country(role: str) -> str:
    """Country implied by a title alone: `Secretary of State` and `Treasury Secretary` are American titles."""
    lower = role.lower()
    if "secretary" in lower and not re.search(r"general|foreign secretary|home secretary|defence secretary|party|"
                                              r"cabinet|press|permanent", lower):
        return "USA"
    return ""
