"""The sidebar's facet caption (the widgets themselves are exercised through AppTest in tests/test_app.py)."""

from __future__ import annotations

from dashboard.filters import FACETS
from dashboard.sidebar import FACET_WIDGETS, PILL_WIDGETS, facet_caption


def test_caption_shows_selected_first_then_the_busiest():
    counts = {"USA": 30, "RUS": 20, "CHN": 10, "IND": 5}
    assert facet_caption(counts, ["CHN"], limit=2) == "**CHN 10** · USA 30 · RUS 20 · … 1 more"
    assert facet_caption({}, []) == "no values in this view"
    assert facet_caption({"USA": 1_234}, []) == "USA 1,234"


def test_every_facet_has_a_widget_with_a_stable_url_key():
    assert set(FACET_WIDGETS) | set(PILL_WIDGETS) == set(FACETS)
    keys = [key for _, key, _ in FACET_WIDGETS.values()] + [key for _, key, _ in PILL_WIDGETS.values()]
    assert keys == ["country", "person", "topic", "type", "status"]
