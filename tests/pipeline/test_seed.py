"""The first acceptance case: the July 2021 Kerry-Lavrov article gives exactly two events.

Tested on our own fixture (same facts, our words) and, when present, on the shared seed file.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.ingest import parse_text_article
from pipeline.schema import split_list, to_timeline_frame, validate
from pipeline.timeline import build_timeline
from tests.conftest import FIXTURES, shared_path


def _events(path) -> pd.DataFrame:
    frame, report = build_timeline([path])
    assert report.articles == 1
    assert validate(frame) == []
    return frame


def _check_seed_events(frame: pd.DataFrame) -> None:
    assert len(frame) == 2, frame[["participants", "date", "evidence"]].to_string()
    by_people = {frozenset(split_list(r.participants)): r for r in frame.itertuples()}
    kerry_lavrov = next(r for k, r in by_people.items() if any("Kerry" in p for p in k))
    putin_biden = next(r for k, r in by_people.items() if any("Putin" in p for p in k))

    assert {p.split()[-1] for p in split_list(kerry_lavrov.participants)} == {"Kerry", "Lavrov"}
    countries = dict(zip(split_list(kerry_lavrov.participants), split_list(kerry_lavrov.countries), strict=True))
    assert {name.split()[-1]: code for name, code in countries.items()} == {"Kerry": "USA", "Lavrov": "RUS"}
    assert kerry_lavrov.event_type == "meeting"
    assert kerry_lavrov.status == "occurred"
    assert (kerry_lavrov.date, kerry_lavrov.date_precision) == ("2021-07-12", "day")
    assert kerry_lavrov.location == "Moscow" and kerry_lavrov.location_country == "RUS"
    assert math.isclose(kerry_lavrov.latitude, 55.75, abs_tol=0.1)
    assert math.isclose(kerry_lavrov.longitude, 37.62, abs_tol=0.1)
    assert split_list(kerry_lavrov.topics)[0] == "climate"

    countries = dict(zip(split_list(putin_biden.participants), split_list(putin_biden.countries), strict=True))
    assert {name.split()[-1]: code for name, code in countries.items()} == {"Putin": "RUS", "Biden": "USA"}
    assert putin_biden.event_type == "summit"
    assert putin_biden.status == "occurred"
    assert (putin_biden.date, putin_biden.date_precision) == ("2021-04-01", "month")
    assert split_list(putin_biden.topics)[0] == "climate"


def test_seed_facts_in_our_own_words():
    _check_seed_events(_events(FIXTURES / "articles" / "kerry_lavrov_climate.txt"))


def test_shared_seed_article():
    _check_seed_events(_events(shared_path("seeds", "000_3a1883a9ced1d952.txt")))


def test_seed_header_runs_into_body_on_one_line():
    article = parse_text_article(" date 2021-07-13 United States special envoy John Kerry met Sergey Lavrov.", "x")
    assert article.published.isoformat() == "2021-07-13"
    assert article.text.startswith("United States special envoy")


@pytest.mark.parametrize("column", ["participants", "countries", "roles"])
def test_seed_lists_are_aligned(column):
    frame = _events(FIXTURES / "articles" / "kerry_lavrov_climate.txt")
    for row in frame.itertuples():
        assert len(split_list(getattr(row, column))) == len(split_list(row.participants))


def test_event_ids_are_stable_across_runs():
    first = _events(FIXTURES / "articles" / "kerry_lavrov_climate.txt")
    second = _events(FIXTURES / "articles" / "kerry_lavrov_climate.txt")
    assert list(first["event_id"]) == list(second["event_id"])
    assert to_timeline_frame(first.to_dict("records"))["event_id"].is_unique
