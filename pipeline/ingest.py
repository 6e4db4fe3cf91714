"""Reading articles: text files with a `date` header, CSV and JSON Lines tables, folders.

Reading is a generator so a corpus of any size streams through in constant memory, and
every bad file or row becomes a :class:`Problem` naming it while the rest goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt"})
TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES
HEADER_KEYS = ("date", "title", "source", "url")
DATE_COLUMNS = ("published", "date")
TEXT_COLUMNS = ("text", "body")
FUTURE_TOLERANCE_DAYS = 2  # a story dated a day or two ahead is a time-zone matter: kept, with a warning
FAR_FUTURE_DAYS = 366  # further ahead is a typo in the header: refused, so no bogus future events are made

_HEADER_LINE = re.compile(r"^\s*(date|title|source|url)(?:[ \t]+(.*?))?\s*$", re.IGNORECASE)
_INLINE_DATE = re.compile(r"^\s*date[ \t]+(\S+)[ \t]+(\S.*)$", re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Article:
    """One news article, ready for extraction."""

    article_id: str
    published: dt.date
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    origin: str = ""  # file, or file:row, for messages

    @property
    def content_hash(self) -> str:
        """Hash of what extraction reads, so a changed article is re-processed and a copy is not."""
        key = "\x1f".join([self.published.isoformat(), self.title, self.text])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    """A file or row that was refused (``error``) or read with a caveat (``warning``)."""

    where: str
    message: str
    level: str = "error"
    reason: str = ""  # a few words for the run summary ("empty file"); defaults to the message

    @property
    def short_reason(self) -> str:
        return self.reason or self.message.split(";")[0].split(" (")[0][:40]

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


@dataclass(frozen=True)
class ReadOptions:
    """Limits and defaults for reading; documented in README under "Limits and bad input"."""

    default_published: dt.date | None = None
    max_file_bytes: int = 200 * 1024 * 1024
    max_text_chars: int = 2_000_000
    today: dt.date = field(default_factory=dt.date.today)


class ArticleError(ValueError):
    """An article that cannot be read; the message says why, in words for an analyst."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


