"""A disk cache for read-only resources that are slow to build (the gazetteer: ~0.8 s per process).

Every `python -m pipeline` run and every worker process builds the same resources; loading the
built object from `data/cache/` takes a fraction of the time. The cache key hashes the files the
resource is built from (including the module that builds it) and the versions given, so editing
the code or the data rebuilds it; a missing, stale or unreadable cache is rebuilt, never trusted,
and a read-only checkout simply builds every time. Only this project writes `data/cache/`: pickle
files are loaded from there and nowhere else.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

CACHE_DIR = Path(__file__).resolve().parent.parent / "data" / "cache"
DISABLE_ENV = "TIMELINE_NO_RESOURCE_CACHE"  # set to 1 to always build (to time or debug a build)

T = TypeVar("T")


def cache_key(inputs: Sequence[Path], versions: Sequence[str] = ()) -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{'|'.join(versions)}".encode())
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    return digest.hexdigest()[:20]


def cached(name: str, inputs: Sequence[Path], build: Callable[[], T], versions: Sequence[str] = (),
           cache_dir: Path | None = None) -> T:
    """`build()`, or its result saved by an earlier process with the same inputs and versions."""
    if os.environ.get(DISABLE_ENV):
        return build()
    folder = cache_dir or CACHE_DIR
    target = folder / f"{name}-{cache_key(inputs, versions)}.pickle"
    try:
        return pickle.loads(target.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")  # workers may build at the same time
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(target)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
