"""Tests for pipeline.dates: resolution rules, tense direction, the mention matcher, robustness.

All sentences here are written for the tests; the TempEval-3 check at the end only reads the shared
corpus (research use) when it is present.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import date_expressions
from pipeline.dates import DateMention, ResolvedDate, find_date_mentions, resolve_date

WED = dt.date(2021, 7, 14)  # a Wednesday in mid-July
MON = dt.date(2021, 7, 12)


def value(text: str, published: dt.date = WED, tense: str | None = None) -> str | None:
    resolved = resolve_date(text, published, tense)
    return None if resolved is None else resolved.value


# --- the result object ------------------------------------------------------------------------------------
def test_resolved_date_fields_at_each_precision():
    assert resolve_date("yesterday", WED) == ResolvedDate("2021-07-13", "day", dt.date(2021, 7, 13), "yesterday")
    week = resolve_date("this week", WED)
    assert (week.value, week.precision, week.start) == ("2021-W28", "week", dt.date(2021, 7, 12))
    month = resolve_date("last month", WED)
    assert (month.value, month.precision, month.start) == ("2021-06", "month", dt.date(2021, 6, 1))
    year = resolve_date("last year", WED)
    assert (year.value, year.precision, year.start) == ("2020", "year", dt.date(2020, 1, 1))


def test_text_is_kept_and_published_datetime_is_accepted():
    resolved = resolve_date("On Monday", dt.datetime(2021, 7, 14, 18, 30))
    assert resolved is not None and resolved.text == "On Monday" and resolved.value == "2021-07-12"


# --- weekdays ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Wednesday", "on Wednesday", "Wednesday's", "Wednesday night", "earlier Wednesday"])
def test_weekday_of_the_story_is_the_publication_day(text):
    assert value(text) == "2021-07-14"
    assert value(text, tense="future") == "2021-07-14"
    assert value(text, tense="past") == "2021-07-14"


def test_weekday_past_by_default_and_with_past_tense():
    assert value("Monday") == "2021-07-12"
    assert value("Friday") == "2021-07-09"
    assert value("Thursday", tense="past") == "2021-07-08"


def test_weekday_future_tense_is_the_next_one():
    assert value("Monday", tense="future") == "2021-07-19"
    assert value("Friday", tense="future") == "2021-07-16"


def test_weekday_without_tense_the_next_day_reads_as_tomorrow():
    """News default: "Thursday" in a Wednesday story is tomorrow, not six days ago."""
    assert value("Thursday") == "2021-07-15"
    assert value("Thursday morning") == "2021-07-15"


def test_weekday_cues_in_the_expression_beat_the_tense():
    assert value("last Wednesday", tense="future") == "2021-07-07"
    assert value("last Monday") == "2021-07-12"
    assert value("next Monday", tense="past") == "2021-07-19"
    assert value("this coming Sunday") == "2021-07-18"
    assert value("Monday next week") == "2021-07-19"
    assert value("Friday of last week") == "2021-07-09"


# --- relative days, weeks, months, years -------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("today", "2021-07-14"), ("tonight", "2021-07-14"), ("this morning", "2021-07-14"),
    ("earlier today", "2021-07-14"), ("yesterday", "2021-07-13"), ("last night", "2021-07-13"),
    ("late yesterday", "2021-07-13"), ("tomorrow", "2021-07-15"), ("the day before yesterday", "2021-07-12"),
    ("this week", "2021-W28"), ("earlier this week", "2021-W28"), ("last week", "2021-W27"),
    ("next week", "2021-W29"), ("the past week", "2021-W27"),
    ("this month", "2021-07"), ("earlier this month", "2021-07"), ("last month", "2021-06"),
    ("next month", "2021-08"), ("this year", "2021"), ("later this year", "2021"), ("last year", "2020"),
    ("next year", "2022"), ("early next year", "2022"), ("the end of the year", "2021"), ("year-end", "2021"),
    ("this fiscal year", "2021"), ("the current fiscal year", "2021"), ("the past year", "2020"),
    ("a year earlier", "2020"),
])
def test_relative_expressions(text, expected):
    assert value(text) == expected


def test_iso_week_across_the_year_boundary():
    assert value("this week", dt.date(2021, 1, 1)) == "2020-W53"
    assert value("next week", dt.date(2020, 12, 30)) == "2021-W01"


def test_past_week_is_the_week_holding_most_of_the_last_seven_days():
    assert value("the past week", MON) == "2021-W27"
    assert value("the past week", dt.date(2021, 7, 16)) == "2021-W28"


@pytest.mark.parametrize(("text", "expected"), [
    ("two days ago", "2021-07-12"), ("a week ago", "2021-W27"), ("three weeks ago", "2021-W25"),
    ("two months ago", "2021-05"), ("two years ago", "2019"), ("almost four years ago", "2017"),
    ("in two weeks", "2021-W30"), ("in three days", "2021-07-17"), ("in a year", "2022"),
])
def test_offsets_resolve_at_their_unit(text, expected):
    assert value(text) == expected


def test_weekends_resolve_to_their_saturday():
    assert value("the weekend", MON) == "2021-07-10"
    assert value("over the weekend", MON) == "2021-07-10"
    assert value("this weekend", WED) == "2021-07-17"  # before Saturday: the coming one
    assert value("last weekend", WED) == "2021-07-10"
    assert value("this weekend", dt.date(2021, 7, 18)) == "2021-07-17"  # on Sunday: this one
    assert value("the weekend", WED, tense="future") == "2021-07-17"


# --- months -------------------------------------------------------------------------------------------------
def test_month_equal_to_publication_month_is_that_month():
    assert value("July") == "2021-07"
    assert value("in July", tense="past") == "2021-07"
    assert value("July", tense="future") == "2021-07"


def test_month_past_and_future():
    assert value("March") == "2021-03"
    assert value("December", tense="past") == "2020-12"
    assert value("March", tense="future") == "2022-03"
    assert value("in April", tense="future") == "2022-04"


def test_month_without_tense_reads_the_next_four_months_as_future():
    assert value("September") == "2021-09"
    assert value("November") == "2021-11"
    assert value("December") == "2020-12"


def test_last_this_next_month_names():
    assert value("last June") == "2021-06"
    assert value("last July") == "2020-07"  # strictly before the publication month
    assert value("last December") == "2020-12"
    assert value("this June") == "2021-06"
    assert value("this December") == "2021-12"
    assert value("next June") == "2022-06"
    assert value("June last year") == "2020-06"
    assert value("January this year") == "2021-01"


@pytest.mark.parametrize(("text", "expected"), [
    ("early December", "2020-12"), ("mid-March", "2021-03"), ("late-August", "2021-08"),
    ("the end of June", "2021-06"), ("late 2020", "2020"), ("mid-1996", "1996"), ("early 1990", "1990"),
    ("April 2019", "2019-04"), ("Sept. 2018", "2018-09"), ("May of 1999", "1999-05"), ("fiscal 1989", "1989"),
    ("the end of 1990", "1990"), ("1990 and beyond", "1990"), ("2019-20", "2019"), ("FY2020", "2020"),
])
def test_modified_months_and_years(text, expected):
    assert value(text) == expected


# --- explicit dates, ranges, years --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("July 12", "2021-07-12"), ("12 July", "2021-07-12"), ("July 12, 2019", "2019-07-12"),
    ("12th of July 2019", "2019-07-12"), ("Aug. 7", "2021-08-07"), ("Sept. 30", "2021-09-30"),
    ("Nov. 30", "2020-11-30"),
    ("on Aug. 7, 1998", "1998-08-07"), ("2019-03-05", "2019-03-05"), ("2019-03", "2019-03"),
    ("2021-W05", "2021-W05"), ("in 1993", "1993"), ("1993", "1993"), ("'98", "1998"), ("'25", "2025"),
    ("the year two thousand", "2000"), ("nineteen ninety-six", "1996"), ("March eighth", "2021-03-08"),
    ("Tuesday, Oct. 13", "2020-10-13"), ("7/4/2019", "2019-07-04"), ("around Nov. 1", "2021-11-01"),
])
def test_explicit_dates(text, expected):
    assert value(text) == expected


def test_month_day_direction():
    assert value("Aug. 20") == "2021-08-20"  # a coming date within four months
    assert value("Dec. 25") == "2020-12-25"  # further ahead: the past one
    assert value("Dec. 25", tense="future") == "2021-12-25"
    assert value("Aug. 20", tense="past") == "2020-08-20"
    assert value("July 14", tense="future") == "2021-07-14"
    assert value("last Aug. 20") == "2020-08-20"


@pytest.mark.parametrize(("text", "start"), [
    ("April 13-16", dt.date(2021, 4, 13)), ("April 13 to 16", dt.date(2021, 4, 13)),
    ("13-16 April", dt.date(2021, 4, 13)), ("Aug. 26 to Sept. 2", dt.date(2021, 8, 26)),
    ("Nov. 18-19, 2005", dt.date(2005, 11, 18)),
])
def test_ranges_resolve_to_their_first_day(text, start):
    resolved = resolve_date(text, WED)
    assert resolved is not None and resolved.precision == "day" and resolved.start == start


def test_holidays():
    assert value("Thanksgiving", dt.date(2022, 1, 10)) == "2021-11-25"
    assert value("last Christmas", WED) == "2020-12-25"
    assert value("Election Day", dt.date(2020, 10, 20)) == "2020-11-03"
    assert value("Easter week", dt.date(2021, 4, 20)) == "2021-W13"


@pytest.mark.parametrize("text", [
    "", "   ", "two years", "the past decade", "a long time", "the 1990s", "decades", "that day",
    "the following year", "later that year", "the previous week", "recently", "now", "We", "may",
    "a few days ago", "week", "the winter", "2,000", "$1995", "x" * 500,
])
def test_non_dates_are_none(text):
    assert resolve_date(text, WED) is None


@pytest.mark.parametrize("bad", [None, 42, b"Monday", ["Monday"]])
def test_bad_input_types_are_none(bad):
    assert resolve_date(bad, WED) is None  # type: ignore[arg-type]
    assert resolve_date("Monday", bad) is None  # type: ignore[arg-type]
    assert find_date_mentions(bad) == []  # type: ignore[arg-type]


def test_unknown_tense_is_treated_as_none():
    assert value("Thursday", tense="pluperfect") == value("Thursday")


# --- find_date_mentions -------------------------------------------------------------------------------------
def mentions(text: str) -> list[str]:
    found = find_date_mentions(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    return [m.text for m in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The envoy met the foreign minister on Monday in Oslo.", ["Monday"]),
    ("Monday's talks ended without a statement.", ["Monday"]),
    ("They spoke by phone Monday night and again this week.", ["Monday night", "this week"]),
    ("The summit is planned for July 12, 2021 in Geneva.", ["July 12, 2021"]),
    ("Talks ran from April 13-16 and resumed 3-5 May.", ["April 13-16", "3-5 May"]),
    ("He first visited in 1993 and returned last June.", ["1993", "last June"]),
    ("Officials met early December and again in mid-March.", ["early December", "mid-March"]),
    ("The pact signed Aug. 7 expires at the end of the year.", ["Aug. 7", "the end of the year"]),
    ("She arrived two days ago and leaves in two weeks.", ["two days ago", "in two weeks"]),
    ("Ministers met over the weekend, three weeks ago and last night.", ["the weekend", "three weeks ago",
                                                                          "last night"]),
    ("Elections are due later this year, not next year.", ["later this year", "next year"]),
    ("The deal from 2019-03-05 was revised in April 2020.", ["2019-03-05", "April 2020"]),
    ("Sept. 30 is the deadline; talks resume Friday, Oct. 13.", ["Sept. 30", "Friday, Oct. 13"]),
    ("The treaty signed in May will be reviewed next spring.", ["May", "next spring"]),
    ("Earlier this month the two leaders met; late 2020 saw no contact.", ["Earlier this month", "late 2020"]),
])
def test_mentions_in_sentences(sentence, expected):
    assert mentions(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Ministers may meet again, officials said.",
    "May said the talks would continue.",
    "The march through the capital drew crowds.",
    "March organisers said police were out in force.",
    "We will decide soon, the minister said.",
    "About 1999 people attended and 2,000 more watched.",
    "Prices rose 2021% in the decade of the 1990s.",
    "June Carter and April Ryan attended the gala.",
    "Resolution 1441 was adopted unanimously.",
])
def test_non_date_words_are_not_matched(sentence):
    assert mentions(sentence) == []


def test_mentions_resolve():
    text = "The minister met his counterpart on Monday and will return next month."
    assert [value(m.text) for m in find_date_mentions(text)] == ["2021-07-12", "2021-08"]


def test_mentions_of_a_long_text_is_fast_and_matches_each_paragraph():
    paragraph = "Diplomats met on Tuesday and again last week, months after the June 2019 talks. " * 40
    found = find_date_mentions(paragraph)
    assert [m.text for m in found[:3]] == ["Tuesday", "last week", "June 2019"] and len(found) == 120
    assert isinstance(found[0], DateMention)


# --- robustness properties ------------------------------------------------------------------------------------
_FRAGMENTS = ["Monday", "on", "May", "may", "last", "next", "week", "the", "end", "of", "year", "12", "July",
              "2021", "1999", "people", "in", "two", "weeks", "ago", "early", "mid-", "-", ",", ".", "'s",
              "Aug.", "7", "to", "16", "this", "coming", "Sunday", "night", "We", "fiscal", "more", "than",
              "weekend", "Christmas", "spring", "a", "$", "Sept", "30"]


def _reference_mentions(text: str) -> list[DateMention]:
    """The matcher without the trigger-word shortcut: the full alternation at every position."""
    out = []
    for m in date_expressions._MATCHER.finditer(text):
        if date_expressions._accept(text, m):
            trimmed = m.group(0).rstrip(" ,")
            out.append(DateMention(m.start(), m.start() + len(trimmed), trimmed))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map(" ".join))
def test_trigger_shortcut_finds_what_the_full_scan_finds(text):
    assert find_date_mentions(text) == _reference_mentions(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.dates(), st.sampled_from([None, "past", "future"]))
def test_resolve_date_never_raises(text, published, tense):
    resolved = resolve_date(text, published, tense)
    assert resolved is None or resolved.precision in ("day", "week", "month", "year")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=10).map(" ".join), st.dates())
def test_resolve_date_never_raises_on_date_like_text(text, published):
    resolve_date(text, published)
    resolve_date(text, published, "future")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_find_date_mentions_never_raises(text):
    for m in find_date_mentions(text):
        assert text[m.start:m.end] == m.text


def test_extreme_publication_dates_do_not_raise():
    for published in (dt.date.min, dt.date.max):
        for text in ("yesterday", "tomorrow", "next week", "last year", "Monday", "Dec. 31", "the weekend"):
            resolve_date(text, published)


# --- TempEval-3 gold values (research-use corpus, read only when present) ---------------------------------------
TE3 = Path(__file__).resolve().parents[2].parent / "shared" / "te3"


@pytest.mark.skipif(not (TE3 / "score.py").exists(), reason="shared TempEval-3 material not available")
@pytest.mark.parametrize(("corpus", "floor"), [("TimeBank", 0.90), ("AQUAINT", 0.91)])
def test_tempeval3_date_values(corpus, floor):
    spec = importlib.util.spec_from_file_location("te3_score", TE3 / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    items = list(scorer.gold_items(TE3 / "TBAQ-cleaned" / corpus))
    correct = 0
    for _doc, published, text, gold in items:
        resolved = resolve_date(text, published)
        correct += resolved is not None and resolved.value == gold
    assert items and correct / len(items) >= floor


def test_month_abbreviations_are_not_read_inside_names():
    from pipeline.dates import find_date_mentions

    assert [m.text for m in find_date_mentions("They met at Mar-a-Lago on Friday.")] == ["Friday"]
