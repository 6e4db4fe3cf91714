"""Dashboard pages, one module each with a `render(page)` function.

Each module is also the page script `st.navigation` runs (its `__main__` block calls `render` with
the data app.py published for this run), so AppTest can open a page with `switch_page`.
"""
