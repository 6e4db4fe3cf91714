"""Filters of the timeline, turned into SQL for the store.

:class:`QueryFilters` has the fields of the dashboard's `dashboard.filters.Filters` (same names, same
meaning), so the dashboard converts with :meth:`QueryFilters.from_object` and gets the same rows
from the store as its pandas filters give: within a facet values are alternatives (Russia OR
China), across facets they all apply; list cells match when any of their values is wanted.

Every value reaches DuckDB as a bound parameter, never formatted into the SQL text: analysts type
the free text, and article text fills the facet values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

# facet -> (column, is a `; `-joined list): the one definition, which the dashboard's filters use too. The store
# keeps each list column also as a distinct list `<column>_set`, which is what list filters and counts read.
FACETS: dict[str, tuple[str, bool]] = {
    "countries": ("countries", True),
    "people": ("participants", True),
    "topics": ("topics", True),
    "event_types": ("event_type", False),
    "statuses": ("status", False),
}
MERGED_TABLE, ARTICLE_TABLE = "events", "article_events"


@dataclass(frozen=True)
class QueryFilters:
    """Everything the timeline can be narrowed by; an empty filter keeps every event."""

    start: dt.date | None = None
    end: dt.date | None = None
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_confidence: float = 0.0
    text: str = ""

    @classmethod
    def from_object(cls, other: object) -> QueryFilters:
        """Copy the fields of any object that has them (the dashboard's `Filters`)."""
        values = {f.name: getattr(other, f.name) for f in fields(cls) if hasattr(other, f.name)}
        for name in ("countries", "people", "topics", "event_types", "statuses"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)


@dataclass(frozen=True)
class Sql:
    """SQL text (a statement, or a WHERE condition) with `?` placeholders, and the values bound to them."""

    text: str
    params: list[object]


def where(filters: QueryFilters, merged: bool = True, skip: str | None = None, alias: str = "e") -> Sql:
    """The WHERE clause of `filters` against the merged (`events`) or per-article (`article_events`) table.

    `skip` leaves out one facet's own condition, for counts beside that facet's values. The free text
    matches `search_text`: the lower-cased evidence, of any of its reports for a merged event.
    """
    clauses: list[str] = []
    params: list[object] = []
    if filters.start is not None:
        clauses.append(f"{alias}.date >= ?")
        params.append(filters.start.isoformat())
    if filters.end is not None:
        clauses.append(f"{alias}.date <= ?")
        params.append(filters.end.isoformat())
    for facet, (column, is_list) in FACETS.items():
        wanted = [str(v) for v in getattr(filters, facet)]
        if not wanted or facet == skip:
            continue
        if is_list:  # one list_contains per value: much faster than list_has_any over a million rows
            clauses.append("(" + " OR ".join([f"list_contains({alias}.{column}_set, ?)"] * len(wanted)) + ")")
        else:
            clauses.append(f"{alias}.{column} IN ({', '.join(['?'] * len(wanted))})")
        params.extend(wanted)
    if filters.min_confidence > 0:
        clauses.append(f"{alias}.confidence >= ?")
        params.append(float(filters.min_confidence))
    text = filters.text.strip().lower()
    if text:
        clauses.append(f"contains({alias}.search_text, ?)")
        params.append(text)
    return Sql(" AND ".join(clauses) if clauses else "TRUE", params)


def select_events(filters: QueryFilters, columns: tuple[str, ...], merged: bool = True,
                  limit: int | None = None) -> Sql:
    """The whole query for the filtered rows in timeline order (date, then event id); `where` holds it."""
    table = MERGED_TABLE if merged else ARTICLE_TABLE
    condition = where(filters, merged)
    selected = ", ".join(f"e.{c}" for c in columns)
    if limit is None:
        return Sql(f"SELECT {selected} FROM {table} e WHERE {condition.text} ORDER BY e.date, e.event_id",
                   list(condition.params))
    # the first `limit` ids, then their rows: sorting narrow rows is several times faster than wide ones
    return Sql(f"WITH chosen AS (SELECT e.event_id FROM {table} e WHERE {condition.text} "
               f"ORDER BY e.date, e.event_id LIMIT ?) SELECT {selected} FROM {table} e "
               "WHERE e.event_id IN (SELECT event_id FROM chosen) ORDER BY e.date, e.event_id",
               [*condition.params, int(limit)])


def select_facet_counts(filters: QueryFilters, facet: str, merged: bool = True) -> Sql:
    """Value -> number of events, for one facet, with every filter but the facet's own (disjunctive facets,
    as the dashboard's live counts): most frequent first, ties alphabetical."""
    if facet not in FACETS:
        by_column = {column: name for name, (column, _) in FACETS.items()}
        if facet not in by_column:
            raise ValueError(f"unknown facet {facet!r}: use one of {', '.join(FACETS)}")
        facet = by_column[facet]
    column, is_list = FACETS[facet]
    table = MERGED_TABLE if merged else ARTICLE_TABLE
    condition = where(filters, merged, skip=facet)
    value = f"unnest(e.{column}_set)" if is_list else f"e.{column}"
    sql = (f"SELECT value, count(*) AS n FROM (SELECT {value} AS value FROM {table} e WHERE {condition.text}) "
           "WHERE value <> '' GROUP BY value ORDER BY n DESC, value")
    return Sql(sql, list(condition.params))


def select_count(filters: QueryFilters, merged: bool = True) -> Sql:
    """How many events pass the filters (the dashboard's `N of M events`, and what relaxing one would give)."""
    table = MERGED_TABLE if merged else ARTICLE_TABLE
    condition = where(filters, merged)
    return Sql(f"SELECT count(*) FROM {table} e WHERE {condition.text}", list(condition.params))


def select_reports(filters: QueryFilters, columns: tuple[str, ...]) -> Sql:
    """Every report (article-level row) of the merged events that pass the filters, with the merged event's id
    and the report's rank: timeline order of the merged events, best report first within one."""
    condition = where(filters, merged=True)
    selected = ", ".join(["s.event_id AS merged_event_id", "s.source_rank", *(f"a.{c}" for c in columns)])
    return Sql(f"SELECT {selected} FROM {MERGED_TABLE} e JOIN event_sources s ON s.event_id = e.event_id "
               f"JOIN {ARTICLE_TABLE} a ON a.event_id = s.source_event_id WHERE {condition.text} "
               "ORDER BY e.date, e.event_id, s.source_rank", list(condition.params))
