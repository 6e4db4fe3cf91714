"""Where the dashboard's table comes from: the sample corpus, extracted on first start and cached.

The cache file is keyed on the corpus files and on the extraction code and data, so editing
an article or improving the pipeline rebuilds it, and an unchanged start takes milliseconds.
No Streamlit here: the app wraps `load_timeline` in `st.cache_data`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from pipeline.ingest import SUPPORTED_SUFFIXES
from pipeline.schema import to_timeline_frame
from pipeline.timeline import build_timeline

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = PROJECT_DIR / "data" / "articles"
CACHE_DIR = PROJECT_DIR / "data" / "cache"
ARTICLES_ENV = "TIMELINE_ARTICLES"  # a folder of articles to open instead of the sample corpus


def default_articles_dir() -> Path:
    """The folder the dashboard opens: $TIMELINE_ARTICLES when set, else the sample corpus."""
    chosen = os.environ.get(ARTICLES_ENV)
    return Path(chosen).expanduser().resolve() if chosen else SAMPLE_ARTICLES


def fingerprint(articles_dir: Path) -> str:
    """Hash of the corpus (names, sizes, times) and of the code and data that extraction uses."""
    digest = hashlib.sha256()
    for path in sorted(p for p in articles_dir.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES):
        stat = path.stat()
        digest.update(f"{path.relative_to(articles_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    for path in sorted((PROJECT_DIR / "pipeline").glob("*.py")) + sorted((PROJECT_DIR / "data").glob("*.json*")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def load_timeline(folder: Path | None = None, cache_dir: Path = CACHE_DIR) -> pd.DataFrame:
    """The timeline of a folder of articles, from the cache when nothing changed."""
    folder = folder or default_articles_dir()
    cache = cache_dir / f"timeline-{folder.name}-{fingerprint(folder)}.parquet"
    if cache.exists():
        try:
            return to_timeline_frame(pd.read_parquet(cache).to_dict("records"))
        except (OSError, ValueError):
            cache.unlink(missing_ok=True)  # a broken cache is rebuilt, never trusted
    frame, _report = build_timeline([folder])
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"timeline-{folder.name}-*.parquet"):
            old.unlink(missing_ok=True)
        partial = cache.with_suffix(".partial")
        frame.to_parquet(partial, index=False)
        partial.replace(cache)
    except OSError:
        pass  # a read-only checkout still works, just without the cache
    return frame
