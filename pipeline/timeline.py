"""From inputs to the timeline table: read, extract, collect, with a report of what happened.

Kept apart from the stages (as kedro keeps pipelines apart from nodes) so the command line,
the dashboard's upload page and the store all run extraction the same way.

Large runs stream: :func:`stream_timeline` reads articles in batches, has an engine
(pipeline/engines.py: this process, local worker processes, or Dask) extract them, and yields
each batch's rows in input order; :func:`write_timeline` appends them to a file and
:func:`ingest_store` commits them to the store, so no run holds the whole corpus.
:func:`build_timeline` keeps the whole table in memory, for small inputs and tests.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from pipeline.engines import ArticleResult, Engine, SerialEngine
from pipeline.extract import Resources, extract_article, load_resources
from pipeline.ingest import Article, Problem, ReadOptions, read_articles
from pipeline.schema import COLUMN_NAMES, empty_timeline, to_timeline_frame
from pipeline.sinks import TableSink

BATCH_SIZE = 200  # articles per batch: big enough to amortise shipping to a worker, small enough to stay flat


@dataclass
class RunReport:
    """What a run read, found and refused: the one-line summary and the per-file messages."""

    articles: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0  # ingest: articles already in the store with the same content, not re-extracted

    @property
    def refused(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def summary(self) -> str:
        text = f"{self.articles} articles read"
        if self.unchanged:
            text += f" ({self.unchanged} unchanged)"
        text += f", {self.events} events found"
        if self.refused:
            reasons: dict[str, int] = {}
            for problem in self.refused:
                reason = problem.short_reason
                reasons[reason] = reasons.get(reason, 0) + 1
            detail = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items(), key=lambda x: -x[1]))
            text += f", {len(self.refused)} skipped ({detail})"
        if self.warnings:
            text += f", {len(self.warnings)} warnings"
        return text


def extract_rows(articles: Iterable[Article | Problem], report: RunReport, resources: Resources | None = None,
                 on_article: Callable[[Article], None] | None = None) -> Iterator[dict[str, object]]:
    """Rows of every article in a stream; problems go to the report, and one article's crash
    is reported against it instead of ending the run."""
    resources = resources or load_resources()
    for item in articles:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        report.articles += 1
        try:
            rows = extract_article(item, resources)
        except Exception as exc:
            report.problems.append(Problem(item.origin or item.article_id, f"extraction failed: {exc!r}"))
            rows = []
        report.events += len(rows)
        if on_article is not None:
            on_article(item)
        yield from rows


def build_timeline(inputs: Iterable[str | Path], options: ReadOptions | None = None,
                   on_article: Callable[[Article], None] | None = None) -> tuple[pd.DataFrame, RunReport]:
    """The timeline table of all inputs, and the report of the run."""
    report = RunReport()
    rows = list(extract_rows(read_articles(inputs, options), report, on_article=on_article))
    return to_timeline_frame(rows), report


def article_batches(items: Iterable[Article | Problem], report: RunReport,
                    size: int = BATCH_SIZE) -> Iterator[list[Article]]:
    """Articles of a stream in batches of `size`; problems go to the report as they pass.

    Only one batch is held at a time, which is what keeps a run's memory flat as the corpus grows.
    """
    def articles_only() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                report.problems.append(item)
            else:
                yield item

    stream = articles_only()
    while batch := list(islice(stream, max(1, size))):
        yield batch


def account(batch: list[Article], results: list[ArticleResult], report: RunReport) -> list[dict[str, object]]:
    """Count a batch into the report (articles, events, failures) and return its rows in order."""
    rows: list[dict[str, object]] = []
    for article, result in zip(batch, results, strict=True):
        report.articles += 1
        if result.error:
            report.problems.append(Problem(article.origin or article.article_id, result.error))
        found = result.rows
        report.events += len(found)
        rows.extend(found)
    return rows


def stream_timeline(inputs: Iterable[str | Path], options: ReadOptions | None = None,
                    engine: Engine | None = None, batch_size: int = BATCH_SIZE, report: RunReport | None = None,
                    on_batch: Callable[[list[Article]], None] | None = None) -> Iterator[pd.DataFrame]:
    """The timeline table of all inputs as a sequence of frames, one per batch, in input order.

    Whatever the engine, the concatenated frames are the same table, row for row, as
    :func:`build_timeline` gives; the report fills in as batches complete.
    """
    report = report if report is not None else RunReport()
    engine = engine or SerialEngine()
    sent: deque[list[Article]] = deque()  # batches handed to the engine, awaiting their results

    def remembered() -> Iterator[list[Article]]:
        for batch in article_batches(read_articles(inputs, options), report, batch_size):
            sent.append(batch)
            yield batch

    for results in engine.map_batches(remembered()):
        batch = sent.popleft()
        rows = account(batch, results, report)
        if on_batch is not None:
            on_batch(batch)
        yield to_timeline_frame(rows) if rows else empty_timeline()


def write_timeline(inputs: Iterable[str | Path], out: str | Path, options: ReadOptions | None = None,
                   engine: Engine | None = None, batch_size: int = BATCH_SIZE,
                   on_batch: Callable[[list[Article]], None] | None = None) -> RunReport:
    """Extract all inputs straight into the table file `out`, batch by batch (see pipeline.sinks).

    Nothing is written under `out` when no article could be read, so a bad run does not replace a good table.
    """
    report = RunReport()
    sink = TableSink(out, COLUMN_NAMES)
    try:
        for frame in stream_timeline(inputs, options, engine, batch_size, report, on_batch):
            sink.write(frame)
    except BaseException:
        sink.abort()
        raise
    if report.articles == 0:
        sink.abort()
    else:
        sink.close(empty_timeline())
    return report


def ingest_store(inputs: Iterable[str | Path], db_path: str | Path | None = None,
                 options: ReadOptions | None = None, engine: Engine | None = None, batch_size: int = BATCH_SIZE,
                 force: bool = False, on_batch: Callable[[list[Article]], None] | None = None) -> RunReport:
    """Add the new and changed articles of the inputs to the store, batch by batch.

    Unchanged articles (same id, same content hash) are counted but not re-extracted; `force`
    re-extracts them too. Each batch is committed with its merged events in one transaction, so an
    interrupted run can simply be run again. An article whose extraction failed is not stored, so
    the next run retries it.
    """
    from pipeline import store  # DuckDB is imported only by the commands that use the store

    db_path = db_path or store.DEFAULT_DB
    report = RunReport()
    engine = engine or SerialEngine()
    sent: deque[list[Article]] = deque()

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in article_batches(read_articles(inputs, options), report, batch_size):
            with store.connect(db_path) as connection:
                triaged = store.triage(connection, batch, force)
            report.articles += len(triaged.unchanged)
            report.unchanged += len(triaged.unchanged)
            for article, holder in triaged.duplicates:
                report.problems.append(Problem(article.origin or article.article_id,
                                               f"same content as {holder!r}, already in the store; skipped",
                                               "warning", "duplicate"))
            if on_batch is not None and len(triaged.fresh) < len(batch):
                fresh_ids = {a.article_id for a in triaged.fresh}
                on_batch([a for a in batch if a.article_id not in fresh_ids])
            if triaged.fresh:
                sent.append(triaged.fresh)
                yield triaged.fresh

    for results in engine.map_batches(fresh_batches()):
        batch = sent.popleft()
        account(batch, results, report)
        extracted = [(article, result.rows) for article, result in zip(batch, results, strict=True)
                     if not result.error]
        with store.connect(db_path) as connection:
            store.write_batch(connection, extracted, force)
        if on_batch is not None:
            on_batch(batch)
    return report
