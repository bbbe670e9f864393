"""Claimant reviews over HTTP: a reviewer merges two claimants or splits a name out, the
review is stored with its audit trail, and the claimant pages and series follow (and go
back on undo).

The ledger is the web tests' (olenivka's gold as extraction): President Zelensky's figure
of the Olenivka dead and the Ukrainian Prosecutor General's Office start as two claimants.
"""

from __future__ import annotations

import pytest
from ledger_fixture import TOKEN

ZELENSKY = "ol-guardian-2022-07-30:s1"
PGO = "ol-hromadske-2022-07-29:s1"
KONASHENKOV = "ol-eurasiantimes-2022-07-30:s2"


def _killed_claimants(client) -> dict[str, list]:
    rows = client.get("/series.json", params={"event": "killed", "size": 200}).json()["series"]
    return {s["claimant"]["name"]: s for s in rows}


def _claimant(client, source_id: str) -> dict:
    return client.get(f"/sources/{source_id}.json", params={"size": 200}).json()


def test_claimant_merge_moves_series_and_claims_then_undo_restores(review_client, auth):
    assert "Volodymyr Zelensky" in _killed_claimants(review_client)
    assert _claimant(review_client, ZELENSKY)["source"] != _claimant(review_client, PGO)["source"]
    response = review_client.post(
        f"/sources/{ZELENSKY}/review",
        json={"verdict": "correct", "changes": {"merge_into": PGO}, "reviewer": "desk",
              "note": "the president quotes the prosecutors' count"},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    review = response.json()["review"]
    # the audit trail: what was merged into what, as the ledger named them then
    assert review["target_type"] == "source" and review["reviewer"] == "desk"
    assert review["changes"]["from_name"] == "Volodymyr Zelensky"
    assert review["changes"]["into_name"] == "Prosecutor General's Office of Ukraine"
    merged = _claimant(review_client, ZELENSKY)
    assert merged["source"] == _claimant(review_client, PGO)["source"]
    assert "Volodymyr Zelensky" in merged["source"]["aliases"]
    assert any(r["id"] == review["id"] for r in merged["reviews"])
    after = _killed_claimants(review_client)
    assert "Volodymyr Zelensky" not in after
    reports = [r for s in after.values() for r in
               review_client.get(f"/series/{s['id']}.json").json()["reports"]
               if r["document_id"] == ZELENSKY.rsplit(":", 1)[0]]
    assert reports  # his figure is in the merged claimant's series now
    assert review_client.post(f"/reviews/{review['id']}/undo", headers=auth).status_code == 200
    assert "Volodymyr Zelensky" in _killed_claimants(review_client)
    assert _claimant(review_client, ZELENSKY)["source"] != _claimant(review_client, PGO)["source"]


def test_claimant_split_makes_a_spokesman_his_own_claimant(review_client, auth):
    ministry = _claimant(review_client, KONASHENKOV)["source"]
    assert ministry["name"] == "Russian Defence Ministry"
    response = review_client.post(f"/sources/{KONASHENKOV}/review",
                                  json={"verdict": "correct", "changes": {"split": True}},
                                  headers=auth)
    assert response.status_code == 201, response.text
    alone = _claimant(review_client, KONASHENKOV)["source"]
    assert alone["name"] == "Igor Konashenkov" and alone != ministry


@pytest.mark.parametrize("body", [
    {"verdict": "reject"},
    {"verdict": "correct", "changes": {}},
    {"verdict": "correct", "changes": {"merge_into": "no-such-doc:s9"}},
    {"verdict": "correct", "changes": {"merge_into": PGO, "split": True}},
    {"verdict": "correct", "changes": {"merge_into": ZELENSKY}},
    {"verdict": "correct", "changes": {"value": 3}},
])
def test_claimant_bad_review_is_refused_and_stores_nothing(review_client, auth, body):
    response = review_client.post(f"/sources/{ZELENSKY}/review", json=body, headers=auth)
    assert response.status_code in (404, 422), response.text
    assert review_client.get("/reviews.json").json()["reviews"] == []


def test_claimant_merge_form_on_the_claimant_page(review_client):
    page = review_client.get(f"/sources/{ZELENSKY}")
    assert 'id="merge-claimant"' in page.text
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    response = review_client.post(
        f"/sources/{ZELENSKY}/review",
        data={"csrf": csrf, "token": TOKEN, "verdict": "correct", "change_merge_into": PGO,
              "next": f"/sources/{ZELENSKY}"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert _claimant(review_client, ZELENSKY)["source"] == _claimant(review_client, PGO)["source"]
