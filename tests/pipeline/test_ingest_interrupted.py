"""A killed ingest leaves a consistent store, and running it again completes it without duplicates."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.merge import merge_events
from pipeline.timeline import build_timeline
from tests.conftest import PROJECT_DIR

COPIES = 3


def corpus(folder: Path) -> Path:
    """The sample corpus three times over, each copy a distinct article (own id, one sentence more)."""
    folder.mkdir()
    for source in sorted((PROJECT_DIR / "data" / "articles").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        for copy in range(COPIES):
            (folder / f"{source.stem}-{copy}.txt").write_text(f"{text.rstrip()}\n\nCopy {copy}.\n", encoding="utf-8")
    return folder


def ingest_command(articles: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", str(articles), "--db", str(db), "--batch-size", "6"]


def assert_consistent(db: Path) -> pd.DataFrame:
    """Every stored article has all its rows, and the merged events are exactly the merge of those rows."""
    with store.connect(db, read_only=True) as connection:
        articles = connection.execute("SELECT article_id, n_events FROM articles").df()
        reports = connection.execute(f"SELECT {', '.join(store.COLUMN_NAMES)} FROM article_events "
                                     "ORDER BY date, event_id").df()
        links = connection.execute("SELECT * FROM event_sources").df()
    assert articles["article_id"].is_unique and reports["event_id"].is_unique
    per_article = reports.groupby("article_id").size()
    assert (articles.set_index("article_id")["n_events"] == per_article.reindex(articles["article_id"]).fillna(0)
            ).all()
    assert set(reports["article_id"]) <= set(articles["article_id"])
    expected = merge_events(reports)
    pd.testing.assert_frame_equal(store.query_events(db), expected.events, check_dtype=False)
    assert sorted(links["source_event_id"]) == sorted(reports["event_id"])
    return reports


def test_sigkill_mid_ingest_then_rerun_completes_without_loss_or_duplicates(tmp_path):
    articles = corpus(tmp_path / "articles")
    total = len(list(articles.glob("*.txt")))
    db = tmp_path / "timeline.duckdb"
    run = subprocess.Popen(ingest_command(articles, db), cwd=PROJECT_DIR, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in run.stderr:  # the progress bar prints a line per tenth, after the batches in it are committed
            if re.match(r"\d+/\d+ articles", line):
                os.kill(run.pid, signal.SIGKILL)
                break
    finally:
        run.wait(timeout=120)
        run.stderr.close()
    assert run.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    partial = assert_consistent(db)
    stored = store.counts(db).articles
    assert 0 < stored < total, f"killed after {stored} of {total} articles"

    rerun = subprocess.run([*ingest_command(articles, db), "--quiet"], cwd=PROJECT_DIR, capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({stored} unchanged)" in rerun.stderr.splitlines()[-1]
    complete = assert_consistent(db)
    assert store.counts(db).articles == total
    assert set(partial["event_id"]) <= set(complete["event_id"])

    expected, _ = build_timeline([articles])
    assert sorted(complete["event_id"]) == sorted(expected["event_id"])
