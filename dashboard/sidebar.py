"""The sidebar: filter widgets bound to the URL (the address bar is a shareable link to the view),
facet counts for the current view, and the exports of exactly the filtered rows.

Streamlit stores an option's displayed label in the URL, so labels are the plain values
(`?country=RUS&topic=climate`) and counts live in a caption under each facet instead. The counts
are disjunctive (each facet ignores its own selection); the store computes them in SQL with the
filtered rows, once every widget has been read. Exports query the store when a button is clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from dashboard import data, exports
from dashboard.filters import (
    CONFIDENCE_KEY,
    COUNTRY_KEY,
    DATES_KEY,
    PERSON_KEY,
    STATUS_KEY,
    TEXT_KEY,
    TOPIC_KEY,
    TYPE_KEY,
    Filters,
)
from pipeline.schema import EVENT_TYPES, STATUSES

FACET_WIDGETS = {  # facet -> (label, URL key, help)
    "countries": ("Countries", COUNTRY_KEY, "Events with any of these countries (ISO codes or UN, NATO, EU …)"),
    "people": ("People", PERSON_KEY, "Events with any of these people"),
    "topics": ("Topics", TOPIC_KEY, "Events with any of these topics"),
}
PILL_WIDGETS = {  # facet -> (label, URL key, allowed values)
    "event_types": ("Event type", TYPE_KEY, EVENT_TYPES),
    "statuses": ("Status", STATUS_KEY, STATUSES),
}
CAPTION_VALUES = 6


def _clear_filters(overview: data.Overview) -> None:
    """Reset every filter widget (a callback, so it runs before the widgets are drawn again)."""
    for _, key, _ in FACET_WIDGETS.values():
        st.session_state[key] = []
    for _, key, _ in PILL_WIDGETS.values():
        st.session_state[key] = []
    st.session_state[CONFIDENCE_KEY] = 0.0
    st.session_state[TEXT_KEY] = ""
    if overview.bounds:
        st.session_state[DATES_KEY] = overview.bounds


def facet_caption(counts: dict[str, int], selected: list[str], limit: int = CAPTION_VALUES) -> str:
    """`**RUS 34** · USA 30 · CHN 12 · …`: selected values first (bold), then the most frequent others."""
    parts = [f"**{value} {counts.get(value, 0):,}**" for value in selected]
    others = [f"{value} {count:,}" for value, count in counts.items() if value not in selected]
    parts += others[:limit]
    if len(others) > limit:
        parts.append(f"… {len(others) - limit:,} more")
    return " · ".join(parts) if parts else "no values in this view"


def render_filters(overview: data.Overview,
                   load: Callable[[Filters], data.PageRows]) -> tuple[Filters, data.PageRows]:
    """Draw the filters, `load` the rows they select, and show each facet's counts under its widget."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    if overview.bounds is None:
        sidebar.info("No events yet: add articles on the **Add articles** page to see filters.")
        return Filters(), load(Filters())
    first, last = overview.bounds
    chosen = sidebar.date_input("Event dates", value=(first, last), min_value=first, max_value=last,
                                key=DATES_KEY, bind="query-params",
                                help="Date of the contact (not of the article). In the URL: ?dates=…&dates=…")
    start, end = chosen if isinstance(chosen, tuple | list) and len(chosen) == 2 else (first, last)
    selected: dict[str, list[str]] = {}
    slots = {}
    for facet, (label, key, help_text) in FACET_WIDGETS.items():
        options = list(overview.options.get(facet, []))
        current = [v for v in st.session_state.get(key, []) if v not in options]
        selected[facet] = sidebar.multiselect(label, options + current, key=key, bind="query-params",
                                              help=help_text, placeholder=f"All {label.lower()}")
        slots[facet] = sidebar.empty()
    for facet, (label, key, values) in PILL_WIDGETS.items():
        selected[facet] = sidebar.pills(label, list(values), selection_mode="multi", key=key, bind="query-params",
                                        help=f"None selected means every {label.lower()}") or []
        slots[facet] = sidebar.empty()
    confidence = sidebar.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key=CONFIDENCE_KEY, bind="query-params",
                                help="Hide rows the extractor is less sure of (see README: confidence)")
    text = sidebar.text_input("Search the evidence", key=TEXT_KEY, bind="query-params",
                              placeholder="e.g. ceasefire", help="Words in the sentence that states the contact")
    filters = Filters(
        start=start if start != first else None,
        end=end if end != last else None,
        countries=tuple(selected["countries"]), people=tuple(selected["people"]), topics=tuple(selected["topics"]),
        event_types=tuple(selected["event_types"]), statuses=tuple(selected["statuses"]),
        min_confidence=float(confidence or 0.0), text=(text or "").strip(),
    )
    rows = load(filters)
    for facet, slot in slots.items():
        slot.caption(facet_caption(rows.facets.get(facet, {}), selected[facet]))
    if not filters.is_empty():
        sidebar.button("Clear all filters", key="clear_filters", on_click=_clear_filters, args=(overview,),
                       icon=":material/filter_alt_off:")
    return filters, rows


def render_exports(rows: data.PageRows, filters: Filters) -> None:
    """Download buttons for exactly the filtered events (all of them, from the store); built only when clicked."""
    sidebar = st.sidebar
    sidebar.header("Export")
    sidebar.caption(f"{rows.matched:,} filtered events, one row per contact (reports CSV: one row per article "
                    "reporting one). CSV cells that start with = + - @ are neutralised.")
    stem = exports.export_stem(filters)
    db = data.db_path()  # the store of this run, even if the button is clicked after the environment changed
    for kind, (label, suffix, mime) in exports.TABLE_EXPORTS.items():
        sidebar.download_button(label, data=_deferred(kind, filters, db), file_name=stem + suffix, mime=mime,
                                key=f"download_{kind}", on_click="ignore", disabled=rows.matched == 0,
                                width="stretch", icon=":material/download:")


def _deferred(kind: str, filters: Filters, db: Path) -> Callable[[], bytes]:
    """A zero-argument builder for st.download_button: the export queries the store on click, not every rerun."""
    def build() -> bytes:
        frame = data.export_reports(filters, db) if kind in exports.REPORT_EXPORTS else data.export_events(filters, db)
        return exports.table_export(kind, frame)

    return build
