"""Writers: the extension picks the format, and spreadsheet formulas never survive into a CSV."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pipeline.schema import to_timeline_frame
from pipeline.writers import neutralise_cell, to_csv_bytes, write_table


@pytest.mark.parametrize(("cell", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"), ("-2", "-2"), ("+3.5", "+3.5"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("plain", "plain"), (0.5, 0.5),
])
def test_neutralise_cell(cell, expected):
    assert neutralise_cell(cell) == expected


def test_csv_bytes_with_and_without_bom():
    frame = pd.DataFrame({"a": ["=1+1", "Zürich"]})
    plain = to_csv_bytes(frame)
    excel = to_csv_bytes(frame, excel=True)
    assert not plain.startswith(b"\xef\xbb\xbf") and excel.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(plain))["a"].tolist() == ["'=1+1", "Zürich"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_write_table_round_trips(tmp_path, suffix):
    frame = to_timeline_frame([{"event_id": "e", "participants": "A; B", "confidence": 0.5, "date": "2020-01-01"}])
    path = tmp_path / f"out{suffix}"
    write_table(frame, path)
    back = {".csv": pd.read_csv, ".parquet": pd.read_parquet,
            ".jsonl": lambda p: pd.read_json(p, lines=True)}[suffix](path)
    assert back.loc[0, "participants"] == "A; B" and back.loc[0, "confidence"] == 0.5
    assert not list(tmp_path.glob("*.partial"))


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.xlsx"):
        write_table(to_timeline_frame([]), tmp_path / "out.xlsx")
