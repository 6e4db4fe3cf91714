"""Aggregations behind the pages: pairs, dyads, relations, rankings, network, places and lane cells."""

from __future__ import annotations

import pandas as pd

from dashboard.aggregate import (
    ALL_COUNTRIES,
    aggregate_lanes,
    busiest_lanes,
    choose_period,
    country_pairs,
    dyads,
    events_in_cell,
    lane_labels,
    main_topics,
    monthly_topic_counts,
    network,
    pair_label,
    places,
    relation_events,
    top_pairs,
    top_people,
)
from pipeline.schema import to_timeline_frame
from tests.dashboard.conftest import event, many_events


def ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["event_id"])


def test_main_topic_is_the_first_and_defaults_to_diplomacy(timeline):
    frame = timeline.assign(topics=["security; diplomacy", "", "conflict", "economy", "economy"])
    assert list(main_topics(frame)) == ["security", "diplomacy", "conflict", "economy", "economy"]


def test_lanes_by_pair_country_and_person(timeline):
    assert set(lane_labels(timeline, "pair")["lane"]) == {"RUS–USA", "FRA–RUS", "CHN–RUS", "DEU–IND–USA"}
    assert (lane_labels(timeline, "country")["lane"] == "RUS").sum() == 4
    assert (lane_labels(timeline, "person")["lane"] == "Vladimir Putin").sum() == 3
    assert pair_label("USA; RUS; USA") == "RUS–USA"


def test_a_country_twice_in_one_event_is_one_lane_row():
    frame = to_timeline_frame([event("x", "2021-01-01", "A B; C D; E F", "USA; USA; RUS", "security")])
    assert list(lane_labels(frame, "country")["lane"]) == ["USA", "RUS"]


def test_country_pairs_are_unordered_and_distinct(timeline):
    pairs = country_pairs(timeline)
    assert (pairs["a"] < pairs["b"]).all()
    assert len(pairs) == 1 + 1 + 1 + 1 + 3  # the summit of three countries gives three pairs


def test_dyads_pair_people_from_different_countries():
    frame = to_timeline_frame([event("x", "2021-01-01", "Joe Biden; Antony Blinken; Xi Jinping", "USA; USA; CHN",
                                     "economy", roles="President; Secretary of State; President")])
    table = dyads(frame)
    assert len(table) == 2  # Biden–Xi and Blinken–Xi; not Biden–Blinken
    assert set(zip(table["person_a"], table["person_b"], strict=True)) == {("Joe Biden", "Xi Jinping"),
                                                                          ("Antony Blinken", "Xi Jinping")}
    assert set(table["role_a"]) == {"President", "Secretary of State"}
    assert (table["event_id"] == "x").all() and (table["date"] == "2021-01-01").all()


def test_relation_events_for_a_pair_and_for_one_against_all(timeline):
    assert ids(relation_events(timeline, "RUS", "USA")) == ["e1", "e2"]
    assert ids(relation_events(timeline, "RUS", ALL_COUNTRIES)) == ["e1", "e2", "e3", "e4"]
    assert ids(relation_events(timeline, "RUS", "RUS")) == ["e1", "e2", "e3", "e4"]
    assert relation_events(timeline, "BRA", "USA").empty


def test_monthly_counts_stack_by_main_topic(timeline):
    counts = monthly_topic_counts(relation_events(timeline, "RUS", "USA"))
    assert list(counts["month"].dt.strftime("%Y-%m")) == ["2021-06", "2021-07"]
    assert list(counts["topic"]) == ["security", "climate"] and list(counts["count"]) == [1, 1]
    assert monthly_topic_counts(timeline.iloc[0:0]).empty


def test_rankings_are_busiest_first(timeline):
    pairs = top_pairs(timeline)
    assert pairs.iloc[0].tolist() == ["RUS–USA", 2]
    assert pairs["events"].sum() == 7
    people = top_people(timeline, limit=2)
    assert people.to_dict("records") == [{"person": "Vladimir Putin", "events": 3},
                                         {"person": "Joe Biden", "events": 2}]


def test_network_nodes_edges_weights_and_topics(timeline):
    nodes, edges = network(timeline, "country")
    assert nodes.iloc[0].to_dict() == {"name": "RUS", "contacts": 4, "topic": "climate"}
    usa_rus = edges[(edges["a"] == "RUS") & (edges["b"] == "USA")].iloc[0]
    assert usa_rus["weight"] == 2 and usa_rus["topic"] == "climate"  # tie security/climate: alphabetical
    assert len(edges) == 6
    people, links = network(timeline, "person", max_nodes=2)
    assert list(people["name"]) == ["Vladimir Putin", "Joe Biden"]
    assert links.to_dict("records") == [{"a": "Joe Biden", "b": "Vladimir Putin", "weight": 1, "topic": "security"}]


def test_network_of_nothing_is_empty(timeline):
    nodes, edges = network(timeline.iloc[0:0])
    assert nodes.empty and edges.empty


def test_places_group_located_events(timeline):
    table = places(timeline)
    assert table.iloc[0][["location", "events"]].tolist() == ["Geneva", 3]
    assert set(table["location"]) == {"Geneva", "Moscow"}  # e4 (a call) has no place
    assert int(table["events"].sum()) == 4


def test_aggregated_cells_count_events_and_find_them_again():
    frame = many_events(300)
    laned, _, _ = busiest_lanes(lane_labels(frame, "pair"), 40)
    cells = aggregate_lanes(laned)
    assert int(cells["events"].sum()) == len(frame) and set(cells["code"]) == {"W"}
    biggest = cells.sort_values("events").iloc[-1]
    found = events_in_cell(laned, biggest["lane"], str(biggest["period"].date()), "W")
    assert len(found) == biggest["events"]
    parts = [int(part.split()[0]) for part in biggest["breakdown"].split(", ")]
    assert sum(parts) <= biggest["events"] and biggest["breakdown"].split(", ")[0].split(" ", 1)[1] == biggest["topic"]


def test_aggregation_coarsens_until_the_cells_fit():
    frame = many_events(300)
    laned, _, _ = busiest_lanes(lane_labels(frame, "pair"), 40)
    assert choose_period(laned, max_cells=10_000) == "W"
    assert choose_period(laned, max_cells=60) == "Q"
    assert choose_period(laned, max_cells=1) == "Y"
    cells = aggregate_lanes(laned, max_cells=60)
    assert len(cells) <= 60 and int(cells["events"].sum()) == len(frame)
