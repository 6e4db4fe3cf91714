"""From inputs to the timeline table: read, extract, collect, with a report of what happened.

Kept apart from the stages (as kedro keeps pipelines apart from nodes) so the command line,
the dashboard's upload page and the store all run extraction the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.extract import Resources, extract_article, load_resources
from pipeline.ingest import Article, Problem, ReadOptions, read_articles
from pipeline.schema import to_timeline_frame


@dataclass
class RunReport:
    """What a run read, found and refused: the one-line summary and the per-file messages."""

    articles: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def summary(self) -> str:
        text = f"{self.articles} articles read, {self.events} events found"
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
