"""The whole article as safe HTML: evidence sentence highlighted, participants, dates and places marked.

Article text is never trusted: every character of it goes through `html.escape`, and the only
tags in the result are the ones this module writes (`<mark>`, `<span>`, `<div>`), with fixed
attributes. Marks are found on the raw text, then the text is cut at their boundaries and each
piece is escaped and wrapped, so a mark can never split an escape sequence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from pipeline.schema import split_list

# Styles readable on Streamlit's light and dark themes: translucent backgrounds, inherited text colour.
EVIDENCE_STYLE = "background: rgba(255, 196, 0, 0.38); color: inherit; padding: 0 1px; border-radius: 2px;"
KIND_STYLES = {
    "person": "font-weight: 700; border-bottom: 2px solid #1f77b4;",
    "date": "border-bottom: 2px dashed #2ca02c; font-style: italic;",
    "place": "border-bottom: 2px dotted #d62728;",
}
KIND_TITLES = {"person": "participant", "date": "date of the contact", "place": "place of the contact"}
CONTAINER_STYLE = ("white-space: pre-wrap; line-height: 1.6; font-size: 1rem; max-height: 36rem; overflow-y: auto; "
                   "padding: 0.75rem 1rem; border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem;")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "evidence", "person", "date", "place"


def find_evidence(text: str, evidence: str) -> Span | None:
    """Where the evidence sentence is in the article, ignoring differences in whitespace."""
    words = evidence.split()
    if not words:
        return None
    for count in (len(words), min(len(words), 12)):
        pattern = r"\s+".join(re.escape(word) for word in words[:count])
        match = re.search(pattern, text)
        if match:
            end = match.end() if count == len(words) else _sentence_end(text, match.end())
            return Span(match.start(), end, "evidence")
    return None


def _sentence_end(text: str, start: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)").search(text, start)
    return match.end() if match else len(text)


def name_variants(people: Iterable[str]) -> list[str]:
    """Full names and surnames (three letters or more) to mark, longest first."""
    variants: set[str] = set()
    for name in people:
        name = name.strip()
        if not name:
            continue
        variants.add(name)
        parts = name.split()
        if len(parts) > 1 and len(parts[-1]) >= 3:
            variants.add(parts[-1])
    return sorted(variants, key=lambda v: (-len(v), v))


def place_variants(location: str) -> list[str]:
    """The place and its comma-separated parts ("Oval Office, Washington" -> also "Oval Office", "Washington")."""
    parts = [location.strip()] + [p.strip() for p in location.split(",")]
    return sorted({p for p in parts if len(p) >= 3}, key=lambda v: (-len(v), v))


def find_terms(text: str, terms: Iterable[str], kind: str, ignore_case: bool = False) -> list[Span]:
    """Every whole-word occurrence of each term."""
    spans = []
    flags = re.IGNORECASE if ignore_case else 0
    for term in terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags):
            spans.append(Span(match.start(), match.end(), kind))
    return spans


def choose_marks(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping entity marks: earliest first, the longer one when two start together."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def article_spans(text: str, evidence: str, people: Iterable[str], date_text: str, location: str) -> list[Span]:
    """The evidence span (if found) followed by the entity marks, ready for :func:`render_marked`.

    The date words are marked only inside the evidence sentence when they occur there (a weekday
    name elsewhere in the article is another day), else at their first occurrence.
    """
    sentence = find_evidence(text, evidence)
    entities = find_terms(text, name_variants(people), "person") + find_terms(text, place_variants(location), "place")
    if date_text.strip():
        dates = find_terms(text, [date_text.strip()], "date", ignore_case=True)
        inside = [s for s in dates if sentence and sentence.start <= s.start and s.end <= sentence.end]
        entities += inside or dates[:1]
    return ([sentence] if sentence else []) + choose_marks(entities)


def render_marked(text: str, spans: list[Span]) -> str:
    """Escaped text with our own tags around the spans; an evidence span may contain entity marks."""
    evidence = next((s for s in spans if s.kind == "evidence"), None)
    marks = [s for s in spans if s.kind != "evidence"]
    cuts = {0, len(text)} | {s.start for s in spans} | {s.end for s in spans}
    boundaries = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces: list[str] = []
    for start, end in pairwise(boundaries):
        if start == end:
            continue
        piece = html.escape(text[start:end])
        mark = next((m for m in marks if m.start <= start and end <= m.end), None)
        if mark is not None:
            piece = (f'<span class="mark-{mark.kind}" title="{KIND_TITLES[mark.kind]}" '
                     f'style="{KIND_STYLES[mark.kind]}">{piece}</span>')
        if evidence is not None and evidence.start <= start and end <= evidence.end:
            piece = f'<mark class="evidence" title="evidence sentence" style="{EVIDENCE_STYLE}">{piece}</mark>'
        pieces.append(piece)
    return "".join(pieces)


def legend_html() -> str:
    """The key to the marks, shown above the article."""
    items = [f'<mark style="{EVIDENCE_STYLE}">evidence sentence</mark>'] + [
        f'<span style="{KIND_STYLES[kind]}">{title}</span>' for kind, title in KIND_TITLES.items()]
    return '<div style="margin-bottom: 0.5rem; font-size: 0.9rem;">' + " · ".join(items) + "</div>"


def mark_article(text: str, evidence: str, people: Iterable[str], date_text: str = "", location: str = "") -> str:
    """The article as one safe HTML block with the evidence highlighted and entities marked."""
    body = render_marked(text, article_spans(text, evidence, list(people), date_text, location))
    return f'{legend_html()}<div class="article-text" style="{CONTAINER_STYLE}">{body}</div>'


def event_summary_html(row: Mapping[str, object]) -> str:
    """One event as a small escaped HTML card: type and status, date with precision, who as what,
    place, topics with the words that triggered them, confidence and the evidence sentence."""
    def esc(value: object) -> str:
        return html.escape("" if value is None else str(value))

    people = split_list(row.get("participants"))
    countries = split_list(row.get("countries")) + [""] * len(people)
    roles = split_list(row.get("roles")) + [""] * len(people)
    who = "".join(f"<li><b>{esc(name)}</b> ({esc(country)}{', ' + esc(role) if role else ''})</li>"
                  for name, country, role in zip(people, countries, roles, strict=False))
    precision = esc(row.get("date_precision"))
    date_text = f" — from “{esc(row.get('date_text'))}”" if row.get("date_text") else " — publication date"
    place = esc(row.get("location")) or "place not stated"
    if row.get("location_country"):
        place += f" ({esc(row.get('location_country'))})"
    confidence = row.get("confidence")
    confidence_text = f"{float(confidence):.2f}" if isinstance(confidence, int | float) else esc(confidence)
    terms = esc(row.get("topic_terms"))
    terms_text = f" <span style='opacity: 0.75;'>(from: {terms})</span>" if terms else ""
    return (
        "<div style='line-height: 1.5;'>"
        f"<div style='font-size: 1.15rem; font-weight: 700;'>{esc(str(row.get('event_type', '')).title())}"
        f" · {esc(row.get('status'))} · {esc(row.get('date'))} <span style='font-weight: 400;'>(precision: "
        f"{precision}{date_text})</span></div>"
        f"<ul style='margin: 0.25rem 0;'>{who}</ul>"
        f"<div><b>Place:</b> {place} · <b>Topics:</b> {esc(str(row.get('topics', '')).replace('_', ' '))}"
        f"{terms_text} · <b>Confidence:</b> {confidence_text}</div>"
        f"<blockquote style='margin: 0.5rem 0; padding: 0.25rem 0.75rem; border-left: 4px solid rgba(255,196,0,0.8);'>"
        f"{esc(row.get('evidence'))}</blockquote>"
        f"<div style='opacity: 0.75;'>{esc(row.get('title'))} · {esc(row.get('source'))} · "
        f"{esc(row.get('published'))}</div></div>"
    )


def source_card_html(report: Mapping[str, object], shown: bool = False) -> str:
    """One report of a merged event as a small escaped card: the article's title, source and publication
    date, what it says of the contact (type, status, date with precision) and its evidence sentence."""
    def esc(value: object) -> str:
        return html.escape("" if value is None else str(value))

    rank = report.get("source_rank")
    label = "best report" if rank in (0, "0") else "report"
    said = f"{esc(report.get('event_type'))} · {esc(report.get('status'))} · {esc(report.get('date'))}"
    said += f" (precision: {esc(report.get('date_precision'))})"
    if report.get("date_text"):
        said += f" from “{esc(report.get('date_text'))}”"
    meta = " · ".join(esc(part) for part in (report.get("source"), report.get("published")) if part)
    marker = " <span style='opacity: 0.75;'>(shown below)</span>" if shown else ""
    return (
        "<div class='event-source' style='line-height: 1.45;'>"
        f"<div><b>{esc(report.get('title') or report.get('article_id'))}</b>{marker}</div>"
        f"<div style='opacity: 0.75;'>{meta} · {label}: {said}</div>"
        "<blockquote style='margin: 0.35rem 0 0 0; padding: 0.15rem 0.75rem; "
        f"border-left: 4px solid rgba(255,196,0,0.8);'>{esc(report.get('evidence'))}</blockquote></div>"
    )
