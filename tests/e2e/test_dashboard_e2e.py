"""End to end: `streamlit run app.py` on a free port, driven by headless Chromium through Playwright.

The server reads a temporary store ($TIMELINE_DB) the sample corpus is ingested into. The test opens
a filtered URL, checks the rendered count against the filter functions, downloads the CSV and the
reports CSV and checks their rows, opens a merged event with its sources, and saves a screenshot of
every page under the test's temporary directory
(and under $SCREENSHOTS_DIR when set: `SCREENSHOTS_DIR=docs/screenshots python -m pytest tests/e2e`
refreshes the README's pictures).

Playwright cannot download its own browser here, so it drives Debian's Chromium; the test is
skipped, saying so, when no Chromium is installed (.ci/run installs it so CI always runs it).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data
from dashboard.aggregate import places
from dashboard.filters import Filters, apply_filters
from tests.conftest import PROJECT_DIR
from tests.dashboard_isolation import own_dashboard_data

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 90
IDLE_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1440, "height": 1000}


def chromium_path() -> str | None:
    """$CHROMIUM_PATH, else Debian's chromium on PATH or in /usr/bin."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium",
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); .ci/run installs it",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory) -> Iterator[Path]:
    """An empty uploads folder and a store of its own, for the server and for the expected counts alike."""
    folder = tmp_path_factory.mktemp("uploads")
    with own_dashboard_data(folder, tmp_path_factory.mktemp("store") / "timeline.duckdb"):
        yield folder


@pytest.fixture(scope="module")
def server(uploads_dir, tmp_path_factory) -> Iterator[str]:
    """The app, started exactly as the README says, on a free port; its log is shown if it fails."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # with the uploads folder and store set above
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
               "--server.fileWatcherType=none"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def browser(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sample(uploads_dir) -> pd.DataFrame:
    """The sample corpus's merged events, ingested from this process (the server finds them stored)."""
    data.refresh_store()
    return data.all_events()


def wait_idle(page) -> None:
    """Wait until the script has finished, no widget is still a loading skeleton, and charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=IDLE_TIMEOUT_MS)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')
              && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                   .every(chart => chart.querySelector('.main-svg'))""",
        timeout=IDLE_TIMEOUT_MS,
    )
    page.wait_for_timeout(250)  # let Plotly finish its transitions before a screenshot


def chart_points(page):
    """The markers Plotly drew in the page's charts (SVG paths, so Playwright can click them)."""
    return page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace .points path')


def rendered_count(page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"^[\d,]+ of [\d,]+ events")).first.inner_text()
    shown, total = re.findall(r"([\d,]+)", text)[:2]
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def save_screenshot(page, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    """Screenshot into the test's tmp dir, and into $SCREENSHOTS_DIR (the README's pictures) when set."""
    target = tmp_path / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full_page)
    assert target.stat().st_size > 10_000, f"{name}: the screenshot looks empty"
    if os.environ.get("SCREENSHOTS_DIR"):
        published = Path(os.environ["SCREENSHOTS_DIR"])
        if not published.is_absolute():
            published = PROJECT_DIR / published
        published.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, published / target.name)
    return target


