"""Topics from the fixed list, main topic first, with the words that triggered them."""

from __future__ import annotations

from pipeline.schema import TOPICS
from pipeline.topics import classify_topics


def test_sentence_cues_decide_the_main_topic():
    result = classify_topics("They discussed the nuclear weapons programme and uranium enrichment.")
    assert result.topics[0] == "nuclear_arms" and "uranium" in result.terms


def test_headline_and_roles_weigh_in():
    result = classify_topics("The two men held talks on Tuesday.", title="Clark urges action on acid rain")
    assert result.topics[0] == "climate"
    assert classify_topics("They met.", roles=("Treasury Secretary", "Prime Minister")).topics[0] == "economy"


def test_default_is_diplomacy_and_only_known_topics():
    assert classify_topics("They met on Monday.").topics == ("diplomacy",)
    result = classify_topics("Talks on trade, oil, refugees, vaccines, the border and the ceasefire.")
    assert set(result.topics) <= set(TOPICS) and len(result.topics) <= 3


def test_who_the_organisation_is_not_the_pronoun():
    assert "health" not in classify_topics("Leaders who met said so.").topics
    assert classify_topics("The WHO chief met the minister.").topics[0] == "health"
