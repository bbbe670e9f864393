"""The document page of a copy shows its link and the evidence: the passages it shares with
its original, as exact offsets in both texts; the original's page names the copy's kind."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ledger_fixture import COPIED_ID, COPY_ID  # noqa: E402

from claimledger.ledger.copies import normalise_text  # noqa: E402


def test_copy_page_json_carries_kind_containment_and_passages_with_offsets(client):
    copy = client.get(f"/documents/{COPY_ID}.json").json()
    original = client.get(f"/documents/{COPIED_ID}.json").json()
    link = copy["link"]
    assert link["original"]["id"] == COPIED_ID
    assert link["kind"] == "copy"  # the whole report plus one line of its own
    assert link["containment"] == 1.0
    assert link["passages"], "a copy shares at least one passage"
    for p in link["passages"]:
        assert copy["text"][p["start"]:p["end"]] == p["text"]
        theirs = original["text"][p["original_start"]:p["original_end"]]
        assert normalise_text(theirs) == normalise_text(p["text"])
    # the appended line is the copy's own: no passage reaches it
    assert max(p["end"] for p in link["passages"]) <= copy["text"].index("Syndicated.")
    assert original["link"] is None


def test_copy_page_html_shows_the_link_kind_and_shared_passages(client):
    html = client.get(f"/documents/{COPY_ID}").text
    assert 'id="copy-link"' in html
    assert "A copy of" in html and "counts as one report" in html
    assert "shared passage" in html
    assert 'data-original-start="' in html


def test_original_page_lists_its_copy(client):
    original = client.get(f"/documents/{COPIED_ID}.json").json()
    assert [(c["id"], c["kind"]) for c in original["copies"]] == [(COPY_ID, "copy")]


def test_a_link_stored_without_evidence_shows_passages_found_again(writable_db):
    """A link made before the evidence was kept (a migrated ledger): the page compares the
    two texts, and says nothing of the kind it does not know."""
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    con = sqlite3.connect(writable_db)
    con.execute("DELETE FROM copy_links WHERE document_id = ?", (COPY_ID,))
    con.commit()
    con.close()
    link = TestClient(create_app(writable_db)).get(f"/documents/{COPY_ID}.json").json()["link"]
    assert link["kind"] is None
    assert link["passages"] and link["passages"][0]["start"] == 0
