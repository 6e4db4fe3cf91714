"""Synthesise a corpus of N distinct articles from the sample corpus (for benchmarks; never committed).

    python bench/generate_corpus.py OUT_DIR --articles 5000 [--seed 0]

Variant k of a sample article is the same story with its publication date moved k days later,
and, chosen at random per variant, some officials' surnames altered (`Putin` -> `Putinov`) and
some cities swapped for others (`Geneva` -> `Vienna`), everywhere in the text. So every variant
is a distinct article (its own id and content hash) that costs extraction about the same work as
the original, and the participant sets and dates spread out the way a growing corpus's do.
Variant 0 is the original.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT_DIR / "data" / "articles"
sys.path.insert(0, str(PROJECT_DIR))

from pipeline.ingest import ReadOptions, parse_text_article  # noqa: E402

SURNAMES = ("Biden", "Putin", "Trump", "Xi", "Zelensky", "Kim", "Modi", "Blinken", "Macron", "Erdogan", "Lavrov",
            "Kishida", "Yoon", "Sunak", "Scholz", "Guterres", "Netanyahu", "Merkel", "Meloni", "Rubio")
SUFFIXES = ("ov", "son", "ez", "ski", "er", "ani", "escu", "ing")
CITIES = ("Geneva", "Moscow", "Beijing", "Kyiv", "Berlin", "Tokyo", "Seoul", "Warsaw", "Hanoi", "Osaka", "Jeddah",
          "Pyongyang", "Brussels", "London", "Madrid", "Istanbul", "Riyadh", "Ankara")
REPLACEMENT_CITIES = ("Vienna", "Oslo", "Helsinki", "Lisbon", "Rome", "Cairo", "Nairobi", "Jakarta", "Manila",
                      "Bangkok", "Ottawa", "Canberra", "Dublin", "Prague", "Budapest", "Athens", "Doha", "Singapore")


def variant(text: str, index: int, rng: random.Random) -> str:
    """The article text with its date moved `index` days and some names and cities swapped."""
    published = re.match(r"^(\s*date[ \t]+)(\d{4}-\d{2}-\d{2})", text)
    if published:  # the header line, or a header that runs into the body (` date 2019-06-30 PANMUNJOM ...`)
        moved = dt.date.fromisoformat(published.group(2)) + dt.timedelta(days=index)
        text = published.group(1) + moved.isoformat() + text[published.end():]
    if index:
        for surname in SURNAMES:
            if rng.random() < 0.3:
                text = re.sub(rf"\b{surname}\b", surname + rng.choice(SUFFIXES), text)
        for city in CITIES:
            if rng.random() < 0.3:
                text = re.sub(rf"\b{city}\b", rng.choice(REPLACEMENT_CITIES), text)
    return text


def generate(target: Path, articles: int, seed: int = 0, source: Path = SAMPLE, first: int = 0) -> tuple[int, int]:
    """Write `articles` distinct text articles into `target`, variants `first` and up of each sample article;
    returns (articles, words of their bodies). Corpora made with `first` apart do not overlap."""
    target.mkdir(parents=True, exist_ok=True)
    originals = sorted(source.glob("*.txt"))
    rng = random.Random(seed)
    words = 0
    for number in range(articles):
        original = originals[number % len(originals)]
        index = first + number // len(originals)
        text = variant(original.read_text(encoding="utf-8"), index, rng)
        (target / f"{original.stem}-v{index:04d}.txt").write_text(text, encoding="utf-8")
        words += len(parse_text_article(text, original.stem, ReadOptions()).text.split())
    return articles, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--first-variant", type=int, default=0, help="start at this variant (0 is the original)")
    args = parser.parse_args()
    count, words = generate(args.out, args.articles, args.seed, first=args.first_variant)
    print(f"{count} articles, {words} words in {args.out}")


if __name__ == "__main__":
    main()
