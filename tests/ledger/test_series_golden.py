"""The series JSON of two ledgers is byte-identical to the goldens computed before the series
were optimised (see `series_golden.py`): speed work must never change an output."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from series_golden import (  # noqa: E402
    GOLD_JSON,
    SYNTHETIC_SHA,
    build_gold_ledger,
    build_synthetic_ledger,
    series_json,
    sha256,
)


def test_series_json_of_gold_clusters_is_byte_identical_to_golden(shared, tmp_path):
    with Store(tmp_path / "gold.db") as store:
        build_gold_ledger(store, shared)
        got = series_json(store)
    want = GOLD_JSON.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            "golden", "now", n=2))
        pytest.fail("series JSON changed:\n" + diff[:4000])


def test_series_json_of_synthetic_ledger_hashes_to_golden(tmp_path):
    with Store(tmp_path / "synthetic.db") as store:
        build_synthetic_ledger(store)
        got = series_json(store)
    assert '"discrepancy"' in got  # the ledger does exercise the cross-side comparisons
    assert sha256(got) == SYNTHETIC_SHA.read_text(encoding="utf-8").strip()


def test_series_json_golden_detects_a_changed_series(shared, tmp_path):
    # the comparison can fail: one review more changes the bytes
    from claimledger.ledger.reviews import add_review

    with Store(tmp_path / "gold.db") as store:
        build_gold_ledger(store, shared)
        figure = store.figures(limit=None)[3]
        add_review(store.conn, "figure", figure["id"], "reject",
                   created_at="2026-01-01T00:00:00+00:00")
        store.conn.commit()
        assert series_json(store) != GOLD_JSON.read_text(encoding="utf-8")
