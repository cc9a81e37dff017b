"""The dashboard in a real browser: Playwright (PyPI) driving Debian's /usr/bin/chromium.

The real `eventcoder serve` runs as a subprocess over a database built by `eventcoder ingest`
from the sample articles. Screenshots go to out/screenshots/ (docs/dashboard.md describes
them). Chromium missing is a failure, not a skip: CI installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# A real server and a real browser: the slow tier.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 300  # model loading on a busy 2-core machine; not a speed assertion


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventcoder.cli", *args]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "demo.duckdb"
    built = subprocess.run(
        _cli("ingest", str(REPO / "samples" / "articles.jsonl"), "--db", str(db)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    port = _free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        _cli("serve", "--db", str(db), "--port", str(port), "--log-level", "warning"),
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "EVENTCODER_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail("eventcoder serve exited: " + (folder / "server.log").read_text())
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("eventcoder serve did not answer /healthz")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); "
            "the browser tests never download a browser"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.requests = []
    opened.errors = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()


def _ready(page: Any) -> None:
    page.wait_for_function("window.dashboard && window.dashboard.ready === true", timeout=60_000)


def _only_local(page: Any, server: str) -> None:
    outside = [url for url in page.requests if not url.startswith((server + "/", "data:", "blob:"))]
    assert outside == []
    assert page.errors == []


def test_dashboard_draws_the_map_timeline_and_dyads(page: Any, server: str) -> None:
    page.goto(server + "/")
    _ready(page)
    stats = page.evaluate("window.dashboard.stats")
    assert stats["totals"]["events"] > 300 and len(stats["places"]) > 20
    # the map: one circle per place, on the country outlines
    assert page.evaluate("window.dashboard.views.map.data('places').length") == len(stats["places"])
    circles = page.locator("#map g.mark-symbol path").count()
    assert circles == len(stats["places"])
    assert page.locator("#map g.mark-shape path").count() > 170  # outlines, sphere, graticule
    # the timeline: stacked bars by QuadClass and the mean Goldstein line
    bars = page.evaluate("window.dashboard.views.timeline.data('bars')")
    assert sum(bar["events"] for bar in bars) == sum(row["events"] for row in stats["by_day"])
    bar_marks = "#timeline g.mark-rect.role-mark:not([class*='brush']) path"
    assert page.locator(bar_marks).count() == len(bars)
    assert page.locator("#timeline g.mark-line path").count() >= 1
    assert page.locator("#dyads g.mark-rect path").count() == min(15, len(stats["dyads"]))
    assert page.locator("#events tbody tr").count() == 50
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    _only_local(page, server)


def test_country_filter_drives_every_view(page: Any, server: str) -> None:
    page.goto(server + "/")
    _ready(page)
    before = page.evaluate("window.dashboard.events.map(e => e.event_id)")
    page.select_option("#f-country", "NER")
    page.wait_for_function("window.location.search.includes('country=NER')")
    _ready(page)
    stats = page.evaluate("window.dashboard.stats")
    events = page.evaluate("window.dashboard.events")
    assert 0 < stats["totals"]["events"] < 50
    assert page.locator("#events tbody tr").count() == stats["totals"]["events"] == len(events)
    assert [e["event_id"] for e in events] != before
    for event in events:
        countries = {event["source_country"], event["target_country"], event["place_country"]}
        assert "NER" in countries, event
    assert page.locator("#map g.mark-symbol path").count() == len(stats["places"])
    bars = page.evaluate("window.dashboard.views.timeline.data('bars')")
    assert sum(bar["events"] for bar in bars) == sum(row["events"] for row in stats["by_day"])
    page.screenshot(path=str(SHOTS / "dashboard-niger.png"), full_page=True)
    _only_local(page, server)


def test_article_view_highlights_the_event_behind_a_table_row(page: Any, server: str) -> None:
    page.goto(server + "/?country=NER&cameo=17")
    _ready(page)
    link = page.locator("#events tbody tr td.evidence a").first
    evidence = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    page.wait_for_selector("li.event.active")
    for kind in ("actor", "trigger", "place", "quote"):
        assert page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    # the linked event is selected: its evidence is lit, its card open with codes and rule
    selected = page.locator("#article-text .sel").all_inner_texts()
    assert " ".join("".join(selected).split()) == " ".join(evidence.split())
    card = page.locator("li.event.active").inner_text()
    assert "QuadClass" in card and "rule" in card and ".tsv:" in card
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('#article-text .sel.hl-trigger')).color"
    )
    assert colour == "rgb(153, 27, 27)"
    page.screenshot(path=str(SHOTS / "article.png"))
    _only_local(page, server)
