"""What every page shares: the filtered data handed over by app.py, the page header with its count,
empty states that say which filter to relax, charts with an HTML download, and the event panel opened
from a chart point or a table row: the merged event, the articles that report it, and one of them in full.

Every string that comes from an article is escaped before it is shown: the panels build their
HTML with `html.escape` (see `dashboard.article_markup`) and `st.html` sanitises it once more.
Per-event reads (the event, its reports, an article) are cached on the store version, so a rerun
after a click does not open the store again.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data, exports
from dashboard.article_markup import event_summary_html, mark_article, source_card_html
from dashboard.filters import Filters
from pipeline.schema import split_list

PAGE_DATA_KEY = "_page_data"
REPORT_PARAM = "report"  # URL: which report of the open event the article view shows (?report=<id>)
TABLE_COLUMNS = ["date", "date_precision", "event_type", "status", "participants", "countries", "location",
                 "topics", "evidence", "confidence", "n_sources", "article_id"]


@dataclass(frozen=True)
class PageData:
    """What a page draws from: the store's overview, the active filters and the merged events that pass them."""

    overview: data.Overview
    filters: Filters
    rows: data.PageRows

    @property
    def filtered(self) -> pd.DataFrame:
        """The filtered merged events (at most `data.ROW_LIMIT`, see `rows.truncated`)."""
        return self.rows.frame

    @property
    def version(self) -> str:
        return self.overview.version


def publish(page: PageData) -> None:
    """app.py hands the filtered data to the page it is about to run (per session, not global)."""
    st.session_state[PAGE_DATA_KEY] = page


def page_data() -> PageData:
    """The data app.py published for this run; unfiltered data when a page file is run on its own."""
    page = st.session_state.get(PAGE_DATA_KEY)
    if isinstance(page, PageData):
        return page
    return PageData(data.overview(), Filters(), data.page_rows(Filters()))


@st.cache_data(max_entries=256, show_spinner=False)
def cached_event(version: str, event_id: str) -> dict[str, Any] | None:
    """A merged event by id (or by one of its reports' ids), cached per store version."""
    del version  # the cache key: the store changed
    return data.event(event_id)


@st.cache_data(max_entries=256, show_spinner=False)
def cached_sources(version: str, event_id: str) -> pd.DataFrame:
    del version
    return data.event_sources(event_id)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_article(version: str, article_id: str) -> data.ArticleText | None:
    del version
    return data.article_text(article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_relaxations(version: str, filters: Filters) -> list[tuple[str, int]]:
    del version
    return data.relaxations(filters)


def header(title: str, page: PageData, what: str = "events") -> None:
    """Page title and the count line: `12 of 100 events` plus the active filters in words."""
    st.title(title)
    line = f"{page.rows.matched:,} of {page.overview.total:,} {what}"
    described = page.filters.describe()
    if described:
        line += " · " + "; ".join(described)
    st.caption(line)
    if page.rows.truncated:
        st.caption(f"Charts and tables show the first {len(page.filtered):,} of them by date; narrow the filters "
                   "to see the rest. Counts and exports hold all of them.")


def empty_state(page: PageData) -> bool:
    """Say what to do when there is nothing to draw; True when the page should stop here."""
    if page.overview.total == 0:
        st.info("No events yet. Open **Add articles** to upload .txt, .csv, .jsonl or .zip files, "
                "or start the app on a folder: `TIMELINE_ARTICLES=/path/to/articles streamlit run app.py`.")
        return True
    if page.rows.matched == 0:
        options = cached_relaxations(page.version, page.filters)
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
    table = frame[[c for c in TABLE_COLUMNS if c in frame.columns]].reset_index(drop=True)
    config = {
        "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
        "evidence": st.column_config.TextColumn("evidence", width="large"),
        "date_precision": st.column_config.TextColumn("precision"),
        "event_type": st.column_config.TextColumn("type"),
        "n_sources": st.column_config.NumberColumn("sources", help="Articles that report this contact"),
    }
    options: dict[str, Any] = {"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}
    lazy = None if selectable or len(table) <= 5_000 else True  # lazy tables cannot select rows
    return st.dataframe(table, hide_index=True, key=key, column_config=config, height=height, lazy=lazy, **options)


def chosen_report(sources: pd.DataFrame, wanted: str | None) -> dict[str, Any] | None:
    """The report the article view shows: the one the URL names when it is among these, else the best."""
    if sources.empty:
        return None
    match = sources[sources["source_event_id"] == wanted] if wanted else sources.iloc[0:0]
    return (match if len(match) else sources).iloc[0].to_dict()


def _open_report(source_event_id: str) -> None:
    """Button callback: show this report's article (the choice is part of the URL, so a link keeps it)."""
    st.query_params[REPORT_PARAM] = source_event_id


def event_details(page: PageData, row: Mapping[str, Any], with_article: bool = True) -> None:
    """One merged event: what, when (and how exactly), who as what, where, topics, evidence; then every
    article that reports it (title, date, evidence, a button to read it); then one of them in full."""
    st.html(event_summary_html(row))
    sources = cached_sources(page.version, str(row["event_id"]))
    url = str(row.get("url") or "")
    if len(sources) <= 1 and url.startswith(("https://", "http://")):  # else each report has its own button
        st.link_button("Open the source", url, icon=":material/open_in_new:")
    report = chosen_report(sources, st.query_params.get(REPORT_PARAM))
    count = int(row.get("n_sources") or max(len(sources), 1))
    st.markdown(f"**Reported by {count:,} article{'' if count == 1 else 's'}**")
    if len(sources) > 1:
        for source in sources.to_dict("records"):
            shown = report is not None and source["source_event_id"] == report["source_event_id"]
            with st.container(border=True):
                st.html(source_card_html(source, shown))
                left, right = st.columns(2)
                left.button("Shown below" if shown else "Read this article", key=f"report_{source['source_event_id']}",
                            on_click=_open_report, args=(str(source["source_event_id"]),), disabled=shown,
                            icon=":material/article:", width="stretch")
                link = str(source.get("url") or "")
                if link.startswith(("https://", "http://")):
                    right.link_button("Open the source", link, icon=":material/open_in_new:", width="stretch")
    if with_article:
        with st.expander("The whole article, evidence highlighted", expanded=True):
            article_view(page, report or dict(row), row)


def article_view(page: PageData, report: Mapping[str, Any], event: Mapping[str, Any]) -> None:
    """The article of one report, escaped, with its evidence, the event's participants, and the report's
    date words and place marked."""
    article = cached_article(page.version, str(report["article_id"]))
    if article is None:
        st.info("This article is not in the store; the event's evidence is shown above.")
        return
    meta = " · ".join(html.escape(part) for part in (article.source, article.published, article.article_id) if part)
    st.html(f"<h4 style='margin: 0 0 0.25rem 0;'>{html.escape(article.title or article.article_id)}</h4>"
            f"<div style='opacity: 0.75; margin-bottom: 0.5rem;'>{meta}</div>"
            + mark_article(article.text, str(report["evidence"]), split_list(event["participants"]),
                           str(report.get("date_text") or ""), str(report.get("location") or "")))


def event_by_id(frame: pd.DataFrame, event_id: str) -> dict[str, Any] | None:
    """The row of one event of a frame as a dict, or None when it is not in the frame."""
    match = frame[frame["event_id"] == event_id]
    return match.iloc[0].to_dict() if len(match) else None
