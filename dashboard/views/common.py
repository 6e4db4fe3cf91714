"""What every page shares: the filtered data handed over by app.py, the page header with its count,
empty states that say which filter to relax, charts with an HTML download, and the event and
article panels opened from a chart point or a table row.

Every string that comes from an article is escaped before it is shown: the panels build their
HTML with `html.escape` (see `dashboard.article_markup`) and `st.html` sanitises it once more.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data as store
from dashboard import exports
from dashboard.article_markup import event_summary_html, mark_article
from dashboard.filters import Dataset, Filters, apply_filters, make_dataset, relaxations
from pipeline.schema import split_list

PAGE_DATA_KEY = "_page_data"
TABLE_COLUMNS = ["date", "date_precision", "event_type", "status", "participants", "countries", "location",
                 "topics", "evidence", "confidence", "article_id"]


@dataclass(frozen=True)
class PageData:
    """What a page draws from: the whole dataset, the active filters and the rows that pass them."""

    dataset: Dataset
    filters: Filters
    filtered: pd.DataFrame

    @property
    def frame(self) -> pd.DataFrame:
        return self.dataset.frame


def publish(page: PageData) -> None:
    """app.py hands the filtered data to the page it is about to run (per session, not global)."""
    st.session_state[PAGE_DATA_KEY] = page


def page_data() -> PageData:
    """The data app.py published for this run; unfiltered data when a page file is run on its own."""
    page = st.session_state.get(PAGE_DATA_KEY)
    if isinstance(page, PageData):
        return page
    dataset = make_dataset(store.load_events())
    return PageData(dataset, Filters(), apply_filters(dataset.frame, Filters(), dataset.index))


def header(title: str, page: PageData, what: str = "events") -> None:
    """Page title and the count line: `12 of 100 events` plus the active filters in words."""
    st.title(title)
    line = f"{len(page.filtered):,} of {len(page.frame):,} {what}"
    described = page.filters.describe()
    if described:
        line += " · " + "; ".join(described)
    st.caption(line)


def empty_state(page: PageData) -> bool:
    """Say what to do when there is nothing to draw; True when the page should stop here."""
    if page.frame.empty:
        st.info("No events yet. Open **Add articles** to upload .txt, .csv, .jsonl or .zip files, "
                "or start the app on a folder: `TIMELINE_ARTICLES=/path/to/articles streamlit run app.py`.")
        return True
    if page.filtered.empty:
        options = relaxations(page.frame, page.filters, page.dataset.index)
        advice = "; ".join(f"without {label}: {count:,} events" for label, count in options[:4] if count)
        st.warning("No events match these filters. Relax one of them"
                   + (f" ({advice})." if advice else ".") + " Or use **Clear all filters** in the sidebar.")
        return True
    return False


def chart(figure: go.Figure, key: str, stem: str, on_select: str | Callable[[], None] = "ignore",
          selection_mode: Sequence[str] = ("points",), config: dict[str, Any] | None = None) -> Any:
    """Draw a figure and offer it as a standalone HTML file (built only when clicked)."""
    event = st.plotly_chart(figure, key=key, on_select=on_select, selection_mode=tuple(selection_mode),
                            config=config or {"displaylogo": False}, theme="streamlit")
    st.download_button("Download this chart (HTML)", data=lambda: exports.figure_html_bytes(figure),
                       file_name=f"{stem}.html", mime="text/html", key=f"{key}_html", on_click="ignore",
                       icon=":material/download:")
    return event


def selected_points(event: Any) -> list[Mapping[str, Any]]:
    """The points of a chart selection (empty when nothing is selected or selection is off)."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        return []
    return [p for p in points or [] if isinstance(p, Mapping)]


def point_values(event: Any) -> list[list[Any]]:
    """The `customdata` of each selected point, as lists (Plotly sends a scalar for one column)."""
    values = []
    for point in selected_points(event):
        custom = point.get("customdata")
        if custom is None:
            continue
        values.append(list(custom) if isinstance(custom, list | tuple) else [custom])
    return values


def events_table(frame: pd.DataFrame, key: str, selectable: bool = False, height: int | str = "auto") -> Any:
    """The events as a sortable table; with `selectable`, one row can be picked."""
    table = frame[TABLE_COLUMNS].reset_index(drop=True)
    config = {
        "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
        "evidence": st.column_config.TextColumn("evidence", width="large"),
        "date_precision": st.column_config.TextColumn("precision"),
        "event_type": st.column_config.TextColumn("type"),
    }
    options: dict[str, Any] = {"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}
    lazy = None if selectable or len(table) <= 5_000 else True  # lazy tables cannot select rows
    return st.dataframe(table, hide_index=True, key=key, column_config=config, height=height, lazy=lazy, **options)


def event_details(row: Mapping[str, Any], with_article: bool = True) -> None:
    """One event: what, when (and how exactly), who as what, where, topics, evidence, source, article."""
    st.html(event_summary_html(row))
    url = str(row.get("url") or "")
    if url.startswith(("https://", "http://")):
        st.link_button("Open the source", url, icon=":material/open_in_new:")
    if with_article:
        with st.expander("The whole article, evidence highlighted", expanded=True):
            article_view(row)


def article_view(row: Mapping[str, Any]) -> None:
    """The article the event came from, escaped, with its evidence, participants, date and place marked."""
    article = store.article_text(str(row["article_id"]))
    if article is None:
        st.info("This article is no longer in the corpus; the event's evidence is shown above.")
        return
    meta = " · ".join(html.escape(part) for part in (article.source, article.published, article.article_id) if part)
    st.html(f"<h4 style='margin: 0 0 0.25rem 0;'>{html.escape(article.title or article.article_id)}</h4>"
            f"<div style='opacity: 0.75; margin-bottom: 0.5rem;'>{meta}</div>"
            + mark_article(article.text, str(row["evidence"]), split_list(row["participants"]),
                           str(row.get("date_text") or ""), str(row.get("location") or "")))


def event_by_id(frame: pd.DataFrame, event_id: str) -> dict[str, Any] | None:
    """The row of one event as a dict, or None when it is not in the table."""
    match = frame[frame["event_id"] == event_id]
    return match.iloc[0].to_dict() if len(match) else None
