"""Merging on the shared dev set (real newswire): the same meeting in two stories is one event,
two meetings of the same pair are two. Skipped where ../shared is absent."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import store
from pipeline.merge import participant_key
from pipeline.timeline import ingest_store
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dev_events(tmp_path_factory) -> pd.DataFrame:
    articles = shared_path("devset", "articles")
    db = tmp_path_factory.mktemp("devset") / "timeline.duckdb"
    ingest_store([articles], db)
    events = store.query_events(db)
    events["key"] = events["participants"].map(participant_key)
    return events


def pair(events: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    return events[events["participants"].str.contains(first) & events["participants"].str.contains(second)
                  & (events["participants"].str.count(";") == 1)]


def test_bush_king_hussein_planned_and_reported_is_one_event(dev_events):
    meetings = pair(dev_events, "Bush", "King Hussein")
    assert len(meetings) == 1
    event = meetings.iloc[0]
    assert (event["date"], event["status"], event["n_sources"]) == ("1990-08-16", "occurred", 2)
    assert set(event["source_articles"].split("; ")) == {"AP900815-0044", "AP900816-0139"}


def test_a_day_and_the_week_it_falls_in_are_one_meeting(dev_events):
    meetings = pair(dev_events, "King Hussein", "Saddam Hussein")
    assert len(meetings) == 1
    event = meetings.iloc[0]
    assert (event["date"], event["date_precision"], event["n_sources"]) == ("1990-08-13", "day", 2)


def test_two_meetings_of_one_pair_stay_two(dev_events):
    meetings = pair(dev_events, "Kuchma", "Yeltsin")
    assert sorted(meetings["date"]) == ["1997-05-01", "1998-02-27"]
    assert set(meetings["n_sources"]) == {1}
