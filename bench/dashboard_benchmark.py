"""Dashboard benchmark: 100,000 merged events in a DuckDB store, filter and page build times (not a timed test).

    python bench/dashboard_benchmark.py [--events 100000] [--seed 1] [--repeat 3] [--check] [--keep]

The sample corpus is ingested into a temporary store; its article-level reports are then varied
(people renamed into one of ~20 variants each, dates moved within 2000-2025, places moved by up to
a degree) into generated reports, bulk-inserted into a second temporary store with their (short)
articles and merged there (`store.remerge_all`) until it holds at least `--events` merged events.
Both stores are deleted afterwards unless --keep. It reports, as tables:

- filter time: what the sidebar asks the store for one filter set, pushed down to SQL: the filtered
  merged events (the columns a page draws), their count and the five live facet counts, on one
  read-only connection (`dashboard.data.page_rows`; target under 1 s each);
- page build time: each page run through Streamlit's AppTest with $TIMELINE_DB on the generated
  store: "cold" with every Streamlit cache cleared first (the store check, the overview and the
  page query all run), "warm" with the query cached as on a rerun after a click (target under 3 s).

With --check the script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from reporting import load_reports  # noqa: E402

from dashboard import data  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from pipeline import store  # noqa: E402
from pipeline.schema import COLUMN_NAMES, join_list, split_list  # noqa: E402
from pipeline.timeline import ingest_store  # noqa: E402

PAGE_TARGET_S = 3.0
FILTER_TARGET_S = 1.0
PAGES = {
    "Timeline": None,
    "Relations": "dashboard/views/relations.py",
    "Network": "dashboard/views/network.py",
    "Map": "dashboard/views/map.py",
    "Events and articles": "dashboard/views/events.py",
    "Add articles": "dashboard/views/upload.py",
}


def generate(sample: pd.DataFrame, count: int, seed: int = 1) -> pd.DataFrame:
    """`count` article-level reports like the sample's, each from its own generated article: a copy of a
    sample report with its people renamed into one of ~20 variants, its date moved within 2000-2025 and
    its place by up to a degree."""
    rng = np.random.default_rng(seed)
    picks = sample.iloc[rng.integers(0, len(sample), count)].reset_index(drop=True)
    variant = rng.integers(0, 20, count)
    offsets = rng.integers(-6_000, 1_500, count)
    records = picks.to_dict("records")
    for number, record in enumerate(records):
        people = split_list(record["participants"])
        record["participants"] = join_list(f"{name} {variant[number]}" if variant[number] else name
                                           for name in people)
        day = dt.date.fromisoformat(record["date"]) + dt.timedelta(days=int(offsets[number]))
        day = min(max(day, dt.date(2000, 1, 1)), dt.date(2025, 12, 31))
        record["date"] = record["published"] = day.isoformat()
        if record["location"]:
            record["location"] = f"{record['location']} {variant[number] % 5}" if variant[number] % 5 else \
                record["location"]
            record["latitude"] = float(record["latitude"]) + rng.uniform(-1, 1)
            record["longitude"] = float(record["longitude"]) + rng.uniform(-1, 1)
        record["article_id"] = f"bench-{seed}-{number:07d}"
        record["event_id"] = hashlib.sha1(f"bench-{seed}-{number}".encode()).hexdigest()[:16]
        record["confidence"] = float(np.clip(record["confidence"] + rng.normal(0, 0.1), 0.05, 0.99))
    return pd.DataFrame(records, columns=list(COLUMN_NAMES))


def bulk_load(db: Path, reports: pd.DataFrame) -> None:
    """Store generated reports with one short article each (its title and evidence, so the article view
    works), then re-merge every participant set, in one transaction."""
    articles = pd.DataFrame({
        "article_id": reports["article_id"], "content_hash": reports["article_id"],
        "published": reports["published"], "title": reports["title"], "source": reports["source"],
        "url": reports["url"], "origin": "generated", "text": reports["title"] + "\n\n" + reports["evidence"],
        "n_events": 1, "ingested_at": pd.Timestamp("2026-01-01")})
    load_reports(db, articles, reports)


def build_store(db: Path, sample: pd.DataFrame, events: int, seed: int) -> float:
    """Fill `db` with generated reports until it holds at least `events` merged events; returns seconds."""
    started, wanted, round_ = time.perf_counter(), events, 0
    while True:
        bulk_load(db, generate(sample, wanted, seed * 1000 + round_))
        have = store.counts(db).events
        if have >= events:
            return time.perf_counter() - started
        wanted, round_ = int((events - have) * 1.2) + 10, round_ + 1


def timed(action: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """(first, median of `repeat` runs) wall time in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times)