def iter_input_files(inputs: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Expand inputs to files: a folder means every supported file below it, in a stable order."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for child in _files_below(path):
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
                else:
                    yield Problem(str(child), f"not an article file ({child.suffix or 'no extension'}); skipped",
                                  "warning", "unsupported type")
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield Problem(str(path), f"unsupported file type {path.suffix or '(none)'}; "
                              "use .txt, .csv or .jsonl", reason="unsupported type")
        else:
            yield Problem(str(path), "no such file or folder", reason="not found")


def _files_below(folder: Path) -> list[Path]:
    """Files below a folder in a stable (sorted) order, hidden files and folders left out.

    os.walk lists names without a stat call per file, and sorting strings is far cheaper than sorting
    Path objects: this matters for folders of hundreds of thousands of articles.
    """
    found: list[str] = []
    for root, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        found.extend(os.path.join(root, name) for name in names if not name.startswith("."))
    return [Path(name) for name in sorted(found)]


def read_articles(inputs: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Article | Problem]:
    """Every article in the inputs, with a Problem for each file or row that could not be read.

    Duplicates (same content as an article already read) are reported and skipped, so a corpus
    copied twice into a folder does not double the timeline.
    """
    options = options or ReadOptions()
    # What a run remembers per article is small (a 12-byte digest, an index into the file list and a row),
    # so duplicate detection stays cheap at millions of articles.
    seen_content: dict[bytes, tuple[int, str]] = {}
    seen_ids: set[str] = set()
    files: list[str] = []
    for item in iter_input_files(inputs):
        if isinstance(item, Problem):
            yield item
            continue
        files.append(str(item))
        for result in read_file(item, options):
            if isinstance(result, Article):
                digest = bytes.fromhex(result.content_hash[:24])
                first = seen_content.get(digest)
                if first is not None:
                    where = files[first[0]] + (f":{first[1]}" if first[1] else "")
                    yield Problem(result.origin, f"duplicate of {where}; skipped", "warning", "duplicate")
                    continue
                if result.article_id in seen_ids:
                    yield Problem(result.origin, f"article id {result.article_id!r} already used; skipped",
                                  reason="duplicate id")
                    continue
                row = result.origin[len(files[-1]) + 1:] if result.origin.startswith(files[-1] + ":") else ""
                seen_content[digest] = (len(files) - 1, row)
                seen_ids.add(result.article_id)
            yield result


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles of one file; never raises for bad content."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}")
        return
    if size > options.max_file_bytes:
        yield Problem(where, f"file is {size:,} bytes, over the limit of {options.max_file_bytes:,}; "
                      "raise it with --max-file-mb", reason="too large")
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text, warning = decode_bytes(raw)
    except ArticleError as exc:
        yield Problem(where, str(exc), reason=exc.reason)
        return
    if warning:
        yield Problem(where, warning, "warning")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            article = parse_text_article(text, path.stem, options)
        except ArticleError as exc:
            yield Problem(where, str(exc), reason=exc.reason)
            return
        yield from _with_date_warning(_replace_origin(article, where), options)
    elif suffix == ".csv":
        yield from parse_csv_articles(text, where, options)
    else:
        yield from parse_jsonl_articles(text, where, options)


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Text of a file and a warning when it was not UTF-8.

    UTF-16 is recognised by its byte-order mark; other non-UTF-8 text is read as Windows-1252
    (a superset of Latin-1 for printable text), which is what mis-saved newswire nearly always is.
    Binary files are refused rather than turned into noise.
    """
    if not raw.strip():
        raise ArticleError("empty file", "empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "not UTF-8: decoded as UTF-16"
        except UnicodeDecodeError as exc:
            raise ArticleError(f"broken UTF-16 text ({exc.reason})", "bad encoding") from None
    if b"\x00" in raw[:4096]:
        raise ArticleError("binary file, not text", "binary file")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise ArticleError("not UTF-8 and not readable as Windows-1252 text", "bad encoding")
    return text, "not UTF-8: decoded as Windows-1252 (Latin-1)"


def parse_text_article(text: str, article_id: str, options: ReadOptions | None = None) -> Article:
    """Parse the project's text format: `key value` header lines, then the body.

    The header may also run straight into the body on one line (`date 2021-07-13 United ...`),
    as some exported feeds write it.
    """
    options = options or ReadOptions()
    header: dict[str, str] = {}
    lines = text.lstrip("\ufeff").splitlines()
    body_start = 0
    inline_body = ""
    for index, line in enumerate(lines):
        if not line.strip():
            if header:
                body_start = index + 1
                break
            continue
        inline = _INLINE_DATE.match(line)
        if "date" not in header and inline and _ISO_DAY.match(inline.group(1)):
            header["date"] = inline.group(1)
            inline_body = inline.group(2)
            body_start = index + 1
            break
        match = _HEADER_LINE.match(line)
        if match is None or match.group(1).lower() in header:
            body_start = index
            break
        header[match.group(1).lower()] = (match.group(2) or "").strip()
        body_start = index + 1
    body = "\n".join(([inline_body] if inline_body else []) + lines[body_start:]).strip()
    if not body:
        raise ArticleError("no article text after the header", "no text")
    published = _published_from(header.get("date"), options, "a `date YYYY-MM-DD` header line")
    return _make_article(article_id, published, body, header, options)


def parse_csv_articles(text: str, where: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Rows of a CSV table; a bad row is reported with its line number and the good rows are kept."""
    csv.field_size_limit(max(options.max_text_chars * 2, 131072))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip().lower() for c in next(reader)]
    except (StopIteration, csv.Error) as exc:
        yield Problem(where, f"no readable header row ({exc})" if str(exc) else "no header row")
        return
    problem = _missing_columns(columns, options)
    if problem:
        yield Problem(where, problem, reason="missing columns")
        return
    while True:
        row_number = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "field too large" if "field limit" in str(exc) else "malformed row"
            yield Problem(f"{where}:{row_number}", f"malformed row ({exc})", reason=reason)
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            yield Problem(f"{where}:{row_number}", f"row has {len(values)} fields, header has {len(columns)}",
                          reason="malformed row")
            continue
        if _swallowed_rows(values, len(columns)):
            yield Problem(f"{where}:{row_number}", "a quoted field seems never to close: it holds what look like "
                          "the following rows, which were read as its text", "warning", "unclosed quote")
        yield from _record_article(dict(zip(columns, values, strict=True)), f"{where}:{row_number}", options)


