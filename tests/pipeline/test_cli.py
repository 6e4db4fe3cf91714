"""The command line: formats by extension, a summary line, exit codes, and no traceback for bad input."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from pipeline.cli import main
from tests.conftest import PROJECT_DIR


def test_extract_to_csv_prints_summary(tmp_path, fixture_articles, bad_inputs, capsys):
    out = tmp_path / "timeline.csv"
    code = main(["extract", str(fixture_articles), str(bad_inputs), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 0
    frame = pd.read_csv(out)
    assert {"kerry_lavrov_climate", "csv-merkel-macron", "jsonl-modi-xi"} <= set(frame["article_id"])
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("5 articles read,") and "events found" in summary and "skipped" in summary
    assert "empty.txt: empty file" in err and "no_date.txt" in err


def test_published_option_rescues_undated_files(tmp_path, bad_inputs, capsys):
    out = tmp_path / "t.jsonl"
    assert main(["extract", str(bad_inputs / "no_date.txt"), "--out", str(out), "--published", "2020-01-01",
                 "--quiet"]) == 0
    assert "1 articles read" in capsys.readouterr().err


def test_nothing_readable_exits_non_zero_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "missing"), "--out",
                             str(tmp_path / "o.csv")], capture_output=True, text=True, cwd=PROJECT_DIR)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "no such file or folder" in result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_strict_turns_refusals_into_failure(tmp_path, fixture_articles, bad_inputs):
    code = main(["extract", str(fixture_articles), str(bad_inputs), "--out", str(tmp_path / "o.parquet"),
                 "--quiet", "--strict"])
    assert code == 3
    assert len(pd.read_parquet(tmp_path / "o.parquet")) >= 4


def test_bad_out_extension_is_a_usage_error(tmp_path, fixture_articles, capsys):
    assert main(["extract", str(fixture_articles), "--out", str(tmp_path / "o.xlsx"), "--quiet"]) == 2
    assert "o.xlsx" in capsys.readouterr().err
