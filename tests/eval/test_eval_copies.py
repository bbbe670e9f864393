"""The copy rows of the series suite: gold pairs linked, false links, on the example reports."""

from __future__ import annotations

import json

from claimledger.data import data_path
from claimledger.eval.copies import metrics, score_links

INDEX = json.loads((data_path("examples") / "index.json").read_text(encoding="utf-8"))
ARTICLES = [{**r, "text": (data_path("examples") / r["file"]).read_text(encoding="utf-8")}
            for r in INDEX["reports"]]
PAIR = {"original": "halvek-market-strike", "copy": "halvek-market-strike-courier",
        "kind": "copy"}


def test_the_courier_republication_is_linked_and_nothing_else():
    s = score_links(ARTICLES, [PAIR])
    assert (s["linked"], s["pairs"], s["false"], s["direction"], s["kind"]) == (1, 1, [], 1, 1)


def test_a_link_gold_does_not_list_is_a_false_link():
    s = score_links(ARTICLES, [])
    assert s["false"] == [("halvek-market-strike", "halvek-market-strike-courier")]
    rows, notes = metrics(ARTICLES, [])
    assert {m.name: m.claimledger for m in rows}["copy false links"] == 1.0
    assert {m.name: m.claimledger for m in rows}["copy links correct"] == 0.0
    assert notes[-1] == "copies: false link halvek-market-strike ~ halvek-market-strike-courier"
