"""A small progress bar on stderr, so a long extraction shows it is alive without a dependency.

On a terminal it redraws one line; in a log (CI, a pipe) it prints a line every 10%, so
logs stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Counts done items against an expected total (which may grow when tables hold many articles)."""

    def __init__(self, total: int, label: str = "articles", stream: TextIO | None = None, enabled: bool = True):
        self.total = max(total, 1)
        self.done = 0
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.interactive = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._started = time.monotonic()
        self._last_decile = -1

    def advance(self, count: int = 1) -> None:
        self.done += count
        self.total = max(self.total, self.done)
        if not self.enabled:
            return
        fraction = self.done / self.total
        if self.interactive:
            filled = int(fraction * 30)
            rate = self.done / max(time.monotonic() - self._started, 1e-6)
            self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {self.done}/{self.total} {self.label} "
                              f"({rate:.0f}/s)")
            self.stream.flush()
        elif int(fraction * 10) > self._last_decile and self.total >= 20:
            self._last_decile = int(fraction * 10)
            self.stream.write(f"{self.done}/{self.total} {self.label}\n")

    def close(self) -> None:
        if self.enabled and self.interactive:
            self.stream.write("\n")
            self.stream.flush()
