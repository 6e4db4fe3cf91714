"""Merged events: the same contact from several articles is one event; different contacts stay apart."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.merge import merge_events, participant_key
from pipeline.schema import MERGED_COLUMN_NAMES, make_event_id, to_timeline_frame
from pipeline.timeline import build_timeline
from tests.conftest import PROJECT_DIR


def report(article: str, date: str, precision: str = "day", status: str = "occurred", event_type: str = "meeting",
           people: tuple[str, str] = ("Joe Biden", "Vladimir Putin"), published: str | None = None,
           location: str = "", topics: str = "diplomacy", date_text: str = "Wednesday",
           confidence: float = 0.8) -> dict[str, object]:
    """One article-level row, as extract_article makes it (only what merging reads is varied)."""
    return {
        "event_id": make_event_id(article, people, date, event_type), "article_id": article,
        "published": published or date, "date": date, "date_precision": precision, "date_text": date_text,
        "event_type": event_type, "status": status, "participants": "; ".join(people),
        "countries": "USA; RUS", "roles": "President; President", "location": location,
        "location_country": "", "latitude": float("nan"), "longitude": float("nan"), "topics": topics,
        "topic_terms": "", "evidence": f"{article} says they met.", "title": "", "source": "", "url": "",
        "confidence": confidence,
    }


def merged(*rows: dict[str, object]) -> pd.DataFrame:
    return merge_events(to_timeline_frame(rows)).events


def test_two_reports_of_one_meeting_become_one_event_with_both_sources():
    events = merged(report("a", "2021-06-16", published="2021-06-16"),
                    report("b", "2021-06-16", published="2021-06-17"))
    assert len(events) == 1
    event = events.iloc[0]
    assert event["n_sources"] == 2 and event["source_articles"] == "a; b"
    assert list(events.columns) == list(MERGED_COLUMN_NAMES)


def test_planned_contact_is_superseded_by_its_occurrence_and_keeps_the_most_precise_date():
    events = merged(report("preview", "2021-06-01", "month", "planned", published="2021-05-20"),
                    report("report", "2021-06-16", published="2021-06-17", location="Geneva"))
    assert len(events) == 1
    event = events.iloc[0]
    assert (event["status"], event["date"], event["date_precision"]) == ("occurred", "2021-06-16", "day")
    assert event["location"] == "Geneva"


@pytest.mark.parametrize(("first", "second", "same"), [
    (("2021-06-16", "day"), ("2021-06-17", "day"), True),  # a day either side
    (("2021-06-16", "day"), ("2021-06-18", "day"), False),
    (("1990-08-13", "day"), ("1990-08-13", "week"), True),  # Monday 13 August is in ISO week 33
    (("1990-08-19", "day"), ("1990-08-13", "week"), True),
    (("1990-08-20", "day"), ("1990-08-13", "week"), False),
    (("1998-02-27", "day"), ("1997-05-01", "month"), False),  # Kuchma-Yeltsin: two meetings
    (("1998-05-31", "day"), ("1998-05-01", "month"), True),
    (("1998-05-25", "week"), ("1998-06-01", "month"), False),
    (("1998-05-25", "week"), ("1998-05-01", "month"), True),
    (("1998-05-01", "month"), ("1998-01-01", "year"), True),
    (("1998-05-01", "month"), ("1999-01-01", "year"), False),
])
def test_dates_are_compatible_at_the_coarser_precision(first, second, same):
    events = merged(report("a", first[0], first[1], published="1999-12-31"),
                    report("b", second[0], second[1], published="1999-12-31"))
    assert len(events) == (1 if same else 2)


def test_rows_of_one_article_are_distinct_contacts_and_never_merge():
    events = merged(report("visit", "2024-07-08"), report("visit", "2024-07-09", status="planned"))
    assert len(events) == 2


def test_a_call_and_a_meeting_stay_apart():
    assert len(merged(report("a", "2021-06-16", event_type="call"), report("b", "2021-06-16"))) == 2


def test_different_participants_stay_apart():
    assert len(merged(report("a", "2021-06-16"), report("b", "2021-06-16", people=("Joe Biden", "Xi Jinping")))) == 2


def test_a_month_report_that_fits_two_meetings_is_not_attached_to_either():
    events = merged(report("a", "2021-06-03"), report("b", "2021-06-20"), report("c", "2021-06-01", "month"))
    assert len(events) == 3
    assert set(events["n_sources"]) == {1}


def test_a_day_report_between_two_meetings_goes_to_the_nearest():
    events = merged(report("a", "2021-06-10"), report("b", "2021-06-12"), report("c", "2021-06-12"))
    assert sorted(events["n_sources"]) == [1, 2]
    assert events.set_index("date").loc["2021-06-12", "n_sources"] == 2


def test_a_chain_of_days_does_not_stretch_one_event_over_a_week():
    events = merged(*[report(f"a{day}", f"2021-06-{day:02d}") for day in range(10, 17)])
    assert len(events) > 2


def test_best_report_is_the_date_most_reports_agree_on_then_occurred():
    events = merged(report("preview", "2021-06-16", status="planned", published="2021-06-14"),
                    report("arrival", "2021-06-15", published="2021-06-15"),
                    report("summit", "2021-06-16", published="2021-06-17", location="Villa La Grange, Geneva"))
    event = events.iloc[0]
    assert len(events) == 1
    assert (event["date"], event["article_id"], event["location"]) == ("2021-06-16", "summit",
                                                                       "Villa La Grange, Geneva")


def test_topics_are_the_union_best_first_and_confidence_the_highest():
    events = merged(report("a", "2021-06-16", topics="security", confidence=0.5, published="2021-06-16"),
                    report("b", "2021-06-16", topics="nuclear_arms; security", confidence=0.9,
                           published="2021-06-17"))
    event = events.iloc[0]
    assert event["topics"] == "nuclear_arms; security" and event["confidence"] == 0.9


def test_merged_id_is_the_earliest_reports_id_and_survives_newer_reports():
    first = report("a", "2021-06-16", published="2021-06-16")
    alone = merged(first)
    later = merged(first, report("b", "2021-06-16", published="2021-06-17"),
                   report("c", "2021-06-17", published="2021-06-20"))
    assert alone.iloc[0]["event_id"] == first["event_id"] == later.iloc[0]["event_id"]


def test_sources_table_links_every_report_best_first():
    rows = [report("a", "2021-06-01", "month", "planned", published="2021-05-20"), report("b", "2021-06-16")]
    result = merge_events(to_timeline_frame(rows))
    assert list(result.sources["source_event_id"]) == [rows[1]["event_id"], rows[0]["event_id"]]
    assert list(result.sources["source_rank"]) == [0, 1]
    assert set(result.sources["event_id"]) == set(result.events["event_id"])


def test_participant_key_ignores_order():
    assert participant_key("Vladimir Putin; Joe Biden") == participant_key("Joe Biden; Vladimir Putin")


PEOPLE = [("Joe Biden", "Vladimir Putin"), ("Joe Biden", "Xi Jinping"), ("Xi Jinping", "Vladimir Putin")]


@st.composite
def report_sets(draw: st.DrawFn) -> list[dict[str, object]]:
    rows = []
    for index in range(draw(st.integers(1, 12))):
        precision = draw(st.sampled_from(["day", "day", "week", "month", "year"]))
        day = draw(st.integers(1, 40))
        date = pd.Timestamp("2021-05-25") + pd.Timedelta(days=day)
        if precision == "week":
            date -= pd.Timedelta(days=date.weekday())
        elif precision == "month":
            date = date.replace(day=1)
        elif precision == "year":
            date = date.replace(month=1, day=1)
        rows.append(report(f"art{draw(st.integers(0, 6))}-{index % 3}", date.date().isoformat(), precision,
                           draw(st.sampled_from(["occurred", "planned"])),
                           draw(st.sampled_from(["meeting", "summit", "call"])), draw(st.sampled_from(PEOPLE)),
                           published=f"2021-0{draw(st.integers(5, 7))}-1{draw(st.integers(0, 9))}"))
    unique = {row["event_id"]: row for row in rows}  # an article never has two rows with one id
    return list(unique.values())


@settings(max_examples=60, deadline=None)
@given(report_sets(), st.randoms(use_true_random=False))
def test_merging_is_order_independent_and_per_participant_set(rows, shuffler: random.Random):
    whole = merge_events(to_timeline_frame(rows))
    shuffled = rows[:]
    shuffler.shuffle(shuffled)
    pd.testing.assert_frame_equal(merge_events(to_timeline_frame(shuffled)).events, whole.events)
    by_set = [merge_events(to_timeline_frame([r for r in rows if participant_key(r["participants"]) == key])).events
              for key in {participant_key(r["participants"]) for r in rows}]
    pieces = pd.concat(by_set).sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(pieces, whole.events, check_dtype=False)
    assert whole.events["n_sources"].sum() >= len(whole.events)
    assert len(whole.sources) == len(rows)


def test_sample_corpus_merges_the_reports_of_the_same_summits():
    frame, _ = build_timeline([PROJECT_DIR / "data" / "articles"])
    events = merge_events(frame).events

    def event(people: str, date: str) -> pd.Series:
        found = events[(events["participants"].map(participant_key) == people) & (events["date"] == date)]
        assert len(found) == 1, f"{people} on {date}: {len(found)} events"
        return found.iloc[0]

    alaska = event("Donald Trump; Vladimir Putin", "2025-08-15")
    assert alaska["n_sources"] == 2 and alaska["status"] == "occurred"
    assert event("Joe Biden; Xi Jinping", "2022-11-14")["n_sources"] == 2
    geneva = event("Joe Biden; Vladimir Putin", "2021-06-16")
    assert geneva["n_sources"] >= 2 and "2021-06-17_biden_putin_geneva_summit" in geneva["source_articles"]
    assert len(events) < len(frame)
