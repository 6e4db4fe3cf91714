"""One article in, timeline rows out: the wiring of the extraction stages.

Each stage is a pure function in its own module (sentences, actors, contacts, dates,
places, topics); this module only decides what each stage sees and assembles the row the
schema defines. Articles without any contact word skip the expensive stages entirely, which
is most of a news feed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.actors import ArticleContext, Cast, finalise_people, find_cast
from pipeline.confidence import score_confidence
from pipeline.contacts import (
    ContactCandidate,
    attach_joiners,
    find_contacts,
    find_joiners,
    find_trigger_sentences,
    joiner_sentences,
)
from pipeline.countries import CountryLexicon, load_countries
from pipeline.dateline import Dateline, parse_dateline, reference_day
from pipeline.event_dates import governing_date
from pipeline.ingest import Article
from pipeline.knowledge import Official, OfficialsIndex, load_officials
from pipeline.merge import PRECISION_RANK, period
from pipeline.places import Gazetteer, Place, find_place_mentions, load_gazetteer
from pipeline.schema import join_list, make_event_id, split_list
from pipeline.sentences import Sentence, paragraphs, split_sentences
from pipeline.topics import MAX_TOPICS, classify_topics

_LOCATIVE = {"in", "at", "to", "near", "outside", "inside", "into", "on"}
_VISIT = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|arrived|arrives|arrive|travel(?:l)?ed|flew|landed|tour|stop)\b"
                    r"[^.;]{0,40}?\b(?:to|in|at)\s+$|\b(?:will|to|would)\s+visit\s+$", re.IGNORECASE)
_HERE = re.compile(r"\bhere\b")
_TALKS_IN = re.compile(r"\b(?:talks|meeting|meetings|summit|conference)\s+in\s+$", re.IGNORECASE)
DATELINE_DAYS = 31  # a contact this close to the story's day, with no place named, happened where the reporter is


@dataclass(frozen=True)
class Resources:
    """The read-only knowledge extraction needs, loaded once per process."""

    lexicon: CountryLexicon
    officials: OfficialsIndex
    gazetteer: Gazetteer


def load_resources() -> Resources:
    return Resources(load_countries(), load_officials(), load_gazetteer())


def extract_article(article: Article, resources: Resources | None = None) -> list[dict[str, object]]:
    """Timeline rows (schema column -> value) for every contact the article reports."""
    body = article.text
    sentences = split_sentences(body)
    trigger_sentences = find_trigger_sentences(sentences)
    if not trigger_sentences:
        return []
    resources = resources or load_resources()
    dateline = parse_dateline(body, article.published)
    today = reference_day(dateline, article.published)
    dateline_place = _dateline_place(dateline, resources)
    year = article.published.year
    countries = resources.lexicon.find(body, year)
    context = ArticleContext(year, resources.lexicon, resources.officials,
                             dateline_place.country if dateline_place else "")
    cast = find_cast(body, sentences, countries, context, upto_sentence=trigger_sentences[-1] + 3)
    finalise_people(cast, context)
    article_countries = {c.code for c in countries} | {p.country for p in cast.persons if p.country}
    spans = paragraphs(body)
    rows: list[dict[str, object]] = []
    candidates: list[ContactCandidate] = []
    for index in sorted(set(trigger_sentences) | joiner_sentences(sentences, trigger_sentences[0])):
        context = " ".join(s.text for s in sentences[max(0, index - 2): index])
        if index in trigger_sentences:
            candidates.extend(find_contacts(sentences[index], cast, context))
        candidates.extend(find_joiners(sentences[index], cast))
    for candidate in attach_joiners(candidates):
        row = _row(article, body, sentences, spans, sentences[candidate.sentence], candidate, cast, resources,
                   dateline, dateline_place, today, article_countries)
        if row is not None:
            rows.append(row)
    return merge_article_rows(carry_places(rows))


def _row(article: Article, body: str, sentences: list[Sentence], spans: list[tuple[int, int]], sentence: Sentence,
         candidate: ContactCandidate, cast: Cast, resources: Resources, dateline: Dateline | None,
         dateline_place: Place | None, today: dt.date, article_countries: set[str]) -> dict[str, object] | None:
    tense = "future" if candidate.tense == "present" else candidate.tense
    resolved, date_source = governing_date(sentences, sentence, candidate, dateline, today, tense)
    if resolved is None and candidate.vague_past:
        return None  # undated background ("had negotiated in the past"): not a timeline event
    status = candidate.status
    if resolved is not None and resolved.start > today:
        status = "planned"
    date_value = resolved.start if resolved else today
    event_year = date_value.year
    people = [cast.persons[i] for i in candidate.participants]
    names, codes, roles = [], [], []
    for person in people:
        country, role = person.country, person.role
        if person.known is not None:
            if person.called_former and not person.known.in_office(event_year, slack=0):
                continue  # `former President Trump` in 2024: the text and the record agree he held no office
            held = person.known.role_at(event_year)
            if (held is None and not person.known.in_office(article.published.year, slack=0)
                    and _record_knows_role(person.known, person.role)):
                # known to have held that office at another time (`President Truman` in a 1999 story); a title
                # the record lacks (`Finance Minister Miyazawa` in 1987, prime minister later) is the text's word
                continue
            if held is not None and not person.title_country:
                country, role = held.country, held.title
        names.append(person.name)
        codes.append(country)
        roles.append(role)
    if len(names) < 2 or len(set(codes)) < 2:
        return None
    place, explicit_place = (None, False)
    if candidate.event_type != "call":
        place, explicit_place = _place_of(body, sentences, sentence, candidate, resources, dateline,
                                          dateline_place, today, date_value, set(codes) | article_countries)
    paragraph = _paragraph_text(body, spans, sentence)
    topics = classify_topics(sentence.text, paragraph, article.title, body, tuple(roles))
    date_iso = date_value.isoformat()
    confidence = score_confidence(
        titled=[p.titled or p.known is not None for p in people],
        explicit_date=resolved is not None,
        explicit_place=explicit_place,
        dateline_place=place is not None and not explicit_place,
        trigger=candidate.trigger,
        via_reference=candidate.via_reference,
    )
    return {
        "event_id": make_event_id(article.article_id, names, date_iso, candidate.event_type),
        "article_id": article.article_id,
        "published": article.published.isoformat(),
        "date": date_iso,
        "date_precision": resolved.precision if resolved else "day",
        "date_text": resolved.text if resolved else "",
        "event_type": candidate.event_type,
        "status": status,
        "participants": join_list(names),
        "countries": join_list(codes),
        "roles": join_list(roles),
        "location": place.label if place else "",
        "location_country": place.country if place else "",
        "latitude": place.latitude if place else float("nan"),
        "longitude": place.longitude if place else float("nan"),
        "topics": join_list(topics.topics),
        "topic_terms": join_list(topics.terms),
        "evidence": re.sub(r"\s+", " ", sentence.text),
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "confidence": confidence,
        "_date_source": date_source,  # own / inherited / "" (fallback): used by the merge, not a column
        "_sentence": sentence.index,
    }


def _place_of(body: str, sentences: list[Sentence], sentence: Sentence, candidate: ContactCandidate,
              resources: Resources, dateline: Dateline | None, dateline_place: Place | None, today: dt.date,
              date_value: dt.date, countries: set[str]) -> tuple[Place | None, bool]:
    """Where the contact happened, and whether the text says so (True) or only the dateline suggests it.

    In order: a place in the contact's own sentence (`in Moscow`, `at the White House`, `here`); a visit
    named just before or after (`his visit to Washington`); the dateline city for a contact of the last
    few weeks (the reporter is there); nothing.
    """
    gazetteer = resources.gazetteer
    mentions = [m for m in find_place_mentions(sentence.text, sentence.start, gazetteer)
                if (dateline is None or m.start >= dateline.end) and m.preposition in _LOCATIVE]
    if mentions:
        nearest = min(mentions, key=lambda m: _place_distance(m.start, m.end, candidate))
        return gazetteer.best(nearest.places, countries), True
    if dateline_place is not None and _HERE.search(sentence.text):
        return dateline_place, True
    nearby = [s for s in sentences[max(0, sentence.index - 2): sentence.index + 2]
              if s.index != sentence.index and abs(s.paragraph - sentence.paragraph) <= 1]
    for other in sorted(nearby, key=lambda s: abs(s.index - sentence.index)):
        for mention in find_place_mentions(other.text, other.start, gazetteer):
            left = body[max(0, mention.start - 60): mention.start]
            # `ahead of next week's talks in London. He and Arafat meet Monday with Albright`: an announced
            # contact takes the place of the announced talks; a past one does not (`a summit in Ottawa next month`).
            if _VISIT.search(left) or (candidate.status == "planned" and _TALKS_IN.search(left)):
                return gazetteer.best(mention.places, countries), True
    if dateline_place is not None and abs((date_value - today).days) <= DATELINE_DAYS:
        return dateline_place, False
    return None, False


def _record_knows_role(official: Official, role: str) -> bool:
    """Whether the text's title for someone is one of the offices the knowledge base lists for them."""
    said = role.lower()
    return not said or any(r.title.lower() in said or said in r.title.lower() for r in official.roles)


