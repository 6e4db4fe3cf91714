"""Uploads: safe names, zip refusals (traversal, nesting, bombs), and the per-file report."""

from __future__ import annotations

import io
import zipfile

import pytest

from dashboard.uploads import (
    ZIP_LIMITS,
    FileReport,
    Member,
    ZipLimits,
    _read_bounded,
    extract_uploads,
    sanitise_name,
    unpack_upload,
    unsafe_member_name,
)
from tests.conftest import FIXTURES

KERRY = (FIXTURES / "articles" / "kerry_lavrov_climate.txt").read_bytes()


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("raw", "safe"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\me\\Café report (1).TXT", "Cafe_report_1.txt"),
    (".hidden.csv", "hidden.csv"),
    ("", "upload"),
    ("noext", "noext"),
])
def test_names_are_sanitised(raw, safe):
    assert sanitise_name(raw) == safe


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/cron.d/x.txt", "C:/x.txt",
                                  "..\\..\\x.txt"])
def test_traversal_names_are_unsafe(name):
    assert "path traversal" in unsafe_member_name(name)


def test_plain_member_names_are_safe():
    assert unsafe_member_name("folder/article.txt") is None


def test_zip_members_are_kept_or_refused_with_a_reason():
    archive = make_zip({"corpus/kerry.txt": KERRY, "../evil.txt": KERRY, "inner.zip": make_zip({"a.txt": KERRY}),
                        "photo.png": b"\x89PNG", "disguised.txt": make_zip({"b.txt": KERRY}),
                        "__MACOSX/.ds": b"x", "table.csv": b"id,published,text\n"})
    members, refused = unpack_upload("batch.zip", archive)
    assert [m.name for m in members] == ["kerry.txt", "table.csv"]
    assert members[0].origin == "batch.zip/corpus/kerry.txt" and members[0].data == KERRY
    reasons = {r.file: r.refused[0] for r in refused}
    assert "path traversal" in reasons["batch.zip/../evil.txt"]
    assert "nested archive" in reasons["batch.zip/inner.zip"]
    assert "nested archive" in reasons["batch.zip/disguised.txt"]
    assert "unsupported file type .png" in reasons["batch.zip/photo.png"]
    assert all(r.status == "refused" for r in refused)


def test_highly_compressed_member_is_refused_as_a_bomb():
    archive = make_zip({"zeros.txt": b"0" * (2 * 1024 * 1024), "kerry.txt": KERRY})
    members, refused = unpack_upload("bomb.zip", archive)
    assert [m.name for m in members] == ["kerry.txt"]
    assert "compression ratio" in refused[0].refused[0] and "zip bomb" in refused[0].refused[0]


def test_archive_over_the_total_or_member_count_is_refused_whole():
    archive = make_zip({f"a{i}.txt": KERRY for i in range(3)})
    members, refused = unpack_upload("many.zip", archive, ZipLimits(max_members=2))
    assert members == [] and "3 files, over the limit of 2" in refused[0].refused[0]
    members, refused = unpack_upload("big.zip", archive, ZipLimits(max_total_bytes=len(KERRY) * 2))
    assert members == [] and "possible zip bomb" in refused[0].refused[0]


def test_reading_stops_at_the_limit_whatever_the_header_says():
    archive = zipfile.ZipFile(io.BytesIO(make_zip({"a.txt": KERRY})))
    assert _read_bounded(archive, archive.infolist()[0], 10) is None
    assert _read_bounded(archive, archive.infolist()[0], len(KERRY)) == KERRY


def test_limits_are_documented_constants():
    assert ZIP_LIMITS.max_members > 0 and ZIP_LIMITS.max_ratio >= 10
    assert ZIP_LIMITS.max_member_bytes <= ZIP_LIMITS.max_total_bytes


def test_other_uploads():
    assert unpack_upload("report.pdf", b"%PDF")[1][0].refused[0].startswith("unsupported file type .pdf")
    assert "not a readable zip" in unpack_upload("broken.zip", b"not a zip")[1][0].refused[0]
    members, refused = unpack_upload("My Article.txt", KERRY)
    assert members == [Member("My_Article.txt", KERRY, "My Article.txt")] and refused == []


def store(tmp_path, members: list[Member]) -> list[tuple[Member, object]]:
    stored = []
    for member in members:
        path = tmp_path / member.name
        path.write_bytes(member.data)
        stored.append((member, path))
    return stored


def test_extraction_reports_added_refused_and_copies(tmp_path):
    members = [Member("kerry.txt", KERRY, "kerry.txt"),
               Member("no_date.txt", (FIXTURES / "bad" / "no_date.txt").read_bytes(), "upload/no_date.txt"),
               Member("table.csv", (FIXTURES / "articles" / "table_articles.csv").read_bytes(), "table.csv")]
    progress: list[float] = []
    reports = extract_uploads(store(tmp_path, members), set(), set(), on_progress=lambda f, _m: progress.append(f))
    kerry, no_date, table = reports
    assert kerry.status == "added" and kerry.articles == 1 and kerry.events >= 1
    assert no_date.status == "refused" and "no publication date" in no_date.refused[0]
    assert no_date.refused[0].startswith("upload/no_date.txt")  # the user's name, not our storage path
    assert table.status == "partly added" and any("table.csv:" in r for r in table.refused)
    assert progress[-1] == 1.0 and progress == sorted(progress)
    again = extract_uploads(store(tmp_path / ".." / tmp_path.name, members[:1]), set(), {_hash_of(tmp_path)})
    assert again[0].status == "refused" and "already in the dashboard" in again[0].refused[0]


def _hash_of(tmp_path) -> str:
    from pipeline.ingest import ReadOptions, read_file

    article = next(iter(read_file(tmp_path / "kerry.txt", ReadOptions())))
    return article.content_hash


def test_report_rows_are_table_ready():
    row = FileReport("a.txt", articles=2, events=3, refused=["a.txt:4: bad"]).as_row()
    assert row == {"file": "a.txt", "status": "partly added", "articles added": 2, "events found": 3,
                   "refused and why": "a.txt:4: bad", "warnings": ""}


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_partly_refused_table_keeps_only_what_was_added(tmp_path, suffix):
    """A refused row must not come back when the app re-reads its upload folders (it could replace
    the stored article whose id it carries)."""
    import json

    from pipeline.ingest import ReadOptions, read_file

    body = ("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on "
            "Thursday, the first such summit in twelve years.")
    rows = [{"id": "taken", "published": "2023-03-17", "title": "Stored elsewhere", "text": "Other words."},
            {"id": "new-one", "published": "2023-03-17", "title": "Kishida and Yoon", "text": body},
            {"id": "undated", "published": "", "title": "No date", "text": "Some words."}]
    if suffix == ".csv":
        lines = ["id,published,title,text"] + [f'{r["id"]},{r["published"]},{r["title"]},"{r["text"]}"' for r in rows]
        data = ("\n".join(lines) + "\n").encode("latin-1")
    else:
        data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    member = Member(f"table{suffix}", data, f"table{suffix}")
    [(_, path)] = stored = store(tmp_path, [member])
    before = [a for a in read_file(path, ReadOptions()) if not hasattr(a, "message")]
    [report] = extract_uploads(stored, {"taken"}, set())
    assert report.status == "partly added" and report.articles == 1 and len(report.refused) == 2
    after = list(read_file(path, ReadOptions()))
    assert [a.article_id for a in after] == ["new-one"]
    [kept] = [a for a in before if a.article_id == "new-one"]
    assert after[0].content_hash == kept.content_hash and after[0].title == "Kishida and Yoon"
    assert not list(tmp_path.glob("*.partial"))
