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


def test_index_gives_the_same_rows_as_without(timeline):
    from dashboard.filters import build_index

    index = build_index(timeline)
    for filters in (Filters(countries=("RUS",)), Filters(people=("Joe Biden",), topics=("economy",)),
                    Filters(text="MET", min_confidence=0.6), Filters(start=dt.date(2022, 1, 1))):
        assert ids(apply_filters(timeline, filters, index)) == ids(apply_filters(timeline, filters))


def test_unsorted_input_comes_back_in_date_order(timeline):
    assert ids(apply_filters(timeline.iloc[::-1], Filters())) == ["e1", "e2", "e3", "e4", "e5"]


def test_a_value_repeated_in_a_cell_counts_one_event():
    from dashboard.filters import list_values
    from pipeline.schema import to_timeline_frame
    from tests.dashboard.conftest import event

    frame = to_timeline_frame([event("x", "2021-01-01", "A B; C D; E F", "USA; USA; RUS", "security")])
    assert list(list_values(frame, "countries")) == ["USA", "RUS"]
    assert facet_counts(frame, "countries") == {"RUS": 1, "USA": 1}


def test_live_facets_ignore_their_own_selection(timeline):
    from dashboard.filters import live_facet_counts

    counts = live_facet_counts(timeline, Filters(countries=("FRA",), topics=("security",)))
    assert counts["countries"]["RUS"] == 2 and counts["countries"]["FRA"] == 1  # topics applied, countries not
    assert counts["topics"] == {"conflict": 1, "security": 1}  # countries applied, topics not
    assert counts["people"] == {"Emmanuel Macron": 1, "Vladimir Putin": 1}
    assert counts["statuses"] == {"planned": 1}


def test_relaxations_say_what_each_filter_costs(timeline):
    from dashboard.filters import relaxations

    found = relaxations(timeline, Filters(countries=("IND",), topics=("climate",)))
    assert found == [("topics: climate", 1), ("countries: IND", 1)] or found == [("countries: IND", 1),
                                                                                  ("topics: climate", 1)]
    assert relaxations(timeline, Filters()) == []
    assert relaxations(timeline, Filters(text="nothing like this", statuses=("planned",)))[0] == (
        "evidence contains “nothing like this”", 1)


def test_date_bounds(timeline):
    from dashboard.filters import date_bounds

    assert date_bounds(timeline) == (dt.date(2021, 6, 16), dt.date(2023, 9, 9))
    assert date_bounds(timeline.iloc[0:0]) is None
