"""TempEval-3 date resolution with the sentence around each expression, as the pipeline sees it.

The shared scorer (../shared/te3/score.py) calls `resolve_date(text, published)` with the bare
expression, so `Monday` cannot know whether the sentence looks back or forward. The pipeline
always has the sentence: this script measures that setting, reading the tense of the clause
around each gold expression with `pipeline.event_dates.clause_tense`.

    python bench/te3_in_context.py ../shared/te3/TBAQ-cleaned/TimeBank [--verbose]

Research material under ../shared is read here, never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.dates import resolve_date
from pipeline.event_dates import clause_tense

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)


def items(folder: Path):
    """(document, publication date, plain text, start, end, expression, gold value) for scored DATE timexes."""
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        published = dt.date.fromisoformat(re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S).group(1))
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
        plain, spans, position = [], [], 0
        for match in TIMEX.finditer(body):
            plain.append(html.unescape(re.sub(r"<[^>]+>", "", body[position: match.start()])))
            start = sum(len(p) for p in plain)
            text = html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
            plain.append(text)
            spans.append((start, start + len(text), match.group(1), text))
            position = match.end()
        plain.append(html.unescape(re.sub(r"<[^>]+>", "", body[position:])))
        full = "".join(plain)
        for start, end, attrs, text in spans:
            kind = re.search(r'type="([^"]+)"', attrs)
            value = re.search(r'value="([^"]+)"', attrs)
            if kind and kind.group(1) == "DATE" and value and ISO.match(value.group(1)):
                yield path.stem, published, full, start, end, " ".join(text.split()), value.group(1)


def main(argv: list[str]) -> None:
    verbose = "--verbose" in argv
    folder = Path(next(a for a in argv if not a.startswith("--")))
    total = right = 0
    for doc, published, full, start, end, text, gold in items(folder):
        total += 1
        result = resolve_date(text, published, clause_tense(full, start, end))
        got = result.value if result else None
        right += got == gold
        if verbose and got != gold:
            print(f"{doc}\t{published}\t{text!r}\tgold={gold}\tgot={got}\t{full[max(0, start - 60): end + 40]!r}")
    print(f"te3 DATE values in context: {right}/{total} correct = {right / total:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
