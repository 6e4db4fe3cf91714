"""Data access: base corpus plus uploads, the data version, article text, and where uploads may go."""

from __future__ import annotations

import shutil

import pytest

from dashboard import data
from dashboard.filters import make_dataset
from tests.conftest import FIXTURES


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A one-article base corpus and an empty uploads folder, both in tmp_path."""
    base = tmp_path / "articles"
    base.mkdir()
    shutil.copy(FIXTURES / "articles" / "kerry_lavrov_climate.txt", base)
    monkeypatch.setenv(data.ARTICLES_ENV, str(base))
    monkeypatch.setenv(data.UPLOADS_ENV, str(tmp_path / "uploads"))
    return tmp_path


def test_base_corpus_only(corpus):
    frame = data.load_events(cache_dir=corpus / "cache")
    assert len(frame) >= 1 and set(frame["article_id"]) == {"kerry_lavrov_climate"}
    assert list(frame.index) == list(range(len(frame)))
    article = data.article_text("kerry_lavrov_climate")
    assert article is not None and "Kerry" in article.text and article.published == "2021-07-13"
    assert data.article_text("no-such-article") is None


def test_uploads_join_the_corpus_and_change_the_version(corpus):
    before = data.data_version()
    first = data.load_events(cache_dir=corpus / "cache")
    table = (FIXTURES / "articles" / "table_articles.csv").read_bytes()
    paths = data.save_upload([("table.csv", table)])
    assert paths[0].parent.parent == corpus / "uploads" and paths[0].read_bytes() == table
    assert data.data_version() != before
    after = data.load_events(cache_dir=corpus / "cache")
    assert len(after) > len(first) and "csv-merkel-macron" in set(after["article_id"])
    assert after["date"].is_monotonic_increasing and after["event_id"].is_unique
    assert data.article_text("csv-merkel-macron") is not None
    ids, hashes = data.known_articles()
    assert {"kerry_lavrov_climate", "csv-merkel-macron"} <= ids and len(hashes) == len(ids)


def test_a_reuploaded_article_is_counted_once(corpus):
    first = data.load_events(cache_dir=corpus / "cache")
    data.save_upload([("copy.txt", (FIXTURES / "articles" / "kerry_lavrov_climate.txt").read_bytes())])
    assert len(data.load_events(cache_dir=corpus / "cache")) == len(first)


def test_uploads_never_leave_their_folder(corpus):
    with pytest.raises(ValueError, match="outside"):
        data.save_upload([("../escape.txt", b"date 2021-01-01\n\ntext")])
    assert not (corpus / "uploads" / "escape.txt").exists()
    paths = data.save_upload([("a.txt", b"one"), ("a.txt", b"two")])
    assert [p.name for p in paths] == ["a.txt", "a-2.txt"]
    data.discard_upload(paths[0])
    data.discard_upload(paths[1])
    assert data.upload_batches() == []  # the emptied batch folder is gone too
    with pytest.raises(ValueError, match="not an uploaded file"):
        data.discard_upload(FIXTURES / "articles" / "kerry_lavrov_climate.txt")


def test_prepare_events_orders_and_deduplicates(timeline):
    shuffled = timeline.iloc[[4, 2, 0, 0, 3, 1]]
    prepared = data.prepare_events(shuffled)
    assert list(prepared["event_id"]) == ["e1", "e2", "e3", "e4", "e5"]
    dataset = make_dataset(prepared)
    assert dataset.options["countries"][0] == "RUS" and dataset.bounds[0].isoformat() == "2021-06-16"
