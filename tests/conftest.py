"""Shared test fixtures: paths to our own fixture articles and, when present, the shared dev material."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent
FIXTURES = TESTS_DIR / "fixtures"
SHARED = PROJECT_DIR.parent / "shared"


@pytest.fixture
def fixture_articles() -> Path:
    return FIXTURES / "articles"


@pytest.fixture
def bad_inputs() -> Path:
    return FIXTURES / "bad"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared material is not on this machine."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (shared research material is only on development machines)")
    return path
