"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Every engine maps :func:`extract_batch` over batches of articles and yields the results in the
order the batches went in, so the table is identical row for row whichever engine made it. Work
goes out as tasks of many articles (not one at a time: shipping a task costs far more than one
article takes to extract), a few per worker and batch, and only a few tasks per worker are in
flight, so memory stays flat however long the stream is. Each worker process loads the
extraction resources (gazetteer, knowledge base) once.
"""

from __future__ import annotations

import multiprocessing
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.extract import Resources, extract_article, load_resources
from pipeline.ingest import Article
from pipeline.schema import COLUMN_NAMES

ENGINES = ("local", "dask")
WORKER_PRELOAD = "pipeline.worker_preload"  # what a forkserver imports before it forks workers
TASKS_PER_WORKER = 2  # each batch is cut into this many tasks per worker, so no worker idles at a batch's end
IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: enough to keep it busy, few enough to keep memory flat


class EngineError(RuntimeError):
    """The engine itself failed (a worker died, a cluster cannot run our tasks), not an article."""


@dataclass(frozen=True)
class ArticleResult:
    """What extraction made of one article: its rows, or why it failed (the run goes on).

    Rows travel between processes as tuples in schema column order (a dict per row would pickle every
    column name again); `rows` gives them back as dicts.
    """

    article_id: str
    values: list[tuple[object, ...]] = field(default_factory=list)
    error: str = ""

    @property
    def rows(self) -> list[dict[str, object]]:
        return [dict(zip(COLUMN_NAMES, value, strict=True)) for value in self.values]

    @classmethod
    def of(cls, article_id: str, rows: list[dict[str, object]]) -> ArticleResult:
        return cls(article_id, [tuple(row.get(name) for name in COLUMN_NAMES) for row in rows])


_worker_resources: Resources | None = None


def _resources() -> Resources:
    """This process's resources, loaded on first use (a Dask worker has no initializer hook here)."""
    global _worker_resources
    if _worker_resources is None:
        _worker_resources = load_resources()
    return _worker_resources


def _init_worker() -> None:
    _resources()


def extract_batch(articles: Sequence[Article], resources: Resources | None = None) -> list[ArticleResult]:
    """Rows of each article of a batch; one article's crash is reported against it, not raised."""
    resources = resources or _resources()
    results: list[ArticleResult] = []
    for article in articles:
        try:
            results.append(ArticleResult.of(article.article_id, extract_article(article, resources)))
        except Exception as exc:
            results.append(ArticleResult(article.article_id, error=f"extraction failed: {exc!r}"))
    return results


class Engine(Protocol):
    """Maps :func:`extract_batch` over batches, yielding results in input order."""

    workers: int

    def map_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


class SerialEngine:
    """Everything in this process: the reference the other engines must match."""

    workers = 1

    def __init__(self, resources: Resources | None = None):
        self._resources = resources

    def map_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        resources = self._resources or _resources()
        for batch in batches:
            yield extract_batch(batch, resources)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ordered(submit: Any, batches: Iterable[Sequence[Article]], workers: int) -> Iterator[list[ArticleResult]]:
    """Run batches as tasks on `workers` workers, yielding each batch's results in submission order.

    A batch (the unit of streaming and of a store transaction) is cut into a few tasks per worker,
    so the last task of a batch does not leave the other workers idle; at most a few tasks per
    worker are in flight, so memory stays flat however long the stream.
    """
    pending: deque[list[Any]] = deque()  # per batch, the futures of its tasks
    in_flight = 0
    for batch in batches:
        articles = list(batch)
        size = max(1, -(-len(articles) // (workers * TASKS_PER_WORKER)))
        tasks = [submit(articles[start:start + size]) for start in range(0, len(articles), size)]
        pending.append(tasks)
        in_flight += len(tasks)
        while pending and in_flight - len(pending[0]) >= workers * IN_FLIGHT_PER_WORKER:
            done = pending.popleft()
            in_flight -= len(done)
            yield [result for task in done for result in _result(task)]
    while pending:
        yield [result for task in pending.popleft() for result in _result(task)]


def _result(task: Any) -> list[ArticleResult]:
    """A task's results; extract_batch reports failing articles itself, so any error here is the engine's."""
    try:
        return task.result()
    except Exception as exc:
        raise EngineError(f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc


class ProcessEngine:
    """N local worker processes (`--workers N`).

    Workers are forked from this process when it runs a single thread (the command line): they start
    at once with the pipeline already imported, and only load the resources. A process that runs
    threads (a test runner, a Dask client, a web app) must not fork, so there the pool uses the
    `forkserver` method (a clean process that imports the pipeline once and forks the workers), or
    the platform's default where there is no forkserver.
    """

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
        elif "forkserver" in methods:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([WORKER_PRELOAD])
        else:
            context = multiprocessing.get_context()
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker)

    def map_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        def submit(batch: list[Article]) -> Future[list[ArticleResult]]:
            return self._pool.submit(extract_batch, batch)

        yield from _ordered(submit, batches, self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskEngine:
    """A Dask cluster (`--engine dask [--scheduler ADDRESS]`).

    Without an address it starts a LocalCluster of `workers` single-threaded worker processes
    (extraction is pure Python: threads would only fight over the GIL) and stops it at the end.
    With an address it uses that cluster; its scheduler and workers must be able to import this
    project's code and read its data (start them with `PYTHONPATH=<checkout> dask scheduler` and
    `PYTHONPATH=<checkout> dask worker ADDRESS`), since tasks refer to `pipeline.engines.extract_batch`.
    """

    def __init__(self, workers: int = 2, scheduler: str | None = None):
        from distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self._client = Client(scheduler, timeout=10)
        else:
            import dask

            # Workers forked from a forkserver that already holds the pipeline and its resources start in a
            # fraction of a second; spawned ones would import everything and build the gazetteer each.
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            if method == "forkserver":
                multiprocessing.get_context("forkserver").set_forkserver_preload([WORKER_PRELOAD])
            # The workers' stack profiler (every 10 ms) and GIL monitor (every 1 ms) cost CPU that extraction
            # needs; nobody looks at them in a batch run.
            settings = {"distributed.worker.multiprocessing-method": method,
                        "distributed.worker.profile.enabled": False,
                        "distributed.admin.system-monitor.gil.enabled": False}
            with dask.config.set(settings):
                self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                             dashboard_address=None)
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self._run = uuid.uuid4().hex[:8]

    def map_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        counter = iter(range(1 << 62))

        def submit(batch: list[Article]) -> Any:
            # an explicit key: hashing a batch of articles to make one would cost as much as shipping it
            return self._client.submit(extract_batch, batch, key=f"extract-{self._run}-{next(counter)}", pure=False)

        yield from _ordered(submit, batches, self.workers)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


DASK_DEFAULT_WORKERS = 2


def make_engine(engine: str = "local", workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine the command line asked for: `local` with one worker (the default) runs in this process,
    `dask` without `workers` starts a 2-worker LocalCluster (or uses the cluster at `scheduler`)."""
    if engine == "dask":
        return DaskEngine(workers or DASK_DEFAULT_WORKERS, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    if not workers or workers <= 1:
        return SerialEngine()
    return ProcessEngine(workers)
