"""Timeline page: the chart, the filtered events and the CSV of exactly those rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.figures import LANE_CHOICES, timeline_figure
from dashboard.filters import Filters
from pipeline.writers import to_csv_bytes

TABLE_COLUMNS = ["date", "date_precision", "event_type", "status", "participants", "countries", "location",
                 "topics", "evidence", "confidence", "article_id"]


def render(frame: pd.DataFrame, filtered: pd.DataFrame, filters: Filters) -> None:
    st.title("Diplomatic contacts timeline")
    st.caption(f"{len(filtered):,} of {len(frame):,} events")
    if filtered.empty:
        _empty_state(frame, filters)
        return
    lanes = st.radio("Lanes", list(LANE_CHOICES), format_func=LANE_CHOICES.get, horizontal=True, key="lanes",
                     bind="query-params")
    st.plotly_chart(timeline_figure(filtered, lanes), key="timeline_chart")
    st.subheader("Events")
    st.dataframe(filtered[TABLE_COLUMNS], hide_index=True, key="events_table",
                 column_config={"confidence": st.column_config.ProgressColumn("confidence", min_value=0.0,
                                                                              max_value=1.0, format="%.2f")})
    st.download_button("Download these events (CSV)", to_csv_bytes(filtered), file_name="timeline.csv",
                       mime="text/csv", key="download_csv", on_click="ignore")


def _empty_state(frame: pd.DataFrame, filters: Filters) -> None:
    if frame.empty:
        st.info("No events yet. Add articles (see README) and reload.")
        return
    active = filters.describe()
    st.warning("No events match these filters. Relax one of them: " + "; ".join(active) if active else
               "No events match.")