def filter_cases(db: Path) -> dict[str, Filters]:
    countries = list(store.facet_counts(db, None, "countries"))
    people = list(store.facet_counts(db, None, "people"))
    return {
        "no filter": Filters(),
        "one country": Filters(countries=(countries[0],)),
        "two countries + topic": Filters(countries=(countries[1], countries[2]), topics=("security",)),
        "one person": Filters(people=(people[0],)),
        "dates (one year)": Filters(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31)),
        "type + status + confidence": Filters(event_types=("meeting",), statuses=("occurred",),
                                              min_confidence=0.7),
        "evidence text": Filters(text="talks"),
        "everything at once": Filters(start=dt.date(2010, 1, 1), countries=(countries[0],), topics=("conflict",),
                                      event_types=("meeting", "summit"), min_confidence=0.5, text="the"),
    }


def page_times(repeat: int) -> dict[str, tuple[float, float]]:
    """(cold, warm) median seconds of each page through AppTest on the store $TIMELINE_DB names."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # clearing st.cache_data outside a server warns once per run (Streamlit resets log levels, not filters)
    logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(
        lambda record: "No runtime found" not in record.getMessage())

    def app() -> AppTest:
        return AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=600)

    first = app()
    start = time.perf_counter()
    first.run()  # the first visit: store check (nothing to ingest), overview and the unfiltered page query
    results = {"(first visit: store check + overview + query)": (time.perf_counter() - start,) * 2}
    for name, page in PAGES.items():
        cold, warm = [], []
        for _ in range(repeat):
            for runs, clear in ((cold, True), (warm, False)):
                at = app()
                at.run()
                if clear:
                    st.cache_data.clear()
                    st.cache_resource.clear()
                start = time.perf_counter()
                (at.switch_page(page) if page else at).run()
                runs.append(time.perf_counter() - start)
                if at.exception:
                    raise RuntimeError(f"{name}: {[e.value for e in at.exception]}")
        results[name] = (statistics.median(cold), statistics.median(warm))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="merged events wanted in the store")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", action="store_true", help="keep the generated store (its path is printed)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="timeline-dashboard-bench-"))
    db, empty = work / "bench.duckdb", work / "no-articles"
    empty.mkdir()
    try:
        ingest_store([PROJECT_DIR / "data" / "articles"], work / "sample.duckdb")
        sample = store.query_events(work / "sample.duckdb", merged=False)
        seconds = build_store(db, sample, args.events, args.seed)
        counts = store.counts(db)
        print(f"generated and bulk-inserted {counts.reports:,} reports from {len(sample):,} sample reports in "
              f"{seconds:.1f} s: {counts.events:,} merged events, {db.stat().st_size / 1e6:.0f} MB")
        # the app opens the generated store, with an empty corpus folder, so it has nothing to ingest
        os.environ.update({data.DB_ENV: str(db), data.ARTICLES_ENV: str(empty),
                           data.UPLOADS_ENV: str(work / "uploads")})

        missed = []
        print(f"\n{'filter (rows + count + 5 facet counts)':40} {'matched':>8} {'first s':>8} {'median s':>9}  "
              f"target < {FILTER_TARGET_S:.0f} s")
        for name, filters in filter_cases(db).items():
            first, median = timed(lambda f=filters: data.page_rows(f, db), args.repeat)
            matched = data.page_rows(filters, db).matched
            flag = "ok" if max(first, median) < FILTER_TARGET_S else "SLOW"
            missed += [] if flag == "ok" else [f"filter {name}"]
            print(f"{name:40} {matched:>8,} {first:>8.3f} {median:>9.3f}  {flag}")

        print(f"\n{'page (AppTest run, median)':48} {'cold s':>7} {'warm s':>7}  target < {PAGE_TARGET_S:.0f} s")
        for name, (cold, warm) in page_times(args.repeat).items():
            flag = "ok" if cold < PAGE_TARGET_S or name.startswith("(") else "SLOW"
            missed += [] if flag == "ok" else [f"page {name}"]
            print(f"{name:48} {cold:>7.2f} {warm:>7.2f}  {flag}")
        if missed:
            print("\nmissed targets: " + ", ".join(missed))
        return 1 if (missed and args.check) else 0
    finally:
        if args.keep:
            print(f"\nkept {db}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
