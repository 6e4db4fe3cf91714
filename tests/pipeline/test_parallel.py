"""Engines: N local processes and a Dask cluster give the single-process table, row for row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.engines import DaskEngine, ProcessEngine, SerialEngine, make_engine
from pipeline.timeline import ingest_store, write_timeline
from tests.conftest import FIXTURES, PROJECT_DIR

INPUTS = [PROJECT_DIR / "data" / "articles", FIXTURES / "articles", FIXTURES / "bad"]
BATCH = 9  # several batches, the last one short


@pytest.fixture(scope="module")
def serial_csv(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "timeline.csv"
    with SerialEngine() as engine:
        report = write_timeline(INPUTS, out, engine=engine, batch_size=BATCH)
    assert report.articles == 77 and report.refused
    return out


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """A LocalCluster of 2 worker processes (as `--engine dask` starts), shared by the Dask tests."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_two_local_workers_write_the_single_process_table(tmp_path, serial_csv):
    out = tmp_path / "timeline.csv"
    assert main(["extract", *map(str, INPUTS), "--out", str(out), "--workers", "2", "--batch-size", str(BATCH),
                 "--quiet"]) == 0
    assert out.read_bytes() == serial_csv.read_bytes()


def test_dask_engine_writes_the_single_process_table(tmp_path, serial_csv, dask_cluster, capsys):
    out = tmp_path / "timeline.csv"
    assert main(["extract", *map(str, INPUTS), "--out", str(out), "--engine", "dask", "--scheduler", dask_cluster,
                 "--batch-size", str(BATCH), "--quiet"]) == 0
    assert out.read_bytes() == serial_csv.read_bytes()
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("77 articles read, ")


def test_dask_ingest_builds_the_single_process_store(tmp_path, dask_cluster):
    serial_db, dask_db = tmp_path / "serial.duckdb", tmp_path / "dask.duckdb"
    ingest_store(INPUTS, serial_db, batch_size=BATCH)
    with DaskEngine(scheduler=dask_cluster) as engine:
        ingest_store(INPUTS, dask_db, engine=engine, batch_size=BATCH)
    for merged in (False, True):
        pd.testing.assert_frame_equal(store.query_events(dask_db, merged=merged),
                                      store.query_events(serial_db, merged=merged))


def test_dask_engine_starts_a_local_cluster_when_given_no_scheduler(tmp_path, serial_csv):
    out = tmp_path / "timeline.csv"
    with make_engine("dask", workers=1) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 1
        write_timeline(INPUTS, out, engine=engine, batch_size=BATCH)
    assert out.read_bytes() == serial_csv.read_bytes()


def test_process_engine_reports_a_failing_article_and_goes_on(monkeypatch):
    from pipeline.ingest import read_articles

    articles = [a for a in read_articles([FIXTURES / "articles"]) if hasattr(a, "text")]
    broken = articles[0].__class__(**{**articles[0].__dict__, "published": None})  # crashes extraction
    with ProcessEngine(2) as engine:
        results = [r for batch in engine.map_batches([[broken], articles[1:]]) for r in batch]
    assert results[0].error.startswith("extraction failed") and not results[0].rows
    assert [r.article_id for r in results[1:]] == [a.article_id for a in articles[1:]]


@pytest.mark.parametrize(("argv", "message"), [
    (["--engine", "spark"], "invalid choice"),
    (["--workers", "0"], "at least 1"),
])
def test_bad_engine_options_are_usage_errors(tmp_path, argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(FIXTURES / "articles"), "--out", str(tmp_path / "o.csv"), *argv])
    assert exit_info.value.code == 2 and message in capsys.readouterr().err


def test_scheduler_without_dask_is_a_usage_error(tmp_path, capsys):
    assert main(["extract", str(FIXTURES / "articles"), "--out", str(tmp_path / "o.csv"), "--scheduler",
                 "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err
