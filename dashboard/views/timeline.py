"""Timeline page: contacts in swimlanes over time; click or box-select markers to open their details.

Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import exports
from dashboard.aggregate import events_in_cell
from dashboard.figures_timeline import drawn_rows, timeline_figure
from dashboard.views.common import (
    PageData,
    cached_event,
    chart,
    empty_state,
    event_details,
    events_table,
    header,
    page_data,
    point_values,
)

LANES = {"country pair": "pair", "country": "country", "person": "person"}  # URL label -> lane kind
LANES_KEY = "lanes"


def selected_event_ids(page: PageData, values: list[list[Any]], lanes: str) -> list[str]:
    """Event ids behind the selected markers: one per event marker, all events of an aggregated one."""
    ids: list[str] = []
    drawn: pd.DataFrame | None = None
    for custom in values:
        if len(custom) == 1:
            ids.append(str(custom[0]))
        elif len(custom) == 3:
            lane, start, code = custom
            if drawn is None:
                drawn = drawn_rows(page.filtered, lanes)[0]
            ids.extend(events_in_cell(drawn, str(lane), str(start), str(code)))
    return list(dict.fromkeys(ids))


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Timeline", page)
    if empty_state(page):
        return
    choice = st.segmented_control("Swimlanes", list(LANES), default="country pair", key=LANES_KEY,
                                  bind="query-params", help="One lane per country pair, per country or per person")
    lanes = LANES.get(choice or "country pair", "pair")
    figure = timeline_figure(page.filtered, lanes)
    mode = figure.layout.meta.get("mode") if isinstance(figure.layout.meta, dict) else "svg"
    if mode == "aggregate":
        st.caption(f"{len(page.filtered):,} events are drawn as one marker per lane and period; "
                   "narrow the filters to see single contacts. Selecting a marker lists its events.")
    else:
        st.caption("Marker shape: ● meeting · ◆ call · ★ summit; hollow = planned. "
                   "Click a marker, or box-select several, to open the details and the article.")
    event = chart(figure, "timeline_chart", exports.export_stem(page.filters, "timeline"), on_select="rerun",
                  selection_mode=("points", "box", "lasso"))
    chosen = selected_event_ids(page, point_values(event), lanes)
    if not chosen:
        st.info("Select a marker to see who met, where, the evidence and the whole article.")
        return
    picked = page.filtered[page.filtered["event_id"].isin(set(chosen))]
    if len(picked) > 1:
        st.subheader(f"{len(picked):,} selected events")
        events_table(picked, key="timeline_selected", height=min(38 * len(picked) + 40, 320))
    row = cached_event(page.version, chosen[0])
    if row is not None:
        st.subheader("Selected event" if len(picked) == 1 else "First selected event")
        event_details(page, row)


if __name__ == "__main__":
    render()
