"""Reading articles: the text format, tables, folders, and every bad input named while the rest goes on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pipeline.ingest import (
    Article,
    ArticleError,
    Problem,
    ReadOptions,
    decode_bytes,
    parse_text_article,
    read_articles,
)


def _split(results):
    articles = [r for r in results if isinstance(r, Article)]
    problems = [r for r in results if isinstance(r, Problem)]
    return articles, problems


def test_header_lines_then_body():
    article = parse_text_article("date 2020-02-03\ntitle A title\nsource Wire\nurl https://x.org/a\n\nBody text.", "a1")
    assert article.published == dt.date(2020, 2, 3)
    assert (article.title, article.source, article.url) == ("A title", "Wire", "https://x.org/a")
    assert article.text == "Body text."
    assert article.article_id == "a1"


def test_header_without_blank_line_stops_at_first_non_header_line():
    article = parse_text_article("date 2020-02-03\nThe president met the king.\nSecond line.", "a")
    assert article.text == "The president met the king.\nSecond line."


def test_body_that_starts_with_a_header_word_is_kept_after_the_header():
    article = parse_text_article("date 2020-02-03\n\ntitle fights dominate the news.", "a")
    assert article.text == "title fights dominate the news."


def test_missing_date_is_refused_unless_a_default_is_given():
    with pytest.raises(ArticleError, match="no publication date"):
        parse_text_article("title x\n\nBody.", "a")
    article = parse_text_article("title x\n\nBody.", "a", ReadOptions(default_published=dt.date(2021, 1, 2)))
    assert article.published == dt.date(2021, 1, 2)


@pytest.mark.parametrize("value", ["2021-13-45", "2021-02-30", "13/01/2021", "yesterday"])
def test_impossible_dates_are_refused_by_value(value):
    with pytest.raises(ArticleError, match=value.replace("/", ".")):
        parse_text_article(f"date {value}\n\nBody.", "a")


def test_decode_utf8_bom_latin1_utf16_binary_empty():
    assert decode_bytes("é".encode("utf-8-sig")) == ("é", None)
    text, warning = decode_bytes("café".encode("latin-1"))
    assert text == "café" and "Windows-1252" in warning
    text, warning = decode_bytes("date 2020-01-01\n\nx".encode("utf-16"))
    assert text.startswith("date 2020") and "UTF-16" in warning
    with pytest.raises(ArticleError, match="binary"):
        decode_bytes(bytes(range(256)))
    with pytest.raises(ArticleError, match="empty"):
        decode_bytes(b"  \n ")


def test_folder_with_tables_and_bad_files_reports_each_by_name(fixture_articles, bad_inputs):
    articles, problems = _split(list(read_articles([fixture_articles, bad_inputs])))
    ids = {a.article_id for a in articles}
    assert {"kerry_lavrov_climate", "no_contact_statement", "csv-merkel-macron", "jsonl-modi-xi", "latin1"} <= ids
    messages = {p.where.split("/")[-1]: p for p in problems}
    assert messages["empty.txt"].message == "empty file"
    assert "binary" in messages["binary.txt"].message
    assert "2021-13-45" in messages["impossible_date.txt"].message
    assert "no publication date" in messages["no_date.txt"].message
    assert messages["latin1.txt"].level == "warning"
    assert messages["stream.jsonl:2"].reason == "invalid JSON"
    assert messages["table_articles.csv:3"].reason == "no text"


def test_csv_ids_titles_and_published_or_date_columns(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('date,body,title\n2020-05-01,"Some text, with a comma",T\n2020-05-02,Other text,\n')
    articles, problems = _split(list(read_articles([table])))
    assert problems == []
    assert [a.published for a in articles] == [dt.date(2020, 5, 1), dt.date(2020, 5, 2)]
    assert articles[0].text == "Some text, with a comma" and articles[0].title == "T"
    assert len(articles[0].article_id) == 16  # no id column: a stable content hash
    again, _ = _split(list(read_articles([table])))
    assert [a.article_id for a in again] == [a.article_id for a in articles]


def test_csv_missing_columns_and_ragged_rows(tmp_path):
    missing = tmp_path / "missing.csv"
    missing.write_text("id,title\n1,x\n")
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,published,text\n1,2020-01-01,good\n2,2020-01-02\n3,2020-01-03,also good\n")
    articles, problems = _split(list(read_articles([missing, ragged])))
    assert [a.article_id for a in articles] == ["1", "3"]
    assert any("missing column" in p.message and p.where.endswith("missing.csv") for p in problems)
    assert any(p.where.endswith("ragged.csv:3") for p in problems)


def test_jsonl_rows_keep_going_after_bad_lines(tmp_path):
    table = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": "a", "published": "2020-01-01", "text": "one"}), "{oops", "[1, 2]",
             json.dumps({"id": "b", "published": "2020-01-02", "text": "two"})]
    table.write_text("\n".join(lines))
    articles, problems = _split(list(read_articles([table])))
    assert [a.article_id for a in articles] == ["a", "b"]
    assert [p.where.rsplit(":", 1)[1] for p in problems] == ["2", "3"]


def test_duplicates_and_unsupported_and_missing_paths(tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("date 2020-01-01\n\nSame text.")
    (tmp_path / "notes.docx").write_bytes(b"x")
    articles, problems = _split(list(read_articles([tmp_path, tmp_path / "notes.docx", tmp_path / "nope.txt"])))
    assert [a.article_id for a in articles] == ["one"]
    reasons = sorted(p.short_reason for p in problems)
    assert reasons == ["duplicate", "not found", "unsupported type", "unsupported type"]


def test_size_limit_refuses_by_name(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("date 2020-01-01\n\n" + "word " * 1000)
    articles, problems = _split(list(read_articles([big], ReadOptions(max_file_bytes=100))))
    assert articles == [] and problems[0].reason == "too large" and "big.txt" in problems[0].where
