"""Accuracy guards: extraction must not silently get worse.

The dev set (real newswire, ../shared) runs when it is on the machine; our own sample corpus with
its hand gold (data/gold) always runs, so CI guards accuracy even without the shared material.
Floors sit a little below the measured numbers in README.md.
"""

from __future__ import annotations

import pytest

from pipeline.evaluation import score_frame
from pipeline.timeline import build_timeline
from tests.conftest import PROJECT_DIR, shared_path

DEV_FLOORS = {"f1": 0.95, "date": 0.95, "location": 0.93, "topic": 0.90, "status": 0.95, "type": 0.95}
SAMPLE_FLOORS = {"f1": 0.82, "date": 0.86, "location": 0.90, "topic": 0.55, "status": 0.95, "type": 0.92}


def _check(score, floors: dict[str, float]) -> None:
    report = score.summary()
    assert score.f1 >= floors["f1"], report
    for check, floor in floors.items():
        if check != "f1":
            assert (score.rate(check) or 0.0) >= floor, f"{check} below {floor}: {report}"


@pytest.mark.slow
def test_dev_set_floor():
    articles = shared_path("devset", "articles")
    frame, report = build_timeline([articles])
    assert report.articles == 30 and not report.refused
    _check(score_frame(frame, shared_path("devset", "gold")), DEV_FLOORS)


def test_sample_corpus_floor():
    frame, report = build_timeline([PROJECT_DIR / "data" / "articles"])
    assert report.articles >= 48 and not report.refused
    _check(score_frame(frame, PROJECT_DIR / "data" / "gold"), SAMPLE_FLOORS)


def test_no_contact_articles_stay_empty():
    """Articles written to have no contact (statements, sanctions, sport 'talks') must give no rows."""
    import json

    gold_dir = PROJECT_DIR / "data" / "gold"
    empty = [p.stem for p in gold_dir.glob("*.json") if not json.loads(p.read_text())["events"]]
    assert len(empty) >= 7
    frame, _ = build_timeline([PROJECT_DIR / "data" / "articles" / f"{stem}.txt" for stem in empty])
    assert frame.empty, frame[["article_id", "participants", "evidence"]].to_string()
