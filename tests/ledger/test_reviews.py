"""Reviews: stored beside the extraction, folded in order, undoable, applied to series rows.

The ledger here is the kramatorsk dev-gold cluster stored as its gold (oracle) extraction,
so ids and values are known: kr-rt-2022-04-08:f3 is the Russian Defence Ministry's "17"
killed (claim c3), kr-censor-2022-04-08:f2 Ukrzaliznytsia's "more than 30" killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimledger.ledger.reviews import (
    ReviewError,
    ReviewNotFound,
    add_review,
    apply_reviews,
    list_reviews,
    review_rows,
    undo_review,
)
from claimledger.ledger.series.build import series_from_store
from claimledger.ledger.series.rows import rows_from_store
from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from gold_oracle import load_cluster, oracle_extraction, side_names, store_extractions  # noqa: E402

RU_FIG, RU_CLAIM = "kr-rt-2022-04-08:f3", "kr-rt-2022-04-08:c3"
UA_FIG = "kr-censor-2022-04-08:f2"


@pytest.fixture
def store(shared, tmp_path):
    cluster = load_cluster(shared / "gold" / "dev" / "kramatorsk.json")
    sides = side_names(cluster)
    with Store(tmp_path / "ledger.db") as st:
        store_extractions(st, [oracle_extraction(a, sides) for a in cluster["articles"]])
        yield st


def _figure(store, fid, reviewed=True, keep=True):
    rows = [r for r in store.figures(document_id=fid.rsplit(":", 1)[0]) if r["id"] == fid]
    return review_rows(store.conn, rows, "figure", keep_rejected=keep)[0] if reviewed else rows[0]


def _values(series, fid):
    return [p["value"] for s in series for p in s.to_dict()["points"]
            for r in p["reports"] if r["figure_id"] == fid]


def test_reviews_correct_leaves_extraction_and_changes_reviewed_view(store):
    add_review(store.conn, "figure", RU_FIG, "correct", {"value": "18"}, note="typo", reviewer="ed")
    raw = _figure(store, RU_FIG, reviewed=False)
    seen = _figure(store, RU_FIG)
    assert raw["value"] == 17
    assert seen["value"] == 18
    assert seen["review"]["status"] == "corrected"
    assert seen["review"]["original"] == {"value": 17}
    assert _values(series_from_store(store), RU_FIG) == [18]
    assert _values(series_from_store(store, ignore_reviews=True), RU_FIG) == [17]


@pytest.mark.parametrize("target", ["figure", "claim"])
def test_reviews_reject_drops_figure_from_series_until_undone(store, target):
    review = add_review(store.conn, target, RU_FIG if target == "figure" else RU_CLAIM, "reject")
    assert _values(series_from_store(store), RU_FIG) == []
    assert _figure(store, RU_FIG)["review"]["status"] == "rejected"
    undo_review(store.conn, review["id"])
    assert _values(series_from_store(store), RU_FIG) == [17]
    assert _figure(store, RU_FIG)["review"] is None
    assert list_reviews(store.conn, include_undone=True)[0]["undone_at"] is not None


def test_reviews_fold_in_order_later_value_wins_and_confirm_keeps_corrections(store):
    add_review(store.conn, "figure", RU_FIG, "correct", {"value": 18})
    add_review(store.conn, "figure", RU_FIG, "correct", {"value": 19, "event": "wounded"})
    add_review(store.conn, "figure", RU_FIG, "confirm")
    seen = _figure(store, RU_FIG)
    assert (seen["value"], seen["event"]) == (19, "wounded")
    assert seen["review"]["status"] == "confirmed"
    assert len(seen["review"]["review_ids"]) == 3


def test_reviews_reattribution_moves_claim_and_its_figure(store):
    target = next(s for s in store.sources(document_id="kr-censor-2022-04-08")
                  if s["name"] != "Russian Defence Ministry")
    add_review(store.conn, "claim", RU_CLAIM, "correct", {"source_id": target["id"]})
    claim = next(c for c in review_rows(store.conn, store.claims(document_id="kr-rt-2022-04-08"),
                                        "claim") if c["id"] == RU_CLAIM)
    assert claim["source_name"] == target["name"]
    assert claim["review"]["original"]["source_id"] != target["id"]
    row = next(r for r in apply_reviews(rows_from_store(store), store.reviews())
               if r.figure_id == RU_FIG)
    assert row.source_name == target["name"]
    assert row.source_affiliation == target["affiliation"]


@pytest.mark.parametrize(
    "target_type,target_id,verdict,changes,error",
    [
        ("figure", RU_FIG, "approve", None, ReviewError),
        ("figure", RU_FIG, "correct", {}, ReviewError),
        ("figure", RU_FIG, "reject", {"value": 3}, ReviewError),
        ("figure", RU_FIG, "correct", {"value": "seventeen"}, ReviewError),
        ("figure", RU_FIG, "correct", {"value": float("nan")}, ReviewError),
        ("figure", RU_FIG, "correct", {"qualifier": "roughly"}, ReviewError),
        ("figure", RU_FIG, "correct", {"event": "massacre"}, ReviewError),
        ("figure", RU_FIG, "correct", {"span_start": 0}, ReviewError),
        ("figure", RU_FIG, "correct", {"as_of": "last Tuesday"}, ReviewError),
        ("claim", RU_CLAIM, "correct", {"value": 3}, ReviewError),
        ("claim", RU_CLAIM, "correct", {"source_id": "no-such:s1"}, ReviewNotFound),
        ("figure", "kr-rt-2022-04-08:f999", "confirm", None, ReviewNotFound),
        ("source", RU_CLAIM, "confirm", None, ReviewError),
    ],
)
def test_reviews_refuse_bad_review(store, target_type, target_id, verdict, changes, error):
    with pytest.raises(error):
        add_review(store.conn, target_type, target_id, verdict, changes)
    assert list_reviews(store.conn, include_undone=True) == []


@pytest.mark.parametrize(
    "changes,expected",
    [
        ({"value": "1,908"}, {"value": 1908}),
        ({"value": 2.5}, {"value": 2.5}),
        ({"qualifier": "nearly", "high": 2000}, {"qualifier": "nearly", "high": 2000}),
        ({"cumulative": "false"}, {"cumulative": False}),
        ({"as_of": "2022-04-09"}, {"as_of": "2022-04-09"}),
    ],
)
def test_reviews_store_checked_values(store, changes, expected):
    review = add_review(store.conn, "figure", UA_FIG, "correct", changes)
    assert review["changes"] == expected


def test_reviews_undo_twice_is_refused(store):
    review = add_review(store.conn, "figure", UA_FIG, "confirm")
    undo_review(store.conn, review["id"])
    with pytest.raises(ReviewError):
        undo_review(store.conn, review["id"])
    with pytest.raises(ReviewNotFound):
        undo_review(store.conn, review["id"] + 100)
