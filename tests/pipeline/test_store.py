"""The store: ingest adds only new or changed articles, merges incrementally, and answers filtered queries."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pytest

from dashboard.filters import Filters, apply_filters, live_facet_counts
from pipeline import store
from pipeline.cli import main
from pipeline.merge import merge_events
from pipeline.query import QueryFilters, select_count, select_reports
from pipeline.schema import COLUMN_NAMES, MERGED_COLUMN_NAMES
from pipeline.timeline import ingest_store
from pipeline.writers import read_table
from tests.conftest import PROJECT_DIR

SAMPLE = PROJECT_DIR / "data" / "articles"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("store") / "timeline.duckdb"
    report = ingest_store([SAMPLE], path, batch_size=25)
    assert report.articles == 72 and not report.refused
    return str(path)


def table(path, name: str, order: str = "event_id") -> pd.DataFrame:
    with store.connect(path, read_only=True) as connection:
        return connection.execute(f"SELECT * FROM {name} ORDER BY {order}").df()


def test_ingest_stores_articles_reports_and_merged_events(sample_store):
    counts = store.counts(sample_store)
    assert counts.articles == 72
    assert 0 < counts.events < counts.reports
    merged = store.query_events(sample_store)
    assert list(merged.columns) == list(MERGED_COLUMN_NAMES)
    assert merged["event_id"].is_unique
    assert int(merged["n_sources"].sum()) == counts.reports


def test_merged_events_are_what_a_full_merge_of_the_reports_gives(sample_store):
    reports = store.query_events(sample_store, merged=False)
    expected = merge_events(reports).events
    pd.testing.assert_frame_equal(store.query_events(sample_store), expected, check_dtype=False)


def test_reingesting_is_a_no_op(sample_store, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(sample_store, path)
    before = {name: table(path, name) for name in ("article_events", "events", "event_sources")}
    report = ingest_store([SAMPLE], path)
    assert (report.articles, report.unchanged, report.events) == (72, 72, 0)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(table(path, name), frame)


def test_changed_article_replaces_its_rows_and_a_copy_is_skipped(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("2025-08-14_trump_putin_alaska_preview", "2025-08-16_trump_putin_alaska_summit"):
        shutil.copy(SAMPLE / f"{name}.txt", folder / f"{name}.txt")
    path = tmp_path / "t.duckdb"
    ingest_store([folder], path)
    alaska = store.query_events(path, QueryFilters(start=dt.date(2025, 8, 15), end=dt.date(2025, 8, 15)))
    assert alaska["n_sources"].tolist() == [2]

    summit = folder / "2025-08-16_trump_putin_alaska_summit.txt"
    summit.write_text(summit.read_text(encoding="utf-8").split("\n\n")[0] + "\n\nNothing happened today.\n",
                      encoding="utf-8")
    report = ingest_store([folder], path)
    assert (report.articles, report.unchanged) == (2, 1)
    copy = tmp_path / "copy_of_preview.txt"
    shutil.copy(folder / "2025-08-14_trump_putin_alaska_preview.txt", copy)
    report = ingest_store([copy], path)
    assert any("already in the store" in str(p) for p in report.warnings)
    reports = store.query_events(path, merged=False)
    assert "2025-08-16_trump_putin_alaska_summit" not in set(reports["article_id"])
    assert "copy_of_preview" not in set(table(path, "articles", "article_id")["article_id"])
    alaska = store.query_events(path, QueryFilters(start=dt.date(2025, 8, 15), end=dt.date(2025, 8, 15)))
    assert alaska[["n_sources", "status"]].values.tolist() == [[1, "planned"]]
    assert table(path, "event_sources")["source_event_id"].is_unique


FILTER_CASES = [
    Filters(),
    Filters(countries=("RUS",), statuses=("occurred",)),
    Filters(people=("Vladimir Putin", "Xi Jinping"), start=dt.date(2021, 1, 1), end=dt.date(2022, 12, 31)),
    Filters(topics=("climate",), min_confidence=0.5),
    Filters(event_types=("call",), countries=("USA", "CHN")),
    Filters(text="Geneva"),
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: ",".join(f.describe()) or "none")
def test_store_filters_give_the_dashboards_rows_and_counts(sample_store, filters):
    everything = store.query_events(sample_store, merged=False)
    expected = apply_filters(everything, filters)
    query = QueryFilters.from_object(filters)
    got = store.query_events(sample_store, query, merged=False)
    assert got["event_id"].tolist() == expected["event_id"].tolist()
    live = live_facet_counts(everything, filters)
    for facet in ("countries", "people", "topics", "event_types", "statuses"):
        assert store.facet_counts(sample_store, query, facet, merged=False) == live[facet], facet


def test_merged_text_filter_searches_every_reports_evidence(sample_store):
    reports = store.query_events(sample_store, QueryFilters(text="Villa La Grange"), merged=False)
    merged = store.query_events(sample_store, QueryFilters(text="villa la grange"))
    sources = set(table(sample_store, "event_sources").query("source_event_id in @ids",
                                                             local_dict={"ids": list(reports["event_id"])})["event_id"])
    assert set(merged["event_id"]) == sources and len(merged) >= 1


def test_user_text_is_a_parameter_not_sql(sample_store):
    hostile = "x'); DROP TABLE events; --"
    assert store.query_events(sample_store, QueryFilters(text=hostile, people=(hostile,))).empty
    assert store.counts(sample_store).events > 0
    filters = QueryFilters(countries=(hostile,), text=hostile, min_confidence=0.5)
    for statement in (select_count(filters), select_count(filters, merged=False), select_reports(filters, ("title",))):
        assert "DROP" not in statement.text and statement.text.count("?") == len(statement.params) == 3
    assert store.count_events(sample_store, filters) == 0 and store.query_reports(sample_store, filters).empty


def test_event_sources_list_the_reports_of_a_merged_event(sample_store):
    merged = store.query_events(sample_store)
    event = merged[merged["n_sources"] > 1].iloc[0]
    sources = store.event_sources(sample_store, event["event_id"])
    assert len(sources) == event["n_sources"]
    assert sources["source_rank"].tolist() == list(range(len(sources)))
    assert sources.iloc[0]["evidence"] == event["evidence"]
    assert set(sources["article_id"]) == set(event["source_articles"].split("; "))


def test_participants_view_has_one_row_per_participant(sample_store):
    participants = table(sample_store, "participants", "event_id, name")
    merged = store.query_events(sample_store)
    assert len(participants) == sum(len(p.split("; ")) for p in merged["participants"])


def test_export_writes_exactly_the_filtered_rows(sample_store, tmp_path, capsys):
    out = tmp_path / "russia.csv"
    code = main(["export", "--db", sample_store, "--out", str(out), "--country", "RUS", "--status", "occurred",
                 "--from", "2021-01-01", "--to", "2025-12-31", "--min-confidence", "0.5"])
    assert code == 0
    expected = store.query_events(sample_store, QueryFilters(
        start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31), countries=("RUS",), statuses=("occurred",),
        min_confidence=0.5), merged=False)
    written = read_table(out)
    assert list(written.columns) == list(COLUMN_NAMES)
    assert written["event_id"].tolist() == expected["event_id"].tolist() and len(written) > 0
    assert f"{len(written)} events written" in capsys.readouterr().err

    merged_out = tmp_path / "merged.jsonl"
    assert main(["export", "--db", sample_store, "--out", str(merged_out), "--merged", "--person",
                 "Vladimir Putin"]) == 0
    merged = pd.read_json(merged_out, lines=True, dtype=False)
    assert list(merged.columns) == list(MERGED_COLUMN_NAMES)
    assert all("Vladimir Putin" in p for p in merged["participants"])


def test_export_without_a_store_says_so(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o.csv")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_ingest_command_prints_one_summary_line(tmp_path, fixture_articles, bad_inputs, capsys):
    db = tmp_path / "t.duckdb"
    assert main(["ingest", str(fixture_articles), str(bad_inputs), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("5 articles read,") and "skipped" in err[-1] and f"store {db}:" in err[-1]
    assert main(["ingest", str(fixture_articles), "--db", str(db), "--quiet"]) == 0
    assert "(4 unchanged)" in capsys.readouterr().err


def test_a_reader_waits_for_the_writer_instead_of_failing(sample_store, tmp_path):
    path = tmp_path / "busy.duckdb"
    shutil.copy(sample_store, path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(1.5)"),
        str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(duckdb.IOException), store.connect(path, read_only=True, wait=0):
            pass
        started = time.monotonic()
        assert store.counts(path).articles == 72  # waits for the writer to let go
        assert time.monotonic() - started > 0.3
    finally:
        holder.wait(timeout=30)


def test_page_reads_rows_and_every_facet_in_one_go(sample_store):
    filters = QueryFilters(countries=("USA",), statuses=("occurred",))
    frame, facets = store.page(sample_store, filters, limit=5)
    pd.testing.assert_frame_equal(frame, store.query_events(sample_store, filters).head(5))
    assert facets["countries"] == store.facet_counts(sample_store, filters, "countries")
    assert set(facets) == {"countries", "people", "topics", "event_types", "statuses"}


def test_an_export_with_no_match_is_an_empty_table_with_the_columns(sample_store, tmp_path):
    out = tmp_path / "none.parquet"
    assert main(["export", "--db", sample_store, "--out", str(out), "--person", "Nobody", "--merged"]) == 0
    frame = pd.read_parquet(out)
    assert frame.empty and list(frame.columns) == list(MERGED_COLUMN_NAMES)


def test_count_and_date_bounds_answer_without_fetching_rows(sample_store):
    merged = store.query_events(sample_store)
    filters = QueryFilters(countries=("RUS",), text="talks")
    assert store.count_events(sample_store) == len(merged) == store.counts(sample_store).events
    assert store.count_events(sample_store, filters) == len(store.query_events(sample_store, filters))
    assert store.count_events(sample_store, filters, merged=False) == len(store.query_events(sample_store, filters,
                                                                                               merged=False))
    assert store.date_bounds(sample_store) == (merged["date"].min(), merged["date"].max())


def test_empty_store_has_no_bounds_and_no_events(tmp_path):
    path = tmp_path / "empty.duckdb"
    with store.connect(path):
        pass
    assert store.date_bounds(path) is None and store.count_events(path) == 0
    assert store.meta_value(path, "anything") is None


def test_query_columns_reads_only_the_named_schema_columns(sample_store):
    filters = QueryFilters(people=("Joe Biden",))
    slim = store.query_columns(sample_store, filters, ("event_id", "date", "n_sources"))
    full = store.query_events(sample_store, filters)
    pd.testing.assert_frame_equal(slim, full[["event_id", "date", "n_sources"]])
    assert len(store.query_columns(sample_store, filters, ("event_id",), limit=3)) == 3
    with pytest.raises(ValueError, match="unknown columns"):
        store.query_columns(sample_store, None, ("event_id", "1; DROP TABLE events"))


def test_an_event_is_found_by_its_id_or_any_of_its_reports_ids(sample_store):
    merged = store.query_events(sample_store)
    event = merged[merged["n_sources"] == 3].iloc[0]
    sources = store.event_sources(sample_store, event["event_id"])
    for report_id in sources["source_event_id"]:
        found = store.event(sample_store, report_id)
        assert found is not None and found["event_id"] == event["event_id"] and found["n_sources"] == 3
    assert set(store.event(sample_store, event["event_id"])) == set(MERGED_COLUMN_NAMES)
    assert store.event(sample_store, "no-such-id") is None


def test_reports_of_the_filtered_merged_events(sample_store):
    filters = QueryFilters(countries=("RUS",), statuses=("occurred",))
    merged = store.query_events(sample_store, filters)
    reports = store.query_reports(sample_store, filters)
    assert list(reports.columns) == ["merged_event_id", "source_rank", *COLUMN_NAMES]
    assert len(reports) == int(merged["n_sources"].sum())
    assert reports["merged_event_id"].drop_duplicates().tolist() == merged["event_id"].tolist()
    first = reports[reports["merged_event_id"] == merged.iloc[0]["event_id"]]
    assert first["source_rank"].tolist() == list(range(len(first)))
    assert set(reports["article_id"]) <= set(table(sample_store, "articles", "article_id")["article_id"])


def test_existing_articles_and_meta(sample_store, tmp_path):
    stored = table(sample_store, "articles", "article_id").iloc[0]
    ids, hashes = store.existing_articles(sample_store, [stored["article_id"], "new-id"],
                                          [stored["content_hash"], "new-hash"])
    assert (ids, hashes) == ({stored["article_id"]}, {stored["content_hash"]})
    assert store.existing_articles(sample_store, [], []) == (set(), set())
    path = tmp_path / "meta.duckdb"
    shutil.copy(sample_store, path)
    with store.connect(path) as connection:
        store.set_meta(connection, "dashboard_extraction", "abc")
        store.set_meta(connection, "dashboard_extraction", "def")
    assert store.meta_value(path, "dashboard_extraction") == "def"
    assert store.meta_value(path, "schema_version") == store.SCHEMA_VERSION
