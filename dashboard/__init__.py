"""The Streamlit dashboard: a pure core (data, filters, aggregations, figures, exports, uploads,
article markup) and a thin shell (sidebar and page views).

Only `sidebar.py` and `views/` import Streamlit; everything they draw comes from functions that
take and return DataFrames, Plotly figures, bytes or escaped HTML, so it is unit-tested directly.
All data access goes through `data.py`: the DuckDB store (`pipeline.store`), kept current with the
articles, filtered in SQL (page_rows, overview, event, event_sources, article_text, exports), and uploads.
"""
