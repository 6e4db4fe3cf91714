"""The Streamlit dashboard: pure data, filter and figure modules, plus thin page modules.

Only `sidebar.py` and the page modules import Streamlit; everything they draw comes from
functions that take and return DataFrames or Plotly figures, so it is unit-tested directly.
"""
