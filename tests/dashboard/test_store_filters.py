"""The dashboard's store-backed filters give what its pandas filters give, on the sample corpus's merged events.

The pages get their rows, counts, facet counts, empty-state advice and exports from SQL
(`dashboard.data`); `dashboard.filters` is the same semantics in pandas. For merged events the free
text matches the evidence of any report, so the pandas side reads a frame whose evidence is every
report's evidence joined.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import data, exports
from dashboard.filters import Filters, apply_filters, live_facet_counts, relaxations
from pipeline.schema import MERGED_COLUMN_NAMES
from tests.dashboard_isolation import own_dashboard_data

CASES = [
    Filters(),
    Filters(countries=("RUS",), statuses=("occurred",)),
    Filters(people=("Vladimir Putin", "Xi Jinping"), start=dt.date(2021, 1, 1), end=dt.date(2022, 12, 31)),
    Filters(topics=("climate",), min_confidence=0.5),
    Filters(event_types=("call",), countries=("USA", "CHN")),
    Filters(event_types=("summit", "meeting"), topics=("security", "conflict"), end=dt.date(2023, 6, 30)),
    Filters(text="Geneva"),
    Filters(text="playing down expectations"),  # in one report of the Geneva summit, not in its best one
    Filters(countries=("UKR",), text="talks", min_confidence=0.7),
    Filters(countries=("IND",), topics=("climate",), statuses=("planned",)),  # nothing: the empty state
]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    with own_dashboard_data(root / "uploads", root / "timeline.duckdb"):
        data.refresh_store()
        yield root / "timeline.duckdb"


@pytest.fixture(scope="module")
def merged(sample_store) -> pd.DataFrame:
    """The merged events with `evidence` replaced by every report's evidence: the pandas side of the text filter."""
    events = data.all_events(sample_store)
    reports = data.export_reports(Filters(), sample_store)
    joined = reports.groupby("merged_event_id")["evidence"].agg("\n".join)
    return events.assign(evidence=events["event_id"].map(joined))


@pytest.mark.parametrize("filters", CASES, ids=lambda f: ",".join(f.describe()) or "none")
def test_rows_counts_and_facets_are_the_pandas_ones(sample_store, merged, filters):
    rows = data.page_rows(filters, sample_store)
    expected = apply_filters(merged, filters)
    assert rows.frame["event_id"].tolist() == expected["event_id"].tolist()
    assert rows.matched == len(expected) and list(rows.frame.columns) == list(data.PAGE_COLUMNS)
    assert rows.facets == live_facet_counts(merged, filters)


@pytest.mark.parametrize("filters", [f for f in CASES if not f.is_empty()], ids=lambda f: ",".join(f.describe()))
def test_empty_state_advice_is_the_pandas_one(sample_store, merged, filters):
    assert data.relaxations(filters, sample_store) == relaxations(merged, filters)


def test_the_cases_cover_hits_misses_and_a_text_only_in_a_lesser_report(sample_store, merged):
    sizes = [data.page_rows(f, sample_store).matched for f in CASES]
    assert sizes[0] == len(merged) and 0 in sizes and all(0 < n < len(merged) for n in sizes[1:-1])
    geneva = data.page_rows(Filters(text="playing down expectations"), sample_store).frame
    assert len(geneva) == 1 and geneva.iloc[0]["n_sources"] == 3
    assert "playing down expectations" not in geneva.iloc[0]["evidence"]


def test_overview_is_the_whole_store(sample_store, merged):
    overview = data.overview(sample_store)
    assert overview.total == len(merged)
    assert overview.bounds == (dt.date.fromisoformat(merged["date"].min()), dt.date.fromisoformat(merged["date"].max()))
    for facet, counts in live_facet_counts(merged, Filters()).items():
        assert overview.options[facet] == list(counts), facet


@pytest.mark.parametrize("filters", CASES[:4], ids=lambda f: ",".join(f.describe()) or "none")
def test_exports_hold_exactly_the_filtered_events_and_their_reports(sample_store, filters):
    rows = data.page_rows(filters, sample_store)
    events = data.export_events(filters, sample_store)
    assert list(events.columns) == list(MERGED_COLUMN_NAMES)
    assert events["event_id"].tolist() == rows.frame["event_id"].tolist()
    reports = data.export_reports(filters, sample_store)
    assert len(reports) == int(events["n_sources"].sum())
    assert reports["merged_event_id"].drop_duplicates().tolist() == events["event_id"].tolist()
    csv = pd.read_csv(pd.io.common.BytesIO(exports.table_export("reports", reports)), keep_default_na=False)
    assert list(csv.columns) == list(exports.REPORT_COLUMNS) and len(csv) == len(reports)


def test_a_large_result_is_capped_but_counted_in_full(sample_store):
    rows = data.page_rows(Filters(), sample_store, limit=10)
    assert len(rows.frame) == 10 and rows.matched > 10 and rows.truncated
    assert rows.frame["date"].is_monotonic_increasing
    assert rows.facets == data.page_rows(Filters(), sample_store).facets, "facet counts are never capped"
