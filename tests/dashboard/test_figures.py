"""Figure builders return go.Figure objects with the traces, lanes and hover text analysts rely on."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures import hover_text, lane_labels, timeline_figure


def test_timeline_has_one_trace_per_main_topic_and_all_events(timeline):
    figure = timeline_figure(timeline, "pair")
    assert isinstance(figure, go.Figure)
    names = [trace.name for trace in figure.data]
    assert names == ["climate", "security", "conflict", "economy"]
    assert sum(len(trace.x) for trace in figure.data) == len(timeline)
    assert figure.layout.xaxis.title.text == "Date of contact"
    assert "country pair" in figure.layout.title.text


def test_lanes_by_pair_country_and_person(timeline):
    assert set(lane_labels(timeline, "pair")["lane"]) == {"RUS–USA", "FRA–RUS", "CHN–RUS", "DEU–IND–USA"}
    by_country = lane_labels(timeline, "country")
    assert (by_country["lane"] == "RUS").sum() == 4
    by_person = lane_labels(timeline, "person")
    assert (by_person["lane"] == "Vladimir Putin").sum() == 3
    figure = timeline_figure(timeline, "person")
    assert sum(len(trace.x) for trace in figure.data) == len(by_person)


def test_planned_contacts_are_hollow_and_calls_are_diamonds(timeline):
    figure = timeline_figure(timeline)
    conflict = next(t for t in figure.data if t.name == "conflict")
    assert conflict.marker.symbol[0] == "circle-open"
    economy = next(t for t in figure.data if t.name == "economy")
    assert set(economy.marker.symbol) == {"diamond", "star"}


def test_hover_escapes_article_text_and_shows_precision(timeline):
    row = timeline.set_index("event_id").loc["e5"].to_dict() | {"event_id": "e5"}
    text = hover_text(row)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "(day)" in text and "Narendra Modi (IND, Minister)" in text


def test_lane_limit_keeps_busiest_lanes(timeline):
    figure = timeline_figure(timeline, "country", max_lanes=2)
    assert list(figure.layout.yaxis.categoryarray) == ["USA", "RUS"]
    assert "busiest 2 of" in figure.layout.title.text


def test_empty_table_gives_an_empty_figure(timeline):
    figure = timeline_figure(timeline.iloc[0:0])
    assert len(figure.data) == 0
