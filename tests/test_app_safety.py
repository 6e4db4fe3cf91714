"""Nothing in an article is ever run by the dashboard: hostile markup shows as text on every view of it.

Two articles whose titles and contact sentences carry `<script>` and `<img onerror=...>` report the
same contact; they go through the whole app (AppTest: the store, the merged event, its list of
sources, the article view), and the HTML the app draws must hold those only escaped.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from tests.conftest import PROJECT_DIR

HOSTILE = """date 2021-06-18
title <script>alert('title')</script> Putin and Xi meet
url javascript:alert(document.cookie)

Russian President Vladimir Putin met Chinese President Xi Jinping <img src=x onerror=alert(1)> in Beijing on Friday.
The talks covered <script>document.title='pwned'</script> energy and trade.
"""
SECOND = """date 2021-06-19
title <img src=y onerror=alert(2)> Xi hosted Putin
url javascript:alert(2)

Chinese President Xi Jinping met Russian President Vladimir Putin <b onmouseover=alert(3)>in Beijing</b> on Friday.
"""


@pytest.fixture
def hostile_corpus(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    monkeypatch.setenv(data.ARTICLES_ENV, str(folder))
    monkeypatch.setenv(data.UPLOADS_ENV, str(tmp_path / "uploads"))
    monkeypatch.setenv(data.DB_ENV, str(tmp_path / "timeline.duckdb"))
    data.refresh_store()
    frame = data.all_events()
    assert len(frame) == 1, "the hostile articles still yield their contact"
    assert frame.iloc[0]["n_sources"] == 2, "reported by both, so the list of sources is drawn"
    return frame


def test_hostile_markup_is_shown_as_text(hostile_corpus):
    event_id = hostile_corpus.iloc[0]["event_id"]
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["event"] = event_id
    at.run()
    at.switch_page("dashboard/views/events.py").run()
    assert not at.exception, [e.value for e in at.exception]
    page = "\n".join(element.value for element in at.get("html"))
    assert "Putin" in page, "the article is shown"
    assert page.count("event-source") == 2, "both reports are listed"
    for raw in ("<script", "<img", "<b ", "onerror=alert(1)>", "javascript:alert"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;" in page
    assert "&lt;img src=y onerror=alert(2)&gt; Xi hosted Putin" in page, "a source's title is escaped"
    links = [b.proto.url for b in at.get("link_button")]
    assert not any(url.startswith("javascript:") for url in links), links
