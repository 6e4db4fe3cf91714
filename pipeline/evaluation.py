"""Scoring a timeline table against hand-annotated gold events (the dev-set rules, our implementation).

The unit is the dyad: an unordered pair of participants of one event from different countries.
System and gold dyads are matched one-to-one within an article; a system name matches a gold
person when it contains one of the person's lowercase, accent-folded `match` strings. Among
matched dyads we check date (a finer system date counts when it falls in the gold period),
place, main topic, status and type. Used by `python -m pipeline score` and by the CI floor test
on the sample corpus (`data/gold/`).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd

from pipeline.schema import split_list

CHECKS = ("date", "location", "topic", "status", "type")
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def fold(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    return " ".join(plain.split()).lower()


@dataclass
class Score:
    """Dyad precision, recall and F1, and the share of matched dyads right on each attribute."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    checks: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in CHECKS})
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    # event_id -> for each of its dyads: matched with the right date
    row_results: dict[str, list[bool]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rate(self, check: str) -> float | None:
        right, total = self.checks[check]
        return right / total if total else None

    def summary(self) -> str:
        rates = " ".join(f"{k}={self.rate(k):.2f}" if self.rate(k) is not None else f"{k}=n/a" for k in CHECKS)
        return (f"dyads gold={self.gold} system={self.system} matched={self.matched}  P={self.precision:.2f} "
                f"R={self.recall:.2f} F1={self.f1:.2f}  {rates}")


def _gold_pairs(document: dict) -> list[tuple[dict, dict, dict]]:
    return [(a, b, event) for event in document["events"] for a, b in combinations(event["participants"], 2)
            if a["country"] != b["country"]]


def _system_pairs(rows: pd.DataFrame) -> list[tuple[str, str, pd.Series]]:
    pairs = []
    for _, row in rows.iterrows():
        names, countries = split_list(row["participants"]), split_list(row["countries"])
        countries += [""] * (len(names) - len(countries))
        for i, j in combinations(range(len(names)), 2):
            if not (countries[i] and countries[i] == countries[j]):
                pairs.append((names[i], names[j], row))
    return pairs


def _is(name: str, person: dict) -> bool:
    folded = fold(name)
    return any(m in folded for m in person["match"])


def date_right(row: pd.Series, event: dict) -> bool | None:
    """Whether the system date falls in the gold period (None when the gold has no date)."""
    gold, precision = event.get("date"), event.get("precision")
    if not gold:
        return None
    try:
        day = dt.date.fromisoformat(str(row["date"])[:10])
    except ValueError:
        return False
    if _RANK.get(str(row["date_precision"]) or "day", 9) > _RANK[precision]:
        return False
    if event.get("date_end"):
        return dt.date.fromisoformat(gold) <= day <= dt.date.fromisoformat(event["date_end"])
    if precision == "week":
        year, week = gold.split("-W")
        return day.isocalendar()[:2] == (int(year), int(week))
    return day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]] == gold


def score_frame(frame: pd.DataFrame, gold_dir: Path, doc_ids: list[str] | None = None) -> Score:
    """Score a timeline table against `gold_dir/<doc_id>.json` files (all of them when doc_ids is None)."""
    score = Score()
    ids = doc_ids if doc_ids is not None else sorted(p.stem for p in gold_dir.glob("*.json"))
    for doc_id in ids:
        document = json.loads((gold_dir / f"{doc_id}.json").read_text(encoding="utf-8"))
        if not document.get("scored", True):
            continue
        gold_pairs = _gold_pairs(document)
        system_pairs = _system_pairs(frame[frame["article_id"] == doc_id])
        score.gold += len(gold_pairs)
        score.system += len(system_pairs)
        used: set[int] = set()
        for a, b, event in gold_pairs:
            candidates = [i for i, (x, y, _) in enumerate(system_pairs) if i not in used
                          and ((_is(x, a) and _is(y, b)) or (_is(x, b) and _is(y, a)))]
            if not candidates:
                score.misses.append(f"{doc_id}: {a['name']} -- {b['name']} {event.get('date')}")
                continue
            best = max(candidates, key=lambda i: bool(date_right(system_pairs[i][2], event)))
            used.add(best)
            score.matched += 1
            row = system_pairs[best][2]
            score.row_results.setdefault(str(row["event_id"]), []).append(date_right(row, event) is not False)
            results = {
                "date": date_right(row, event),
                "location": (any(m in fold(row["location"]) for m in event.get("location_match", []))
                             if event.get("location") else None),
                "topic": event["topics"][0] in {fold(t) for t in split_list(row["topics"])},
                "status": fold(row["status"]) == event["status"],
                "type": fold(row["event_type"]) == event["type"],
            }
            for check, value in results.items():
                if value is not None:
                    score.checks[check][0] += bool(value)
                    score.checks[check][1] += 1
        for i, (x, y, r) in enumerate(system_pairs):
            if i not in used:
                score.false_alarms.append(f"{doc_id}: {x} -- {y} | {str(r['evidence'])[:90]}")
                score.row_results.setdefault(str(r["event_id"]), []).append(False)
    return score


CONFIDENCE_BANDS = ((0.0, 0.6), (0.6, 0.75), (0.75, 0.9), (0.9, 1.01))


def confidence_table(frame: pd.DataFrame, score: Score) -> list[tuple[str, int, float]]:
    """Share of rows entirely right (every dyad a true contact, date right) per confidence band.

    This is how README shows that the confidence column means something: higher bands are right more often.
    """
    table = []
    for low, high in CONFIDENCE_BANDS:
        band = frame[(frame["confidence"] >= low) & (frame["confidence"] < high)]
        judged = [all(score.row_results[e]) for e in band["event_id"] if e in score.row_results]
        label = f"{low:.2f}-{min(high, 1.0):.2f}"
        table.append((label, len(judged), sum(judged) / len(judged) if judged else float("nan")))
    return table
