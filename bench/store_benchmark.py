"""Store benchmark: a million merged events, filtered dashboard queries, and a daily ingest into it.

    python bench/store_benchmark.py [--events 1000000] [--new-articles 1000] [--db PATH] [--keep]

1. Fills a store with synthetic reports (generated rows, bulk-loaded, then merged with
   `store.remerge_all`): a few thousand officials, pairs drawn with a skew so some pairs meet
   often, dates over 1990-2025 at all precisions, a fifth of the events reported by a second
   article, and the sample corpus's real pairs among them so that new articles merge into
   existing groups. (Extracting the ~600,000 articles a million events come from would take hours
   on this machine; the queries and the ingest below only need them stored.)
2. Times the queries a dashboard page makes, pushed down to SQL: the filtered merged events plus
   the five facet counts beside the sidebar filters (target under 1 s), each opening the store
   read-only as the dashboard would.
3. Times `python -m pipeline ingest` of 1,000 new articles (bench/generate_corpus.py) into that
   store, as a new process (target under 30 s), a re-run of it (all unchanged), and another
   1,000 new articles with `--workers 2`.

The store is written to a temporary folder and deleted unless --keep (or --db) is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from generate_corpus import generate  # noqa: E402
from reporting import load_reports, table  # noqa: E402

from pipeline import store  # noqa: E402
from pipeline.query import QueryFilters  # noqa: E402
from pipeline.schema import COLUMN_NAMES, TOPICS  # noqa: E402
from pipeline.timeline import build_timeline  # noqa: E402

QUERY_TARGET_S, INGEST_TARGET_S = 1.0, 30.0
COUNTRIES = ("USA", "RUS", "CHN", "FRA", "GBR", "DEU", "JPN", "IND", "BRA", "TUR", "UKR", "KOR", "PRK", "IRN", "ISR",
             "SAU", "EGY", "ZAF", "NGA", "MEX", "CAN", "AUS", "IDN", "PAK", "VNM", "POL", "ITA", "ESP", "UN", "NATO")
CITIES = (("Geneva", "CHE", 46.20, 6.14), ("Moscow", "RUS", 55.75, 37.62), ("Beijing", "CHN", 39.90, 116.40),
          ("Washington", "USA", 38.90, -77.04), ("Paris", "FRA", 48.85, 2.35), ("", "", np.nan, np.nan),
          ("Vienna", "AUT", 48.21, 16.37), ("Tokyo", "JPN", 35.69, 139.69), ("", "", np.nan, np.nan))


def synthetic_reports(events: int, seed: int) -> pd.DataFrame:
    """Article-level rows for about `events` merged events (a fifth of them reported twice)."""
    rng = np.random.default_rng(seed)
    sample, _ = build_timeline([PROJECT_DIR / "data" / "articles"])
    real_pairs = sample[["participants", "countries", "roles"]].drop_duplicates().to_numpy()
    people = 4000
    person_country = rng.integers(0, len(COUNTRIES), people)
    first = (people * rng.random(events) ** 2).astype(int)
    second = (people * rng.random(events) ** 2).astype(int)
    clash = (first == second) | (person_country[first] == person_country[second])
    second[clash] = (second[clash] + 1 + rng.integers(0, 50, clash.sum())) % people
    days = rng.integers(dt.date(1990, 1, 1).toordinal(), dt.date(2025, 12, 31).toordinal(), events)
    precision = rng.choice(["day", "week", "month", "year"], events, p=[0.85, 0.05, 0.07, 0.03])
    dates = [dt.date.fromordinal(int(d)) for d in days]
    dates = [d - dt.timedelta(days=d.weekday()) if p == "week" else d.replace(day=1) if p == "month"
             else d.replace(month=1, day=1) if p == "year" else d for d, p in zip(dates, precision, strict=True)]
    city = rng.integers(0, len(CITIES), events)
    topic_a, topic_b = rng.integers(0, len(TOPICS), events), rng.integers(0, len(TOPICS), events)
    real = rng.random(events) < 0.02
    rows = {name: [] for name in COLUMN_NAMES}
    for i in range(events):
        if real[i]:
            participants, countries, roles = real_pairs[i % len(real_pairs)]
        else:
            a, b = int(first[i]), int(second[i])
            participants = f"Official {a:04d}; Official {b:04d}"
            countries = f"{COUNTRIES[person_country[a]]}; {COUNTRIES[person_country[b]]}"
            roles = "Foreign Minister; Foreign Minister"
        name, country, lat, lon = CITIES[city[i]]
        kind = ("meeting", "meeting", "meeting", "call", "summit")[i % 5]
        topics = TOPICS[topic_a[i]] if topic_a[i] == topic_b[i] else f"{TOPICS[topic_a[i]]}; {TOPICS[topic_b[i]]}"
        values = {
            "event_id": "", "article_id": f"syn-{i // 2:07d}",
            "published": (dates[i] + dt.timedelta(days=int(i % 3))).isoformat(),
            "date": dates[i].isoformat(), "date_precision": precision[i], "date_text": "on Tuesday",
            "event_type": kind, "status": "planned" if i % 7 == 0 else "occurred", "participants": participants,
            "countries": countries, "roles": roles, "location": name, "location_country": country,
            "latitude": lat, "longitude": lon, "topics": topics, "topic_terms": "talks",
            "evidence": f"{participants.replace('; ', ' met ')} in {name or 'the capital'} for talks number {i}.",
            "title": f"Synthetic story {i // 2}", "source": "Synthetic Wire", "url": "",
            "confidence": round(0.3 + 0.69 * ((i * 7919) % 1000) / 1000, 2)}
        for key, value in values.items():
            rows[key].append(value)
    frame = pd.DataFrame(rows, columns=list(COLUMN_NAMES))
    # a second article reports a fifth of the events (the same pair, the same or the next day)
    again = frame.sample(frac=0.2, random_state=seed).copy()
    again["article_id"] = [f"syn-b-{i:07d}" for i in range(len(again))]
    frame = pd.concat([frame, again], ignore_index=True)
    frame["event_id"] = [hashlib.sha1(f"{a}\x1f{p}\x1f{d}\x1f{t}".encode()).hexdigest()[:16] for a, p, d, t in zip(
        frame["article_id"], frame["participants"], frame["date"], frame["event_type"], strict=True)]
    return frame


def bulk_load(db: Path, reports: pd.DataFrame) -> float:
    """Store the synthetic reports and their articles in one go, then merge every participant set."""
    started = time.perf_counter()
    articles = reports.groupby("article_id", as_index=False).agg(
        published=("published", "first"), title=("title", "first"), source=("source", "first"),
        url=("url", "first"), n_events=("event_id", "size"))
    articles["content_hash"] = articles["article_id"]
    articles["origin"], articles["text"] = "synthetic", "Synthetic article."
    articles["ingested_at"] = pd.Timestamp("2026-01-01")
    load_reports(db, articles, reports)
    return time.perf_counter() - started


def time_query(db: Path, filters: QueryFilters, repeat: int = 5) -> tuple[float, float, int]:
    """(first, median of the next runs, rows) for the rows plus the five facet counts of one page."""
    timings, rows = [], 0
    for _ in range(repeat + 1):
        started = time.perf_counter()
        frame, _facets = store.page(db, filters)
        rows = len(frame)
        timings.append(time.perf_counter() - started)
    return timings[0], statistics.median(timings[1:]), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="merged events wanted in the store")
    parser.add_argument("--new-articles", type=int, default=1000)
    parser.add_argument("--db", type=Path, help="reuse or keep the store here")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="timeline-store-bench-"))
    db = args.db or work / "big.duckdb"
    if not db.exists():
        reports = synthetic_reports(int(args.events * 1.03), args.seed)
        load = bulk_load(db, reports)
        print(f"bulk load of {len(reports):,} reports: {load:.0f} s")
        del reports
    counts = store.counts(db)
    print(f"store {db}: {counts.summary()}, {db.stat().st_size / 1e6:.0f} MB")

    cases = [
        ("one country, occurred, 2015-2020", QueryFilters(start=dt.date(2015, 1, 1), end=dt.date(2020, 12, 31),
                                                          countries=("RUS",), statuses=("occurred",))),
        ("one person", QueryFilters(people=("Official 0042",))),
        ("a real pair's person, all time", QueryFilters(people=("Vladimir Putin",))),
        ("topic + free text", QueryFilters(topics=("climate",), text="geneva")),
        ("two countries, meetings, confidence >= 0.8", QueryFilters(
            countries=("USA", "CHN"), event_types=("meeting",), min_confidence=0.8, start=dt.date(2024, 1, 1))),
        ("no filter (all events, first 10,000)", None),
    ]
    rows = []
    for label, filters in cases:
        if filters is None:
            started = time.perf_counter()
            found = len(store.query_events(db, limit=10_000))
            first = median = time.perf_counter() - started
        else:
            first, median, found = time_query(db, filters)
        rows.append([label, f"{found:,}", f"{first:.3f}", f"{median:.3f}",
                     "met" if max(first, median) < QUERY_TARGET_S else "NOT met"])
    table(f"Dashboard page query on {counts.events:,} merged events: rows + 5 facet counts, seconds",
          ["filter", "rows", "first", "median of 5", f"< {QUERY_TARGET_S:.0f} s"], rows)

    corpus, more = work / "new", work / "more"
    generate(corpus, args.new_articles, seed=args.seed + 100)
    generate(more, args.new_articles, seed=args.seed + 200, first=1 + args.new_articles // 72)
    ingest = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "--db", str(db), "--quiet"]
    parallel = [sys.executable, "-m", "pipeline", "ingest", str(more), "--db", str(db), "--quiet", "--workers", "2"]
    results = []
    for label, command in (("new articles", ingest), ("same articles again (unchanged)", ingest),
                           ("other new articles, --workers 2", parallel)):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode:
            sys.exit(done.stderr)
        results.append([label, f"{seconds:.1f}", "met" if seconds < INGEST_TARGET_S else "NOT met",
                        done.stderr.strip().splitlines()[-1]])
    table(f"Ingest {args.new_articles:,} articles into the store (new process, start-up included)",
          ["run", "seconds", f"< {INGEST_TARGET_S:.0f} s", "summary line"], results)
    shutil.rmtree(corpus)
    shutil.rmtree(more)
    if args.keep or args.db:
        print(f"\nkept {db}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