def _place_distance(start: int, end: int, candidate: ContactCandidate) -> int:
    """How far a place is from its contact: after the people the contact names (`met Abbas in Ramallah`,
    however long the names), or, at double weight, before the contact word (a place before it more often
    belongs to an earlier clause: `met Blinken in Tel Aviv, a day after Blinken met Abbas in Ramallah`)."""
    if start >= candidate.trigger_end:
        return start - candidate.anchor_for(start)
    return 2 * max(0, candidate.trigger_start - end)


def _dateline_place(dateline: Dateline | None, resources: Resources) -> Place | None:
    if dateline is None:
        return None
    places = resources.gazetteer.lookup(dateline.city)
    region_code = resources.lexicon.code_for(dateline.region) if dateline.region else None
    if region_code:
        places = tuple(p for p in places if p.country == region_code) or places
    elif dateline.region:
        places = tuple(p for p in places if p.country == "USA") or places
    return resources.gazetteer.best(places, {region_code} if region_code else ())


def _paragraph_text(body: str, spans: list[tuple[int, int]], sentence: Sentence) -> str:
    start, end = spans[sentence.paragraph] if sentence.paragraph < len(spans) else (sentence.start, sentence.end)
    text = body[start:end]
    if len(text) > 1500:  # a whole article on one line: take the neighbourhood of the sentence instead
        local = sentence.start - start
        text = text[max(0, local - 600): local + len(sentence.text) + 600]
    return text


