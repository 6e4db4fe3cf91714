"""The dashboard as a user meets it: `streamlit run app.py` on the sample corpus, via AppTest.

The app reads a store of its own (a temporary $TIMELINE_DB the sample corpus is ingested into).
Every assertion reads what the app drew (titles, captions, charts, tables, buttons) after a run,
and compares counts with the pure pandas filter functions on the store's merged events, so a broken
binding, page, query or filter shows up as a wrong number rather than a crash only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import shutil
import subprocess
import sys
import zipfile

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.aggregate import places, relation_events
from dashboard.filters import Filters, apply_filters, facet_counts, list_values
from pipeline.timeline import ingest_store
from tests.conftest import FIXTURES, PROJECT_DIR
from tests.dashboard_isolation import own_dashboard_data

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
SIDEBAR_DOWNLOADS = {"download_csv", "download_excel", "download_parquet", "download_json", "download_dyads",
                     "download_reports"}


@pytest.fixture(scope="module", autouse=True)
def own_store(tmp_path_factory):
    """Every test here sees the sample corpus only, in a store of its own, whatever a developer uploaded
    into data/uploads or ingested into data/timeline.duckdb."""
    root = tmp_path_factory.mktemp("app")
    with own_dashboard_data(root / "uploads", root / "timeline.duckdb"):
        data.refresh_store()
        yield root / "timeline.duckdb"


@pytest.fixture(scope="module")
def sample(own_store):
    """The merged events of the sample corpus, as the store holds them."""
    frame = data.all_events()
    assert len(frame) >= 20, "the sample corpus should give a real timeline"
    assert frame["n_sources"].max() > 1, "some contacts are reported by several articles"
    return frame


@pytest.fixture(scope="module")
def reports(own_store):
    """Every report of every merged event (merged_event_id, evidence, ...)."""
    return data.export_reports(Filters())


def expected(sample, reports, filters: Filters) -> pd.DataFrame:
    """The merged events a filter should give, in pandas: the dashboard's filters on the merged events,
    except the free text, which matches the evidence of any of an event's reports."""
    chosen = apply_filters(sample, dataclasses.replace(filters, text=""))
    if filters.text.strip():
        hits = reports["evidence"].str.lower().str.contains(filters.text.strip().lower(), regex=False)
        chosen = chosen[chosen["event_id"].isin(set(reports.loc[hits, "merged_event_id"]))]
    return chosen


def merged_event(sample, date: str, *people: str) -> pd.Series:
    def exactly(cell: str) -> bool:  # these people and nobody else (not the larger session of the same day)
        names = cell.split("; ")
        return len(names) == len(people) and all(any(p in name for name in names) for p in people)

    found = sample[(sample["date"] == date) & sample["participants"].map(exactly)]
    assert len(found) == 1, found
    return found.iloc[0]


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
    chosen = apply_filters(sample, Filters(countries=(country,)))
    assert count(at) == (len(chosen), len(sample)) and 0 < len(chosen) < len(sample)
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
def test_url_query_sets_the_filters(sample, reports, query, filters):
    at = run(**query)
    chosen = expected(sample, reports, filters)
    assert count(at) == (len(chosen), len(sample))
    assert len(chosen) < len(sample), "the case should filter something"


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
    pair = relation_events(sample, "RUS", "UKR")
    assert any(c.value.startswith(f"{len(pair):,} contacts of RUS–UKR") for c in at.caption)
    assert at.dataframe[0].value.shape[0] == len(pair)  # the list of those contacts
    assert len(at.get("plotly_chart")) == 3


def test_network_node_filters_every_page(sample):
    at = run("dashboard/views/network.py")
    at.selectbox(key="network_pick").select("CHN").run()
    at.button(key="network_filter").click().run()
    chosen = apply_filters(sample, Filters(countries=("CHN",)))
    assert count(at) == (len(chosen), len(sample))
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


def test_uploading_articles_adds_events_to_every_page(sample, own_store, tmp_path, monkeypatch):
    db = tmp_path / "timeline.duckdb"
    shutil.copy(own_store, db)  # the upload changes the store: a copy, so the other tests keep theirs
    monkeypatch.setenv(data.DB_ENV, str(db))
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
    stored = list((tmp_path / "uploads").rglob("*"))
    assert [p.name for p in stored if p.is_file()] == ["kerry_lavrov.txt"]
    # the upload is in the store: its article and its events, merged with the rest
    assert data.article_text("kerry_lavrov") is not None  # named after the saved file
    after = data.all_events()
    new = after[~after["event_id"].isin(set(sample["event_id"]))]
    assert len(new) >= 1 and (new["article_id"] == "kerry_lavrov").all()
    assert count(at)[1] == len(after) == len(sample) + len(new)
    at.switch_page("dashboard/views/timeline.py").run()
    assert count(at) == (len(after), len(after))
    # and the same file again is refused as a copy, adding nothing
    at.switch_page("dashboard/views/upload.py").run()
    at.get("file_uploader")[0].upload("again.txt", kerry, "text/plain")
    at.run()
    at.button(key="add_files").click().run()
    assert "already in the dashboard" in at.dataframe[0].value.set_index("file").loc["again.txt", "refused and why"]
    assert count(at)[1] == len(after)


