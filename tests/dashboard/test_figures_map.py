"""Map figure: one marker per place, sized by contacts, clickable, with an offline base map config."""

from __future__ import annotations

from dashboard.aggregate import places
from dashboard.figures_map import MAP_CONFIG, map_figure
from tests.conftest import PROJECT_DIR


def test_markers_per_place_sized_by_contacts(timeline):
    table = places(timeline)
    figure = map_figure(table)
    located = [v[0] for t in figure.data for v in t.customdata]
    assert sorted(located) == ["Geneva", "Moscow"]
    sizes = {v[0]: s for t in figure.data for v, s in zip(t.customdata, t.marker.size, strict=True)}
    assert sizes["Geneva"] > sizes["Moscow"]
    assert {type(t).__name__ for t in figure.data} == {"Scattergeo"}
    assert "2 places" in figure.layout.title.text


def test_hover_escapes_place_names(timeline):
    table = places(timeline.assign(location="<b>Geneva</b>"))
    text = map_figure(table).data[0].hovertext[0]
    assert "&lt;b&gt;Geneva&lt;/b&gt;" in text


def test_no_located_contacts_is_an_empty_map(timeline):
    figure = map_figure(places(timeline.iloc[0:0]))
    assert len(figure.data) == 0 and "no located contacts" in figure.layout.title.text


def test_the_base_map_is_served_from_the_app():
    assert MAP_CONFIG["topojsonURL"] == "app/static/topojson/"
    assert (PROJECT_DIR / "static" / "topojson" / "world_110m.json").stat().st_size > 100_000
