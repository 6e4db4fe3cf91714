"""Exports: bytes that round-trip, the Excel BOM, neutralised formula cells, dyads and chart HTML."""

from __future__ import annotations

import io
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.exports import (
    REPORT_COLUMNS,
    TABLE_EXPORTS,
    csv_bytes,
    dyads_csv_bytes,
    export_stem,
    figure_html_bytes,
    json_bytes,
    parquet_bytes,
    table_export,
)
from dashboard.filters import Filters
from pipeline.schema import COLUMN_NAMES, MERGED_COLUMN_NAMES


@pytest.fixture
def hostile(timeline):
    """The fixture table with cells a spreadsheet would run, and non-ASCII text."""
    frame = timeline.copy()
    frame.loc[0, "evidence"] = "=HYPERLINK(\"http://evil\",\"x\")"
    frame.loc[1, "title"] = "+cmd|' /C calc'!A0"
    frame.loc[2, "source"] = "@SUM(1+1)"
    frame.loc[3, "location"] = "-2+3"
    frame.loc[4, "participants"] = "Narendra Modi; Joe Biden; Olaf Schölz"
    return frame


def test_csv_round_trips_and_keeps_utf8(timeline):
    data = csv_bytes(timeline)
    assert not data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), keep_default_na=False)
    assert list(back.columns) == list(COLUMN_NAMES)
    assert list(back["event_id"]) == list(timeline["event_id"])
    assert back.loc[4, "evidence"] == timeline.loc[4, "evidence"]


def test_excel_csv_starts_with_a_bom_and_reads_back(hostile):
    data = csv_bytes(hostile, excel=True)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back.loc[4, "participants"].endswith("Olaf Schölz")


def test_formula_cells_are_neutralised_in_every_csv(hostile):
    back = pd.read_csv(io.BytesIO(csv_bytes(hostile)), keep_default_na=False)
    assert back.loc[0, "evidence"].startswith("'=")
    assert back.loc[1, "title"].startswith("'+")
    assert back.loc[2, "source"].startswith("'@")
    assert back.loc[3, "location"] == "'-2+3"
    assert back.loc[0, "confidence"] == 0.8  # numbers stay numbers
    dyads = pd.read_csv(io.BytesIO(dyads_csv_bytes(hostile)), keep_default_na=False)
    assert dyads.loc[0, "evidence"].startswith("'=")


def test_parquet_and_json_round_trip_unchanged(hostile):
    back = pd.read_parquet(io.BytesIO(parquet_bytes(hostile)))
    assert back.loc[0, "evidence"] == hostile.loc[0, "evidence"]  # programs read these: no apostrophe
    assert list(back.columns) == list(COLUMN_NAMES) and len(back) == len(hostile)
    rows = json.loads(json_bytes(hostile).decode("utf-8"))
    assert [r["event_id"] for r in rows] == list(hostile["event_id"])
    assert rows[4]["participants"].endswith("Schölz") and rows[3]["latitude"] is None


def test_dyads_csv_has_one_row_per_pair_per_event(timeline):
    back = pd.read_csv(io.BytesIO(dyads_csv_bytes(timeline)), keep_default_na=False)
    assert len(back) == 4 + 3  # four two-person events, one summit of three
    assert {"person_a", "country_a", "role_a", "person_b", "country_b", "role_b", "event_id"} <= set(back.columns)


def test_exports_drop_helper_columns(timeline):
    frame = timeline.assign(lane="x")
    assert "lane" not in pd.read_csv(io.BytesIO(csv_bytes(frame))).columns
    for kind in TABLE_EXPORTS:
        assert table_export(kind, frame)


def test_chart_html_is_standalone_and_titled():
    figure = go.Figure(go.Bar(x=[1], y=[1]))
    figure.update_layout(title="Contacts <script>")
    page = figure_html_bytes(figure).decode("utf-8")
    assert page.lower().startswith("<!doctype html>") and "<title>Contacts &lt;script&gt;</title>" in page
    assert "plotly.js v" in page or "Plotly" in page[:5_000_000]
    assert len(page) > 1_000_000  # plotly.js is inlined: it opens offline


def test_file_stem_says_what_was_exported_and_is_safe():
    stem = export_stem(Filters(countries=("RUS", "USA"), topics=("climate",), text="../../etc/passwd"))
    assert stem.startswith("contacts_RUS-USA_climate_q-")
    assert "/" not in stem and ".." not in stem and len(stem) <= 90
    assert export_stem(Filters()) == "contacts"


def test_merged_events_keep_their_sources_columns(timeline):
    merged = timeline.assign(n_sources=[1, 2, 1, 1, 3], source_articles="a; b", lane="x")
    back = pd.read_csv(io.BytesIO(csv_bytes(merged)), keep_default_na=False)
    assert list(back.columns) == list(MERGED_COLUMN_NAMES) and back["n_sources"].tolist() == [1, 2, 1, 1, 3]


def test_reports_csv_has_the_merged_event_id_rank_and_article_columns(timeline):
    reports = timeline.assign(merged_event_id=["m1", "m1", "m2", "m3", "m3"], source_rank=[0, 1, 0, 0, 1], lane="x")
    reports.loc[0, "evidence"] = "=1+1"
    back = pd.read_csv(io.BytesIO(table_export("reports", reports)), keep_default_na=False)
    assert list(back.columns) == list(REPORT_COLUMNS) == ["merged_event_id", "source_rank", *COLUMN_NAMES]
    assert back["merged_event_id"].tolist() == ["m1", "m1", "m2", "m3", "m3"]
    assert back.loc[0, "evidence"] == "'=1+1", "formula cells are neutralised here too"
