"""The dashboard as a user meets it: `streamlit run app.py` on the sample corpus, via AppTest.

Every assertion reads what the app drew (captions, charts, tables, buttons) after a run, the
way Streamlit's own tests wait for the app and then look.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import load_timeline
from dashboard.filters import Filters, apply_filters
from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 120


@pytest.fixture(scope="module")
def sample():
    frame = load_timeline()
    assert len(frame) >= 20, "the sample corpus should give a real timeline"
    return frame


def _count(at: AppTest) -> tuple[int, int]:
    caption = next(c.value for c in at.caption if re.search(r"of [\d,]+ events", c.value))
    shown, total = re.findall(r"([\d,]+)", caption)[:2]
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def _run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_opens_on_the_sample_corpus_with_chart_table_and_download(sample):
    at = _run()
    assert at.title[0].value == "Diplomatic contacts timeline"
    assert _count(at) == (len(sample), len(sample))
    assert at.get("plotly_chart"), "the timeline chart is drawn"
    assert at.dataframe[0].value.shape[0] == len(sample)
    assert at.get("download_button"), "the CSV download is offered"


def test_country_filter_narrows_the_events(sample):
    at = _run()
    country = at.multiselect(key="country").options[0].split(" (")[0]
    at.multiselect(key="country").select(country).run()
    expected = apply_filters(sample, Filters(countries=(country,)))
    assert _count(at) == (len(expected), len(sample))
    assert at.dataframe[0].value.shape[0] == len(expected) < len(sample)


def test_url_query_sets_the_filters(sample):
    person = sample["participants"].str.split("; ").explode().value_counts().index[0]
    at = _run(person=person)
    expected = apply_filters(sample, Filters(people=(person,)))
    assert at.multiselect(key="person").value == [person]
    assert _count(at) == (len(expected), len(sample))


def test_topic_and_date_filters_together(sample):
    at = _run(topic="climate")
    expected = apply_filters(sample, Filters(topics=("climate",)))
    assert _count(at)[0] == len(expected)


def test_filters_that_match_nothing_say_which_to_relax(sample):
    countries = sample["countries"].str.split("; ").explode().value_counts()
    rare = [c for c in countries.index if countries[c] == 1]
    if not rare:
        pytest.skip("no country with a single event in the sample")
    at = _run(country=[rare[0], rare[0]], topic="health")
    expected = apply_filters(sample, Filters(countries=(rare[0],), topics=("health",)))
    if len(expected):
        pytest.skip("the rare country happens to have a health event")
    assert any("Relax" in w.value or "relax" in w.value for w in at.warning)
