"""The sidebar: filter widgets bound to the URL, so the address bar is a shareable link to the view."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.filters import Filters, facet_counts


def _facet(label: str, key: str, counts: dict[str, int], help_text: str) -> list[str]:
    """A multiselect of plain values (stable in the URL: `?country=RUS`) with the top counts under it.

    Streamlit puts an option's displayed label in the URL, so counts cannot be part of the label;
    they go in a caption instead, most frequent first, as Datasette's facets do.
    """
    selected = st.sidebar.multiselect(label, list(counts), key=key, bind="query-params", help=help_text)
    top = " · ".join(f"{value} {count}" for value, count in list(counts.items())[:6])
    if top:
        st.sidebar.caption(top + (" · …" if len(counts) > 6 else ""))
    return selected


def render_filters(frame: pd.DataFrame) -> Filters:
    """Draw the filters (with counts beside values) and return what they select."""
    st.sidebar.header("Filters")
    if frame.empty:
        st.sidebar.info("No events yet: add articles to see filters.")
        return Filters()
    first = dt.date.fromisoformat(frame["date"].min())
    last = dt.date.fromisoformat(frame["date"].max())
    chosen = st.sidebar.date_input("Date range", value=(first, last), min_value=first, max_value=last,
                                   key="dates", bind="query-params", help="Event dates (not publication dates)")
    start, end = chosen if isinstance(chosen, tuple) and len(chosen) == 2 else (first, last)
    countries = _facet("Countries", "country", facet_counts(frame, "countries"), "Events with any of these countries")
    people = _facet("People", "person", facet_counts(frame, "participants"), "Events with any of these people")
    topics = _facet("Topics", "topic", facet_counts(frame, "topics"), "Events with any of these topics")
    return Filters(
        start=start if start != first else None,
        end=end if end != last else None,
        countries=tuple(countries),
        people=tuple(people),
        topics=tuple(topics),
    )
