"""The article view's HTML: escaped text, the evidence highlighted, participants, date and place marked."""

from __future__ import annotations

import re

from dashboard.article_markup import (
    Span,
    article_spans,
    choose_marks,
    event_summary_html,
    find_evidence,
    mark_article,
    render_marked,
)

TEXT = ("GENEVA (Wire) — U.S. President Joe Biden met Russian President\nVladimir Putin on Wednesday in Geneva. "
        "Biden said the talks were good. <script>alert('x')</script> On Wednesday evening Putin left.")
EVIDENCE = "U.S. President Joe Biden met Russian President Vladimir Putin on Wednesday in Geneva."


def strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def test_article_text_is_escaped_never_rendered():
    markup = mark_article(TEXT, EVIDENCE, ["Joe Biden", "Vladimir Putin"], "Wednesday", "Geneva")
    assert "<script>" not in markup and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markup
    tags = set(re.findall(r"<(\w+)", markup))
    assert tags <= {"div", "mark", "span"}


def test_evidence_is_found_across_line_breaks_and_highlighted():
    span = find_evidence(TEXT, EVIDENCE)
    assert span is not None and TEXT[span.start:span.end].endswith("in Geneva.")
    markup = mark_article(TEXT, EVIDENCE, [], "", "")
    highlighted = "".join(strip_tags(m) for m in re.findall(r'<mark class="evidence".*?</mark>', markup, re.DOTALL))
    assert highlighted.replace("\n", " ") == EVIDENCE


def test_people_dates_and_places_are_marked():
    markup = mark_article(TEXT, EVIDENCE, ["Joe Biden", "Vladimir Putin"], "Wednesday", "Oval Office, Geneva")
    people = re.findall(r'class="mark-person"[^>]*>([^<]+)<', markup)
    assert people.count("Joe Biden") == 1 and "Biden" in people and "Putin" in people
    dates = re.findall(r'class="mark-date"[^>]*>([^<]+)<', markup)
    assert dates == ["Wednesday"]  # only the one inside the evidence sentence
    assert re.findall(r'class="mark-place"[^>]*>([^<]+)<', markup)[0] == "Geneva"
    assert strip_tags(markup.split('class="article-text"', 1)[1].split(">", 1)[1]).startswith("GENEVA")


def test_marks_never_overlap_and_keep_the_text_whole():
    spans = choose_marks([Span(0, 10, "person"), Span(5, 15, "place"), Span(0, 4, "date"), Span(12, 20, "date")])
    assert spans == [Span(0, 10, "person"), Span(12, 20, "date")]
    text = "a < b & c > d"
    rendered = render_marked(text, [Span(0, 5, "evidence"), Span(2, 3, "person")])
    assert strip_tags(rendered) == "a &lt; b &amp; c &gt; d"


def test_missing_evidence_still_shows_the_article():
    spans = article_spans("Nothing to see here.", "Other sentence entirely.", ["Joe Biden"], "", "")
    assert spans == []
    assert "Nothing to see here." in mark_article("Nothing to see here.", "Other sentence.", [])


def test_event_summary_escapes_every_field(timeline):
    row = timeline.iloc[4].to_dict() | {"title": "<img src=x onerror=alert(1)>", "date_text": "last <b>week</b>"}
    markup = event_summary_html(row)
    assert "<img" not in markup and "&lt;img" in markup and "<b>week" not in markup
    assert "Narendra Modi" in markup and "precision: day" in markup and "Confidence:</b> 0.80" in markup


def test_a_source_card_escapes_the_report_and_says_what_it_reports():
    from dashboard.article_markup import source_card_html

    card = source_card_html({"title": "<script>alert(1)</script> Talks", "source": "Wire & Co", "published":
                             "2021-06-17", "event_type": "meeting", "status": "occurred", "date": "2021-06-16",
                             "date_precision": "day", "date_text": "Wednesday", "source_rank": 0,
                             "evidence": "They met <img src=x onerror=alert(2)>."}, shown=True)
    assert "<script" not in card and "<img" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Talks" in card and "&lt;img src=x onerror=alert(2)&gt;" in card
    assert "Wire &amp; Co · 2021-06-17 · best report: meeting · occurred · 2021-06-16" in card
    assert "“Wednesday”" in card and "(shown below)" in card
    untitled = source_card_html({"article_id": "a-1", "source_rank": 2, "evidence": ""})
    assert "<b>a-1</b>" in untitled and "best report" not in untitled and "shown below" not in untitled


def test_event_card_shows_the_words_behind_the_topics():
    from dashboard.article_markup import event_summary_html

    card = event_summary_html({"participants": "A; B", "countries": "USA; RUS", "topics": "climate",
                               "topic_terms": "climate; <b>emissions</b>", "evidence": "x"})
    assert "(from: climate; &lt;b&gt;emissions&lt;/b&gt;)" in card
