"""Events and articles page: the sortable table of merged events; selecting a row opens the event, the
articles that report it, and one of them whole with the evidence sentence highlighted and the
participants, date and place marked (always escaped).

The selected event is written to the URL (`?event=<event_id>`, and `&report=<id>` for another of its
reports), so a link opens the same article.
Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.views.common import (
    REPORT_PARAM,
    PageData,
    cached_event,
    empty_state,
    event_details,
    events_table,
    header,
    page_data,
)

EVENT_PARAM = "event"
TABLE_KEY = "events_table"
ORDER_KEY = "order"
PAGE_KEY = "rows_page"
PAGE_ROWS = 1_000  # rows per table page: selectable tables are sent whole, so big results are paged
ORDERS = {  # URL label -> (columns, ascending)
    "oldest first": (["date", "event_id"], [True, True]),
    "newest first": (["date", "event_id"], [False, True]),
    "most confident": (["confidence", "date"], [False, True]),
    "least confident": (["confidence", "date"], [True, True]),
}


def table_page(frame: pd.DataFrame, order: str, page: int, rows: int = PAGE_ROWS) -> tuple[pd.DataFrame, int]:
    """The rows of one table page in the chosen order, and the number of pages (at least 1)."""
    columns, ascending = ORDERS.get(order, ORDERS["oldest first"])
    ordered = frame if order == "oldest first" else frame.sort_values(columns, ascending=ascending, kind="stable")
    pages = max(1, -(-len(ordered) // rows))
    page = min(max(page, 1), pages)
    return ordered.iloc[(page - 1) * rows: page * rows].reset_index(drop=True), pages


def selected_row(table_event: Any, shown: pd.DataFrame) -> str | None:
    """The event id of the selected table row (positions refer to the rows as passed, not as sorted)."""
    try:
        rows = list(table_event["selection"]["rows"])
    except (KeyError, TypeError, AttributeError):
        return None
    if not rows or not 0 <= int(rows[0]) < len(shown):
        return None
    return str(shown.iloc[int(rows[0])]["event_id"])


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Events and articles", page)
    if empty_state(page):
        return
    order = st.segmented_control("Order", list(ORDERS), default="oldest first", key=ORDER_KEY,
                                 bind="query-params") or "oldest first"
    pages = max(1, -(-len(page.filtered) // PAGE_ROWS))
    number = 1
    if pages > 1:
        number = st.pagination(pages, key=PAGE_KEY, bind="query-params")
    shown, pages = table_page(page.filtered, order, number)
    first = (min(number, pages) - 1) * PAGE_ROWS
    st.caption(f"Rows {first + 1:,}–{first + len(shown):,} of {len(page.filtered):,}. Click a column header to "
               "sort this page; select a row (the box at its left) to read its article.")
    table_event = events_table(shown, key=TABLE_KEY, selectable=True, height=420)
    chosen = selected_row(table_event, shown)
    if chosen is not None:
        if st.query_params.get(EVENT_PARAM) != chosen:  # another event: its best report first
            st.query_params.pop(REPORT_PARAM, None)
        st.query_params[EVENT_PARAM] = chosen
    else:
        chosen = st.query_params.get(EVENT_PARAM)
    row = cached_event(page.version, str(chosen)) if chosen else None
    if row is None:
        st.info("Select a row to read the whole article with its evidence sentence highlighted.")
        return
    if not page.rows.truncated and not (page.filtered["event_id"] == row["event_id"]).any():
        st.caption("This event is outside the current filters (opened from a link).")
    st.subheader("Article")
    event_details(page, row)


if __name__ == "__main__":
    render()
