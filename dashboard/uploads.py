"""Uploaded files: unpacking zips safely, sanitising names, and a per-file report of what was added.

No Streamlit and no file-system policy here: :func:`unpack_upload` turns an upload's bytes into
members (or refusals), `dashboard.data.save_upload` stores them, and :func:`extract_uploads` runs
the pipeline on them, hands what it extracted to the store (`dashboard.data.store_articles`), and
says, file by file, what was added and what was refused and why. Each article is extracted once.

Zip archives are untrusted input. A member is refused when its name could escape the upload
folder (absolute, `..`, drive letters), when it is itself an archive, when it is not a supported
article file, or when it looks like a decompression bomb; the whole archive is refused when it has
too many members or would unpack to too much. The limits are :data:`ZIP_LIMITS`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.extract import Resources, extract_article, load_resources
from pipeline.ingest import TABLE_SUFFIXES, Article, Problem, ReadOptions, read_articles
from pipeline.timeline import BATCH_SIZE

ARTICLE_SUFFIXES = (".txt", ".csv", ".jsonl")
UPLOAD_TYPES = ("txt", "csv", "jsonl", "zip")  # for st.file_uploader(type=...)
ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".zst", ".jar")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x28\xb5\x2f\xfd")


@dataclass(frozen=True)
class ZipLimits:
    """How much one uploaded zip may hold; over these it is refused (README: "Add articles")."""

    max_members: int = 2_000  # files in the archive
    max_total_bytes: int = 200 * 1024 * 1024  # all members, uncompressed (200 MiB)
    max_member_bytes: int = 50 * 1024 * 1024  # one member, uncompressed (50 MiB)
    max_ratio: float = 100.0  # uncompressed / compressed size of one member


ZIP_LIMITS = ZipLimits()


@dataclass(frozen=True)
class Member:
    """One article file to store: its sanitised name, bytes, and where it came from (for the report)."""

    name: str
    data: bytes
    origin: str


@dataclass
class FileReport:
    """What happened to one uploaded file (or zip member): added, partly added, or refused."""

    file: str
    articles: int = 0
    events: int = 0
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.articles == 0:
            return "refused"
        return "partly added" if self.refused else "added"

    def as_row(self) -> dict[str, object]:
        return {"file": self.file, "status": self.status, "articles added": self.articles,
                "events found": self.events, "refused and why": "; ".join(self.refused),
                "warnings": "; ".join(self.warnings)}


def sanitise_name(name: str) -> str:
    """A safe file name from an uploaded one: last path part, ASCII letters, digits, `.`, `-`, `_`.

    Keeps the extension (lower-cased) so the reader knows the format; never empty, never hidden.
    """
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:100] or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


def unsafe_member_name(name: str) -> str | None:
    """Why a zip member's name is unsafe to extract (None when it is safe)."""
    if not name or "\x00" in name:
        return "empty or invalid member name"
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised):
        return "absolute path in the archive (path traversal)"
    if ".." in PurePosixPath(normalised).parts:
        return "member name climbs out of the archive with '..' (path traversal)"
    return None


def _suffix(name: str) -> str:
    lower = name.lower()
    return next((s for s in (".tar.gz", ".tar.bz2", ".tar.xz") if lower.endswith(s)), PurePosixPath(lower).suffix)


def unpack_upload(name: str, data: bytes, limits: ZipLimits = ZIP_LIMITS) -> tuple[list[Member], list[FileReport]]:
    """The article files in one upload, and a report for each file or member refused before reading."""
    suffix = _suffix(name)
    if suffix == ".zip":
        return _unpack_zip(name, data, limits)
    if suffix in ARTICLE_SUFFIXES:
        if data.startswith(ARCHIVE_MAGIC):
            return [], [FileReport(name, refused=["an archive disguised as an article file"])]
        return [Member(sanitise_name(name), data, name)], []
    return [], [FileReport(name, refused=[f"unsupported file type {suffix or '(none)'}; use .txt, .csv, "
                                          ".jsonl or a .zip of them"])]


