"""`/sources` groups claimants by alias and role: one row per claimant (a spokesman under the
institution he speaks for), its page lists all its claims."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "ledger"))
from claimant_ledger import (  # noqa: E402
    FULL_NAME,
    SURNAME,
    SURNAME_ARTICLE,
    SURNAME_COPY,
    build_claimant_ledger,
)


@pytest.fixture(scope="module")
def alias_client(shared, tmp_path_factory):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    path = tmp_path_factory.mktemp("aliases") / "ledger.db"
    with Store(path) as store:
        build_claimant_ledger(store, shared)
    return TestClient(create_app(path))


def _rows(client, q: str) -> list[dict]:
    return client.get("/sources.json", params={"q": q, "size": 200}).json()["sources"]


@pytest.mark.parametrize("q", [SURNAME, FULL_NAME, "Lt. Gen."])
def test_sources_full_name_and_surname_are_one_row_with_aliases(alias_client, q):
    rows = _rows(alias_client, q)
    assert len(rows) == 1
    row = rows[0]
    # the ministry's spokesman is filed under the ministry, his names its aliases
    assert row["name"] == "Russian Defence Ministry"
    assert FULL_NAME in row["aliases"] and SURNAME in row["aliases"]
    assert "he" not in row["aliases"] and row["documents"] >= 2


def test_sources_claimant_page_lists_claims_of_every_alias(alias_client):
    row = _rows(alias_client, SURNAME)[0]
    page = alias_client.get(f"/sources/{row['id']}.json", params={"size": 200}).json()
    assert {SURNAME_ARTICLE, SURNAME_COPY} <= {c["document_id"] for c in page["claims"]}
    assert {FULL_NAME, SURNAME} <= {c["source_name"] for c in page["claims"]}
    assert {FULL_NAME, SURNAME} <= {r["name"] for r in page["records"]}
    dates = [c["stated_on"] or c["published"] for c in page["claims"]]
    assert dates == sorted(dates)
    # any of its source rows opens the same claimant
    other = next(r["id"] for r in page["records"] if r["id"] != row["id"])
    again = alias_client.get(f"/sources/{other}.json", params={"size": 200}).json()
    assert again["source"] == page["source"]


@pytest.mark.parametrize(
    "q,absent",
    [
        ("Kyrylenko", "Russian Defence Ministry"),  # other sides stay apart
        ("Kyrylenko", "Ukrainian officials"),  # one side, two claimants
    ],
)
def test_sources_claimants_of_one_side_stay_apart(alias_client, q, absent):
    rows = _rows(alias_client, q)
    assert rows
    for row in rows:
        assert row["name"] != absent and absent not in row["aliases"]


def test_sources_html_lists_aliases(alias_client):
    html = alias_client.get("/sources", params={"q": SURNAME}).text
    assert FULL_NAME in html and "also:" in html and SURNAME in html.split("also:")[1]
