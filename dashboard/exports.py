"""Exports of exactly the filtered rows: CSV (plain and Excel-friendly), Parquet, JSON, dyads, reports, chart HTML.

The rows are merged events (one per contact, with `n_sources` and `source_articles`); the reports
CSV has one row per article that reports one of them, with the merged event's id and the report's rank.

Wraps `pipeline.writers` so every CSV this project writes is neutralised the same way (cells that
start like a spreadsheet formula get a leading apostrophe). Parquet and JSON keep the values as
they are: they are read by programs, where an apostrophe would be corruption, not protection.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.aggregate import dyads
from dashboard.filters import Filters
from pipeline.schema import COLUMN_NAMES, MERGED_COLUMN_NAMES
from pipeline.writers import to_csv_bytes, to_json_bytes, to_parquet_bytes

# (label, file suffix, MIME type) of each table export, in the order the sidebar offers them.
TABLE_EXPORTS: dict[str, tuple[str, str, str]] = {
    "csv": ("CSV (UTF-8)", ".csv", "text/csv"),
    "excel": ("CSV for Excel (UTF-8 with BOM)", "-excel.csv", "text/csv"),
    "parquet": ("Parquet", ".parquet", "application/vnd.apache.parquet"),
    "json": ("JSON", ".json", "application/json"),
    "dyads": ("Dyads CSV (one row per pair per event)", "-dyads.csv", "text/csv"),
    "reports": ("Reports CSV (one row per article per event)", "-reports.csv", "text/csv"),
}
REPORT_EXPORTS = frozenset({"reports"})  # built from the reports of the filtered events, not the events
REPORT_COLUMNS: tuple[str, ...] = ("merged_event_id", "source_rank", *COLUMN_NAMES)


def schema_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The table in schema column order (merged events: plus `n_sources`, `source_articles`), without the
    dashboard's helper columns."""
    return frame[[c for c in MERGED_COLUMN_NAMES if c in frame.columns]].reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """CSV of the rows, formula cells neutralised; with a byte-order mark for Excel when `excel`."""
    return to_csv_bytes(schema_columns(frame), excel=excel)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    return to_parquet_bytes(schema_columns(frame))


def json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON array of row objects (UTF-8, not ASCII-escaped; NaN coordinates become null)."""
    return to_json_bytes(schema_columns(frame))


def dyads_csv_bytes(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """The dyads table (one row per pair of participants from different countries per event) as CSV."""
    return to_csv_bytes(dyads(frame), excel=excel)


def reports_csv_bytes(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """The reports of merged events (`dashboard.data.export_reports`) as CSV: merged event id, rank, the
    article-level columns `extract` writes."""
    return to_csv_bytes(frame[[c for c in REPORT_COLUMNS if c in frame.columns]].reset_index(drop=True), excel=excel)


def table_export(kind: str, frame: pd.DataFrame) -> bytes:
    """Bytes of one of :data:`TABLE_EXPORTS` for the rows (for `reports`: the reports' rows)."""
    builders = {"csv": csv_bytes, "excel": lambda f: csv_bytes(f, excel=True), "parquet": parquet_bytes,
                "json": json_bytes, "dyads": dyads_csv_bytes, "reports": reports_csv_bytes}
    return builders[kind](frame)


def figure_html_bytes(figure: go.Figure, title: str | None = None) -> bytes:
    """The chart as one standalone HTML file (Plotly.js inlined), so it opens offline and in e-mail."""
    page = figure.to_html(full_html=True, include_plotlyjs=True, config={"displaylogo": False})
    heading = title or (figure.layout.title.text if figure.layout.title and figure.layout.title.text else "Chart")
    page = page.replace("<head>", f"<head><title>{html.escape(str(heading))}</title>", 1)
    return page.encode("utf-8")


def export_stem(filters: Filters, prefix: str = "contacts") -> str:
    """A file name stem that says what was exported: `contacts_RUS-USA_climate_2021-01-01_2021-12-31`.

    Only letters, digits, `-` and `_`, at most 90 characters, so it is a safe name on every system.
    """
    parts = [prefix]
    for values in (filters.countries, filters.people, filters.topics, filters.event_types, filters.statuses):
        if values:
            parts.append("-".join(values[:3]) + ("-etc" if len(values) > 3 else ""))
    if filters.start or filters.end:
        parts.append(f"{filters.start or 'start'}_{filters.end or 'end'}")
    if filters.text:
        parts.append("q-" + filters.text)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", "_".join(parts)).strip("-_")
    return stem[:90].rstrip("-_") or prefix
