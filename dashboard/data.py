"""All the dashboard's data access: the DuckDB store it reads, keeping that store current, and uploads.

The events live in the store (`pipeline.store`: $TIMELINE_DB, else data/timeline.duckdb), the one
`python -m pipeline ingest` fills, so the dashboard shows merged events (one row per contact, with
its reports). :func:`refresh_store` ingests the corpus folders — the sample articles (or
$TIMELINE_ARTICLES) plus every batch uploaded through "Add articles" (data/uploads/<time>/) —
which adds only new or changed articles; the app runs it once per :func:`refresh_key` (file stats
only), so reruns never re-read the articles.

Every read pushes the sidebar's filters down into SQL (`pipeline.query`) on a read-only connection
opened for that read and closed after it, and writes open and close their own: the app never holds
the store between reruns, so an ingest from a terminal waits for one query at most. DuckDB also
refuses a read-only and a read-write connection to one file within one process, so the sessions of
this server take :data:`_LOCK` (many readers or one writer) around each connection.

No Streamlit here: app.py and the views cache these functions on :func:`store_version`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.filters import Filters, active_filters, without
from pipeline import store
from pipeline.ingest import SUPPORTED_SUFFIXES, Article, read_articles
from pipeline.query import FACETS, QueryFilters
from pipeline.timeline import RunReport, ingest_store

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = PROJECT_DIR / "data" / "articles"
UPLOADS_DIR = PROJECT_DIR / "data" / "uploads"
ARTICLES_ENV = "TIMELINE_ARTICLES"  # a folder of articles to open instead of the sample corpus
UPLOADS_ENV = "TIMELINE_UPLOADS"  # where uploaded batches go instead of data/uploads (tests use a tmp dir)
DB_ENV = "TIMELINE_DB"  # the store to read instead of data/timeline.duckdb (tests use a tmp file)
EXTRACTION_KEY = "dashboard_extraction"  # meta: the extraction code that last ingested the corpus folders
ROW_LIMIT = 250_000  # filtered events a page loads at most; counts, facets and exports are never capped
# what the pages draw of each merged event (details, sources and exports read the rest by id or filter)
PAGE_COLUMNS = ("event_id", "article_id", "date", "date_precision", "event_type", "status", "participants",
                "countries", "roles", "location", "location_country", "latitude", "longitude", "topics",
                "evidence", "confidence", "n_sources")


class StoreUnavailable(RuntimeError):
    """The store cannot be read: another process held it past the wait, or the file is not a store."""


@dataclass(frozen=True)
class ArticleText:
    """One article as the article view shows it."""

    article_id: str
    published: str
    title: str
    source: str
    url: str
    text: str
    origin: str


@dataclass(frozen=True)
class Overview:
    """What the sidebar needs whatever the filters: how many merged events the store holds, each facet's
    values (most frequent first: the widgets' stable options) and the date range."""

    version: str
    total: int
    options: dict[str, list[str]]
    bounds: tuple[dt.date, dt.date] | None


@dataclass(frozen=True)
class PageRows:
    """The filtered merged events a page draws (:data:`PAGE_COLUMNS`, at most :data:`ROW_LIMIT` in date
    order), how many matched in all, and the live counts beside each facet's values."""

    frame: pd.DataFrame
    matched: int
    facets: dict[str, dict[str, int]]

    @property
    def truncated(self) -> bool:
        return self.matched > len(self.frame)


class _ReadWriteLock:
    """Many readers or one writer among the threads of this process (the sessions of one server)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing and not self._readers)
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


_LOCK = _ReadWriteLock()


def db_path() -> Path:
    """The store the dashboard reads: $TIMELINE_DB when set, else data/timeline.duckdb."""
    chosen = os.environ.get(DB_ENV)
    return Path(chosen).expanduser().resolve() if chosen else store.DEFAULT_DB


def default_articles_dir() -> Path:
    """The folder the dashboard opens: $TIMELINE_ARTICLES when set, else the sample corpus."""
    chosen = os.environ.get(ARTICLES_ENV)
    return Path(chosen).expanduser().resolve() if chosen else SAMPLE_ARTICLES


def uploads_dir() -> Path:
    """Where uploaded batches are stored: $TIMELINE_UPLOADS when set, else data/uploads."""
    chosen = os.environ.get(UPLOADS_ENV)
    return Path(chosen).expanduser().resolve() if chosen else UPLOADS_DIR


def upload_batches() -> list[Path]:
    """The uploaded batch folders, oldest first (their names start with the upload time)."""
    root = uploads_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def corpus_folders() -> list[Path]:
    """Every folder the dashboard ingests, the base corpus first (it wins over a re-uploaded copy)."""
    return [default_articles_dir(), *upload_batches()]


@functools.lru_cache(maxsize=4)
def _code_hash(stamp: tuple[tuple[str, int, int], ...]) -> bytes:
    digest = hashlib.sha256()
    for name, _size, _mtime in stamp:
        digest.update((PROJECT_DIR / name).read_bytes())
    return digest.digest()


def _code_fingerprint() -> bytes:
    """Hash of the extraction code and data; re-read only when a file's size or time changes."""
    paths = sorted((PROJECT_DIR / "pipeline").glob("*.py")) + sorted((PROJECT_DIR / "data").glob("*.json*"))
    stamp = tuple((str(p.relative_to(PROJECT_DIR)), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)
    return _code_hash(stamp)


def fingerprint(articles_dir: Path) -> str:
    """Hash of a corpus folder (names, sizes, times) and of the code and data that extraction uses."""
    digest = hashlib.sha256()
    for path in sorted(p for p in articles_dir.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES):
        stat = path.stat()
        digest.update(f"{path.relative_to(articles_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    digest.update(_code_fingerprint())
    return digest.hexdigest()[:20]


def data_version() -> str:
    """Changes whenever the corpus folders would give other events: an upload, an edited article, new code."""
    return hashlib.sha256("|".join(f"{f}:{fingerprint(f)}" for f in corpus_folders()).encode()).hexdigest()[:20]


def refresh_key(db: Path | None = None) -> str:
    """Changes when the store may be behind the corpus folders (:func:`data_version`) or is another file
    (another path, or the same path deleted and made again). File stats only: the app calls it every rerun."""
    db = db or db_path()
    identity = str(db.stat().st_ino) if db.exists() else "none"
    return hashlib.sha256(f"{data_version()}|{db}|{identity}".encode()).hexdigest()[:20]


def refresh_store(db: Path | None = None) -> RunReport:
    """Bring the store up to date with the corpus folders: `ingest_store` adds only new or changed articles.

    When the extraction code or data changed since the dashboard last ingested into this store, the
    folders are re-extracted (`--force`), as an improved pipeline should show; articles ingested from
    elsewhere are left as they are. The store is created when missing, so an empty corpus reads as empty.
    """
    db = db or db_path()
    stamp = _code_fingerprint().hex()[:20]
    with _LOCK.writing(), _unavailable_as_error():
        if not db.exists():
            with store.connect(db):
                pass  # creates the file and its schema
        stored = store.meta_value(db, EXTRACTION_KEY)
        report = ingest_store(corpus_folders(), db, force=stored not in (None, stamp))
        if stored != stamp:
            with store.connect(db) as connection:
                store.set_meta(connection, EXTRACTION_KEY, stamp)
    return report


def store_version(db: Path | None = None) -> str:
    """Changes whenever the store is written, by this app or by an ingest from a terminal (size and time of
    the file and its write-ahead log): the cache key of every read."""
    db = db or db_path()
    parts = [str(db)]
    for path in (db, db.with_name(db.name + ".wal")):
        stat = path.stat() if path.exists() else None
        parts.append(f"{stat.st_size}:{stat.st_mtime_ns}" if stat else "-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


@contextmanager
def _unavailable_as_error() -> Iterator[None]:
    try:
        yield
    except (duckdb.IOException, store.StoreMissing) as exc:
        raise StoreUnavailable(f"the store cannot be read now ({exc}); try again in a moment") from exc


@contextmanager
def _reading(db: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-only connection for a few queries, closed on exit (never kept across reruns)."""
    with _LOCK.reading(), _unavailable_as_error(), store.connect(db or db_path(), read_only=True) as connection:
        yield connection


def as_query(filters: Filters | QueryFilters) -> QueryFilters:
    """The sidebar's filters as the store's (same fields, same meaning)."""
    return filters if isinstance(filters, QueryFilters) else QueryFilters.from_object(filters)


def overview(db: Path | None = None) -> Overview:
    """Totals, facet options and date range of the whole store, on one read-only connection."""
    version = store_version(db)
    with _reading(db) as connection:
        total = store.count_events(connection)
        options = {facet: list(store.facet_counts(connection, None, facet)) for facet in FACETS}
        bounds = store.date_bounds(connection)
    dates = (dt.date.fromisoformat(bounds[0]), dt.date.fromisoformat(bounds[1])) if bounds else None
    return Overview(version, total, options, dates)


def page_rows(filters: Filters | QueryFilters, db: Path | None = None, limit: int = ROW_LIMIT) -> PageRows:
    """The filtered merged events, their count and every facet's live counts, on one read-only connection."""
    query = as_query(filters)
    with _reading(db) as connection:
        matched = store.count_events(connection, query)
        frame = store.query_columns(connection, query, PAGE_COLUMNS, limit if matched > limit else None)
        facets = {facet: store.facet_counts(connection, query, facet) for facet in FACETS}
    return PageRows(frame, matched, facets)


def relaxations(filters: Filters, db: Path | None = None) -> list[tuple[str, int]]:
    """For each active filter, how many merged events the view would have without it; most helpful first."""
    with _reading(db) as connection:
        found = [(label, store.count_events(connection, as_query(without(filters, name))))
                 for name, label in active_filters(filters).items()]
    return sorted(found, key=lambda item: -item[1])


def event(event_id: str, db: Path | None = None) -> dict[str, object] | None:
    """One merged event with every column, by its id or the id of one of its reports (None when unknown)."""
    with _reading(db) as connection:
        return store.event(connection, str(event_id))


def event_sources(event_id: str, db: Path | None = None) -> pd.DataFrame:
    """The reports of a merged event, best first: article, title, date, status, evidence (one per article)."""
    with _reading(db) as connection:
        return store.event_sources(connection, str(event_id))


def article_text(article_id: str, db: Path | None = None) -> ArticleText | None:
    """A stored article's whole text (None when the store does not hold it)."""
    with _reading(db) as connection:
        found = store.article(connection, str(article_id))
    if found is None:
        return None
    return ArticleText(**{name: "" if found.get(name) is None else str(found[name])
                          for name in ArticleText.__dataclass_fields__})


def export_events(filters: Filters | QueryFilters, db: Path | None = None) -> pd.DataFrame:
    """Every filtered merged event with every column (what the sidebar's table exports hold), never capped."""
    with _reading(db) as connection:
        return store.query_events(connection, as_query(filters))


def export_reports(filters: Filters | QueryFilters, db: Path | None = None) -> pd.DataFrame:
    """Every report of the filtered merged events: its merged event's id, its rank and the article's row."""
    with _reading(db) as connection:
        return store.query_reports(connection, as_query(filters))


def all_events(db: Path | None = None, merged: bool = True) -> pd.DataFrame:
    """The whole store in timeline order: merged events, or with `merged=False` every article's rows."""
    with _reading(db) as connection:
        return store.query_events(connection, merged=merged)


def known_articles(paths: Sequence[Path], db: Path | None = None) -> tuple[set[str], set[str]]:
    """Which ids and content hashes of the articles in these files the store already holds, so an upload
    can refuse copies (asking about these articles only, not loading every id of a large store)."""
    articles = [item for item in read_articles(paths) if isinstance(item, Article)]
    with _reading(db) as connection:
        return store.existing_articles(connection, [a.article_id for a in articles],
                                       [a.content_hash for a in articles])


def store_articles(extracted: Sequence[tuple[Article, list[dict[str, object]]]], db: Path | None = None) -> int:
    """Write extracted articles and their rows to the store, merged, in one transaction; returns how many."""
    if not extracted:
        return 0
    with _LOCK.writing(), _unavailable_as_error(), store.connect(db or db_path()) as connection:
        return store.write_batch(connection, extracted)


def save_upload(files: list[tuple[str, bytes]], when: dt.datetime | None = None) -> list[Path]:
    """Write one uploaded batch under uploads_dir()/<timestamp>-<random>/ and return the file paths.

    Names must already be sanitised (see `dashboard.uploads.sanitise_name`); this function still
    refuses any name that would land outside the batch folder, and never overwrites a file.
    """
    when = when or dt.datetime.now()
    batch = uploads_dir() / f"{when:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    root = batch.resolve()
    for name, _data in files:  # check every name before anything is written
        if name in ("", ".", "..") or (root / name).resolve().parent != root:
            raise ValueError(f"refusing to write {name!r} outside the upload folder")
    batch.mkdir(parents=True, exist_ok=False)
    paths: list[Path] = []
    for name, data in files:
        target = root / name
        stem, suffix, counter = target.stem, target.suffix, 2
        while target.exists():
            target = root / f"{stem}-{counter}{suffix}"
            counter += 1
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
        paths.append(target)
    return paths


def discard_upload(path: Path) -> None:
    """Remove a stored upload that gave nothing (and its batch folder when empty)."""
    target = path.resolve()
    if uploads_dir().resolve() not in target.parents:
        raise ValueError(f"{path} is not an uploaded file")
    target.unlink(missing_ok=True)
    if target.parent != uploads_dir().resolve() and not any(target.parent.iterdir()):
        target.parent.rmdir()
