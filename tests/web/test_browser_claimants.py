"""In a real headless Chromium: a reviewer merges two claimants on the claimant page, and the
series follow (the merged claimant's series is gone, its figure is in the other's).

Same server and browser as `test_browser.py` (its fixtures); skipped with a reason where no
chromium is installed.
"""

from __future__ import annotations

import json

import pytest
from ledger_fixture import TOKEN
from test_browser import browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

#: the Olenivka dead as President Zelensky gave them, and the Prosecutor General's Office
ZELENSKY = "ol-guardian-2022-07-30:s1"
PGO = "ol-hromadske-2022-07-29:s1"


def _killed_by(pg, base: str) -> dict[str, str]:
    """{claimant name: series id} of the series of the killed."""
    pg.goto(f"{base}/series.json?event=killed&size=200")
    rows = json.loads(pg.inner_text("body"))["series"]
    return {s["claimant"]["name"]: s["id"] for s in rows}


def test_browser_reviewer_merges_two_claimants_and_the_series_follow(page, server):  # noqa: F811
    before = _killed_by(page, server)
    assert "Volodymyr Zelensky" in before
    page.goto(f"{server}/sources/{ZELENSKY}")
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    merge = page.locator("#merge-claimant")
    merge.locator("summary").click()
    form = merge.locator("form")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("input[name=reviewer]").fill("browser test")
    form.locator("select[name=change_merge_into]").select_option(PGO)
    form.locator("button[type=submit]").click()
    # back on the claimant page (its id percent-encoded in the form's return address)
    page.wait_for_url(lambda url: "/sources/ol-guardian" in url and "/review" not in url)
    # the claimant page now is the merged claimant, its review in the log
    assert page.locator("h1").inner_text() == "Prosecutor General's Office of Ukraine"
    assert "Volodymyr Zelensky" in page.locator("p.aliases").inner_text()
    assert "merge_into" in page.locator("#review-log").inner_text()
    after = _killed_by(page, server)
    assert "Volodymyr Zelensky" not in after
    doc = ZELENSKY.rsplit(":", 1)[0]
    holders = []
    for sid in after.values():
        page.goto(f"{server}/series/{sid}.json")
        if any(r["document_id"] == doc for r in json.loads(page.inner_text("body"))["reports"]):
            holders.append(sid)
    assert holders, "the merged claimant's figure is in no series"
    page.goto(f"{server}/series/{holders[0]}")
    assert page.locator("#reports").count() == 1
    assert page.errors == []  # type: ignore[attr-defined]
