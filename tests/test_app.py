"""The dashboard as a user meets it: `streamlit run app.py` on the sample corpus, via AppTest.

Every assertion reads what the app drew (titles, captions, charts, tables, buttons) after a run,
and compares counts with the pure filter functions on the same data, so a broken binding, page or
filter shows up as a wrong number rather than a crash only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.aggregate import places, relation_events
from dashboard.filters import Filters, apply_filters, facet_counts, list_values
from tests.conftest import FIXTURES, PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 120
PAGES = {  # page script -> title
    "dashboard/views/timeline.py": "Timeline",
    "dashboard/views/relations.py": "Relations",
    "dashboard/views/network.py": "Network",
    "dashboard/views/map.py": "Map",
    "dashboard/views/events.py": "Events and articles",
    "dashboard/views/upload.py": "Add articles",
}
SIDEBAR_DOWNLOADS = {"download_csv", "download_excel", "download_parquet", "download_json", "download_dyads"}


@pytest.fixture(scope="module", autouse=True)
def no_uploads(tmp_path_factory):
    """Every test here sees the sample corpus only, whatever a developer uploaded into data/uploads."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(data.UPLOADS_ENV, str(tmp_path_factory.mktemp("uploads")))
        yield


@pytest.fixture(scope="module")
def sample(no_uploads):
    frame = data.load_events()
    assert len(frame) >= 20, "the sample corpus should give a real timeline"
    return frame


def count(at: AppTest) -> tuple[int, int]:
    """The page's `N of M events` line."""
    caption = next(c.value for c in at.caption if re.search(r"^[\d,]+ of [\d,]+ events", c.value))
    shown, total = re.findall(r"([\d,]+)", caption)[:2]
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def run(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_of(at: AppTest) -> str:
    return "\n".join(element.value for element in at.get("html"))


def test_opens_on_the_timeline_with_chart_and_exports(sample):
    at = run()
    assert at.title[0].value == "Timeline"
    assert count(at) == (len(sample), len(sample))
    assert at.get("plotly_chart"), "the timeline chart is drawn"
    keys = {button.key for button in at.get("download_button")}
    assert SIDEBAR_DOWNLOADS | {"timeline_chart_html"} <= keys


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_draws_its_title_count_and_downloads(sample, page):
    at = run(page)
    assert at.title[0].value == PAGES[page]
    assert count(at) == (len(sample), len(sample))
    keys = {button.key for button in at.get("download_button")}
    assert keys >= SIDEBAR_DOWNLOADS
    if page.endswith(("relations.py", "network.py", "map.py")):
        assert at.get("plotly_chart") and any(k.endswith("_html") for k in keys), "each chart is downloadable"


@pytest.mark.parametrize("page", list(PAGES))
def test_a_sidebar_filter_changes_the_count_on_every_page(sample, page):
    at = run(page)
    country = at.multiselect(key="country").options[1]
    at.multiselect(key="country").select(country).run()
    expected = apply_filters(sample, Filters(countries=(country,)))
    assert count(at) == (len(expected), len(sample)) and 0 < len(expected) < len(sample)
    assert at.title[0].value == PAGES[page], "filtering keeps the page"


def _person(sample) -> str:
    return list_values(sample, "participants").value_counts().index[0]


@pytest.mark.parametrize(("query", "filters"), [
    ({"topic": "climate"}, Filters(topics=("climate",))),
    ({"type": "summit"}, Filters(event_types=("summit",))),
    ({"status": "planned"}, Filters(statuses=("planned",))),
    ({"confidence": "0.8"}, Filters(min_confidence=0.8)),
    ({"q": "talks"}, Filters(text="talks")),
    ({"dates": ["2022-01-01", "2022-12-31"]}, Filters(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))),
    ({"country": ["RUS", "UKR"], "type": ["meeting", "call"]},
     Filters(countries=("RUS", "UKR"), event_types=("meeting", "call"))),
])
def test_url_query_sets_the_filters(sample, query, filters):
    at = run(**query)
    expected = apply_filters(sample, filters)
    assert count(at) == (len(expected), len(sample))
    assert len(expected) < len(sample), "the case should filter something"


def test_url_person_fills_the_widget(sample):
    person = _person(sample)
    at = run(person=person)
    assert at.multiselect(key="person").value == [person]
    assert count(at)[0] == len(apply_filters(sample, Filters(people=(person,))))


