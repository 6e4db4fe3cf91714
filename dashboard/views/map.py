"""Map page: where contacts happened, sized by count; click a place (or pick it) for its list of contacts.

Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

import streamlit as st

from dashboard import exports
from dashboard.aggregate import events_at, places
from dashboard.figures_map import MAP_CONFIG, map_figure
from dashboard.views.common import PageData, chart, empty_state, events_table, header, page_data, point_values

PLACE_KEY = "place"
CHART_KEY = "map_chart"


def _place_from_click() -> None:
    """Chart callback: the clicked place becomes the selected place (and so part of the URL)."""
    values = point_values(st.session_state.get(CHART_KEY))
    if values:
        st.session_state[PLACE_KEY] = str(values[0][0])


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Map", page)
    if empty_state(page):
        return
    table = places(page.filtered)
    located = int(table["events"].sum()) if not table.empty else 0
    st.caption(f"{located:,} of {len(page.filtered):,} filtered contacts have a place "
               "(calls and contacts whose place the article does not state have none).")
    chart(map_figure(table), CHART_KEY, exports.export_stem(page.filters, "map"), on_select=_place_from_click,
          selection_mode=("points",), config=MAP_CONFIG)
    if table.empty:
        st.info("None of the filtered contacts has a place. Relax the filters (calls have no place).")
        return
    names = table["location"].tolist()
    place = st.selectbox("Place", names, index=None, key=PLACE_KEY, bind="query-params",
                         placeholder="Click a place on the map or pick it here",
                         help="Places ordered by number of contacts")
    if not place:
        st.subheader("Places")
        st.dataframe(table.rename(columns={"events": "contacts", "topic": "main topic"}), hide_index=True,
                     key="map_places", height=320)
        return
    here = events_at(page.filtered, place)
    st.subheader(f"{len(here):,} contacts in {place}")
    events_table(here, key="map_events", height=min(38 * len(here) + 40, 420))


if __name__ == "__main__":
    render()
