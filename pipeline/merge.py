"""Merged events: one contact reported by several articles becomes one event.

Per-article rows (what `extract_article` makes) go in; merged events and the table linking each
merged event to its reports come out. Pure: no store, no files, so the store can re-merge only the
participant sets a daily batch touched and get exactly what a full re-merge would give.

Rules (README, "Merged events"):

- Two reports are the same contact when they have the same participants (as a set), come from
  different articles (one article's own rows are already distinct contacts, see
  `pipeline.extract.merge_article_rows`), are both calls or both in person (meeting, summit), and
  their dates are compatible: two days at most one day apart; otherwise the periods overlap
  (a day inside the week, month or year of the other; a week inside the month; ...).
- A report joins an event only when it is compatible with every report already in it, so a chain
  of days never stretches one event over a week. Reports are taken finest date first, then in date
  order. A day report that fits several events goes to the nearest; a coarser report (`in May`)
  that fits several events of the same pair is ambiguous and stays an event of its own rather than
  being attached to a meeting it may not describe.
- A planned contact and its occurrence merge like any two reports; the event is `occurred` when any
  report says it happened.
- The event takes its date, type, participants, evidence and article from its best report: the
  most precise date, then the date most reports agree on, then `occurred`, then a date written in
  the text over the publication-date fallback, then the latest article (reports after the fact know
  more), then confidence. Location from the best report that has one; topics and topic terms are
  the union, the best report's first; confidence is the highest of the reports.
- The merged `event_id` is the article-level `event_id` of the earliest report (publication date,
  then article id, then event id). Adding newer articles never changes it, so links to an event
  survive daily ingests; a single-report event keeps its article-level id.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.schema import COLUMN_NAMES, LIST_SEPARATOR, MERGED_COLUMN_NAMES, SOURCE_COLUMN_NAMES, split_list

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
DAY_TOLERANCE = 1  # two day-precise reports this many days apart can be the same contact (time zones, "yesterday")
_MAX_SPAN = 400  # longer than any event can span (a year plus a straddling week), which bounds the search


@dataclass(frozen=True)
class MergeResult:
    """Merged events (schema columns plus `n_sources`, `source_articles`) and their reports."""

    events: pd.DataFrame
    sources: pd.DataFrame


@dataclass(frozen=True)
class _Report:
    position: int  # row position in the input frame
    article_id: str
    event_id: str
    published: str
    start: int  # first and last day of the date's period, as ordinals
    end: int
    precision: int
    is_call: bool
    occurred: bool
    explicit: bool  # date written in the text (not the publication-date fallback)
    date: str
    confidence: float


def participant_key(participants: object) -> str:
    """The merge key of a row: its participants as a sorted `; `-joined set (readable in the store)."""
    return LIST_SEPARATOR.join(sorted(set(split_list(participants))))


def period(date: str, precision: str) -> tuple[int, int]:
    """First and last day (ordinals) of the period a date stands for at its precision."""
    day = dt.date.fromisoformat(date)
    if precision == "week":
        return day.toordinal(), day.toordinal() + 6
    if precision == "month":
        first = day.replace(day=1)
        return first.toordinal(), first.replace(day=calendar.monthrange(day.year, day.month)[1]).toordinal()
    if precision == "year":
        return dt.date(day.year, 1, 1).toordinal(), dt.date(day.year, 12, 31).toordinal()
    return day.toordinal(), day.toordinal()


def compatible(first: _Report, second: _Report) -> bool:
    """Whether two reports can be the same contact (see the module docstring)."""
    if first.article_id == second.article_id or first.is_call != second.is_call:
        return False
    if first.precision == 0 and second.precision == 0:
        return abs(first.start - second.start) <= DAY_TOLERANCE
    return first.start <= second.end and second.start <= first.end


class _Cluster:
    __slots__ = ("created", "high", "low", "members")

    def __init__(self, report: _Report, created: int):
        self.members = [report]
        self.low, self.high, self.created = report.start, report.end, created

    def accepts(self, report: _Report) -> bool:
        return all(compatible(report, member) for member in self.members)

    def add(self, report: _Report) -> None:
        self.members.append(report)
        self.low, self.high = min(self.low, report.start), max(self.high, report.end)


def cluster_reports(reports: Sequence[_Report]) -> list[list[_Report]]:
    """Reports of one participant set grouped into contacts, in creation order."""
    ordered = sorted(reports, key=lambda r: (r.precision, r.start, r.published, r.article_id, r.event_id))
    clusters: list[_Cluster] = []
    lows: list[tuple[int, int]] = []  # (low, creation index), sorted: the clusters near a date
    for report in ordered:
        left = bisect.bisect_left(lows, (report.start - _MAX_SPAN - DAY_TOLERANCE, -1))
        right = bisect.bisect_right(lows, (report.end + DAY_TOLERANCE, len(clusters)))
        candidates = [clusters[index] for _, index in lows[left:right]]
        candidates = [c for c in candidates if c.high >= report.start - DAY_TOLERANCE and c.accepts(report)]
        chosen: _Cluster | None = None
        if len(candidates) == 1:
            chosen = candidates[0]
        elif candidates and report.precision == 0:
            chosen = min(candidates, key=lambda c: (max(abs(report.start - m.start) for m in c.members), c.created))
        if chosen is not None:
            old_low = chosen.low
            chosen.add(report)
            if chosen.low != old_low:
                lows.remove((old_low, chosen.created))
                bisect.insort(lows, (chosen.low, chosen.created))
        else:
            clusters.append(_Cluster(report, len(clusters)))
            bisect.insort(lows, (report.start, len(clusters) - 1))
    return [c.members for c in clusters]


def rank_reports(members: Sequence[_Report]) -> list[_Report]:
    """Reports of one event, best first (see the module docstring for the order and why)."""
    support: dict[tuple[str, int], int] = {}
    for report in members:
        support[(report.date, report.precision)] = support.get((report.date, report.precision), 0) + 1
    return sorted(members, key=lambda r: (
        r.precision, -support[(r.date, r.precision)], not r.occurred, not r.explicit,
        -dt.date.fromisoformat(r.published).toordinal(), -r.confidence, r.event_id))


def merge_events(rows: pd.DataFrame) -> MergeResult:
    """Merge per-article rows (timeline schema columns) into events; see the module docstring."""
    if rows.empty:
        return MergeResult(pd.DataFrame(columns=list(MERGED_COLUMN_NAMES)),
                           pd.DataFrame(columns=list(SOURCE_COLUMN_NAMES)))
    frame = rows.reset_index(drop=True)
    columns = {name: frame[name].tolist() for name in COLUMN_NAMES}
    groups: dict[str, list[_Report]] = {}
    for position in range(len(frame)):
        start, end = period(columns["date"][position], columns["date_precision"][position])
        report = _Report(position, str(columns["article_id"][position]), str(columns["event_id"][position]),
                         str(columns["published"][position]), start, end,
                         PRECISION_RANK.get(columns["date_precision"][position], 0),
                         columns["event_type"][position] == "call", columns["status"][position] == "occurred",
                         bool(columns["date_text"][position]), str(columns["date"][position]),
                         _number(columns["confidence"][position]))
        groups.setdefault(participant_key(columns["participants"][position]), []).append(report)
    events: dict[str, list[object]] = {name: [] for name in MERGED_COLUMN_NAMES}
    sources: dict[str, list[object]] = {name: [] for name in SOURCE_COLUMN_NAMES}
    for key in sorted(groups):
        for members in cluster_reports(groups[key]):
            _emit(rank_reports(members), columns, events, sources)
    merged = pd.DataFrame(events, columns=list(MERGED_COLUMN_NAMES))
    merged = merged.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    merged["n_sources"] = merged["n_sources"].astype("int64")
    for name in ("latitude", "longitude", "confidence"):
        merged[name] = merged[name].astype("float64")
    links = pd.DataFrame(sources, columns=list(SOURCE_COLUMN_NAMES))
    links = links.sort_values(["event_id", "source_rank"], kind="stable").reset_index(drop=True)
    links["source_rank"] = links["source_rank"].astype("int64")
    return MergeResult(merged, links)


def _emit(ranked: list[_Report], columns: dict[str, list[object]], events: dict[str, list[object]],
          sources: dict[str, list[object]]) -> None:
    best = ranked[0].position
    earliest = min(ranked, key=lambda r: (r.published, r.article_id, r.event_id))
    merged_id = earliest.event_id
    for name in COLUMN_NAMES:
        events[name].append(columns[name][best])
    events["event_id"][-1] = merged_id
    events["status"][-1] = "occurred" if any(r.occurred for r in ranked) else "planned"
    events["confidence"][-1] = max(r.confidence for r in ranked)
    placed = next((r.position for r in ranked if columns["location"][r.position]), None)
    if placed is not None and placed != best:
        for name in ("location", "location_country", "latitude", "longitude"):
            events[name][-1] = columns[name][placed]
    for name in ("topics", "topic_terms"):
        union: dict[str, None] = {}
        for report in ranked:
            union.update(dict.fromkeys(split_list(columns[name][report.position])))
        events[name][-1] = LIST_SEPARATOR.join(union)
    articles = sorted({(r.published, r.article_id) for r in ranked})
    events["n_sources"].append(len(articles))
    events["source_articles"].append(LIST_SEPARATOR.join(article for _, article in articles))
    for rank, report in enumerate(ranked):
        sources["event_id"].append(merged_id)
        sources["source_event_id"].append(report.event_id)
        sources["article_id"].append(report.article_id)
        sources["source_rank"].append(rank)


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if number != number else number
