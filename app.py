"""Streamlit entry point: `streamlit run app.py`.

Thin on purpose: it loads the events (cached per data version), draws the sidebar filters and
exports shared by every page, hands the filtered rows to the page and runs it. Pages live in
`dashboard/views/`, filters in `dashboard/filters.py`, figures in `dashboard/figures_*.py`.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data import data_version, load_events
from dashboard.filters import Dataset, apply_filters, make_dataset
from dashboard.sidebar import render_exports, render_filters
from dashboard.views.common import PageData, publish

PAGES = [  # (page script, title, URL path, icon)
    ("dashboard/views/timeline.py", "Timeline", "timeline", ":material/timeline:"),
    ("dashboard/views/relations.py", "Relations", "relations", ":material/compare_arrows:"),
    ("dashboard/views/network.py", "Network", "network", ":material/hub:"),
    ("dashboard/views/map.py", "Map", "map", ":material/public:"),
    ("dashboard/views/events.py", "Events and articles", "events", ":material/article:"),
    ("dashboard/views/upload.py", "Add articles", "add", ":material/upload_file:"),
]


@st.cache_resource(show_spinner="Reading the articles (the first start extracts the sample corpus)…", max_entries=2)
def cached_dataset(version: str) -> Dataset:
    """The events and their filter index, built once per data version and shared read-only by sessions
    (cache_resource, not cache_data: a 100,000-row table is not copied on every rerun)."""
    del version  # the cache key
    return make_dataset(load_events())


st.set_page_config(page_title="Diplomatic contacts timeline", page_icon="🕊️", layout="wide")  # emoji: no font download
navigation = st.navigation(
    [st.Page(path, title=title, url_path=url, icon=icon, default=index == 0)
     for index, (path, title, url, icon) in enumerate(PAGES)],
    position="top",
)
dataset = cached_dataset(data_version())
filters = render_filters(dataset)
filtered = apply_filters(dataset.frame, filters, dataset.index)
render_exports(filtered, filters)
publish(PageData(dataset, filters, filtered))
navigation.run()