def parse_jsonl_articles(text: str, where: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Lines of a JSON Lines table; a bad line is reported with its number and the rest are kept."""
    header_checked = False
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        row_where = f"{where}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(row_where, f"not valid JSON ({exc.msg})", reason="invalid JSON")
            continue
        if not isinstance(record, dict):
            yield Problem(row_where, "each line must be a JSON object", reason="invalid JSON")
            continue
        record = {str(k).strip().lower(): v for k, v in record.items()}
        if not header_checked:
            problem = _missing_columns(list(record), options)
            if problem:
                yield Problem(row_where, problem, reason="missing columns")
                continue
            header_checked = True
        yield from _record_article(record, row_where, options)


_ROW_START = re.compile(r"\n[^\n,]*,\s*\d{4}-\d{2}-\d{2}\s*,")


def _swallowed_rows(values: list[str], width: int) -> bool:
    """Whether a field contains lines shaped like whole rows (`\n5,2020-01-05,...`): an unclosed quote."""
    return width > 1 and any("\n" in value and _ROW_START.search(value) for value in values)


def _missing_columns(columns: list[str], options: ReadOptions) -> str | None:
    needs = [TEXT_COLUMNS] + ([] if options.default_published else [DATE_COLUMNS])
    missing = [" or ".join(group) for group in needs if not any(c in columns for c in group)]
    if missing:
        return f"missing column(s): {', '.join(missing)}"
    return None


def _record_article(record: dict, where: str, options: ReadOptions) -> Iterator[Article | Problem]:
    def cell(names: tuple[str, ...]) -> str:
        for name in names:
            value = record.get(name)
            if value is not None and str(value).strip():
                return str(value).strip()
        return ""

    body = cell(TEXT_COLUMNS)
    if not body:
        yield Problem(where, "empty text", reason="no text")
        return
    try:
        published = _published_from(cell(DATE_COLUMNS) or None, options, "a `published` value")
        header = {"title": cell(("title",)), "source": cell(("source",)), "url": cell(("url",))}
        article_id = cell(("id",)) or _content_id(published, body)
        article = _make_article(article_id, published, body, header, options)
    except ArticleError as exc:
        yield Problem(where, str(exc), reason=exc.reason)
        return
    yield from _with_date_warning(_replace_origin(article, where), options)


def _published_from(value: str | None, options: ReadOptions, what: str) -> dt.date:
    if not value:
        if options.default_published:
            return options.default_published
        raise ArticleError(f"no publication date: add {what} or run with --published YYYY-MM-DD", "no date")
    text = value.strip()[:10]
    if not _ISO_DAY.match(text):
        raise ArticleError(f"publication date {value.strip()!r} is not YYYY-MM-DD", "bad date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ArticleError(f"publication date {value.strip()!r} is not a real date", "bad date") from None


def _make_article(article_id: str, published: dt.date, body: str, header: dict[str, str],
                  options: ReadOptions) -> Article:
    if len(body) > options.max_text_chars:
        raise ArticleError(f"article text has {len(body):,} characters, over the limit of "
                           f"{options.max_text_chars:,}", "too long")
    return Article(
        article_id=article_id.strip(),
        published=published,
        text=body,
        title=header.get("title", ""),
        source=header.get("source", ""),
        url=header.get("url", ""),
    )


def _replace_origin(article: Article, where: str) -> Article:
    return Article(article.article_id, article.published, article.text, article.title, article.source,
                   article.url, where)


def _with_date_warning(article: Article, options: ReadOptions) -> Iterator[Article | Problem]:
    ahead = (article.published - options.today).days
    if ahead > FAR_FUTURE_DAYS:
        yield Problem(article.origin, f"publication date {article.published} is more than a year in the future; "
                      "fix the date header", reason="future date")
        return
    if ahead > FUTURE_TOLERANCE_DAYS:
        yield Problem(article.origin, f"publication date {article.published} is in the future; "
                      "relative dates are resolved against it as given", "warning", "future date")
    yield article


def _content_id(published: dt.date, body: str) -> str:
    return hashlib.sha1(f"{published.isoformat()}\x1f{body}".encode()).hexdigest()[:16]
