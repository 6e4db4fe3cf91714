"""The timeline schema: one place for names, types and allowed values, and a validator that means it."""

from __future__ import annotations

import math

from pipeline.schema import (
    COLUMN_NAMES,
    TOPICS,
    join_list,
    make_event_id,
    split_list,
    to_timeline_frame,
    validate,
)


def _row(**changes):
    row = {"event_id": "e1", "article_id": "a", "published": "2021-07-13", "date": "2021-07-12",
           "date_precision": "day", "date_text": "July 12", "event_type": "meeting", "status": "occurred",
           "participants": "John Kerry; Sergey Lavrov", "countries": "USA; RUS", "roles": "Envoy; Foreign Minister",
           "location": "Moscow", "location_country": "RUS", "latitude": 55.75, "longitude": 37.62,
           "topics": "climate; diplomacy", "topic_terms": "climate", "evidence": "Kerry met Lavrov.",
           "title": "", "source": "", "url": "", "confidence": 0.9}
    row.update(changes)
    return row


def test_issue_columns_are_present_in_order():
    required = ["event_id", "article_id", "published", "date", "date_precision", "date_text", "event_type", "status",
                "participants", "countries", "roles", "location", "location_country", "latitude", "longitude",
                "topics", "evidence", "title", "source", "url", "confidence"]
    assert [c for c in COLUMN_NAMES if c in required] == required
    assert TOPICS[0] == "climate" and TOPICS[-1] == "diplomacy" and len(TOPICS) == 12


def test_frame_coerces_types_and_fills_missing():
    frame = to_timeline_frame([_row(latitude=None, location=None)])
    assert list(frame.columns) == list(COLUMN_NAMES)
    assert math.isnan(frame.loc[0, "latitude"]) and frame.loc[0, "location"] == ""
    assert validate(frame) == []


def test_validate_catches_each_kind_of_broken_row():
    frame = to_timeline_frame([
        _row(event_id="a", topics="climate; gossip"),
        _row(event_id="b", countries="USA"),
        _row(event_id="c", date="2021-7-1"),
        _row(event_id="d", confidence=1.5, participants="Solo", countries="USA", roles="x"),
        _row(event_id="d", event_type="dinner"),
    ])
    problems = " | ".join(validate(frame))
    for expected in ("gossip", "not aligned", "not an ISO date", "confidence outside", "two or more",
                     "event_type", "not unique"):
        assert expected in problems


def test_lists_round_trip_and_semicolons_inside_values_are_neutralised():
    assert split_list(join_list(["a", "b c"])) == ["a", "b c"]
    assert split_list(join_list(["x; y"])) == ["x, y"]
    assert split_list("") == [] and split_list(float("nan")) == []


def test_event_id_ignores_participant_order_and_changes_with_date():
    first = make_event_id("a", ["X", "Y"], "2021-01-01", "meeting")
    assert first == make_event_id("a", ["Y", "X"], "2021-01-01", "meeting")
    assert first != make_event_id("a", ["X", "Y"], "2021-01-02", "meeting")
