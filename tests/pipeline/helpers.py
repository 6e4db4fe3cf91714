"""Small helpers for extraction tests: run one made-up article through the pipeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.extract import extract_article
from pipeline.ingest import Article
from pipeline.schema import to_timeline_frame


def events(body: str, published: str = "2021-07-13", article_id: str = "t") -> pd.DataFrame:
    """The timeline rows of one article with this body."""
    article = Article(article_id, dt.date.fromisoformat(published), body)
    return to_timeline_frame(extract_article(article))


def pairs(frame: pd.DataFrame) -> set[frozenset[str]]:
    """Participant sets as surnames, for compact assertions."""
    return {frozenset(name.split()[-1] for name in row.split("; ")) for row in frame["participants"]}