def test_sources_of_a_merged_event_show_on_the_events_page(sample):
    geneva = merged_event(sample, "2021-06-16", "Joe Biden", "Vladimir Putin")
    alaska = merged_event(sample, "2025-08-15", "Donald Trump", "Vladimir Putin")
    assert (geneva["n_sources"], alaska["n_sources"]) == (3, 2)
    for event, sources in ((geneva, 3), (alaska, 2)):
        at = run("dashboard/views/events.py", event=event["event_id"])
        assert f"**Reported by {sources} articles**" in [m.value for m in at.markdown]
        reported = data.event_sources(event["event_id"])
        cards = [h.value for h in at.get("html") if "event-source" in h.value]
        assert len(cards) == len(reported) == sources
        for card, title in zip(cards, reported["title"], strict=True):
            assert html.escape(title) in card
        buttons = {b.key: b for b in at.button if (b.key or "").startswith("report_")}
        assert set(buttons) == {f"report_{i}" for i in reported["source_event_id"]}
        assert buttons[f"report_{reported.iloc[0]['source_event_id']}"].disabled, "the best report is shown first"


def test_a_source_opens_its_own_article(sample):
    geneva = merged_event(sample, "2021-06-16", "Joe Biden", "Vladimir Putin")
    reported = data.event_sources(geneva["event_id"])
    other = reported.iloc[2]
    at = run("dashboard/views/events.py", event=geneva["event_id"])
    at.button(key=f"report_{other['source_event_id']}").click().run()
    assert not at.exception
    assert at.query_params["report"] == other["source_event_id"], "the open report is part of the URL"
    article = data.article_text(other["article_id"])
    shown = html_of(at)
    assert f"<h4 style='margin: 0 0 0.25rem 0;'>{html.escape(article.title)}</h4>" in shown
    assert '<mark class="evidence"' in shown
    assert at.button(key=f"report_{other['source_event_id']}").disabled


def test_selecting_another_row_opens_its_best_report(sample):
    geneva = merged_event(sample, "2021-06-16", "Joe Biden", "Vladimir Putin")
    other = data.event_sources(geneva["event_id"]).iloc[1]["source_event_id"]
    at = run("dashboard/views/events.py", event=geneva["event_id"], report=other)
    assert at.button(key=f"report_{other}").disabled, "the report the link names is shown"
    at.session_state["events_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "report" not in at.query_params and at.query_params["event"] == sample.iloc[0]["event_id"]


def test_an_empty_store_says_how_to_add_articles(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    monkeypatch.setenv(data.ARTICLES_ENV, str(tmp_path / "articles"))
    monkeypatch.setenv(data.DB_ENV, str(tmp_path / "empty.duckdb"))
    for page in ("dashboard/views/timeline.py", "dashboard/views/events.py"):
        at = run(page)
        assert count(at) == (0, 0) and "No events yet" in at.info[0].value
        assert all(b.disabled for b in at.get("download_button") if b.key in SIDEBAR_DOWNLOADS)


def test_a_link_to_one_report_opens_its_merged_event(sample):
    alaska = merged_event(sample, "2025-08-15", "Donald Trump", "Vladimir Putin")
    reported = data.event_sources(alaska["event_id"])
    other = reported[reported["source_event_id"] != alaska["event_id"]]  # the merged id is its earliest report's
    assert len(other) == 1
    at = run("dashboard/views/events.py", event=other.iloc[0]["source_event_id"])
    assert "**Reported by 2 articles**" in [m.value for m in at.markdown]


def test_the_app_holds_no_store_connection_between_runs(own_store):
    at = run("dashboard/views/events.py", event="no-such-event")
    assert at.info, "an unknown event says so"
    # a writer in another process (a `python -m pipeline ingest` from a terminal) gets the store at once
    done = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
                           str(own_store)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_ingest_from_a_terminal_shows_on_the_next_run(sample, own_store, tmp_path, monkeypatch):
    db = tmp_path / "timeline.duckdb"
    shutil.copy(own_store, db)
    monkeypatch.setenv(data.DB_ENV, str(db))
    at = run()
    assert count(at) == (len(sample), len(sample))
    ingest_store([FIXTURES / "articles" / "table_articles.csv"], db)
    at.run()
    total = len(data.all_events(db))
    assert total > len(sample) and count(at) == (total, total)
