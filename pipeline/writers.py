"""Writing the timeline table: CSV, Parquet or JSON Lines, chosen by the file extension.

CSV cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
return at the start) are neutralised with a leading apostrophe, in every CSV this project
writes, because analysts open exports in Excel and article text is not ours to trust.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".json": "json", ".ndjson": "jsonl"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def neutralise_cell(value: object) -> object:
    """A cell made safe for spreadsheets: text starting like a formula gets a leading `'`; numbers stay."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if value[0] in "+-" and _NUMBER.match(value.strip()):
        return value
    return "'" + value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            values = safe[column]
            risky = values.astype(str).str.match(r"[=+\-@\t\r]", na=False)  # most cells are safe: test in bulk
            if risky.any():
                safe.loc[risky, column] = values[risky].map(neutralise_cell)
    return safe


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot write {suffix or 'files without an extension'}: use .csv, .parquet or .jsonl")
    return FORMATS[suffix]


def to_csv_bytes(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """CSV as bytes (UTF-8; with a byte-order mark when `excel`, so Excel reads accents right)."""
    text = neutralise_frame(frame).to_csv(index=False, lineterminator="\n")
    return (("\ufeff" if excel else "") + text).encode("utf-8")


def to_jsonl_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_json(orient="records", lines=True, force_ascii=False).encode("utf-8")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """Write the table to `path` in the format its extension names."""
    kind = table_format(path)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"csv": to_csv_bytes, "parquet": to_parquet_bytes, "jsonl": to_jsonl_bytes,
            "json": to_json_bytes}[kind](frame)
    temporary = target.with_name(target.name + ".partial")
    temporary.write_bytes(data)
    temporary.replace(target)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a timeline table written by :func:`write_table` back into the schema's types."""
    from pipeline.schema import to_timeline_frame

    kind = table_format(path)
    if kind == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    elif kind == "parquet":
        frame = pd.read_parquet(path)
    elif kind == "jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = pd.read_json(path, dtype=False)
    return to_timeline_frame(frame.to_dict("records"))
