"""Filtering the timeline table the way the sidebar describes it, and the facet counts beside each value.

Pure pandas, no Streamlit. The dashboard pushes these filters down to the store as SQL
(`pipeline.query`, through `dashboard.data`); this module is the same semantics over a table in
memory: the reference the store's queries are tested against, and the filter for any frame a page
already holds. Within one facet values are alternatives (Russia OR China); across facets they all apply.

At 100,000 events, splitting `; `-joined cells on every call costs more than the rest of a page,
so :func:`build_index` explodes the list columns once and :func:`apply_filters` and
:func:`live_facet_counts` work on integer positions and boolean masks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pipeline.query import FACETS, QueryFilters
from pipeline.schema import LIST_SEPARATOR

# URL query parameter of each sidebar filter: the address bar is the shareable view, so these
# names are part of the product (bookmarks break when they change).
DATES_KEY = "dates"
COUNTRY_KEY = "country"
PERSON_KEY = "person"
TOPIC_KEY = "topic"
TYPE_KEY = "type"
STATUS_KEY = "status"
CONFIDENCE_KEY = "confidence"
TEXT_KEY = "q"



@dataclass(frozen=True)
class Filters(QueryFilters):
    """Everything an analyst can narrow the timeline by: the store's query filters (one definition of the
    fields, in `pipeline.query`), plus what the dashboard says about them."""

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


@dataclass(frozen=True)
class FilterIndex:
    """What the filters need, computed once per dataset instead of once per rerun.

    `positions[column]` and `values[column]` are the exploded list column: row position i of the
    frame appears once per value in its cell. `evidence` is the lower-cased evidence column.
    """

    size: int
    positions: dict[str, np.ndarray]
    values: dict[str, pd.Series]
    evidence: pd.Series


def list_values(frame: pd.DataFrame, column: str) -> pd.Series:
    """One row per distinct value of a `; `-joined list cell, indexed like the frame, in row order.

    A value is listed once per event even when the cell repeats it (two US officials make
    `USA; USA`), so facet counts count events, not participants. Each distinct cell is split once
    (many events share a cell such as `RUS; USA`) and the rest is numpy, so 100,000 rows take
    a fraction of a second.
    """
    if frame.empty:
        return pd.Series([], dtype=str, name=column)
    codes, uniques = pd.factorize(frame[column].fillna("").astype(str), sort=False)
    parts = [list(dict.fromkeys(p.strip() for p in str(cell).split(LIST_SEPARATOR.strip()) if p.strip()))
             for cell in uniques]
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    flat = np.array([value for p in parts for value in p], dtype=object)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else np.zeros(0, dtype=np.int64)
    row_lengths = lengths[codes]
    total = int(row_lengths.sum())
    rows = np.repeat(np.arange(len(frame)), row_lengths)
    within = np.arange(total) - np.repeat(np.cumsum(row_lengths) - row_lengths, row_lengths)
    values = flat[np.repeat(offsets[codes], row_lengths) + within] if total else flat[:0]
    return pd.Series(values, index=frame.index[rows], name=column, dtype=str)


def build_index(frame: pd.DataFrame) -> FilterIndex:
    """Explode the list columns once: the long form every list filter and facet count reads."""
    positions: dict[str, np.ndarray] = {}
    values: dict[str, pd.Series] = {}
    positional = frame.reset_index(drop=True)
    for _, (column, is_list) in FACETS.items():
        if not is_list:
            continue
        long = list_values(positional, column)
        positions[column] = long.index.to_numpy(dtype=np.int64)
        values[column] = long.reset_index(drop=True).astype("category")
    evidence = positional["evidence"].fillna("").astype(str).str.lower() if len(frame) else pd.Series([], dtype=str)
    return FilterIndex(len(frame), positions, values, evidence)


def filter_masks(frame: pd.DataFrame, filters: Filters, index: FilterIndex | None = None) -> dict[str, np.ndarray]:
    """One boolean mask (by row position) per active filter, keyed like :data:`FACETS` plus dates/confidence/text.

    Kept apart so facet counts can combine every mask but their own (disjunctive facets).
    """
    index = index if index is not None and index.size == len(frame) else build_index(frame)
    masks: dict[str, np.ndarray] = {}
    if filters.start is not None or filters.end is not None:
        dates = frame["date"].astype(str)
        mask = np.ones(len(frame), dtype=bool)
        if filters.start is not None:
            mask &= (dates >= filters.start.isoformat()).to_numpy()
        if filters.end is not None:
            mask &= (dates <= filters.end.isoformat()).to_numpy()
        masks["dates"] = mask
    for facet, (column, is_list) in FACETS.items():
        wanted: tuple[str, ...] = getattr(filters, facet)
        if not wanted:
            continue
        if is_list:
            mask = np.zeros(len(frame), dtype=bool)
            hits = index.values[column].isin(set(wanted)).to_numpy()
            mask[index.positions[column][hits]] = True
        else:
            mask = frame[column].isin(wanted).to_numpy()
        masks[facet] = mask
    if filters.min_confidence > 0:
        masks["confidence"] = (frame["confidence"] >= filters.min_confidence).fillna(False).to_numpy(dtype=bool)
    if filters.text.strip():
        masks["text"] = index.evidence.str.contains(filters.text.strip().lower(), regex=False).to_numpy(dtype=bool)
    return masks


def _combine(masks: dict[str, np.ndarray], size: int, skip: str | None = None) -> np.ndarray:
    combined = np.ones(size, dtype=bool)
    for name, mask in masks.items():
        if name != skip:
            combined &= mask
    return combined


def apply_filters(frame: pd.DataFrame, filters: Filters, index: FilterIndex | None = None) -> pd.DataFrame:
    """The rows that pass every active filter, in date order (ties by event id).

    A frame that is already in date order (as the store returns it) is not re-sorted, which keeps a
    100,000-row filter well under a second.
    """
    masks = filter_masks(frame, filters, index)
    chosen = frame[_combine(masks, len(frame))] if masks else frame
    if chosen["date"].is_monotonic_increasing:
        return chosen
    return chosen.sort_values(["date", "event_id"], kind="stable")


def facet_counts(frame: pd.DataFrame, column: str, is_list: bool = True) -> dict[str, int]:
    """Value -> number of events having it, most frequent first (ties alphabetical)."""
    values = list_values(frame, column) if is_list else frame[column].astype(str)
    return _ordered(values.value_counts())


def _ordered(counts: pd.Series) -> dict[str, int]:
    ordered = sorted(((str(v), int(c)) for v, c in counts.items() if c > 0), key=lambda item: (-item[1], item[0]))
    return dict(ordered)


def live_facet_counts(frame: pd.DataFrame, filters: Filters, index: FilterIndex | None = None) -> dict[str, dict]:
    """Counts beside each facet's values for the current view, Datasette-style but disjunctive.

    A facet's counts apply every other active filter but not its own, so with `country=RUS`
    selected the country list still says how many events adding USA would bring, while the
    people and topics lists count only Russia's events.
    """
    index = index if index is not None and index.size == len(frame) else build_index(frame)
    masks = filter_masks(frame, filters, index)
    counts: dict[str, dict[str, int]] = {}
    for facet, (column, is_list) in FACETS.items():
        rows = _combine(masks, len(frame), skip=facet)
        if is_list:
            keep = rows[index.positions[column]]
            counts[facet] = _ordered(index.values[column][keep].value_counts())
        else:
            counts[facet] = _ordered(frame.loc[rows, column].astype(str).value_counts())
    return counts


def date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """First and last event date of the table (None when it is empty)."""
    if frame.empty:
        return None
    dates = frame["date"].astype(str)
    return dt.date.fromisoformat(dates.min()), dt.date.fromisoformat(dates.max())


def active_filters(filters: Filters) -> dict[str, str]:
    """Each active filter (named like the masks of :func:`filter_masks`) and how it reads in an empty state."""
    labels = {}
    if filters.start is not None or filters.end is not None:
        labels["dates"] = f"dates {filters.start or '…'} to {filters.end or '…'}"
    for facet, label in (("countries", "countries"), ("people", "people"), ("topics", "topics"),
                         ("event_types", "event types"), ("statuses", "status")):
        if getattr(filters, facet):
            labels[facet] = f"{label}: {', '.join(getattr(filters, facet))}"
    if filters.min_confidence > 0:
        labels["confidence"] = f"confidence ≥ {filters.min_confidence:.2f}"
    if filters.text.strip():
        labels["text"] = f"evidence contains “{filters.text.strip()}”"
    return labels


def without(filters: Filters, name: str) -> Filters:
    """The filters with one of them (a name of :func:`active_filters`) relaxed."""
    if name == "dates":
        return replace(filters, start=None, end=None)
    if name == "confidence":
        return replace(filters, min_confidence=0.0)
    if name == "text":
        return replace(filters, text="")
    return replace(filters, **{name: ()})


def relaxations(frame: pd.DataFrame, filters: Filters, index: FilterIndex | None = None) -> list[tuple[str, int]]:
    """For each active filter, how many events the view would have without it; most helpful first.

    This is what an empty state says: "no events match; without `topics: health` there are 12".
    """
    masks = filter_masks(frame, filters, index)
    found = [(label, int(_combine(masks, len(frame), skip=name).sum()))
             for name, label in active_filters(filters).items()]
    return sorted(found, key=lambda item: -item[1])
