"""Streamlit entry point: `streamlit run app.py`.

Thin on purpose: it brings the store up to date with the articles (once per change of the corpus
folders), draws the sidebar filters and exports shared by every page, asks the store for the merged
events those filters select (SQL, cached per store version and filters), hands them to the page and
runs it. Pages live in `dashboard/views/`, data access in `dashboard/data.py`, figures in
`dashboard/figures_*.py`. No connection to the store outlives the function that opened it.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.sidebar import render_exports, render_filters
from dashboard.views.common import PageData, publish
from pipeline.query import QueryFilters

PAGES = [  # (page script, title, URL path, icon)
    ("dashboard/views/timeline.py", "Timeline", "timeline", ":material/timeline:"),
    ("dashboard/views/relations.py", "Relations", "relations", ":material/compare_arrows:"),
    ("dashboard/views/network.py", "Network", "network", ":material/hub:"),
    ("dashboard/views/map.py", "Map", "map", ":material/public:"),
    ("dashboard/views/events.py", "Events and articles", "events", ":material/article:"),
    ("dashboard/views/upload.py", "Add articles", "add", ":material/upload_file:"),
]


@st.cache_resource(show_spinner="Bringing the store up to date with the articles…", max_entries=4)
def ensure_store(key: str) -> None:
    """Ingest what is new or changed in the corpus folders, once per key (their file stats and the store's
    identity), so a rerun does not read the articles again. Not cached when it fails: the next rerun retries."""
    del key  # the cache key
    data.refresh_store()


@st.cache_resource(max_entries=4, show_spinner=False)
def cached_overview(version: str) -> data.Overview:
    """Totals, facet options and date range, once per store version (shared read-only by sessions)."""
    del version
    return data.overview()


@st.cache_resource(max_entries=8, ttl=3600, show_spinner="Querying the store…")
def cached_rows(version: str, query: QueryFilters) -> data.PageRows:
    """The filtered merged events and facet counts per store version and filters (cache_resource, not
    cache_data: a 100,000-row frame is not copied on every rerun; pages only read it)."""
    del version
    return data.page_rows(query)


st.set_page_config(page_title="Diplomatic contacts timeline", page_icon="🕊️", layout="wide")  # emoji: no font download
navigation = st.navigation(
    [st.Page(path, title=title, url_path=url, icon=icon, default=index == 0)
     for index, (path, title, url, icon) in enumerate(PAGES)],
    position="top",
)
try:
    ensure_store(data.refresh_key())
    overview = cached_overview(data.store_version())
    filters, rows = render_filters(overview, lambda chosen: cached_rows(overview.version, data.as_query(chosen)))
except data.StoreUnavailable as exc:
    st.error(f"The timeline store is busy or unreadable: {exc}. An ingest from a terminal may be running; "
             "reload the page in a moment.")
    st.stop()
render_exports(rows, filters)
publish(PageData(overview, filters, rows))
navigation.run()