def _unpack_zip(name: str, data: bytes, limits: ZipLimits) -> tuple[list[Member], list[FileReport]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [], [FileReport(name, refused=[f"not a readable zip archive ({exc})"])]
    if len(infos) > limits.max_members:
        return [], [FileReport(name, refused=[f"archive has {len(infos):,} files, over the limit of "
                                              f"{limits.max_members:,}"])]
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        return [], [FileReport(name, refused=[f"archive would unpack to {declared:,} bytes, over the limit of "
                                              f"{limits.max_total_bytes:,} (possible zip bomb)"])]
    members: list[Member] = []
    reports: list[FileReport] = []
    total = 0
    for info in infos:
        where = f"{name}/{info.filename}"
        reason = _refuse_member(info, limits)
        if reason is None:
            try:
                content = _read_bounded(archive, info, limits.max_member_bytes)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
                content, reason = None, f"cannot unpack ({exc})"
            if content is None and reason is None:
                reason = f"unpacks to more than {limits.max_member_bytes:,} bytes (possible zip bomb)"
            elif content is not None and content.startswith(ARCHIVE_MAGIC):
                reason = "nested archive (archives inside archives are not unpacked)"
            elif content is not None:
                total += len(content)
                if total > limits.max_total_bytes:
                    return [], [FileReport(name, refused=["archive unpacks to more than "
                                                          f"{limits.max_total_bytes:,} bytes (possible zip bomb)"])]
                members.append(Member(sanitise_name(info.filename), content, where))
        if reason is not None and not PurePosixPath(info.filename).name.startswith("."):
            reports.append(FileReport(where, refused=[reason]))
    return members, reports


def _refuse_member(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    unsafe = unsafe_member_name(info.filename)
    if unsafe:
        return unsafe
    if PurePosixPath(info.filename).name.startswith("."):
        return "hidden file"
    suffix = _suffix(info.filename)
    if suffix in ARCHIVE_SUFFIXES:
        return "nested archive (archives inside archives are not unpacked)"
    if suffix not in ARTICLE_SUFFIXES:
        return f"unsupported file type {suffix or '(none)'}; use .txt, .csv or .jsonl"
    if info.flag_bits & 0x1:
        return "encrypted member"
    if info.file_size > limits.max_member_bytes:
        return f"unpacks to {info.file_size:,} bytes, over the limit of {limits.max_member_bytes:,}"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
        return f"compression ratio {ratio:,.0f}:1 over the limit of {limits.max_ratio:,.0f}:1 (possible zip bomb)"
    return None


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None when it unpacks past `limit` (headers can lie about sizes)."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


Extracted = list[tuple[Article, list[dict[str, object]]]]  # articles with their rows, ready for the store


def extract_uploads(stored: Iterable[tuple[Member, Path]], known_ids: set[str], known_hashes: set[str],
                    on_progress: Callable[[float, str], None] | None = None,
                    options: ReadOptions | None = None, resources: Resources | None = None,
                    on_extracted: Callable[[Extracted], object] | None = None) -> list[FileReport]:
    """Read and extract each stored upload; articles already known (by id or content) are refused as copies.

    `on_extracted(articles)` receives the extracted articles with their rows, up to a batch at a time,
    to store them; `on_progress(fraction, message)` is called after each article and file, so the page
    can move a bar.
    """
    stored = list(stored)
    resources = resources or load_resources()
    ids, hashes = set(known_ids), set(known_hashes)
    reports: list[FileReport] = []
    for number, (member, path) in enumerate(stored):
        def step(message: str, done: float, number: int = number) -> None:
            if on_progress is not None:
                on_progress(min((number + done) / len(stored), 1.0), message)

        reports.append(_extract_one(member, path, ids, hashes, step, options, resources, on_extracted))
        step(f"{member.origin}: done", 1.0)
    return reports


def _extract_one(member: Member, path: Path, ids: set[str], hashes: set[str], step: Callable[[str, float], None],
                 options: ReadOptions | None, resources: Resources,
                 on_extracted: Callable[[Extracted], object] | None) -> FileReport:
    """Extract one stored file; `ids` and `hashes` grow with what it adds, so later files see them.

    An article whose extraction fails is refused and not stored (as `ingest` does), so it is not counted
    as added.
    """
    report = FileReport(member.origin)
    pending: Extracted = []
    kept: list[Article] = []

    def flush() -> None:
        if pending and on_extracted is not None:
            on_extracted(list(pending))
        pending.clear()

    for item in read_articles([path], options):
        if isinstance(item, Problem):
            text = f"{_where(item.where, path, member)}: {item.message}"
            (report.warnings if item.level == "warning" else report.refused).append(text)
            continue
        where = _where(item.origin, path, member)
        if item.content_hash in hashes:
            report.refused.append(f"{where}: already in the dashboard")
            continue
        if item.article_id in ids:
            report.refused.append(f"{where}: article id {item.article_id!r} is already used")
            continue
        hashes.add(item.content_hash)
        ids.add(item.article_id)
        try:
            rows = extract_article(item, resources)
        except Exception as exc:  # one article's crash is reported against it, never ends the upload
            report.refused.append(f"{where or item.article_id}: extraction failed: {exc!r}")
            continue
        report.articles += 1
        report.events += len(rows)
        kept.append(item)
        pending.append((item, rows))
        if len(pending) >= BATCH_SIZE:
            flush()
        step(f"{member.origin}: {report.articles} article(s) read", 0.5)
    flush()
    if report.refused and kept and path.suffix.lower() in TABLE_SUFFIXES:
        keep_only(path, kept)
    return report


def keep_only(path: Path, articles: list[Article]) -> None:
    """Rewrite a partly refused table upload to hold only the articles that were added.

    Why: the dashboard re-reads its upload folders to keep the store current. A refused row left in
    the file could come back on a later start — a row carrying the id of an article stored from
    elsewhere would then replace that article. Written in the file's own format (UTF-8, explicit ids,
    so every kept article keeps its id and content hash), to a temporary name first, then swapped in.
    """
    columns = ("id", "published", "title", "source", "url", "text")
    records = [dict(zip(columns, (a.article_id, a.published.isoformat(), a.title, a.source, a.url, a.text),
                        strict=True)) for a in articles]
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(records)
        else:
            handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    partial.replace(path)


def _where(where: str, path: Path, member: Member) -> str:
    """A problem's location in the user's terms: their file name (and row), not our storage path."""
    text = str(where)
    return member.origin + text[len(str(path)):] if text.startswith(str(path)) else text