def test_facet_captions_count_the_current_view(sample):
    at = run(topic="climate")
    climate = apply_filters(sample, Filters(topics=("climate",)))
    top_country, top_count = next(iter(facet_counts(climate, "countries").items()))
    captions = [c.value for c in at.sidebar.caption]
    assert any(f"{top_country} {top_count}" in c for c in captions), captions


def test_selecting_a_table_row_shows_its_article(sample):
    at = run("dashboard/views/events.py")
    assert not html_of(at), "no article before a row is selected"
    at.session_state["events_table"] = {"selection": {"rows": [2], "columns": [], "cells": []}}
    at.run()
    row = sample.iloc[2]
    page = html_of(at)
    assert '<mark class="evidence"' in page and "mark-person" in page
    assert data.article_text(row["article_id"]).title.split()[0] in page
    assert at.subheader[0].value == "Article"


def test_an_event_link_opens_its_article(sample):
    row = sample.iloc[-1]
    at = run("dashboard/views/events.py", event=row["event_id"])
    assert '<mark class="evidence"' in html_of(at)
    assert any(b.proto.label == "Open the source" for b in at.get("link_button")) == bool(row["url"])


def test_selecting_a_timeline_point_opens_its_details(sample):
    at = run()
    row = sample.iloc[5]
    at.session_state["timeline_chart"] = {"selection": {"points": [{"customdata": [row["event_id"]]}],
                                                        "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    page = html_of(at)
    assert row["date"] in page and "precision:" in page and '<mark class="evidence"' in page
    assert at.subheader[0].value == "Selected event"


def test_relations_pair_from_the_url(sample):
    at = run("dashboard/views/relations.py", a="RUS", b="UKR")
    expected = relation_events(sample, "RUS", "UKR")
    assert any(c.value.startswith(f"{len(expected):,} contacts of RUS–UKR") for c in at.caption)
    assert at.dataframe[0].value.shape[0] == len(expected)  # the list of those contacts
    assert len(at.get("plotly_chart")) == 3


def test_network_node_filters_every_page(sample):
    at = run("dashboard/views/network.py")
    at.selectbox(key="network_pick").select("CHN").run()
    at.button(key="network_filter").click().run()
    expected = apply_filters(sample, Filters(countries=("CHN",)))
    assert count(at) == (len(expected), len(sample))
    assert at.multiselect(key="country").value == ["CHN"]


def test_network_of_people(sample):
    at = run("dashboard/views/network.py", nodes="people")
    assert "people and" in " ".join(c.value for c in at.caption)


def test_map_lists_the_contacts_of_a_place(sample):
    table = places(sample)
    place = table.iloc[0]["location"]
    at = run("dashboard/views/map.py", place=place)
    assert at.subheader[0].value == f"{table.iloc[0]['events']:,} contacts in {place}"
    assert at.dataframe[0].value.shape[0] == table.iloc[0]["events"]


def test_no_match_says_which_filter_to_relax(sample):
    at = run(q="zzzz-no-such-words", topic="climate")
    assert count(at)[0] == 0
    warning = at.warning[0].value
    assert "Relax" in warning and "without evidence contains" in warning


def test_clear_all_filters(sample):
    at = run(topic="climate")
    at.button(key="clear_filters").click().run()
    assert count(at) == (len(sample), len(sample))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_uploading_articles_adds_events_to_every_page(sample, tmp_path, monkeypatch):
    monkeypatch.setenv(data.UPLOADS_ENV, str(tmp_path / "uploads"))
    at = run("dashboard/views/upload.py")
    kerry = (FIXTURES / "articles" / "kerry_lavrov_climate.txt").read_bytes()
    uploader = at.get("file_uploader")[0]
    uploader.upload("kerry lavrov.txt", kerry, "text/plain")
    uploader.upload("batch.zip", _zip({"../evil.txt": kerry, "notes.pdf": b"%PDF"}), "application/zip")
    at.run()
    at.button(key="add_files").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.dataframe[0].value
    by_file = report.set_index("file")
    assert by_file.loc["kerry lavrov.txt", "status"] == "added"
    assert "path traversal" in by_file.loc["batch.zip/../evil.txt", "refused and why"]
    assert "unsupported file type .pdf" in by_file.loc["batch.zip/notes.pdf", "refused and why"]
    added = int(by_file.loc["kerry lavrov.txt", "events found"])
    assert added >= 1 and at.success
    assert count(at)[1] == len(sample) + added
    stored = list((tmp_path / "uploads").rglob("*"))
    assert [p.name for p in stored if p.is_file()] == ["kerry_lavrov.txt"]
    at.switch_page("dashboard/views/timeline.py").run()
    assert count(at) == (len(sample) + added, len(sample) + added)