PLACE_CARRY_SENTENCES = 2


def carry_places(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """A contact told right after another one with a shared participant on the same day, and with no place of
    its own, happened in the same place (`Annan met Saddam in Baghdad. He is to meet Aziz this afternoon.`)."""
    for index, row in enumerate(rows):
        if row["location"] or row["event_type"] == "call":
            continue
        people = set(str(row["participants"]).split("; "))
        for earlier in reversed(rows[:index]):
            if int(row["_sentence"]) - int(earlier["_sentence"]) > PLACE_CARRY_SENTENCES:
                break
            if earlier["location"] and earlier["date"] == row["date"] and people & set(
                    str(earlier["participants"]).split("; ")):
                for key in ("location", "location_country", "latitude", "longitude"):
                    row[key] = earlier[key]
                break
    return rows


def merge_article_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per contact: the same people on a compatible date in one article are the same contact.

    A date from the contact's own sentence beats one carried over from the sentence before, which
    beats the publication-date fallback; rows whose dates both come from their own sentences and
    differ are different contacts (the same pair meeting on two days).

    A gathering told twice with more or fewer of its people (`the three foreign ministers signed ...`,
    then `Albright accepted the papers from the three ministers`) is one contact too, when both tellings
    are multilateral: a two-party meeting inside a summit is a bilateral on its sidelines, kept apart.
    """
    merged: list[dict[str, object]] = []
    for row in rows:
        key = frozenset(str(row["participants"]).split("; "))
        for index, kept in enumerate(merged):
            kept_key = frozenset(str(kept["participants"]).split("; "))
            nested = kept_key < key or key < kept_key
            same = kept_key == key or (nested and _multilateral(kept) and _multilateral(row))
            if not same or not _compatible(kept, row):
                continue
            stronger = _DATE_STRENGTH[str(row["_date_source"])] > _DATE_STRENGTH[str(kept["_date_source"])]
            best, other = (row, kept) if stronger else (kept, row)
            if kept_key != key:
                best = _with_people_of(best, row if len(key) > len(kept_key) else kept)
            merged[index] = _with_topics_of(best, other)
            break
        else:
            merged.append(row)
    return merged


def _multilateral(row: dict[str, object]) -> bool:
    return len(set(split_list(row["countries"]))) >= 3


def _with_people_of(row: dict[str, object], larger: dict[str, object]) -> dict[str, object]:
    """The row (its date, evidence, place) with the fuller participant list of another telling."""
    if row is larger:
        return row
    combined = dict(row)
    for key in ("participants", "countries", "roles", "event_type"):
        combined[key] = larger[key]
    combined["event_id"] = make_event_id(str(row["article_id"]), split_list(larger["participants"]),
                                         str(row["date"]), str(larger["event_type"]))
    return combined


def _with_topics_of(row: dict[str, object], other: dict[str, object]) -> dict[str, object]:
    """The row, with the topics the other telling of the same contact adds after its own (`the plane ride
    to the ceremony` says little; `sign the documents of accession` says what the contact was about)."""
    combined = dict(row)
    for key in ("topics", "topic_terms"):
        values = split_list(row[key])
        values += [v for v in split_list(other[key]) if v not in values]
        combined[key] = join_list(values[:MAX_TOPICS] if key == "topics" else values)
    return combined


_DATE_STRENGTH = {"own": 2, "inherited": 1, "": 0}
NEAR_DAYS = 7  # how far an undated mention's stand-in date may be from a dated mention of the same contact


def _compatible(first: dict[str, object], second: dict[str, object]) -> bool:
    if first["date"] == second["date"]:
        return True
    if "own" not in (first["_date_source"], second["_date_source"]):
        return first["status"] == second["status"]
    if first["_date_source"] != second["_date_source"]:
        # A mention without its own date is the dated one only when its carried-over or publication date
        # is near: the lead's `after meeting Berri` is not the `late October` talks told at the end.
        own, other = (first, second) if first["_date_source"] == "own" else (second, first)
        start, end = period(str(own["date"]), str(own["date_precision"]))
        return (first["status"] == second["status"]
                and start - NEAR_DAYS <= dt.date.fromisoformat(str(other["date"])).toordinal() <= end + NEAR_DAYS)
    coarse = max(str(first["date_precision"]), str(second["date_precision"]), key=PRECISION_RANK.__getitem__)
    length = {"month": 7, "year": 4}.get(coarse)
    return bool(length) and str(first["date"])[:length] == str(second["date"])[:length]
