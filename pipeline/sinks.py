"""Writing a table in pieces, so a run never holds the whole timeline (or corpus) in memory.

Same formats and same bytes as :func:`pipeline.writers.write_table` (CSV cells neutralised for
spreadsheets, JSON Lines, Parquet), appended batch by batch to `<out>.partial`, which replaces
`<out>` only when the run completes: an interrupted run never leaves a half-written table under
the real name. `.json` (one JSON document) cannot be appended to, so it is written at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import pandas as pd

from pipeline.writers import neutralise_frame, table_format, to_json_bytes


class TableSink:
    """Appends DataFrames with the same columns to one table file; use as a context manager."""

    def __init__(self, path: str | Path, columns: tuple[str, ...] | list[str]):
        self.kind = table_format(path)
        self.target = Path(path)
        self.columns = list(columns)
        self.rows = 0
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.partial = self.target.with_name(self.target.name + ".partial")
        self._stream: IO[bytes] | None = None
        self._parquet: Any = None  # pyarrow.parquet.ParquetWriter, imported only when writing Parquet
        self._schema: Any = None
        self._held: list[pd.DataFrame] = []
        self._started = False

    def write(self, frame: pd.DataFrame) -> None:
        """Append rows (columns in this sink's order)."""
        frame = frame.reindex(columns=self.columns)
        first = not self._started
        self._started = True
        self.rows += len(frame)
        if self.kind == "json":
            self._held.append(frame)
        elif self.kind == "parquet":
            self._write_parquet(frame)
        elif self.kind == "csv":
            if len(frame) or first:
                text = neutralise_frame(frame).to_csv(index=False, header=first, lineterminator="\n")
                self._open().write(text.encode("utf-8"))
        elif len(frame):
            self._open().write(frame.to_json(orient="records", lines=True, force_ascii=False).encode("utf-8"))

    def _open(self) -> IO[bytes]:
        if self._stream is None:
            self._stream = self.partial.open("wb")
        return self._stream

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self.partial, self._schema)
        elif not table.schema.equals(self._schema, check_metadata=False):
            table = table.cast(self._schema)  # a batch whose text column was all empty can come out typed apart
        if len(frame) or self.rows == 0:
            self._parquet.write_table(table)

    def close(self, empty: pd.DataFrame | None = None) -> None:
        """Finish the file and move it to its real name. `empty` gives the column types when nothing was written."""
        if not self._started:
            self.write(empty if empty is not None else pd.DataFrame(columns=self.columns))
        if self.kind == "json":
            frame = pd.concat(self._held, ignore_index=True) if self._held else pd.DataFrame(columns=self.columns)
            self._open().write(to_json_bytes(frame))
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None:
            self._stream.close()
        if not self.partial.exists():
            self.partial.write_bytes(b"")
        self.partial.replace(self.target)

    def abort(self) -> None:
        """Drop what was written: the target keeps whatever it held before the run."""
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None:
            self._stream.close()
        self.partial.unlink(missing_ok=True)

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()
