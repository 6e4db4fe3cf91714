"""Every kind of bad input is named, and every good article next to it still makes it into the table."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import FIXTURES, PROJECT_DIR

GOOD = FIXTURES / "articles" / "kerry_lavrov_climate.txt"


def _good_copy(folder, name="good.txt"):
    target = folder / name
    target.write_text(GOOD.read_text(encoding="utf-8").replace("Project fixture", f"copy {name}"), encoding="utf-8")
    return target


def _run(tmp_path, *extra, out_name="out.csv"):
    out = tmp_path / out_name
    code = main(["extract", str(tmp_path / "in"), "--out", str(out), "--quiet", *extra])
    return code, out


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "in").mkdir()
    _good_copy(tmp_path / "in")
    return tmp_path


BAD_FILES = {
    "binary.txt": bytes(range(256)) * 8,
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "no_date.txt": b"title Something\n\nThe minister met the envoy.",
    "bad_date.txt": b"date 2021-13-45\n\nThe minister met the envoy.",
    "far_future.txt": b"date 2999-01-01\n\nThe minister met the envoy.",
    "no_body.txt": b"date 2021-01-01\ntitle Only a header\n",
    "notes.docx": b"PK\x03\x04 not ours",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_named_and_the_good_one_kept(folder, name, capsys):
    (folder / "in" / name).write_bytes(BAD_FILES[name])
    code, out = _run(folder)
    err = capsys.readouterr().err
    assert code == 0
    assert name in err and "Traceback" not in err
    assert set(pd.read_csv(out)["article_id"]) == {"good"}


@pytest.mark.parametrize(("encoding", "warning"), [("latin-1", "Windows-1252"), ("cp1252", "Windows-1252"),
                                                    ("utf-16", "UTF-16")])
def test_other_encodings_are_decoded_with_a_warning(folder, encoding, warning, capsys):
    text = GOOD.read_text(encoding="utf-8").replace("climate", "clímate – “quoted”")
    (folder / "in" / "legacy.txt").write_bytes(text.encode(encoding, errors="replace"))
    code, out = _run(folder)
    err = capsys.readouterr().err
    assert code == 0 and "legacy.txt" in err and warning in err
    assert {"good", "legacy"} <= set(pd.read_csv(out)["article_id"])


def test_duplicate_articles_are_counted_once(folder, capsys):
    (folder / "in" / "copy.txt").write_text((folder / "in" / "good.txt").read_text())
    code, out = _run(folder)
    assert code == 0 and "duplicate" in capsys.readouterr().err
    assert set(pd.read_csv(out)["article_id"]) == {"copy"} or set(pd.read_csv(out)["article_id"]) == {"good"}


def test_tables_with_missing_columns_malformed_rows_and_huge_fields(folder, capsys):
    good = {"id": "row-good", "published": "2019-10-17",
            "text": "German Chancellor Angela Merkel met French President Emmanuel Macron in Toulouse on Wednesday."}
    (folder / "in" / "missing.csv").write_text("id,title\n1,no text column\n")
    (folder / "in" / "rows.csv").write_text(
        "id,published,text\n"
        f"{good['id']},{good['published']},\"{good['text']}\"\n"
        "r2,2019-10-18\n"
        f"r3,2019-10-18,\"{'x' * 4_500_000}\"\n"
        "r4,not-a-date,Some text\n")
    lines = [json.dumps(good | {"id": "json-good", "text": good["text"].replace("Toulouse", "Paris")}), "{broken",
             json.dumps({"id": "j3", "published": "2019-01-01"})]
    (folder / "in" / "feed.jsonl").write_text("\n".join(lines))
    code, out = _run(folder)
    err = capsys.readouterr().err
    assert code == 0
    for where in ("missing.csv", "rows.csv:3", "rows.csv:4", "rows.csv:5", "feed.jsonl:2", "feed.jsonl:3"):
        assert where in err, where
    assert {"good", "row-good", "json-good"} <= set(pd.read_csv(out)["article_id"])


def test_size_limit_is_configurable(folder, capsys):
    (folder / "in" / "big.txt").write_text("date 2021-07-13\n\n" + "Word " * 300_000)
    code, out = _run(folder, "--max-file-mb", "1")
    assert code == 0 and "big.txt" in capsys.readouterr().err
    assert set(pd.read_csv(out)["article_id"]) == {"good"}


def test_nothing_readable_is_the_only_failure_and_strict_fails_on_any_refusal(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o.csv"), "--quiet"]) == 1
    _good_copy(tmp_path / "in")
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o.csv"), "--quiet"]) == 0
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o.csv"), "--quiet", "--strict"]) == 3


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "in").mkdir()
    _good_copy(tmp_path / "in")
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "in"), "--out",
                             str(tmp_path / "blocker" / "out.csv"), "--quiet"], capture_output=True, text=True,
                            cwd=PROJECT_DIR)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "out.csv" in result.stderr
