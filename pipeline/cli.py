"""Command line: `python -m pipeline extract INPUT... --out FILE`.

Bad input never ends the run with a traceback: each refused file or row is named on stderr,
the rest is processed, and the exit code is non-zero only when nothing could be read (or,
with --strict, when anything was refused).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.evaluation import confidence_table, score_frame
from pipeline.ingest import ReadOptions, iter_input_files
from pipeline.progress import ProgressBar
from pipeline.timeline import build_timeline
from pipeline.writers import read_table, table_format, write_table

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_STRICT = 0, 1, 2, 3


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


def read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(default_published=args.published, max_file_bytes=int(args.max_file_mb * 1024 * 1024))


def run_extract(args: argparse.Namespace) -> int:
    try:
        table_format(args.out)
    except ValueError as exc:
        print(f"error: --out {args.out}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    files = [f for f in iter_input_files(args.inputs) if isinstance(f, Path)]
    progress = ProgressBar(len(files), enabled=not args.quiet)
    frame, report = build_timeline(args.inputs, read_options(args), on_article=lambda _: progress.advance())
    progress.close()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.articles == 0:
        print(f"error: no article could be read; nothing written. {report.summary()}", file=sys.stderr)
        return EXIT_NOTHING_READ
    try:
        write_table(frame, args.out)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{report.summary()}; wrote {args.out}", file=sys.stderr)
    if args.strict and report.refused:
        return EXIT_STRICT
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
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
    if args.command == "extract":
        return run_extract(args)
    if args.command == "score":
        return run_score(args)
    return EXIT_USAGE
