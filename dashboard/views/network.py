"""Network page: who met whom, people or countries as nodes; click a node to filter the dashboard to it.

Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import exports
from dashboard.aggregate import network
from dashboard.figures_network import network_figure
from dashboard.filters import COUNTRY_KEY, PERSON_KEY
from dashboard.views.common import PageData, chart, empty_state, header, page_data, point_values

NODES = {"countries": "country", "people": "person"}  # URL label -> node kind
NODES_KEY = "nodes"
SIZE_KEY = "max_nodes"
CHART_KEY = "network_chart"
PICK_KEY = "network_pick"


def filter_key(kind: str) -> str:
    """The sidebar filter a node of this kind narrows: people or countries."""
    return PERSON_KEY if kind == "person" else COUNTRY_KEY


def add_to_filter(state: Any, key: str, value: str) -> None:
    """Add a value to a multiselect filter in session state (no duplicate)."""
    current = list(state.get(key) or [])
    if value and value not in current:
        state[key] = [*current, value]


def _filter_to_clicked(kind: str) -> None:
    """Chart callback: the clicked node becomes a filter (callbacks run before the sidebar is drawn)."""
    values = point_values(st.session_state.get(CHART_KEY))
    if values:
        add_to_filter(st.session_state, filter_key(kind), str(values[0][0]))


def _filter_to_picked(kind: str) -> None:
    add_to_filter(st.session_state, filter_key(kind), str(st.session_state.get(PICK_KEY) or ""))


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Network", page)
    if empty_state(page):
        return
    left, right = st.columns([2, 3])
    choice = left.segmented_control("Nodes", list(NODES), default="countries", key=NODES_KEY, bind="query-params")
    kind = NODES.get(choice or "countries", "country")
    limit = right.slider("Most connected nodes shown", 10, 150, 60, 10, key=SIZE_KEY, bind="query-params")
    nodes, edges = network(page.filtered, kind, limit)
    noun = "people" if kind == "person" else "countries"
    st.caption(f"{len(nodes):,} {noun} and {len(edges):,} links drawn. Click a node to filter every page to it.")
    chart(network_figure(nodes, edges, kind), CHART_KEY, exports.export_stem(page.filters, f"network-{noun}"),
          on_select=lambda: _filter_to_clicked(kind), selection_mode=("points",))
    if nodes.empty:
        return
    pick, button = st.columns([3, 1], vertical_alignment="bottom")
    pick.selectbox(f"Or pick one of the {noun}", nodes["name"].tolist(), key=PICK_KEY)
    button.button("Filter to it", key="network_filter", on_click=_filter_to_picked, args=(kind,),
                  icon=":material/filter_alt:")
    left, right = st.columns(2)
    left.subheader(f"Busiest {noun}")
    left.dataframe(nodes.rename(columns={"name": kind, "contacts": "events", "topic": "main topic"}),
                   hide_index=True, key="network_nodes", height=320)
    right.subheader("Strongest links")
    right.dataframe(edges.rename(columns={"weight": "events together", "topic": "main topic"}), hide_index=True,
                    key="network_edges", height=320)


if __name__ == "__main__":
    render()
