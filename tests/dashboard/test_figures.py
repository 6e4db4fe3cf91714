"""Shared figure helpers: escaped hover text, report layout, empty figures, one colour per topic."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures import TOPIC_COLOURS, empty_figure, hover_text, report_layout
from pipeline.schema import TOPICS


def test_every_topic_has_a_distinct_colour():
    assert list(TOPIC_COLOURS) == list(TOPICS)
    assert len(set(TOPIC_COLOURS.values())) == len(TOPICS)


def test_hover_escapes_article_text_and_shows_who_where_when(timeline):
    row = timeline.set_index("event_id").loc["e5"].to_dict()
    text = hover_text(row)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "(precision: day)" in text and "Narendra Modi (IND, Minister)" in text
    assert "Geneva" in text and "topics: economy" in text


def test_hover_says_how_many_articles_report_a_merged_event(timeline):
    import numpy as np

    row = timeline.set_index("event_id").loc["e1"].to_dict()
    assert "reported by" not in hover_text(row) and "reported by" not in hover_text({**row, "n_sources": 1})
    assert hover_text({**row, "n_sources": np.int32(3)}).endswith("<br>reported by 3 articles")


def test_hover_says_when_the_place_is_unknown(timeline):
    row = timeline.set_index("event_id").loc["e4"].to_dict()
    assert "place not stated" in hover_text(row)


def test_report_layout_sets_title_and_axis_titles():
    figure = report_layout(go.Figure(go.Bar(x=[1], y=[2])), "Title", "X things", "Y things", height=333)
    assert figure.layout.title.text == "Title"
    assert figure.layout.xaxis.title.text == "X things" and figure.layout.yaxis.title.text == "Y things"
    assert figure.layout.height == 333


def test_empty_figure_says_why_and_escapes():
    figure = empty_figure("Nothing", "No <b>rows</b>")
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No &lt;b&gt;rows&lt;/b&gt;"
