"""Filtering the timeline table the way the sidebar describes it, and the facet counts beside each value.

Pure pandas, no Streamlit: the same function serves the dashboard, the exports and the tests.
Within one facet values are alternatives (Russia OR China); across facets they all apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pipeline.schema import LIST_SEPARATOR


@dataclass(frozen=True)
class Filters:
    """Everything an analyst can narrow the timeline by."""

    start: dt.date | None = None
    end: dt.date | None = None
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_confidence: float = 0.0
    text: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return self == Filters()

    def describe(self) -> list[str]:
        """The active filters in words, so an empty result can say which one to relax."""
        parts = []
        if self.start or self.end:
            parts.append(f"dates {self.start or '…'} to {self.end or '…'}")
        for label, values in (("countries", self.countries), ("people", self.people), ("topics", self.topics),
                              ("event types", self.event_types), ("status", self.statuses)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.min_confidence > 0:
            parts.append(f"confidence ≥ {self.min_confidence:.2f}")
        if self.text:
            parts.append(f"evidence contains “{self.text}”")
        return parts


def list_values(frame: pd.DataFrame, column: str) -> pd.Series:
    """One row per value of a `; `-joined list column, indexed like the frame (for facets and matching)."""
    if frame.empty:
        return pd.Series([], dtype=str)
    values = frame[column].fillna("").astype(str).str.split(LIST_SEPARATOR.strip())
    exploded = values.explode().str.strip()
    return exploded[exploded != ""]


def _any_of(frame: pd.DataFrame, column: str, wanted: tuple[str, ...]) -> pd.Series:
    exploded = list_values(frame, column)
    hits = exploded[exploded.isin(set(wanted))]
    return frame.index.isin(hits.index.unique())


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that pass every active filter, in date order."""
    mask = pd.Series(True, index=frame.index)
    if filters.start is not None:
        mask &= frame["date"] >= filters.start.isoformat()
    if filters.end is not None:
        mask &= frame["date"] <= filters.end.isoformat()
    if filters.countries:
        mask &= _any_of(frame, "countries", filters.countries)
    if filters.people:
        mask &= _any_of(frame, "participants", filters.people)
    if filters.topics:
        mask &= _any_of(frame, "topics", filters.topics)
    if filters.event_types:
        mask &= frame["event_type"].isin(filters.event_types)
    if filters.statuses:
        mask &= frame["status"].isin(filters.statuses)
    if filters.min_confidence > 0:
        mask &= frame["confidence"] >= filters.min_confidence
    if filters.text:
        mask &= frame["evidence"].str.contains(filters.text, case=False, regex=False, na=False)
    return frame[mask].sort_values(["date", "event_id"], kind="stable")


def facet_counts(frame: pd.DataFrame, column: str, is_list: bool = True) -> dict[str, int]:
    """Value -> number of events having it, most frequent first (ties alphabetical)."""
    values = list_values(frame, column) if is_list else frame[column].astype(str)
    counts = values.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {str(value): int(count) for value, count in ordered}
