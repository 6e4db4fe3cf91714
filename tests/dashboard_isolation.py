"""One way for tests to give the dashboard a corpus, uploads folder and store of their own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dashboard import data


@contextmanager
def own_dashboard_data(uploads: Path, db: Path) -> Iterator[None]:
    """The sample corpus, this uploads folder and this store, whatever a developer uploaded into
    data/uploads, ingested into data/timeline.duckdb or pointed TIMELINE_ARTICLES at."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(data.ARTICLES_ENV, raising=False)
        patch.setenv(data.UPLOADS_ENV, str(uploads))
        patch.setenv(data.DB_ENV, str(db))
        yield
