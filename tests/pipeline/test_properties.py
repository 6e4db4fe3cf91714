"""Property-based tests: no text breaks extraction, and every row it makes satisfies the schema."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_article, load_resources
from pipeline.ingest import Article, ArticleError, ReadOptions, parse_text_article
from pipeline.schema import to_timeline_frame, validate

RESOURCES = load_resources()
NEWSY_WORDS = st.sampled_from([
    "President", "Joe", "Biden", "met", "Russian", "Foreign", "Minister", "Sergei", "Lavrov", "in", "Moscow", "on",
    "Monday", "he", "She", "will", "meet", "talks", "with", "the", "King", "Hussein", "of", "Jordan", ",", ".",
    "not", "summit", "phone", "call", "U.S.", "Xi", "Jinping", "last", "week", "and", "Mr.", "2021", "May", "said",
])
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(body: str, published: dt.date) -> list[dict]:
    rows = extract_article(Article("p", published, body), RESOURCES)
    frame = to_timeline_frame(rows)
    assert validate(frame) == [], (body, frame.to_dict("records"))
    return rows


@SETTINGS
@given(st.text(max_size=400), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_arbitrary_unicode_never_raises(body, published):
    _rows(body, published)


@SETTINGS
@given(st.lists(NEWSY_WORDS, max_size=80).map(" ".join),
       st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_newsy_word_salad_gives_valid_rows(body, published):
    for row in _rows(body, published):
        assert len(row["participants"].split("; ")) == len(row["countries"].split("; "))


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(["date 2021-07-13", "title T", "url x", ""])),
                max_size=6).map("\n".join), st.text(max_size=200))
def test_arbitrary_header_lines_parse_or_refuse_cleanly(header, body):
    try:
        article = parse_text_article(header + "\n\n" + body, "h", ReadOptions(default_published=dt.date(2020, 1, 1)))
    except ArticleError:
        return
    _rows(article.text, article.published)
