"""Dashboard benchmark: 100,000 generated events, page build time and filter time (not a timed test).

    python bench/dashboard_benchmark.py [--events 100000] [--seed 1] [--check]

The events are generated in memory from the sample corpus's events by varying people, places and
dates (nothing is written to disk). It reports, as tables:

- filter time: `apply_filters` plus the sidebar's live facet counts, for typical filter sets
  (target under 1 s each);
- page build time: each page run through Streamlit's AppTest with the generated events in place
  of the corpus, i.e. sidebar, filters, figures, tables and Streamlit's serialisation (target under
  3 s each, after the one-off indexing that the app caches per data version).

With --check the script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from dashboard import data  # noqa: E402
from dashboard.data import prepare_events  # noqa: E402
from dashboard.filters import Filters, apply_filters, live_facet_counts, make_dataset  # noqa: E402
from pipeline.schema import join_list, split_list  # noqa: E402

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
    """`count` events like the sample's: each copies a sample event, renames its people into one of
    ~20 variants each, moves its date within 2000-2025 and its place by up to a degree."""
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
        record["date"] = day.isoformat()
        if record["location"]:
            record["location"] = f"{record['location']} {variant[number] % 5}" if variant[number] % 5 else \
                record["location"]
            record["latitude"] = float(record["latitude"]) + rng.uniform(-1, 1)
            record["longitude"] = float(record["longitude"]) + rng.uniform(-1, 1)
        record["event_id"] = hashlib.sha1(f"bench-{seed}-{number}".encode()).hexdigest()[:16]
        record["confidence"] = float(np.clip(record["confidence"] + rng.normal(0, 0.1), 0.05, 0.99))
    return prepare_events(pd.DataFrame(records, columns=sample.columns))


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def filter_cases(frame: pd.DataFrame) -> dict[str, Filters]:
    countries = frame["countries"].str.split("; ").explode().value_counts().index
    people = frame["participants"].str.split("; ").explode().value_counts().index
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


def page_times(frame: pd.DataFrame, repeat: int) -> dict[str, tuple[float, float]]:
    """(first run, median of later runs) of each page through AppTest, the corpus replaced by `frame`."""
    from streamlit.testing.v1 import AppTest

    results = {}
    with mock.patch.object(data, "load_events", lambda *a, **k: frame), \
            mock.patch.object(data, "data_version", lambda: f"bench-{len(frame)}"):
        warm = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=600)
        start = time.perf_counter()
        warm.run()  # builds and caches the dataset (indexing), as the first visitor of a data version does
        indexing = time.perf_counter() - start
        for name, page in PAGES.items():
            runs = []
            for _ in range(repeat):
                at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=600)
                at.run()
                start = time.perf_counter()
                if page:
                    at.switch_page(page).run()
                else:
                    at.run()
                runs.append(time.perf_counter() - start)
                if at.exception:
                    raise RuntimeError(f"{name}: {[e.value for e in at.exception]}")
            results[name] = (runs[0], statistics.median(runs))
    results["(first visit: load + index, once per data version)"] = (indexing, indexing)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    sample = data.load_events()
    start = time.perf_counter()
    frame = generate(sample, args.events, args.seed)
    print(f"generated {len(frame):,} events from {len(sample):,} sample events in "
          f"{time.perf_counter() - start:.1f} s; {frame['participants'].str.split('; ').explode().nunique():,} "
          f"people, {frame['location'].nunique():,} places, {frame['date'].min()} to {frame['date'].max()}")
    start = time.perf_counter()
    dataset = make_dataset(frame)
    print(f"indexing (once per data version, cached by the app): {time.perf_counter() - start:.2f} s\n")

    missed = []
    print(f"{'filter':32} {'rows':>8} {'filter s':>9} {'+facets s':>10}  target < {FILTER_TARGET_S:.0f} s")
    for name, filters in filter_cases(frame).items():
        rows = len(apply_filters(frame, filters, dataset.index))
        seconds = timed(lambda f=filters: apply_filters(frame, f, dataset.index), args.repeat)
        with_facets = timed(lambda f=filters: (apply_filters(frame, f, dataset.index),
                                               live_facet_counts(frame, f, dataset.index)), args.repeat)
        flag = "ok" if with_facets < FILTER_TARGET_S else "SLOW"
        missed += [] if flag == "ok" else [f"filter {name}"]
        print(f"{name:32} {rows:>8,} {seconds:>9.3f} {with_facets:>10.3f}  {flag}")

    print(f"\n{'page (AppTest run)':52} {'first s':>8} {'median s':>9}  target < {PAGE_TARGET_S:.0f} s")
    for name, (first, median) in page_times(frame, args.repeat).items():
        flag = "ok" if median < PAGE_TARGET_S or name.startswith("(") else "SLOW"
        missed += [] if flag == "ok" else [f"page {name}"]
        print(f"{name:52} {first:>8.2f} {median:>9.2f}  {flag}")
    if missed:
        print("\nmissed targets: " + ", ".join(missed))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
