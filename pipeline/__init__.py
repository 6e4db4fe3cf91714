"""Extraction pipeline: news articles in, a timeline of diplomatic contacts out.

This package never imports Streamlit; the dashboard in ``dashboard/`` is a thin shell over it.
"""
