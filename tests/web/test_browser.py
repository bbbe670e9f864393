"""End to end in a real headless Chromium: highlights, the drawn chart, reviews, and proof
that a hostile article's scripts never run.

Uses Debian's `chromium` (never a browser downloaded by Playwright); skipped with a reason
where none is installed. The server is the real app under uvicorn on a free local port.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from ledger_fixture import HOSTILE_ID, SEED_ID, TOKEN

pytestmark = pytest.mark.browser

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "",
                 shutil.which("chromium-browser") or "") if p and Path(p).exists()),
    None,
)
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshot-series.png"
RU_FIG = "kr-rt-2022-04-08:f3"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(writable_db):
    """The app (reviews enabled) under uvicorn in a background thread; yields its base URL."""
    import uvicorn

    from claimledger.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(writable_db, review_token=TOKEN), host="127.0.0.1",
                            port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium per module, on a fresh profile directory."""
    if CHROMIUM is None:
        pytest.skip("no chromium binary found (apt-get install chromium); browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=ARGS, headless=True, viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A new page; its console errors and uncaught exceptions are collected in `.errors`."""
    browser.clear_cookies()
    pg = browser.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(msg.text))  # type: ignore[attr-defined]
    yield pg
    pg.close()


def _ru_series_url(page, server) -> str:
    page.goto(f"{server}/series.json?event=killed&size=200")
    import json

    rows = json.loads(page.inner_text("body"))["series"]
    # the Russian side's series of the Kramatorsk strike (series live inside an incident:
    # Olenivka's toll is another series)
    ru = next(s for s in rows if s["location"] == "Kramatorsk"
              and "Russian Defence Ministry" in s["claimant"]["aliases"])
    return f"{server}/series/{ru['id']}"


def test_browser_document_shows_highlights_and_details(page, server):
    page.goto(f"{server}/documents/{SEED_ID}")
    for kind in ("content", "cue", "figure"):
        assert page.locator(f"#doc-text mark.hl-{kind}").count() > 0, kind
    figure = page.locator("#doc-text mark.hl-figure", has_text="1,908").first
    figure.click()
    details = page.locator("#details")
    assert "1,908" in details.inner_text() and "qualifier" in details.inner_text()
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_series_chart_is_drawn_with_its_points(page, server):
    url = _ru_series_url(page, server)
    page.goto(url)
    page.wait_for_selector("#chart[data-rendered='true']", timeout=15_000)
    marks = page.locator("#chart svg path[aria-roledescription='point'], #chart svg .mark-symbol path")
    assert marks.count() >= 2
    assert page.locator("#chart svg .mark-line path").count() >= 1
    assert page.errors == []  # type: ignore[attr-defined]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)


def test_browser_review_with_token_is_reflected_in_series(page, server):
    url = _ru_series_url(page, server)
    page.goto(url)
    assert page.locator("#reports td.value", has_text="17").count() >= 1
    doc = RU_FIG.rsplit(":", 1)[0]
    page.goto(f"{server}/documents/{doc}")
    row = page.locator(f"[id='figure-{RU_FIG}']")
    row.locator("summary").click()
    form = row.locator("form")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("select[name=verdict]").select_option("correct")
    form.locator("input[name=change_value]").fill("18")
    form.locator("input[name=reviewer]").fill("browser test")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/documents/{doc}")
    assert "corrected" in row.inner_text()
    page.goto(url)
    assert page.locator("#reports td.value", has_text="18").count() >= 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_review_refused_without_token(page, server):
    doc = RU_FIG.rsplit(":", 1)[0]
    page.goto(f"{server}/documents/{doc}")
    row = page.locator(f"[id='figure-{RU_FIG}']")
    row.locator("summary").click()
    form = row.locator("form")
    form.locator("input[name=token]").fill("not-the-token")
    form.locator("select[name=verdict]").select_option("reject")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "401" in page.inner_text("h1")
    page.goto(f"{server}/reviews.json")
    assert '"reviews":[]' in page.inner_text("body").replace(" ", "")


@pytest.mark.parametrize("path", [f"/documents/{HOSTILE_ID}", "/documents", "/sources"])
def test_browser_hostile_article_runs_nothing(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("load")
    # click everything a reader might: the links and highlights the payloads produced
    for mark in page.locator("#doc-text mark.hl").all()[:10]:
        mark.click()
    page.mouse.move(10, 10)
    time.sleep(0.3)
    assert page.evaluate("window.__pwned === undefined")
    assert page.title() != "PWNED"
    assert page.locator("#doc-text script, #doc-text img, #doc-text svg, #doc-text a").count() == 0
    if path.startswith("/documents/"):
        assert "window.__pwned" in page.inner_text("#doc-text")  # shown as text, not run


def test_browser_source_mention_opens_its_claimant(page, server):
    page.goto(f"{server}/documents/{SEED_ID}")
    mention = page.locator("#doc-text mark.hl-source[data-source]").first
    mention.click()
    link = page.locator("#details a")
    assert link.inner_text() == "everything this source has said"
    link.click()
    page.wait_for_load_state()
    assert page.locator("#source-claims").count() == 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_long_article_page_is_light_and_forms_come_on_demand(page, server, writable_db):
    from ledger_fixture import LONG_ID, long_extraction, store_extractions

    from claimledger.ledger.store import Store

    with Store(writable_db) as store:  # ~190,000 characters: the audit's 5.4 MB page
        store_extractions(store, [long_extraction(store.extraction(SEED_ID), 190_000)])
    response = page.goto(f"{server}/documents/{LONG_ID}")
    assert len(response.body()) < 500_000
    assert 0 < page.locator("#doc-text mark.hl").count() < 1_000
    assert page.locator("form").count() == 0  # no review form until one is opened
    row = page.locator("#claims tbody tr").first
    row.locator("summary").click()
    form = row.locator("form")
    assert form.get_attribute("action").startswith("/claims/")
    assert form.locator("input[name=next]").get_attribute("value") == f"/documents/{LONG_ID}?page=1"
    page.locator("nav.parts a[rel=next]").first.click()
    page.wait_for_url(f"{server}/documents/{LONG_ID}?page=2")
    page.locator("#doc-text mark.hl-figure").first.click()
    assert "qualifier" in page.locator("#details").inner_text()
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_incident_page_shows_each_sides_series_on_one_timeline(page, server):
    # the Kramatorsk strike: the Ukrainian officials' and the Russian Defence Ministry's
    # figures of one incident, reached from one side's series page as a reader would
    page.goto(_ru_series_url(page, server))
    page.locator("#incident-link").click()
    page.wait_for_selector("#chart[data-rendered='true']", timeout=15_000)
    sides = {t.strip() for t in page.locator("#incident-series td.side").all_inner_texts()}
    assert len(sides) >= 2 and any("Ukrain" in s for s in sides), sides
    assert page.locator("#chart svg .mark-line path").count() >= 2  # a line per series
    assert page.errors == []  # type: ignore[attr-defined]
