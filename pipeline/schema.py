"""The timeline table: the one place that says what a row of the product is.

Every other module (extraction, writers, store, dashboard) takes column names, types and
allowed values from here, so a renamed column or a new topic is a one-line change and a
row that breaks the contract is caught by :func:`validate` instead of by an analyst.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

LIST_SEPARATOR = "; "

EVENT_TYPES: tuple[str, ...] = ("meeting", "call", "summit")
STATUSES: tuple[str, ...] = ("occurred", "planned")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
TOPICS: tuple[str, ...] = (
    "climate",
    "nuclear_arms",
    "security",
    "conflict",
    "economy",
    "energy",
    "aid",
    "health",
    "human_rights",
    "migration",
    "territory",
    "diplomacy",
)


@dataclass(frozen=True)
class Column:
    """One column of the timeline table: its name, its pandas dtype and what it means."""

    name: str
    dtype: str  # "str", "float", "int"
    description: str
    allowed: tuple[str, ...] | None = None
    is_list: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "str", "Stable id of the event: the same article and contact give the same id on every run."),
    Column("article_id", "str", "File name without extension, or the `id` column of a table input."),
    Column("published", "str", "Publication date of the article, ISO YYYY-MM-DD."),
    Column("date", "str", "Event date, ISO YYYY-MM-DD; the first day of the period when coarser than a day."),
    Column("date_precision", "str", "How exact `date` is.", DATE_PRECISIONS),
    Column("date_text", "str", "Words the date was resolved from; empty when it fell back to the publication date."),
    Column("event_type", "str", "Kind of contact.", EVENT_TYPES),
    Column("status", "str", "Whether the contact happened or is announced.", STATUSES),
    Column("participants", "str", "Canonical names of the officials, `; `-joined.", is_list=True),
    Column("countries", "str", "ISO 3166-1 alpha-3 or organisation acronym per participant.", is_list=True),
    Column("roles", "str", "Role of each participant (may be empty), aligned with participants.", is_list=True),
    Column("location", "str", "Place of the contact; empty for calls and unknown places."),
    Column("location_country", "str", "ISO alpha-3 country of the place."),
    Column("latitude", "float", "Latitude of the place in decimal degrees (NaN when unknown)."),
    Column("longitude", "float", "Longitude of the place in decimal degrees (NaN when unknown)."),
    Column("topics", "str", "Topics, main topic first, `; `-joined.", TOPICS, is_list=True),
    Column("topic_terms", "str", "Words in the text that triggered the topics, `; `-joined.", is_list=True),
    Column("evidence", "str", "The sentence that states the contact."),
    Column("title", "str", "Article title."),
    Column("source", "str", "Article source (agency, outlet)."),
    Column("url", "str", "Article address."),
    Column("confidence", "float", "0-1: how likely the row is right; see README for how it is computed."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.is_list)
FLOAT_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype == "float")
ALIGNED_LIST_COLUMNS: tuple[str, ...] = ("participants", "countries", "roles")


def join_list(values: Iterable[str]) -> str:
    """Join list values into one cell; `;` inside a value would break the split, so it becomes `,`."""
    return LIST_SEPARATOR.join(str(v).replace(";", ",").strip() for v in values)


def split_list(cell: object) -> list[str]:
    """Inverse of :func:`join_list`; an empty or missing cell is an empty list."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    text = str(cell)
    if not text.strip():
        return []
    return [part.strip() for part in text.split(";")]


def make_event_id(article_id: str, participants: Sequence[str], date: str, event_type: str) -> str:
    """Stable id from what identifies a contact within an article, not from row order.

    Re-running extraction on the same article gives the same id, so links and merges survive.
    """
    key = "\x1f".join([article_id, *sorted(participants), date, event_type])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def empty_timeline() -> pd.DataFrame:
    """A table with the right columns and dtypes and no rows."""
    return to_timeline_frame([])


def to_timeline_frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a timeline DataFrame from row dicts: columns in schema order, types coerced.

    Missing text cells become "" and missing numbers NaN, so writers and the dashboard never
    meet a None in a text column.
    """
    frame = pd.DataFrame(list(records), columns=list(COLUMN_NAMES))
    for column in COLUMNS:
        if column.dtype == "float":
            frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype("float64")
        else:
            values = frame[column.name].astype(object)
            frame[column.name] = values.where(values.notna(), "").astype(str)
    return frame


def validate(frame: pd.DataFrame) -> list[str]:
    """Every way the table breaks the contract, as readable messages (empty list when valid)."""
    problems: list[str] = []
    missing = [name for name in COLUMN_NAMES if name not in frame.columns]
    if missing:
        return [f"missing columns: {', '.join(missing)}"]
    for column in COLUMNS:
        if column.allowed is None:
            continue
        values = frame[column.name].map(split_list) if column.is_list else frame[column.name].map(lambda v: [v])
        bad = sorted({v for row in values for v in row if v not in column.allowed})
        if bad:
            problems.append(f"{column.name}: values not allowed: {', '.join(map(str, bad))}")
    for index, row in frame.iterrows():
        lengths = {name: len(split_list(row[name])) for name in ALIGNED_LIST_COLUMNS}
        if len(set(lengths.values())) > 1:
            problems.append(f"row {index}: participants, countries and roles are not aligned {lengths}")
        if lengths["participants"] < 2:
            problems.append(f"row {index}: an event needs two or more participants")
        for name in ("published", "date"):
            if not _is_iso_day(row[name]):
                problems.append(f"row {index}: {name} is not an ISO date: {row[name]!r}")
        confidence = row["confidence"]
        if not (isinstance(confidence, float) and 0.0 <= confidence <= 1.0):
            problems.append(f"row {index}: confidence outside 0-1: {confidence!r}")
    if frame["event_id"].duplicated().any():
        problems.append("event_id is not unique")
    return problems


def _is_iso_day(value: object) -> bool:
    text = str(value)
    if len(text) != 10:
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return text[4] == "-" and text[7] == "-"


# Merged events (pipeline/merge.py, the store): the same contact reported by several articles is one
# row of the timeline columns above (taken from its best report) plus these. Per-article rows keep
# exactly COLUMNS, so `python -m pipeline extract` output and the dev-set scorer are unchanged.
MERGED_COLUMNS: tuple[Column, ...] = (
    Column("n_sources", "int", "Number of articles that report this contact."),
    Column("source_articles", "str", "Ids of those articles, oldest first, `; `-joined.", is_list=True),
)
MERGED_COLUMN_NAMES: tuple[str, ...] = COLUMN_NAMES + tuple(c.name for c in MERGED_COLUMNS)
SOURCE_COLUMN_NAMES: tuple[str, ...] = ("event_id", "source_event_id", "article_id", "source_rank")