def test_filtered_url_count_csv_download_and_screenshots(server, browser, sample, tmp_path):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # A shareable link: the URL alone sets the filters, and the page says how many events match.
    page.goto(f"{server}/?country=RUS&type=meeting&type=summit")
    wait_idle(page)
    expected = apply_filters(sample, Filters(countries=("RUS",), event_types=("meeting", "summit")))
    assert 0 < len(expected) < len(sample)
    assert rendered_count(page) == (len(expected), len(sample))

    # The CSV export holds exactly those rows.
    button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV (UTF-8)")
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv") and "RUS" in download.suggested_filename
    raw = Path(download.path()).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = pd.read_csv(io.BytesIO(raw), keep_default_na=False)
    assert sorted(rows["event_id"]) == sorted(expected["event_id"])
    assert rows["countries"].str.contains("RUS").all()
    assert set(rows["event_type"]) <= {"meeting", "summit"}
    assert rows["n_sources"].tolist() == expected.set_index("event_id").loc[rows["event_id"], "n_sources"].tolist()

    # The reports CSV: every article that reports one of those events.
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Reports CSV")
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    reports = pd.read_csv(download_info.value.path(), keep_default_na=False)
    assert len(reports) == int(expected["n_sources"].sum()) > len(expected)
    assert set(reports["merged_event_id"]) == set(expected["event_id"])
    save_screenshot(page, tmp_path, "timeline")

    # Clicking a marker opens the event's details and its article.
    chart_points(page).nth(0).click(force=True)
    page.get_by_text("Selected event").wait_for(timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    assert page.locator("mark.evidence").count() >= 1

    # In-app navigation keeps the filters (they are bound to the URL of every page).
    page.get_by_test_id("stTopNavLink").filter(has_text="Network").click()
    page.wait_for_url(re.compile(r"/network\?"))
    wait_idle(page)
    assert rendered_count(page) == (len(expected), len(sample))
    assert "country=RUS" in page.url

    # Every other page, from a shareable link, as the README shows it.
    page.goto(f"{server}/network")
    wait_idle(page)
    save_screenshot(page, tmp_path, "network")

    # Clicking a node filters every page to it (and the URL says so).
    chart_points(page).last.click(force=True)
    page.wait_for_url(re.compile(r"country="), timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    assert rendered_count(page)[0] < len(sample)
    top_place = places(sample).iloc[0]["location"]
    two_leaders = sample["participants"].map(lambda cell: set(cell.split("; "))) == {"Joe Biden", "Vladimir Putin"}
    geneva = sample[(sample["date"] == "2021-06-16") & two_leaders]
    assert len(geneva) == 1 and geneva.iloc[0]["n_sources"] == 3, "Biden–Putin in Geneva: three reports"
    article_event = geneva.iloc[0]["event_id"]
    views = {
        "relations": "/relations?a=USA&b=CHN",
        "map": f"/map?place={top_place}",
        "events": f"/events?event={article_event}",
    }
    for name, path in views.items():
        page.goto(server + path)
        wait_idle(page)
        assert rendered_count(page) == (len(sample), len(sample)), name
        if name == "events":
            page.get_by_text("The whole article, evidence highlighted").scroll_into_view_if_needed()
            assert page.locator("mark.evidence").count() >= 1, "the evidence sentence is highlighted"
            assert page.locator(".event-source").count() == 3, "each report of the merged event is listed"
            page.get_by_text("Reported by 3 articles").scroll_into_view_if_needed()
        save_screenshot(page, tmp_path, name)

    # The dark theme (the browser's preference) is readable too.
    dark = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
    dark_page = dark.new_page()
    dark_page.goto(f"{server}/?country=RUS")
    wait_idle(dark_page)
    background = dark_page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    assert sum(int(v) for v in re.findall(r"\d+", background)[:3]) < 3 * 80, background
    save_screenshot(dark_page, tmp_path, "timeline-dark")
    dark.close()
    context.close()
    assert not errors, errors


def test_upload_in_the_browser_adds_events(server, browser, sample, uploads_dir, tmp_path):
    """Runs last: it changes the server's data. Upload a .txt and a zip with a traversal member."""
    kerry = (PROJECT_DIR / "tests" / "fixtures" / "articles" / "kerry_lavrov_climate.txt").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../escape.txt", kerry)
        archive.writestr("table.csv", (PROJECT_DIR / "tests" / "fixtures" / "articles" /
                                       "table_articles.csv").read_bytes())
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{server}/add")
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([
        {"name": "kerry lavrov.txt", "mimeType": "text/plain", "buffer": kerry},
        {"name": "batch.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()},
    ])
    page.get_by_role("button", name=re.compile("Add these files")).click()
    page.get_by_text(re.compile(r"articles added with")).wait_for(timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    shown, total = rendered_count(page)
    assert total > len(sample) and shown == total
    assert page.get_by_test_id("stDataFrame").count() == 1, "the per-file report is shown"
    stored = sorted(p.name for p in uploads_dir.rglob("*") if p.is_file())
    assert stored == ["kerry_lavrov.txt", "table.csv"], "the traversal member was refused, not written"
    in_store = data.all_events(merged=False)
    assert {"kerry_lavrov", "csv-merkel-macron"} <= set(in_store["article_id"]), "the uploads are in the store"
    assert len(data.all_events()) == total
    save_screenshot(page, tmp_path, "add-articles")
    page.goto(f"{server}/?q=Toulouse")  # the CSV's Merkel-Macron article is now on the timeline
    wait_idle(page)
    assert rendered_count(page)[0] >= 1
    context.close()
