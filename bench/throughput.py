"""Extraction benchmark: words per second on one core, scaling with workers and Dask, flat memory.

    python bench/throughput.py [--articles 500] [--scale-articles 5000] [--memory-articles 500] [--skip-dask]

Each measurement runs the real command line (`python -m pipeline extract|ingest ...`) as a new
process, so start-up (imports, resources) is included, on corpora made by bench/generate_corpus.py
in a temporary folder (deleted at the end). Prints one table per target:

- one core: whole-process words/s of `extract` pinned to one CPU (taskset), against the target of
  30x spaCy's en_core_web_sm (about 7,000 words/s here), i.e. 210,000 words/s; also the in-process
  extraction rate without start-up, for reference;
- scaling: wall time of `--workers 1`, `--workers 2` and `--engine dask` on a 2-worker LocalCluster
  (targets 1.8x and 1.5x);
- memory: peak RSS of `extract` and `ingest` on N and 10N articles (target: within 1.2x).

Timings are the best of `--repeat` runs (default 3; the engines interleaved): other processes on
the machine only ever make a run slower. The one-core table also gives words per CPU second, which
other load does not change.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from generate_corpus import generate  # noqa: E402
from reporting import table  # noqa: E402

SPACY_WORDS_PER_SECOND = 7_000
SINGLE_CORE_TARGET = 30 * SPACY_WORDS_PER_SECOND
TWO_WORKER_TARGET, DASK_TARGET, MEMORY_TARGET = 1.8, 1.5, 1.2


def pinned(command: list[str]) -> list[str]:
    """The command restricted to CPU 0 where taskset exists (one core, as the target says)."""
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else command


def pipeline_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args, "--quiet"]


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time of the command over `repeat` runs, and the CPU time (user + system) of that run."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=PROJECT_DIR, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
    return best


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of a command, measured in a fresh process so earlier runs do not count."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL,"
             " stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe, *command], cwd=PROJECT_DIR, check=True,
                            capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024


def in_process_rate(corpus: Path) -> float:
    """Words/s of extraction alone (resources loaded, articles read beforehand), pinned to one core."""
    code = ("import sys, time; from pipeline.extract import extract_article, load_resources; "
            "from pipeline.ingest import Article, read_articles; r = load_resources(); "
            "a = [x for x in read_articles([sys.argv[1]]) if isinstance(x, Article)]; "
            "w = sum(len(x.text.split()) for x in a); t = time.perf_counter(); "
            "[extract_article(x, r) for x in a]; print(w / (time.perf_counter() - t))")
    result = subprocess.run(pinned([sys.executable, "-c", code, str(corpus)]), cwd=PROJECT_DIR, check=True,
                            capture_output=True, text=True)
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="corpus for the one-core measurement")
    parser.add_argument("--scale-articles", type=int, default=5000, help="corpus for the workers measurement")
    parser.add_argument("--memory-articles", type=int, default=500, help="1x corpus for memory (10x is also made)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        work = Path(scratch)
        single = work / "single"
        _, words = generate(single, args.articles)
        # warm the resource cache and the page cache, so every timed run starts alike
        subprocess.run(pipeline_command("extract", str(single), "--out", str(work / "warm.csv")), cwd=PROJECT_DIR)
        seconds, cpu = timed(pinned(pipeline_command("extract", str(single), "--out", str(work / "t.csv"))),
                             args.repeat)
        rate = words / seconds
        extraction = in_process_rate(single)
        table(f"One core, whole process: {args.articles} articles, {words:,} words", [
            "measure", "words/s", "x spaCy sm (7,000 w/s)", "target"], [
            ["extract, whole process (start-up included)", f"{rate:,.0f}", f"{rate / SPACY_WORDS_PER_SECOND:.1f}x",
             f"{SINGLE_CORE_TARGET:,} ({'met' if rate >= SINGLE_CORE_TARGET else 'NOT met'})"],
            ["extract, whole process, per CPU second (immune to other load)", f"{words / cpu:,.0f}",
             f"{words / cpu / SPACY_WORDS_PER_SECOND:.1f}x", ""],
            ["extraction only, in process", f"{extraction:,.0f}", f"{extraction / SPACY_WORDS_PER_SECOND:.1f}x", ""],
            ["start-up (whole-process time minus extraction)", f"{seconds - words / extraction:.2f} s", "", ""],
        ])

        scale = work / "scale"
        _, scale_words = generate(scale, args.scale_articles)
        out = str(work / "s.csv")
        runs = [("--workers 1", pipeline_command("extract", str(scale), "--out", out)),
                ("--workers 2", pipeline_command("extract", str(scale), "--out", out, "--workers", "2"))]
        if not args.skip_dask:
            runs.append(("--engine dask (LocalCluster, 2 workers)",
                         pipeline_command("extract", str(scale), "--out", out, "--engine", "dask")))
        times = {label: float("inf") for label, _ in runs}
        for _ in range(args.repeat):  # interleaved, so a burst of other load does not fall on one engine only
            for label, command in runs:
                times[label] = min(times[label], timed(command, 1)[0])
        base = times["--workers 1"]
        targets = {"--workers 2": TWO_WORKER_TARGET, "--engine dask (LocalCluster, 2 workers)": DASK_TARGET}
        table(f"Scaling: {args.scale_articles} articles, {scale_words:,} words, wall time incl. start-up",
              ["run", "seconds", "words/s", "speed-up", "target"],
              [[label, f"{t:.1f}", f"{scale_words / t:,.0f}", f"{base / t:.2f}x",
                f"{targets[label]}x ({'met' if base / t >= targets[label] else 'NOT met'})" if label in targets
                else ""] for label, t in times.items()])

        small, large = work / "mem1", work / "mem10"
        generate(small, args.memory_articles)
        generate(large, args.memory_articles * 10)
        rows = []
        for command in ("extract", "ingest"):
            peaks = []
            for corpus in (small, large):
                target = ["--out", str(work / "m.csv")] if command == "extract" else [
                    "--db", str(work / f"{corpus.name}.duckdb")]
                peaks.append(peak_rss_mb(pipeline_command(command, str(corpus), *target)))
            ratio = peaks[1] / peaks[0]
            rows.append([command, f"{peaks[0]:.0f}", f"{peaks[1]:.0f}", f"{ratio:.2f}x",
                         f"{MEMORY_TARGET}x ({'met' if ratio <= MEMORY_TARGET else 'NOT met'})"])
        table(f"Peak memory (RSS, MB): {args.memory_articles} vs {args.memory_articles * 10} articles",
              ["command", "1x", "10x", "ratio", "target"], rows)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end; ru_maxrss of this script "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
