"""Command line: `python -m pipeline extract|ingest|export|score`.

Bad input never ends the run with a traceback: each refused file or row is named on stderr,
the rest is processed, and the exit code is non-zero only when nothing could be read (or,
with --strict, when anything was refused). Heavy modules (DuckDB, Dask, pyarrow) are imported
only by the commands that need them, so a small extraction starts quickly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.engines import ENGINES, Engine, EngineError, make_engine
from pipeline.ingest import ReadOptions, iter_input_files
from pipeline.progress import ProgressBar
from pipeline.query import QueryFilters
from pipeline.schema import EVENT_TYPES, STATUSES, TOPICS
from pipeline.timeline import BATCH_SIZE, RunReport, ingest_store, write_timeline
from pipeline.writers import read_table, table_format

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_STRICT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn news articles into a timeline of diplomatic contacts.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract the timeline table from articles")
    extract.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="article files (.txt, .csv, .jsonl) or folders of them")
    extract.add_argument("--out", required=True, metavar="FILE",
                         help="output table; the extension picks the format: .csv, .parquet or .jsonl")
    _add_read_options(extract)
    _add_engine_options(extract)
    ingest = commands.add_parser("ingest", help="add new and changed articles to the store (data/timeline.duckdb)")
    ingest.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="article files (.txt, .csv, .jsonl) or folders of them")
    _add_db_option(ingest)
    ingest.add_argument("--force", action="store_true",
                        help="re-extract articles already stored unchanged (after an extraction update)")
    _add_read_options(ingest)
    _add_engine_options(ingest)
    export = commands.add_parser("export", help="write the store's events, filtered as on the dashboard")
    export.add_argument("--out", required=True, metavar="FILE",
                        help="output table; the extension picks the format: .csv, .parquet or .jsonl")
    _add_db_option(export)
    export.add_argument("--merged", action="store_true",
                        help="one row per merged event (with n_sources, source_articles) instead of one per report")
    _add_filter_options(export)
    score = commands.add_parser("score", help="score a timeline table against gold annotations (dev-set format)")
    score.add_argument("table", metavar="TABLE", help="timeline table (.csv, .parquet or .jsonl)")
    score.add_argument("--gold", required=True, metavar="DIR", help="folder of <article_id>.json gold files")
    score.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    score.add_argument("--by-confidence", action="store_true",
                       help="also print how often rows are right in each confidence band")
    return parser


def _add_read_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                         help="publication date for articles that have none")
    command.add_argument("--max-file-mb", type=float, default=200.0, metavar="MB",
                         help="refuse input files larger than this (default 200)")
    command.add_argument("--strict", action="store_true", help="treat any refused file or row as an error")
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _add_engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--workers", type=_positive, metavar="N",
                         help="extract in N processes (default 1; with --engine dask, 2 local workers)")
    command.add_argument("--engine", choices=ENGINES, default="local",
                         help="local: this machine (default); dask: a Dask cluster")
    command.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the scheduler of a running cluster (tcp://host:8786); "
                              "without it a LocalCluster is started")
    command.add_argument("--batch-size", type=_positive, default=BATCH_SIZE, metavar="N",
                         help=f"articles per batch read, extracted and written together (default {BATCH_SIZE})")


def _add_db_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--db", metavar="FILE", help="the store (default data/timeline.duckdb)")


def _add_filter_options(command: argparse.ArgumentParser) -> None:
    add = command.add_argument
    add("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="events on or after this day")
    add("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="events on or before this day")
    add("--country", action="append", default=[], metavar="CODE", help="a participant's country (repeatable)")
    add("--person", action="append", default=[], metavar="NAME", help="a participant (repeatable)")
    add("--topic", action="append", default=[], choices=TOPICS, metavar="TOPIC",
        help=f"a topic (repeatable): {', '.join(TOPICS)}")
    add("--type", dest="event_type", action="append", default=[], choices=EVENT_TYPES, metavar="TYPE",
        help=f"{', '.join(EVENT_TYPES)} (repeatable)")
    add("--status", action="append", default=[], choices=STATUSES, metavar="STATUS",
        help=f"{' or '.join(STATUSES)} (repeatable)")
    add("--min-confidence", type=float, default=0.0, metavar="X", help="confidence at least X (0-1)")
    add("--text", default="", metavar="WORDS", help="the evidence sentence contains these words")


def query_filters(args: argparse.Namespace) -> QueryFilters:
    return QueryFilters(start=args.start, end=args.end, countries=tuple(args.country), people=tuple(args.person),
                        topics=tuple(args.topic), event_types=tuple(args.event_type), statuses=tuple(args.status),
                        min_confidence=args.min_confidence, text=args.text)


def read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(default_published=args.published, max_file_bytes=int(args.max_file_mb * 1024 * 1024))


_ENGINE_HINT = (" (with --scheduler, the scheduler and workers must import this project: start them with "
                "PYTHONPATH=<this checkout>)")


def _engine(args: argparse.Namespace) -> Engine | None:
    try:
        return make_engine(args.engine, args.workers, args.scheduler)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except OSError as exc:  # a scheduler that cannot be reached
        print(f"error: cannot reach the Dask scheduler {args.scheduler}: {exc}", file=sys.stderr)
    return None


def _report_problems(report: RunReport) -> None:
    for problem in report.problems:
        print(problem, file=sys.stderr)


def _usable_out(out: str) -> bool:
    """Whether --out names a table format we write; says why not on stderr."""
    try:
        table_format(out)
    except ValueError as exc:
        print(f"error: --out {out}: {exc}", file=sys.stderr)
        return False
    return True


def run_extract(args: argparse.Namespace) -> int:
    if not _usable_out(args.out):
        return EXIT_USAGE
    engine = _engine(args)
    if engine is None:
        return EXIT_USAGE
    files = [f for f in iter_input_files(args.inputs) if isinstance(f, Path)]
    progress = ProgressBar(len(files), enabled=not args.quiet)
    try:
        with engine:
            report = write_timeline(args.inputs, args.out, read_options(args), engine, args.batch_size,
                                    on_batch=lambda batch: progress.advance(len(batch)))
    except EngineError as exc:
        progress.close()
        print(f"error: extraction engine failed, nothing written: {exc}{_ENGINE_HINT}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        progress.close()
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    return _conclude(report, args, "nothing written", f"wrote {args.out}")


def _conclude(report: RunReport, args: argparse.Namespace, nothing: str, done: str) -> int:
    """Name every problem, print the one-line summary, and choose the exit code (the same for every command)."""
    _report_problems(report)
    if report.articles == 0:
        print(f"error: no article could be read; {nothing}. {report.summary()}", file=sys.stderr)
        return EXIT_NOTHING_READ
    print(f"{report.summary()}; {done}", file=sys.stderr)
    if args.strict and report.refused:
        return EXIT_STRICT
    return EXIT_OK


def run_ingest(args: argparse.Namespace) -> int:
    from pipeline import store

    db = Path(args.db) if args.db else store.DEFAULT_DB
    engine = _engine(args)
    if engine is None:
        return EXIT_USAGE
    files = [f for f in iter_input_files(args.inputs) if isinstance(f, Path)]
    progress = ProgressBar(len(files), enabled=not args.quiet)
    try:
        with engine:
            report = ingest_store(args.inputs, db, read_options(args), engine, args.batch_size, args.force,
                                  on_batch=lambda batch: progress.advance(len(batch)))
        totals = store.counts(db) if db.exists() else None
    except EngineError as exc:
        progress.close()
        print(f"error: extraction engine failed; the batches committed before stay in {db}, run again to "
              f"finish: {exc}{_ENGINE_HINT}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, store.duckdb.Error) as exc:
        progress.close()
        print(f"error: cannot write the store {db}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    return _conclude(report, args, "nothing stored", f"store {db}: {totals.summary() if totals else 'empty'}")


def run_export(args: argparse.Namespace) -> int:
    from pipeline import store
    from pipeline.schema import COLUMN_NAMES, MERGED_COLUMN_NAMES
    from pipeline.sinks import TableSink

    if not _usable_out(args.out):
        return EXIT_USAGE
    db = Path(args.db) if args.db else store.DEFAULT_DB
    columns = MERGED_COLUMN_NAMES if args.merged else COLUMN_NAMES
    try:
        with TableSink(args.out, columns) as sink:
            for frame in store.iter_events(db, query_filters(args), merged=args.merged):
                sink.write(frame)
    except store.StoreMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except (OSError, store.duckdb.Error) as exc:
        print(f"error: cannot export to {args.out}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    kind = "merged events" if args.merged else "events"
    print(f"{sink.rows} {kind} written to {args.out}", file=sys.stderr)
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    from pipeline.evaluation import confidence_table, score_frame

    try:
        frame = read_table(args.table)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.table}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = score_frame(frame, Path(args.gold))
    if args.verbose:
        for line in result.misses:
            print(f"MISS {line}")
        for line in result.false_alarms:
            print(f"FP   {line}")
    print(result.summary())
    if args.by_confidence:
        for band, rows, share in confidence_table(frame, result):
            print(f"confidence {band}: {rows:4d} rows, {share:.0%} right" if rows else f"confidence {band}: no rows")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"extract": run_extract, "ingest": run_ingest, "export": run_export, "score": run_score}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was kept", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a disk or permission problem: name it, no traceback
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
