"""What the benchmark scripts share: printing a result table, and loading generated reports into a store."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from pipeline import store  # noqa: E402


def table(title: str, header: list[str], rows: list[list[object]]) -> None:
    """Print a Markdown table, so results paste straight into README.md."""
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    for line in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)) + " |")


def load_reports(db: Path, articles: pd.DataFrame, reports: pd.DataFrame) -> None:
    """Insert generated articles and their reports and merge them, in one transaction (far faster than
    extracting the articles, which the other measurements time)."""
    with store.connect(db) as connection:
        connection.execute("BEGIN TRANSACTION")
        store.insert_frame(connection, "articles", articles)
        store.add_reports(connection, reports)
        store.remerge_all(connection)
        connection.execute("COMMIT")
