"""Data access: the store kept current with the corpus folders, uploads into it, and where uploads may go."""

from __future__ import annotations

import shutil
import threading
import time

import duckdb
import pytest

from dashboard import data
from dashboard.filters import Filters
from dashboard.uploads import Member, extract_uploads
from pipeline import store
from tests.conftest import FIXTURES

KERRY = FIXTURES / "articles" / "kerry_lavrov_climate.txt"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A one-article base corpus, an empty uploads folder and a store, all in tmp_path."""
    base = tmp_path / "articles"
    base.mkdir()
    shutil.copy(KERRY, base)
    monkeypatch.setenv(data.ARTICLES_ENV, str(base))
    monkeypatch.setenv(data.UPLOADS_ENV, str(tmp_path / "uploads"))
    monkeypatch.setenv(data.DB_ENV, str(tmp_path / "timeline.duckdb"))
    return tmp_path


def test_the_store_follows_the_environment(corpus):
    assert data.db_path() == corpus / "timeline.duckdb"
    assert data.corpus_folders() == [corpus / "articles"]


def test_base_corpus_only(corpus):
    report = data.refresh_store()
    assert (report.articles, report.unchanged) == (1, 0)
    frame = data.all_events()
    assert len(frame) >= 1 and set(frame["article_id"]) == {"kerry_lavrov_climate"}
    assert "n_sources" in frame.columns, "the dashboard reads merged events"
    article = data.article_text("kerry_lavrov_climate")
    assert article is not None and "Kerry" in article.text and article.published == "2021-07-13"
    assert data.article_text("no-such-article") is None


def test_an_unchanged_corpus_is_not_ingested_again_and_the_store_is_not_written(corpus):
    data.refresh_store()
    key, version = data.refresh_key(), data.store_version()
    report = data.refresh_store()
    assert (report.articles, report.unchanged, report.events) == (1, 1, 0)
    assert (data.refresh_key(), data.store_version()) == (key, version), "caches keyed on them stay valid"


def test_an_empty_corpus_gives_an_empty_store(corpus):
    (corpus / "articles" / KERRY.name).unlink()
    data.refresh_store()
    overview = data.overview()
    assert (overview.total, overview.bounds) == (0, None)
    rows = data.page_rows(Filters())
    assert rows.matched == 0 and rows.frame.empty and not rows.truncated


def test_uploads_join_the_corpus_and_change_the_key(corpus):
    data.refresh_store()
    before, first = data.refresh_key(), data.all_events()
    table = (FIXTURES / "articles" / "table_articles.csv").read_bytes()
    paths = data.save_upload([("table.csv", table)])
    assert paths[0].parent.parent == corpus / "uploads" and paths[0].read_bytes() == table
    assert data.refresh_key() != before, "an upload makes the app check the store again"
    version = data.store_version()
    data.refresh_store()
    assert data.store_version() != version
    after = data.all_events()
    assert len(after) > len(first) and "csv-merkel-macron" in set(after["article_id"])
    assert after["date"].is_monotonic_increasing and after["event_id"].is_unique
    assert data.article_text("csv-merkel-macron") is not None


def test_a_reuploaded_article_is_counted_once(corpus):
    data.refresh_store()
    first = data.all_events()
    data.save_upload([("copy.txt", KERRY.read_bytes())])
    data.refresh_store()
    assert len(data.all_events()) == len(first)


def test_an_upload_is_extracted_once_into_the_store(corpus):
    data.refresh_store()
    csv = FIXTURES / "articles" / "table_articles.csv"
    paths = data.save_upload([("table.csv", csv.read_bytes()), ("kerry.txt", KERRY.read_bytes())])
    ids, hashes = data.known_articles(paths)
    assert ids == set() and len(hashes) == 1, "the kerry copy is known by content, the table's rows are new"
    members = [Member(p.name, p.read_bytes(), p.name) for p in paths]
    reports = extract_uploads(zip(members, paths, strict=True), ids, hashes, on_extracted=data.store_articles)
    assert reports[0].articles >= 1 and reports[1].status == "refused"
    stored = data.all_events(merged=False)
    assert {"csv-merkel-macron", "kerry_lavrov_climate"} <= set(stored["article_id"])
    assert reports[0].events == int((stored["article_id"].str.startswith("csv-")).sum())
    again = data.refresh_store()
    assert again.unchanged == again.articles, "refreshing afterwards finds the upload already stored"


def test_new_extraction_code_re_extracts_the_corpus(corpus, monkeypatch):
    data.refresh_store()
    assert data.refresh_store().unchanged == 1
    monkeypatch.setattr(data, "_code_fingerprint", lambda: b"improved extraction")
    report = data.refresh_store()
    assert (report.articles, report.unchanged) == (1, 0) and report.events >= 1
    assert data.refresh_store().unchanged == 1, "once per change of the code"


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
        data.discard_upload(KERRY)


def test_readers_in_this_process_wait_for_a_writer(corpus):
    """DuckDB refuses a read-only connection while this process has a read-write one open: the lock
    makes another session's read wait for the write instead of failing."""
    data.refresh_store()
    results: list[object] = []
    reader = threading.Thread(target=lambda: results.append(data.overview().total))
    with data._LOCK.writing(), store.connect(data.db_path()):
        reader.start()
        time.sleep(0.3)
        assert not results and reader.is_alive(), "the read waits while the write connection is open"
    reader.join(timeout=30)
    assert results and results[0] >= 1


def test_an_unreadable_store_says_so_instead_of_a_traceback(corpus, monkeypatch):
    data.refresh_store()

    def busy(*_args, **_kwargs):  # what DuckDB raises when the file cannot be opened (not a lock: no waiting)
        raise duckdb.IOException("Cannot open file: Resource temporarily unavailable")

    monkeypatch.setattr(duckdb, "connect", busy)
    with pytest.raises(data.StoreUnavailable, match="cannot be read now"):
        data.page_rows(Filters())
