"""Filters: each facet narrows, values within a facet are alternatives, and counts match the rows."""

from __future__ import annotations

import datetime as dt

from dashboard.filters import Filters, apply_filters, facet_counts


def ids(frame):
    return list(frame["event_id"])


def test_no_filters_returns_all_in_date_order(timeline):
    assert ids(apply_filters(timeline, Filters())) == ["e1", "e2", "e3", "e4", "e5"]


def test_date_range_is_inclusive(timeline):
    chosen = apply_filters(timeline, Filters(start=dt.date(2021, 7, 12), end=dt.date(2023, 3, 21)))
    assert ids(chosen) == ["e2", "e3", "e4"]


def test_countries_people_topics_are_any_of_within_and_all_across(timeline):
    assert ids(apply_filters(timeline, Filters(countries=("FRA", "CHN")))) == ["e3", "e4"]
    assert ids(apply_filters(timeline, Filters(people=("Joe Biden",)))) == ["e1", "e5"]
    assert ids(apply_filters(timeline, Filters(countries=("RUS",), topics=("security",)))) == ["e1", "e3"]
    assert ids(apply_filters(timeline, Filters(countries=("IND",), topics=("climate",)))) == []


def test_type_status_confidence_and_text(timeline):
    assert ids(apply_filters(timeline, Filters(event_types=("call",)))) == ["e4"]
    assert ids(apply_filters(timeline, Filters(statuses=("planned",)))) == ["e3"]
    assert ids(apply_filters(timeline, Filters(min_confidence=0.6))) == ["e1", "e2", "e3", "e5"]
    assert ids(apply_filters(timeline, Filters(text="kerry"))) == ["e2"]


def test_facet_counts_count_events_per_value(timeline):
    counts = facet_counts(timeline, "countries")
    assert counts["RUS"] == 4 and counts["USA"] == 3 and next(iter(counts)) == "RUS"
    assert facet_counts(timeline, "event_type", is_list=False) == {"meeting": 3, "call": 1, "summit": 1}


def test_describe_names_active_filters():
    text = "; ".join(Filters(countries=("RUS",), min_confidence=0.5, text="oil").describe())
    assert "countries: RUS" in text and "0.50" in text and "oil" in text
