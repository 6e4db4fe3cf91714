"""Streamlit entry point: `streamlit run app.py`.

Thin on purpose: it loads the table, draws the sidebar and hands the filtered rows to the
page; the pages, filters and figures live in `dashboard/`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import load_timeline
from dashboard.filters import apply_filters
from dashboard.sidebar import render_filters
from dashboard.views import timeline


@st.cache_data(show_spinner="Extracting the sample corpus (first start only)…")
def cached_timeline() -> pd.DataFrame:
    return load_timeline()


st.set_page_config(page_title="Diplomatic contacts timeline", layout="wide")
frame = cached_timeline()
filters = render_filters(frame)
filtered = apply_filters(frame, filters)
timeline.render(frame, filtered, filters)
