"""The store: an embedded DuckDB database of articles, their events, and merged events.

Tables (README, "Store and ingest"):

- `articles`: one row per ingested article, with its content hash and text.
- `article_events`: what each article reports, one row per contact, exactly the timeline columns
  that `python -m pipeline extract` writes.
- `events`: merged events (pipeline/merge.py): the timeline columns plus `n_sources` and
  `source_articles`; `event_sources` links each merged event to its reports (best first).
- Both event tables also hold what queries need at a million rows: `participant_key` (the merge
  key), the list cells as distinct lists (`participants_set`, `countries_set`, `topics_set`) and
  `search_text`, the lower-cased evidence (of every report, for a merged event).
- Views: `participants` (one row per participant of a merged event) and `event_source_details`
  (each report of a merged event with its evidence, date and article).

Ingest is per batch and each batch is one transaction (its articles, their rows and the re-merged
events together), so a killed run leaves every batch either fully in or fully out, and a re-run
skips what is in by content hash. Re-merging touches only the participant sets of the batch.

DuckDB lets one process open a database for writing, or any number of processes open it
read-only, never both at once. So the ingest opens the file per batch and closes it after the
commit, readers open it read-only per query and close it, and both wait (retrying) while the
other holds it: a dashboard query waits at most about one batch, an ingest at most one query.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.ingest import Article
from pipeline.merge import merge_events, participant_key
from pipeline.query import FACETS, QueryFilters, select_count, select_events, select_facet_counts, select_reports
from pipeline.schema import COLUMN_NAMES, COLUMNS, MERGED_COLUMN_NAMES, to_timeline_frame

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "timeline.duckdb"
LOCK_WAIT_SECONDS = 60.0
SCHEMA_VERSION = "1"
_SQL_TYPES = {"str": "VARCHAR", "float": "DOUBLE", "int": "BIGINT"}
_TIMELINE_DDL = ", ".join(f"{c.name} {_SQL_TYPES[c.dtype]}" for c in COLUMNS)
_QUERY_DDL = ("participant_key VARCHAR, participants_set VARCHAR[], countries_set VARCHAR[], topics_set VARCHAR[], "
              "search_text VARCHAR")
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (article_id VARCHAR, content_hash VARCHAR, published VARCHAR,
       title VARCHAR, source VARCHAR, url VARCHAR, origin VARCHAR, text VARCHAR, n_events INTEGER,
       ingested_at TIMESTAMP)""",
    f"CREATE TABLE IF NOT EXISTS article_events ({_TIMELINE_DDL}, {_QUERY_DDL})",
    f"""CREATE TABLE IF NOT EXISTS events ({_TIMELINE_DDL}, n_sources INTEGER, source_articles VARCHAR,
        {_QUERY_DDL})""",
    """CREATE TABLE IF NOT EXISTS event_sources (event_id VARCHAR, source_event_id VARCHAR, article_id VARCHAR,
       source_rank INTEGER, participant_key VARCHAR)""",
    """CREATE OR REPLACE VIEW participants AS
       SELECT event_id, unnest(string_split(participants, '; ')) AS name,
              unnest(string_split(countries, '; ')) AS country, unnest(string_split(roles, '; ')) AS role
       FROM events""",
    f"""CREATE OR REPLACE VIEW event_source_details AS
       SELECT s.event_id, s.source_rank, s.source_event_id, {", ".join(f"a.{c}" for c in COLUMN_NAMES[1:])}
       FROM event_sources s JOIN article_events a ON a.event_id = s.source_event_id""",
]
# one article-level row the dashboard shows for each report of a merged event
SOURCE_DETAIL_COLUMNS = ("event_id", "source_rank", "source_event_id", "article_id", "published", "title", "source",
                         "url", "date", "date_precision", "date_text", "event_type", "status", "location",
                         "evidence", "confidence")


class StoreMissing(FileNotFoundError):
    """Reading a store that was never created."""


@dataclass(frozen=True)
class Triage:
    """A batch sorted against the store: what to extract and what to skip."""

    fresh: list[Article]  # new, or changed since it was stored
    unchanged: list[Article]
    duplicates: list[tuple[Article, str]]  # same content already stored under another id


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    reports: int
    events: int

    def summary(self) -> str:
        return f"{self.articles} articles, {self.events} events from {self.reports} reports"


