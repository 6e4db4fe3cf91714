"""Sentences, datelines and the phrase matcher: the units every later stage reads."""

from __future__ import annotations

import datetime as dt

from pipeline.dateline import parse_dateline, reference_day
from pipeline.phrases import PhraseMatcher
from pipeline.sentences import split_sentences


def test_abbreviations_initials_and_acronyms_do_not_end_sentences():
    text = ("U.S. Secretary of State James A. Baker III met Gen. Colin Powell on Aug. 7 in Independence, Mo. "
            "The talks ended. He left for the U.S. The next day he rested.")
    assert [s.text[:10] for s in split_sentences(text)] == ["U.S. Secre", "The talks ", "He left fo", "The next d"]


def test_sentences_keep_offsets_and_paragraphs():
    body = "First one. Second one.\n\nThird one."
    sentences = split_sentences(body)
    assert [(s.paragraph, body[s.start:s.end]) for s in sentences] == [
        (0, "First one."), (0, "Second one."), (1, "Third one.")]


def test_datelines():
    published = dt.date(1997, 4, 3)
    line = parse_dateline("CAIRO, April 2 , 1997 (AFP) - A Pakistani military chief arrived.", published)
    assert (line.city, line.day) == ("Cairo", dt.date(1997, 4, 2))
    assert reference_day(line, published) == dt.date(1997, 4, 2)
    line = parse_dateline("DAR ES SALAAM, Tanzania (AP) _ Albright arrived.", published)
    assert (line.city, line.region, line.day) == ("Dar es Salaam", "Tanzania", None)
    assert parse_dateline("The president met the king.", published) is None


def test_phrase_matcher_longest_first_possessive_and_hyphen():
    matcher = PhraseMatcher(["Guinea", "Guinea-Bissau", "U.S.", "Pakistan"], split_hyphens=True)
    hits = [(h.phrase, h.possessive) for h in matcher.finditer("Guinea-Bissau, U.S.-led and Pakistan's army.")]
    assert hits == [("Guinea-Bissau", False), ("U.S.", False), ("Pakistan", True)]


def test_phrase_matcher_ignores_case_and_takes_suffixes():
    matcher = PhraseMatcher(["ceasefire", "peace talk"], ignore_case=True, suffixes=("s",))
    assert [h.phrase for h in matcher.finditer("Ceasefires and PEACE TALKS")] == ["ceasefire", "peace talk"]
