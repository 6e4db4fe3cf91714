"""All the dashboard's data access: the events table, an article's text, and storing uploaded files.

The corpus is the sample articles (or $TIMELINE_ARTICLES) plus every batch uploaded through the
"Add articles" page (data/uploads/<timestamp>/). Pages only ever call :func:`load_events`,
:func:`data_version`, :func:`article_text` and :func:`save_upload`, so swapping this module for a
database store (with filters pushed down into SQL) does not touch a page.

Extraction results are cached as Parquet keyed on the corpus files and on the extraction code and
data, so editing an article or improving the pipeline rebuilds them, and an unchanged start takes
milliseconds. No Streamlit here: the app wraps :func:`load_events` in `st.cache_data`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.ingest import SUPPORTED_SUFFIXES, Article, read_articles
from pipeline.schema import to_timeline_frame
from pipeline.timeline import build_timeline

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = PROJECT_DIR / "data" / "articles"
CACHE_DIR = PROJECT_DIR / "data" / "cache"
UPLOADS_DIR = PROJECT_DIR / "data" / "uploads"
ARTICLES_ENV = "TIMELINE_ARTICLES"  # a folder of articles to open instead of the sample corpus
UPLOADS_ENV = "TIMELINE_UPLOADS"  # where uploaded batches go instead of data/uploads (tests use a tmp dir)


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
    """Every folder the dashboard reads, the base corpus first (it wins over a re-uploaded copy)."""
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
    """Changes whenever the events would: a new upload, an edited article, new extraction code.

    Cheap (file stats only), so the app calls it on every rerun and caches everything on it.
    """
    return hashlib.sha256("|".join(f"{f}:{fingerprint(f)}" for f in corpus_folders()).encode()).hexdigest()[:20]


def _cached_build(name: str, folders: list[Path], key: str, cache_dir: Path) -> pd.DataFrame:
    cache = cache_dir / f"timeline-{name}-{key}.parquet"
    if cache.exists():
        try:
            return to_timeline_frame(pd.read_parquet(cache).to_dict("records"))
        except (OSError, ValueError):
            cache.unlink(missing_ok=True)  # a broken cache is rebuilt, never trusted
    frame, _report = build_timeline(folders)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"timeline-{name}-*.parquet"):
            old.unlink(missing_ok=True)
        partial = cache.with_suffix(".partial")
        frame.to_parquet(partial, index=False)
        partial.replace(cache)
    except OSError:
        pass  # a read-only checkout still works, just without the cache
    return frame


def load_timeline(folder: Path | None = None, cache_dir: Path = CACHE_DIR) -> pd.DataFrame:
    """The timeline of one folder of articles, from the cache when nothing changed."""
    folder = folder or default_articles_dir()
    return _cached_build(folder.name, [folder], fingerprint(folder), cache_dir)


def load_events(cache_dir: Path = CACHE_DIR) -> pd.DataFrame:
    """The dashboard's events: base corpus plus uploads, in date order, one row per event id.

    With uploads, all folders are read in one run, so an article uploaded twice (or already in
    the base corpus) is counted once, exactly as the upload report said.
    """
    folders = corpus_folders()
    if len(folders) == 1:
        frame = load_timeline(folders[0], cache_dir)
    else:
        frame = _cached_build("corpus", folders, data_version(), cache_dir)
    return prepare_events(frame)


def prepare_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Date order (ties by event id), unique event ids and a 0..n-1 index: what the filters expect."""
    frame = frame.drop_duplicates("event_id").sort_values(["date", "event_id"], kind="stable")
    return frame.reset_index(drop=True)


@functools.lru_cache(maxsize=2)
def _article_index(version: str) -> dict[str, ArticleText]:
    del version  # the cache key: the index is rebuilt whenever the corpus changes
    index: dict[str, ArticleText] = {}
    for item in read_articles(corpus_folders()):
        if isinstance(item, Article) and item.article_id not in index:
            index[item.article_id] = ArticleText(item.article_id, item.published.isoformat(), item.title,
                                                 item.source, item.url, item.text, item.origin)
    return index


def article_text(article_id: str) -> ArticleText | None:
    """The whole article an event came from (None when it is no longer in the corpus)."""
    return _article_index(data_version()).get(str(article_id))


def known_articles() -> tuple[set[str], set[str]]:
    """Ids and content hashes of the articles already in the corpus, so an upload can refuse copies."""
    ids: set[str] = set()
    hashes: set[str] = set()
    for item in read_articles(corpus_folders()):
        if isinstance(item, Article):
            ids.add(item.article_id)
            hashes.add(item.content_hash)
    return ids, hashes


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