@contextmanager
def connect(path: str | Path = DEFAULT_DB, read_only: bool = False,
            wait: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store, closed on exit; waits up to `wait` seconds while another process holds it.

    For writing, the store (and its folder) is created on first use; reading a missing store raises
    :class:`StoreMissing` instead of creating an empty one.
    """
    target = Path(path)
    if read_only and not target.exists():
        raise StoreMissing(f"no store at {target}: run `python -m pipeline ingest ARTICLES --db {target}` first")
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    deadline, pause = time.monotonic() + wait, 0.02
    while True:
        try:
            connection = duckdb.connect(str(target), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
    try:
        if not read_only:
            ensure_schema(connection)
        yield connection
    finally:
        connection.close()


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and views of a new store (a cheap check on an existing one: every batch opens it)."""
    if connection.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta'").fetchone()[0]:
        return
    connection.execute("BEGIN TRANSACTION")
    for statement in SCHEMA:
        connection.execute(statement)
    connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    connection.execute("COMMIT")


def triage(connection: duckdb.DuckDBPyConnection, articles: Sequence[Article], force: bool = False) -> Triage:
    """Which articles of a batch need extracting: new ids, and ids whose content hash changed.

    With `force` every article is re-extracted (after an extraction improvement); copies of a stored
    article under another id are still skipped.
    """
    ids = [a.article_id for a in articles]
    hashes = [a.content_hash for a in articles]
    stored = dict(connection.execute(
        "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids]).fetchall())
    holders = dict(connection.execute(
        "SELECT content_hash, min(article_id) FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY content_hash", [hashes]).fetchall())
    fresh, unchanged, duplicates = [], [], []
    for article in articles:
        holder = holders.get(article.content_hash)
        if stored.get(article.article_id) == article.content_hash:
            (fresh if force else unchanged).append(article)
        elif holder is not None and holder != article.article_id:
            duplicates.append((article, holder))
        else:
            fresh.append(article)
    return Triage(fresh, unchanged, duplicates)


def write_batch(connection: duckdb.DuckDBPyConnection, extracted: Sequence[tuple[Article, list[dict[str, object]]]],
                force: bool = False) -> int:
    """Store articles with their rows and re-merge the participant sets they touch, in one transaction.

    Idempotent: an article already stored with the same content is left alone (unless `force`), one
    stored with other content is replaced, rows and merged events included. Returns how many
    articles were written.
    """
    connection.execute("BEGIN TRANSACTION")
    try:
        stored = dict(connection.execute(
            "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [[a.article_id for a, _ in extracted]]).fetchall())
        todo = [(a, rows) for a, rows in extracted if force or stored.get(a.article_id) != a.content_hash]
        replaced = [a.article_id for a, _ in todo if a.article_id in stored]
        affected: set[str] = set()
        if replaced:
            affected.update(k for (k,) in connection.execute(
                "SELECT DISTINCT participant_key FROM article_events WHERE article_id IN "
                "(SELECT unnest(?::VARCHAR[]))", [replaced]).fetchall())
            for table in ("article_events", "articles"):
                connection.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                                   [replaced])
        if todo:
            insert_frame(connection, "articles", _articles_frame(todo))
            affected.update(add_reports(connection, to_timeline_frame(
                [row for _, article_rows in todo for row in article_rows])))
        remerge(connection, sorted(affected))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(todo)


def add_reports(connection: duckdb.DuckDBPyConnection, reports: pd.DataFrame) -> set[str]:
    """Append article-level rows (timeline columns) to `article_events`; returns the participant sets
    they touch, which the caller re-merges (:func:`remerge`) in the same transaction."""
    if reports.empty:
        return set()
    reports = reports.copy()
    reports["participant_key"] = reports["participants"].map(participant_key)
    reports["search_text"] = reports["evidence"].fillna("").astype(str).str.lower()
    _insert_events(connection, "article_events", reports)
    return set(reports["participant_key"])


def remerge(connection: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> None:
    """Recompute the merged events of these participant sets from their stored reports."""
    if not keys:
        return
    reports = connection.execute(
        f"SELECT {', '.join(COLUMN_NAMES)}, search_text FROM article_events WHERE participant_key IN "
        "(SELECT unnest(?::VARCHAR[]))", [list(keys)]).df()
    result = merge_events(reports)
    for table in ("events", "event_sources"):
        connection.execute(f"DELETE FROM {table} WHERE participant_key IN (SELECT unnest(?::VARCHAR[]))",
                           [list(keys)])
    if len(result.events):
        events = result.events.copy()
        events["participant_key"] = events["participants"].map(participant_key)
        sources = result.sources.copy()
        sources["participant_key"] = sources["event_id"].map(dict(zip(events["event_id"], events["participant_key"],
                                                                       strict=True)))
        text_of_report = dict(zip(reports["event_id"], reports["search_text"], strict=True))
        texts = sources.assign(text=sources["source_event_id"].map(text_of_report).fillna("")).groupby("event_id")[
            "text"]
        events["search_text"] = events["event_id"].map(texts.agg("\n".join))
        _insert_events(connection, "events", events)
        insert_frame(connection, "event_sources", sources)


def remerge_all(connection: duckdb.DuckDBPyConnection, keys_per_step: int = 20_000) -> None:
    """Recompute every merged event (after a bulk load, or when the merge rules change), a slice of
    participant sets at a time so memory stays bounded."""
    keys = [k for (k,) in connection.execute(
        "SELECT DISTINCT participant_key FROM article_events ORDER BY participant_key").fetchall()]
    connection.execute("DELETE FROM events")
    connection.execute("DELETE FROM event_sources")
    for start in range(0, len(keys), keys_per_step):
        remerge(connection, keys[start:start + keys_per_step])


def _insert_events(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert event rows (with `participant_key` and `search_text`), deriving the list columns in SQL."""
    sets = ", ".join(f"list_distinct(string_split({c}, '; ')) AS {c}_set"
                     for c in ("participants", "countries", "topics"))
    connection.register("incoming", frame)
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT *, {sets} FROM incoming")
    finally:
        connection.unregister("incoming")


def insert_frame(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append a DataFrame to a table, columns matched by name (missing ones are NULL)."""
    connection.register("incoming", frame)
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


def _articles_frame(extracted: Sequence[tuple[Article, list[dict[str, object]]]]) -> pd.DataFrame:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return pd.DataFrame({
        "article_id": [a.article_id for a, _ in extracted],
        "content_hash": [a.content_hash for a, _ in extracted],
        "published": [a.published.isoformat() for a, _ in extracted],
        "title": [a.title for a, _ in extracted],
        "source": [a.source for a, _ in extracted],
        "url": [a.url for a, _ in extracted],
        "origin": [a.origin for a, _ in extracted],
        "text": [a.text for a, _ in extracted],
        "n_events": [len(rows) for _, rows in extracted],
        "ingested_at": [now] * len(extracted),
    })


Source = str | Path | duckdb.DuckDBPyConnection  # a store's path, or a connection already open on it


@contextmanager
def reading(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query (opened and closed here), or the caller's own connection."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        yield source
    else:
        with connect(source, read_only=True) as connection:
            yield connection


def counts(source: Source = DEFAULT_DB) -> StoreCounts:
    """How many articles, article-level reports and merged events the store holds."""
    with reading(source) as connection:
        articles, reports, events = connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_events), "
            "(SELECT count(*) FROM events)").fetchone()
    return StoreCounts(articles, reports, events)


def query_events(source: Source = DEFAULT_DB, filters: QueryFilters | None = None, limit: int | None = None,
                 merged: bool = True) -> pd.DataFrame:
    """The filtered events in timeline order: merged events (with `n_sources`, `source_articles`) or,
    with `merged=False`, the per-article rows exactly as `extract` writes them."""
    columns = MERGED_COLUMN_NAMES if merged else COLUMN_NAMES
    query = select_events(filters or QueryFilters(), columns, merged, limit)
    with reading(source) as connection:
        return connection.execute(query.text, query.params).df()


def iter_events(source: Source = DEFAULT_DB, filters: QueryFilters | None = None, merged: bool = True,
                chunk_rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """:func:`query_events` in chunks, for exports of any size."""
    columns = MERGED_COLUMN_NAMES if merged else COLUMN_NAMES
    query = select_events(filters or QueryFilters(), columns, merged)
    with reading(source) as connection:
        reader = connection.sql(query.text, params=query.params).to_arrow_reader(chunk_rows)
        empty = True
        for batch in reader:
            empty = False
            yield batch.to_pandas()
        if empty:  # still one (typed) frame, so an export of nothing has the right columns
            yield reader.schema.empty_table().to_pandas()


def facet_counts(source: Source = DEFAULT_DB, filters: QueryFilters | None = None, facet: str = "countries",
                 merged: bool = True) -> dict[str, int]:
    """Value -> number of events for one facet (`countries`, `people`, `topics`, `event_types`, `statuses`),
    applying every filter but the facet's own, most frequent first."""
    query = select_facet_counts(filters or QueryFilters(), facet, merged)
    with reading(source) as connection:
        return {str(value): int(count) for value, count in connection.execute(query.text, query.params).fetchall()}


def page(source: Source = DEFAULT_DB, filters: QueryFilters | None = None, limit: int | None = None,
         merged: bool = True) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """What a dashboard page needs in one read: the filtered events and every facet's live counts."""
    with reading(source) as connection:
        frame = query_events(connection, filters, limit, merged)
        return frame, {facet: facet_counts(connection, filters, facet, merged) for facet in FACETS}


def event_sources(source: Source, event_id: str) -> pd.DataFrame:
    """The reports of one merged event, best first: the article, its date, status and evidence sentence."""
    with reading(source) as connection:
        return connection.execute(
            f"SELECT {', '.join(SOURCE_DETAIL_COLUMNS)} FROM event_source_details WHERE event_id = ? "
            "ORDER BY source_rank", [event_id]).df()


def article(source: Source, article_id: str) -> dict[str, object] | None:
    """One stored article (id, published, title, source, url, origin, text), or None."""
    with reading(source) as connection:
        result = connection.execute(
            "SELECT article_id, published, title, source, url, origin, text FROM articles WHERE article_id = ?",
            [article_id])
        row = result.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in result.description], row, strict=True))


def count_events(source: Source = DEFAULT_DB, filters: QueryFilters | None = None, merged: bool = True) -> int:
    """How many events pass the filters, without fetching them."""
    query = select_count(filters or QueryFilters(), merged)
    with reading(source) as connection:
        return int(connection.execute(query.text, query.params).fetchone()[0])


def date_bounds(source: Source = DEFAULT_DB, merged: bool = True) -> tuple[str, str] | None:
    """First and last event date (ISO), or None when the store holds no event: the dashboard's date range."""
    with reading(source) as connection:
        first, last = connection.execute(
            f"SELECT min(date), max(date) FROM {'events' if merged else 'article_events'}").fetchone()
    return None if first is None else (str(first), str(last))


def query_columns(source: Source, filters: QueryFilters | None, columns: Sequence[str], limit: int | None = None,
                  merged: bool = True) -> pd.DataFrame:
    """:func:`query_events` with only the named columns: a page loads what it draws, not every text column."""
    known = MERGED_COLUMN_NAMES if merged else COLUMN_NAMES
    unknown = [c for c in columns if c not in known]
    if unknown:  # names go into the SQL text, so only schema columns are accepted
        raise ValueError(f"unknown columns: {', '.join(map(str, unknown))}")
    query = select_events(filters or QueryFilters(), tuple(columns), merged, limit)
    with reading(source) as connection:
        return connection.execute(query.text, query.params).df()


def event(source: Source, event_id: str) -> dict[str, object] | None:
    """One merged event, by its id or by the article-level id of any of its reports (links to a report, or
    made before its articles merged, still open the event); None when the store does not know the id."""
    with reading(source) as connection:
        frame = connection.execute(
            f"SELECT {', '.join(MERGED_COLUMN_NAMES)} FROM events WHERE event_id IN "
            "(SELECT event_id FROM event_sources WHERE source_event_id = ?) LIMIT 1", [event_id]).df()
    return frame.iloc[0].to_dict() if len(frame) else None


def query_reports(source: Source = DEFAULT_DB, filters: QueryFilters | None = None) -> pd.DataFrame:
    """The reports of the merged events that pass the filters: `merged_event_id`, `source_rank` and the
    article-level columns `extract` writes, in the merged events' timeline order, best report first."""
    query = select_reports(filters or QueryFilters(), COLUMN_NAMES)
    with reading(source) as connection:
        return connection.execute(query.text, query.params).df()


def existing_articles(source: Source, ids: Sequence[str], hashes: Sequence[str]) -> tuple[set[str], set[str]]:
    """Which of these article ids, and which of these content hashes, the store already holds."""
    with reading(source) as connection:
        found_ids = connection.execute("SELECT DISTINCT article_id FROM articles WHERE article_id IN "
                                       "(SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
        found_hashes = connection.execute("SELECT DISTINCT content_hash FROM articles WHERE content_hash IN "
                                          "(SELECT unnest(?::VARCHAR[]))", [list(hashes)]).fetchall()
    return {str(i) for (i,) in found_ids}, {str(h) for (h,) in found_hashes}


def meta_value(source: Source, key: str) -> str | None:
    """A value of the `meta` table (e.g. which extraction code last filled the store for the dashboard)."""
    with reading(source) as connection:
        row = connection.execute("SELECT value FROM meta WHERE key = ? LIMIT 1", [key]).fetchone()
    return None if row is None else str(row[0])


def set_meta(connection: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a `meta` value on a writable connection (replacing the old one)."""
    connection.execute("DELETE FROM meta WHERE key = ?", [key])
    connection.execute("INSERT INTO meta VALUES (?, ?)", [key, value])
