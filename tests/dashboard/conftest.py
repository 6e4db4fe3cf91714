"""A small timeline table written by hand, for figure and filter tests."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.schema import to_timeline_frame


def event(event_id: str, date: str, participants: str, countries: str, topics: str, **extra) -> dict:
    row = {"event_id": event_id, "article_id": f"art-{event_id}", "published": date, "date": date,
           "date_precision": "day", "date_text": "", "event_type": "meeting", "status": "occurred",
           "participants": participants, "countries": countries,
           "roles": "; ".join("Minister" for _ in participants.split("; ")), "location": "Geneva",
           "location_country": "CHE", "latitude": 46.2, "longitude": 6.14, "topics": topics, "topic_terms": "",
           "evidence": f"{participants} met.", "title": "", "source": "", "url": "", "confidence": 0.8}
    row.update(extra)
    return row


@pytest.fixture
def timeline() -> pd.DataFrame:
    return to_timeline_frame([
        event("e1", "2021-06-16", "Joe Biden; Vladimir Putin", "USA; RUS", "security; diplomacy"),
        event("e2", "2021-07-12", "John Kerry; Sergey Lavrov", "USA; RUS", "climate", location="Moscow"),
        event("e3", "2022-02-07", "Emmanuel Macron; Vladimir Putin", "FRA; RUS", "conflict; security",
              status="planned"),
        event("e4", "2023-03-21", "Xi Jinping; Vladimir Putin", "CHN; RUS", "economy; energy",
              event_type="call", location="", latitude=float("nan"), longitude=float("nan"), confidence=0.5),
        event("e5", "2023-09-09", "Narendra Modi; Joe Biden; Olaf Scholz", "IND; USA; DEU", "economy",
              event_type="summit", evidence="Leaders met <script>alert(1)</script> in New Delhi."),
    ])


def many_events(count: int, seed: int = 3) -> pd.DataFrame:
    """`count` generated events over three years among a few countries, for size-dependent code paths."""
    import random

    rng = random.Random(seed)
    pairs = [("Joe Biden; Vladimir Putin", "USA; RUS"), ("Xi Jinping; Vladimir Putin", "CHN; RUS"),
             ("Emmanuel Macron; Olaf Scholz", "FRA; DEU"), ("Narendra Modi; Joe Biden", "IND; USA")]
    topics = ["security", "economy; energy", "climate", "conflict; security"]
    rows = []
    for number in range(count):
        people, countries = rng.choice(pairs)
        day = f"{rng.choice([2020, 2021, 2022])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append(event(f"g{number:05d}", day, people, countries, rng.choice(topics),
                          event_type=rng.choice(["meeting", "call", "summit"]),
                          status=rng.choice(["occurred", "planned"]), confidence=rng.choice([0.4, 0.6, 0.9])))
    return to_timeline_frame(rows)
