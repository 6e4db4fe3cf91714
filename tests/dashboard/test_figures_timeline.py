"""The timeline figure: lanes, topic colours, shapes, hollow planned contacts, and the size-based modes."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.aggregate import lane_labels
from dashboard.figures_timeline import drawn_rows, timeline_figure, timeline_mode
from tests.dashboard.conftest import many_events


def event_traces(figure: go.Figure) -> list:
    """Traces that hold events (the legend-key traces have a single None point)."""
    return [t for t in figure.data if t.x is not None and len(t.x) and t.x[0] is not None]


def test_one_trace_per_main_topic_holding_every_event(timeline):
    figure = timeline_figure(timeline, "pair")
    assert isinstance(figure, go.Figure)
    traces = event_traces(figure)
    assert [t.name for t in traces] == ["climate", "security", "conflict", "economy"]
    assert sum(len(t.x) for t in traces) == len(timeline)
    assert {str(v[0]) for t in traces for v in t.customdata} == set(timeline["event_id"])
    assert figure.layout.xaxis.title.text == "Date of contact"
    assert figure.layout.yaxis.title.text == "Country pair"
    assert "country pair" in figure.layout.title.text
    assert figure.layout.meta["mode"] == "svg"


def test_range_slider_and_quick_ranges_are_on_the_date_axis(timeline):
    figure = timeline_figure(timeline)
    assert figure.layout.xaxis.rangeslider.visible is True
    labels = [b.label for b in figure.layout.xaxis.rangeselector.buttons]
    assert labels == ["1 m", "6 m", "1 y", "5 y", "all"]


def test_lanes_by_country_and_person(timeline):
    figure = timeline_figure(timeline, "person")
    assert sum(len(t.x) for t in event_traces(figure)) == len(lane_labels(timeline, "person"))
    assert figure.layout.yaxis.title.text == "Person"


def test_planned_contacts_are_hollow_and_calls_are_diamonds(timeline):
    traces = {t.name: t for t in event_traces(timeline_figure(timeline))}
    assert traces["conflict"].marker.symbol[0] == "circle-open"
    assert set(traces["economy"].marker.symbol) == {"diamond", "star"}


def test_legend_keys_topics_and_shapes(timeline):
    figure = timeline_figure(timeline)
    keys = [t for t in figure.data if t not in event_traces(figure)]
    assert {t.name for t in keys if t.legend == "legend2"} == {"meeting", "call", "summit", "planned"}
    assert {t.name for t in keys if t.legend == "legend"} == {"climate", "security", "conflict", "economy"}
    assert all(t.showlegend is False for t in event_traces(figure))


def test_lane_limit_keeps_busiest_lanes(timeline):
    figure = timeline_figure(timeline, "country", max_lanes=2)
    assert list(figure.layout.yaxis.categoryarray) == ["USA", "RUS"]
    assert "busiest 2 of 6 lanes" in figure.layout.title.text
    rows, kept, total = drawn_rows(timeline, "country", 2)
    assert kept == ["RUS", "USA"] and total == 6 and set(rows["lane"]) == {"RUS", "USA"}


def test_empty_table_gives_an_empty_figure(timeline):
    figure = timeline_figure(timeline.iloc[0:0])
    assert len(figure.data) == 0


@pytest.mark.parametrize(("markers", "mode"), [(10, "svg"), (2_001, "webgl"), (6_001, "aggregate")])
def test_mode_is_chosen_by_size(markers, mode):
    assert timeline_mode(markers) == mode


def test_webgl_above_the_detail_limit(timeline):
    figure = timeline_figure(timeline, detail_limit=2)
    assert {type(t).__name__ for t in event_traces(figure)} == {"Scattergl"}
    assert figure.layout.meta["mode"] == "webgl"


def test_aggregated_markers_count_every_event():
    frame = many_events(400)
    figure = timeline_figure(frame, "pair", detail_limit=10, webgl_limit=100)
    assert figure.layout.meta["mode"] == "aggregate"
    assert "marker size = contacts per week" in figure.layout.title.text
    counted = sum(int(text.split(" contacts")[0].removeprefix("<b>").replace(",", ""))
                  for trace in figure.data for text in trace.hovertext)
    assert counted == len(frame)
    assert all(len(v) == 3 for t in figure.data for v in t.customdata)
