"""Finding any of thousands of fixed phrases in text, fast.

Python's regular expressions try every alternative at every position, so one pattern with
2,000 country names or 300 topic cues costs a second per megabyte. Here text is split into
words by one simple pattern and each word is looked up in a dict of phrases that start with it:
the cost is one dict lookup per word, about thirty times faster on news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_][\w'’.&-]*")
_TOKEN_NO_HYPHEN = re.compile(r"[^\W_][\w'’.&]*")
_POSSESSIVE = ("'s", "’s", "s'", "s’")


@dataclass(frozen=True)
class PhraseHit:
    start: int
    end: int  # includes a possessive ending when there is one
    phrase: str  # the phrase as it was given to the matcher
    possessive: bool


class PhraseMatcher:
    """Longest-first, non-overlapping matches of known phrases, on word boundaries."""

    def __init__(self, phrases: Iterable[str], *, ignore_case: bool = False, suffixes: tuple[str, ...] = (),
                 split_hyphens: bool = False):
        """`split_hyphens`: words joined by hyphens are separate words (`U.S.-led` holds `U.S.`), and a
        hyphen between the words of a phrase is as good as a space (`Guinea-Bissau`)."""
        self.ignore_case = ignore_case
        self._token = _TOKEN_NO_HYPHEN if split_hyphens else _TOKEN
        self._gap = re.compile(r"\s*-?\s*" if split_hyphens else r"\s*")
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        self._starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            words = tuple(self._norm(w) for w in (re.split(r"[\s-]+", phrase) if split_hyphens else phrase.split())
                          if w)
            if words:
                self._starts.setdefault(words[0], []).append((words, phrase))
        for options in self._starts.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        # Every written form a phrase can start with, so most words are dismissed with one set lookup.
        endings = ("", ".", "..", *_POSSESSIVE, *self.suffixes, *(s + p for s in self.suffixes for p in _POSSESSIVE))
        self._first_forms = frozenset(word + ending for word in self._starts for ending in endings)

    def _norm(self, word: str) -> str:
        return word.lower() if self.ignore_case else word

    def _variants(self, token: str) -> list[tuple[str, int, bool]]:
        """Forms a token may match as: (form, trailing full stops dropped, possessive).

        `Moscow.` at a sentence end is `Moscow`; `Pakistan's` is `Pakistan`, possessive; with suffixes
        (`s`, `ed` ...) `talks` is also `talk`. Most words need none of this, so the checks are cheap.
        """
        forms = [(token, 0, False)]
        last = token[-1]
        if last == ".":
            stripped = token.rstrip(".")
            if stripped:
                forms.append((stripped, len(token) - len(stripped), False))
        elif last in "s'’" and len(token) > 2:
            for ending in _POSSESSIVE:
                if token.endswith(ending):
                    forms.append((token[: -2 if ending in ("'s", "’s") else -1], 0, True))
        if self.suffixes:
            for form, dots, possessive in list(forms):
                for suffix in self.suffixes:
                    if form.endswith(suffix) and len(form) > len(suffix) + 2:
                        forms.append((form[: -len(suffix)], dots, possessive))
        return forms

    def finditer(self, text: str) -> Iterator[PhraseHit]:
        source = text.lower() if self.ignore_case else text
        if len(source) != len(text):  # lower() changed the length (`İ`): lowercase word by word, offsets stay true
            source = text
        first_forms = self._first_forms
        lowered = self.ignore_case and source is text
        words = [w.lower() for w in self._token.findall(source)] if lowered else self._token.findall(source)
        if first_forms.isdisjoint(words):
            return  # most texts hold no phrase at all: one set operation, no offsets needed
        spans = [m.span() for m in self._token.finditer(source)]
        tokens = [(start, end, word) for (start, end), word in zip(spans, words, strict=True)]
        index = 0
        while index < len(tokens):
            if tokens[index][2] not in first_forms:
                index += 1
                continue
            hit = self._match_at(text, tokens, index)
            if hit is None:
                index += 1
                continue
            yield hit[0]
            index += hit[1]

    def _match_at(self, text: str, tokens: list[tuple[int, int, str]], index: int) -> tuple[PhraseHit, int] | None:
        token = tokens[index][2]
        candidates = self._starts.get(token)
        if candidates is None:
            candidates = []
            for form, _, _ in self._variants(token)[1:]:
                candidates.extend(self._starts.get(form, ()))
            if not candidates:
                return None
        for words, phrase in sorted(candidates, key=lambda option: len(option[0]), reverse=True):
            size = len(words)
            if index + size > len(tokens):
                continue
            span = tokens[index: index + size]
            if any(not self._gap.fullmatch(text[span[i][1]: span[i + 1][0]]) for i in range(size - 1)):
                continue  # the words of a phrase are separated by spaces only
            if any(span[i][2] != words[i] for i in range(size - 1)):
                continue
            for form, dots, possessive in self._variants(span[-1][2]):
                if form == words[-1]:
                    return PhraseHit(span[0][0], span[-1][1] - dots, phrase, possessive), size
        return None
