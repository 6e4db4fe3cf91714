"""Filters become SQL with parameters only; the same fields as the dashboard's filters."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.filters import Filters
from pipeline.query import QueryFilters, select_events, select_facet_counts, where


def test_every_value_is_a_parameter_never_sql_text():
    hostile = "x'); DROP TABLE events; --"
    filters = QueryFilters(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), countries=(hostile,),
                           people=(hostile,), topics=(hostile,), event_types=(hostile,), statuses=(hostile,),
                           min_confidence=0.5, text=hostile)
    for merged in (True, False):
        clause = where(filters, merged)
        assert "DROP" not in clause.text and "2021" not in clause.text and "0.5" not in clause.text
        assert clause.text.count("?") == len(clause.params) == 9
    statement = select_events(filters, ("event_id",), limit=10)
    assert statement.text.count("?") == len(statement.params) == 10


def test_no_filter_selects_everything_in_timeline_order():
    statement = select_events(QueryFilters(), ("event_id", "date"))
    assert "WHERE TRUE" in statement.text and statement.text.endswith("ORDER BY e.date, e.event_id")
    assert statement.params == []


def test_facet_counts_leave_out_their_own_facet_only():
    filters = QueryFilters(countries=("RUS",), statuses=("occurred",))
    countries = select_facet_counts(filters, "countries")
    assert countries.params == ["occurred"]
    assert select_facet_counts(filters, "participants").params == ["RUS", "occurred"]  # by column name too
    with pytest.raises(ValueError, match="unknown facet"):
        select_facet_counts(filters, "colour")


def test_dashboard_filters_convert_field_for_field():
    dashboard = Filters(start=dt.date(2020, 1, 1), countries=("RUS", "CHN"), people=("Xi Jinping",),
                        topics=("climate",), event_types=("call",), statuses=("planned",), min_confidence=0.4,
                        text="Geneva")
    converted = QueryFilters.from_object(dashboard)
    for field in dataclasses.fields(QueryFilters):
        assert getattr(converted, field.name) == getattr(dashboard, field.name)
