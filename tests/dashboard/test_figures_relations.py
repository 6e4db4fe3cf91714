"""Relations figures: stacked monthly bars by topic and the ranking bars."""

from __future__ import annotations

from dashboard.aggregate import monthly_topic_counts, relation_events, top_pairs, top_people
from dashboard.figures_relations import monthly_figure, ranking_figure


def test_monthly_bars_stack_one_trace_per_topic(timeline):
    counts = monthly_topic_counts(relation_events(timeline, "RUS"))
    figure = monthly_figure(counts, "Contacts of RUS")
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == ["climate", "security", "conflict", "economy"]
    assert sum(sum(t.y) for t in figure.data) == 4
    assert figure.layout.title.text == "Contacts of RUS"
    assert figure.layout.xaxis.title.text == "Month of contact"
    assert figure.layout.yaxis.title.text == "Contacts (events)"


def test_monthly_figure_of_nothing_says_so(timeline):
    figure = monthly_figure(monthly_topic_counts(timeline.iloc[0:0]), "Empty")
    assert len(figure.data) == 0 and "No contacts" in figure.layout.annotations[0].text


def test_ranking_bars_busiest_on_top(timeline):
    figure = ranking_figure(top_pairs(timeline), "pair", "Top pairs", "Country pair")
    bar = figure.data[0]
    assert bar.orientation == "h" and bar.y[0] == "RUS–USA" and bar.x[0] == 2
    assert list(figure.layout.yaxis.categoryarray)[-1] == "RUS–USA"
    assert figure.layout.xaxis.title.text == "Contacts (events)"
    people = ranking_figure(top_people(timeline), "person", "Top people", "Person")
    assert people.data[0].y[0] == "Vladimir Putin"


def test_ranking_of_nothing_says_so(timeline):
    figure = ranking_figure(top_people(timeline.iloc[0:0]), "person", "Top people", "Person")
    assert len(figure.data) == 0


def test_count_axes_tick_whole_numbers():
    from dashboard.figures_relations import count_ticks

    assert count_ticks(3) == {"tick0": 0, "dtick": 1, "tickformat": "d"}
    assert count_ticks(80)["dtick"] == 10 and count_ticks(0)["dtick"] == 1
