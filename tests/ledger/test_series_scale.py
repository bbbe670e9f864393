"""The shortcuts that make series fast give the answers of the plain computations they replace."""

from __future__ import annotations

import gc
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest

from claimledger.ledger.reviews import add_review, apply_reviews
from claimledger.ledger.series.build import _reviewed, gc_paused, series_from_store
from claimledger.ledger.series.estimate import _PAIRWISE_LIMIT, _any_overlap
from claimledger.ledger.series.flags import flag_series
from claimledger.ledger.series.points import Point, Series
from claimledger.ledger.series.rows import FigureRow, rows_from_extraction, rows_from_store
from claimledger.ledger.store import Store
from claimledger.model import Qualifier

sys.path.insert(0, str(Path(__file__).parent))
from series_golden import build_gold_ledger  # noqa: E402

QUALIFIERS = [q for q in get_args(Qualifier) if q != "vague"]


@pytest.fixture(scope="module")
def gold_store(shared, tmp_path_factory):
    with Store(tmp_path_factory.mktemp("scale") / "gold.db") as store:
        build_gold_ledger(store, shared)
        yield store


def _old_rows(store: Store) -> list[FigureRow]:
    """The rows as `rows_from_store` built them from the store's display helpers."""
    sources = {s["id"]: s for s in store.sources(limit=None)}
    rows = []
    for f in store.figures(limit=None):
        src = sources.get(f.get("source_id")) if f.get("source_id") else None
        aliases: tuple[str, ...] = ()
        if src:
            mentions = [m[0] if isinstance(m, list) else m.get("text") for m in src["mentions"]]
            aliases = tuple(dict.fromkeys(a for a in (src["name"], *mentions) if a))
        rows.append(FigureRow(
            f["document_id"], f["id"], f.get("claim_id"), f["value"], f["low"], f["high"],
            f["qualifier"], f["event"], f["unit"], f["location"],
            f["as_of"] or (f["published"] or "")[:10] or None, f["cumulative"], f["span_text"],
            src["name"] if src else None, src["affiliation"] if src else None,
            src["kind"] if src else None, aliases, f["outlet"], f["url"], f["published"],
            f["copy_of"]))
    return sorted(rows, key=lambda r: r.figure_id)


def test_rows_from_store_equals_rows_of_the_display_queries(gold_store):
    rows = rows_from_store(gold_store)
    # the display queries have no text to read a scope from, nor the period start
    assert [replace(r, scope=None, since=None) for r in rows] == _old_rows(gold_store)
    assert any(r.copy_of for r in rows) and any(r.source_aliases for r in rows)


def test_rows_from_store_scope_figures_as_rows_from_extraction_does(gold_store):
    rows = {r.figure_id: r for r in rows_from_store(gold_store)}
    scoped = 0
    for doc in gold_store.documents(limit=None):
        extraction = gold_store.extraction(doc["id"])
        for r in rows_from_extraction(extraction):
            assert (rows[r.figure_id].scope, rows[r.figure_id].since) == (r.scope, r.since)
            scoped += r.scope is not None
    assert scoped  # the gold clusters state war-wide totals and parts of totals


def test_reviewed_rows_equal_apply_reviews_on_every_row(gold_store):
    rows = rows_from_store(gold_store)
    reviews = gold_store.reviews()
    assert reviews  # the gold ledger has a rejection, a correction and a re-attribution
    assert _reviewed(rows, reviews) == apply_reviews(rows, reviews)
    assert len(_reviewed(rows, reviews)) == len(rows) - 1


def test_reviewed_rows_with_no_matching_review_are_the_rows(gold_store):
    rows = rows_from_store(gold_store)
    assert _reviewed(rows, [{"target_id": "nowhere:f1", "target_type": "figure"}]) is rows


def _point(rng: random.Random, day: str) -> Point:
    qualifier = rng.choice(QUALIFIERS)
    value = rng.choice([rng.randrange(1, 3000), rng.randrange(1, 30) * 100])
    low, high = (value, value + rng.randrange(0, 500)) if qualifier == "range" else (None, None)
    return Point(day, value, low, high, qualifier)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("sizes", [(3, 4), (9, 8), (30, 25), (1, 100)])
def test_any_overlap_sorted_path_agrees_with_every_pair(seed, sizes):
    rng = random.Random(seed)
    a = [_point(rng, "2022-07-29") for _ in range(sizes[0])]
    b = [_point(rng, "2022-07-29") for _ in range(sizes[1])]
    every_pair = any(x.bounds[0] <= y.bounds[1] and y.bounds[0] <= x.bounds[1]
                     for x in a for y in b)
    assert _any_overlap(a, b) is every_pair
    assert _any_overlap(b, a) is every_pair


@pytest.mark.parametrize("overlapping", [True, False])
def test_any_overlap_sorted_path_finds_the_one_overlapping_pair(overlapping):
    # 40 and 53 killed (Olenivka): apart; many figures on each side, one pair may meet
    a = [Point("2022-07-29", 40 + i * 0.001, None, None, "exact") for i in range(20)]
    b = [Point("2022-07-29", 53 + i, None, None, "exact") for i in range(20)]
    if overlapping:
        b.append(Point("2022-07-29", None, 40, None, "at_least"))
    assert len(a) * len(b) > _PAIRWISE_LIMIT
    assert _any_overlap(a, b) is overlapping


def _vague_flags(points: list[Point]) -> list[str]:
    s = Series("ser-x", "qty-x", "killed", "people", None, False, "side", {}, points)
    flag_series(s)
    return [f["detail"] for f in s.flags if f["kind"] == "vague"]


@pytest.mark.parametrize(
    "order",
    [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]],
)
def test_vague_flag_compares_with_last_precise_figure_up_to_its_date_in_any_order(order):
    points = [
        Point("2022-07-29", 40, None, None, "exact"),
        Point("2022-07-30", 53, None, None, "exact"),
        Point("2022-07-31", None, 12, None, "vague", "dozens"),
        Point("2022-07-28", None, 100, None, "vague", "hundreds"),
    ]
    shuffled = [points[i] for i in order]
    precise = [p for p in shuffled if p.qualifier != "vague"]
    want = []
    for p in (q for q in shuffled if q.qualifier == "vague"):
        # the plain rule: same date, else the last (in series order) dated up to it
        same = [q for q in precise if q.as_of == p.as_of] or [
            q for q in precise if (q.as_of or "") <= (p.as_of or "")] or precise
        want.append(same[-1].label())
    got = _vague_flags(shuffled)
    assert len(got) == 2
    assert [d.split(" vs ")[1].split(" (")[0] for d in got] == want


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_paused_restores_the_collector_state_even_on_error(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(ValueError), gc_paused():
            assert not gc.isenabled()
            raise ValueError("stop")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_series_of_gold_ledger_with_a_review_added_drops_the_rejected_figure(gold_store):

    before = {r["figure_id"] for s in series_from_store(gold_store) for p in s.points
              for r in p.reports}
    target = sorted(before)[-1]
    add_review(gold_store.conn, "figure", target, "reject", created_at="2026-01-02T00:00:00+00:00")
    try:
        after = {r["figure_id"] for s in series_from_store(gold_store) for p in s.points
                 for r in p.reports}
    finally:
        gold_store.conn.rollback()
    assert after == before - {target}
