"""Nothing in an article is ever run by the dashboard: hostile markup shows as text on every view of it.

An article whose title and contact sentence carry `<script>` and `<img onerror=...>` goes through the
whole app (AppTest), and the HTML the app draws must hold those only escaped.
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


@pytest.fixture
def hostile_corpus(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.setenv(data.ARTICLES_ENV, str(folder))
    monkeypatch.setenv(data.UPLOADS_ENV, str(tmp_path / "uploads"))
    frame = data.load_events(cache_dir=tmp_path / "cache")
    assert len(frame) == 1, "the hostile article still yields its contact"
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
    for raw in ("<script", "<img", "onerror=alert(1)>", "javascript:alert"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;" in page
    links = [b.proto.url for b in at.get("link_button")]
    assert not any(url.startswith("javascript:") for url in links), links
