"""The people of one article: the shared types the actor, coreference and contact stages pass around."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.countries import CountryLexicon
from pipeline.knowledge import Official, OfficialsIndex


@dataclass
class Person:
    """One real person in an article, however often and however they are named."""

    name: str
    country: str = ""
    role: str = ""
    gender: str = ""
    official: bool = False
    titled: bool = False
    former: bool = False
    called_former: bool = False  # some mention says `former`, whatever else is known of the person
    known: Official | None = None
    tokens: tuple[str, ...] = ()
    title_country: str = ""

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to one or more people of the cast (a group for `the two leaders`)."""

    start: int
    end: int
    persons: tuple[int, ...]
    sentence: int
    kind: str  # "name" | "surname" | "pronoun" | "role" | "group" | "relative"
    text: str = ""


@dataclass
class Cast:
    """The people of one article and where they are mentioned."""

    persons: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        """Record a mention; kept per sentence too, because every stage asks "who is in this sentence?"."""
        self.mentions.append(mention)
        self._by_sentence.setdefault(mention.sentence, []).append(mention)

    def in_sentence(self, index: int) -> list[Mention]:
        """The mentions of one sentence, in text order."""
        found = self._by_sentence.get(index, [])
        found.sort(key=lambda m: (m.start, m.end))
        return found


@dataclass(frozen=True)
class ArticleContext:
    """What the actor finder needs to know about the article beyond its text."""

    year: int
    lexicon: CountryLexicon
    officials: OfficialsIndex
    dateline_country: str = ""
