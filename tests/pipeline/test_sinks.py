"""Writing a table in batches gives the same file as writing it whole, and never a half file."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.schema import COLUMN_NAMES, empty_timeline
from pipeline.sinks import TableSink
from pipeline.timeline import build_timeline
from pipeline.writers import read_table, write_table


@pytest.fixture(scope="module")
def table(request) -> pd.DataFrame:
    frame, _ = build_timeline([request.config.rootpath / "tests" / "fixtures" / "articles"])
    frame.loc[0, "title"] = "=HYPERLINK(\"http://x\")"  # must be neutralised in CSV, batch or not
    return frame


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json"])
def test_batches_write_the_same_bytes_as_one_write(tmp_path, table, suffix):
    whole, pieces = tmp_path / f"whole{suffix}", tmp_path / f"pieces{suffix}"
    write_table(table, whole)
    with TableSink(pieces, COLUMN_NAMES) as sink:
        for start in range(0, len(table), 2):
            sink.write(table.iloc[start:start + 2])
        sink.write(empty_timeline())
    assert pieces.read_bytes() == whole.read_bytes()
    assert sink.rows == len(table)


def test_parquet_batches_read_back_as_the_table(tmp_path, table):
    out = tmp_path / "t.parquet"
    with TableSink(out, COLUMN_NAMES) as sink:
        sink.write(empty_timeline())
        sink.write(table.iloc[:1])
        sink.write(table.iloc[1:])
    pd.testing.assert_frame_equal(read_table(out), read_table_via_write(tmp_path, table))


def read_table_via_write(tmp_path, table: pd.DataFrame) -> pd.DataFrame:
    write_table(table, tmp_path / "whole.parquet")
    return read_table(tmp_path / "whole.parquet")


def test_csv_cells_are_neutralised(tmp_path, table):
    out = tmp_path / "t.csv"
    with TableSink(out, COLUMN_NAMES) as sink:
        sink.write(table)
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")


def test_nothing_written_still_gives_a_table_with_the_columns(tmp_path):
    out = tmp_path / "empty.csv"
    TableSink(out, COLUMN_NAMES).close(empty_timeline())
    assert out.read_text(encoding="utf-8").strip() == ",".join(COLUMN_NAMES)


def test_a_failed_run_leaves_the_previous_file_alone(tmp_path, table):
    out = tmp_path / "t.csv"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), TableSink(out, COLUMN_NAMES) as sink:
        sink.write(table)
        raise RuntimeError("interrupted")
    assert out.read_text(encoding="utf-8") == "previous"
    assert not list(tmp_path.glob("*.partial"))
