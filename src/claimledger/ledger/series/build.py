"""Building series: the same quantity, as claimed by one side, over time.

A series groups figures that count the same thing (event type + unit class + place +
cumulative-or-per-period) claimed by one side (the source's affiliation, else the source:
Shoigu and the Russian Defence Ministry are both "Russia" when the sources stage says so).
Each point is one distinct statement (date, value, bounds, qualifier) with every report
of it; copies of one wire story count as one independent report.

Everything here is a pure function over `FigureRow`s, so the logic is testable without a
database; `series_from_store` is the thin store-backed wrapper. The package reads in one
direction: `rows.py` (figure rows) <- `keys.py` (grouping keys) <- `intervals.py` <-
`points.py` (the model) <- `flags.py` (within a side: update, regression, inconsistent,
rounding, vague) and `estimate.py` (across sides: discrepancy, estimates) <- this module.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from claimledger.ledger.copies import original_key
from claimledger.ledger.reviews import apply_claimant_reviews, apply_reviews
from claimledger.ledger.series.estimate import reconcile
from claimledger.ledger.series.flags import flag_series
from claimledger.ledger.series.keys import Keyed, group_keys, place_key
from claimledger.ledger.series.points import Point, Series
from claimledger.ledger.series.rows import FigureRow, rows_from_store
from claimledger.model import plain_number


def _stable_id(prefix: str, key: tuple) -> str:
    digest = hashlib.sha1(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    # most frequent, then shortest, then alphabetical: deterministic
    return min(counts, key=lambda v: (-counts[v], len(v), v))


def _report(row: FigureRow) -> dict:
    out = {
        "document_id": row.document_id,
        "claim_id": row.claim_id,
        "figure_id": row.figure_id,
        "outlet": row.outlet,
        "url": row.url,
        "published": row.published,
        "copy_of": row.copy_of,
    }
    if row.event_inferred:
        out["event_inferred"] = True
    return out


def _changed_in_copy(row: FigureRow, values_of: dict[str, set]) -> bool:
    """A copy stating a figure its original does not: an independent (edited) report."""
    if not row.copy_of or row.copy_of not in values_of:
        return False
    return (row.value, row.low, row.high) not in values_of[row.copy_of]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector for a whole-ledger computation.

    Why: building series allocates several objects per figure (rows, keys, points, reports,
    flags) that all stay alive until the end, and no cycles are made. The collector, run
    every few hundred allocations, walks the ever-growing heap again and again without
    finding garbage: two thirds of the time of the series of a 100,000-figure ledger. The
    previous state is restored at the end (a nested pause leaves it off until the outer one
    ends), so any cycle made meanwhile is still collected then.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_series(rows: Iterable[FigureRow]) -> list[Series]:
    """Group figure rows into series with points, reports and within-series flags.

    Deterministic: the same rows in any order give the same series, in the same order.
    """
    with gc_paused():
        return _build_series(rows)


def _build_series(rows: Iterable[FigureRow]) -> list[Series]:
    rows = sorted(rows, key=attrgetter("figure_id", "document_id"))
    # what each copied original states, to tell an edited copy (only originals are asked)
    originals = {r.copy_of for r in rows if r.copy_of}
    values_of: dict[str, set] = defaultdict(set)
    for r in rows:
        if r.document_id in originals:
            values_of[r.document_id].add((r.value, r.low, r.high))
    keyed = group_keys(rows)

    place_names: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.location and (pk := place_key(r.location)):
            place_names[pk].append(r.location)
    place_shown = {pk: _most_common(names) for pk, names in place_names.items()}
    groups: dict[tuple, list[Keyed]] = defaultdict(list)
    for k in keyed:
        groups[(k.row.event, k.unit, k.place or "", k.cumulative, k.side)].append(k)

    out: list[Series] = []
    for key in sorted(groups, key=lambda g: tuple(str(x) for x in g)):
        members = groups[key]
        event, unit, place, cumulative, side = key
        points: dict[tuple, Point] = {}
        changed: list[str] = []
        for k in members:
            r = k.row
            value, low, high = plain_number(r.value), plain_number(r.low), plain_number(r.high)
            pkey = (r.as_of or "", value, low, high, r.qualifier)
            p = points.get(pkey)
            if p is None:
                p = points[pkey] = Point(r.as_of, value, low, high, r.qualifier, r.text)
            if r.figure_id in p.figure_ids:
                continue
            p.figure_ids.add(r.figure_id)
            p.reports.append(_report(r))
            if r.copy_of and _changed_in_copy(r, values_of):
                p.report_keys.add(r.document_id)
                changed.append(f"{r.document_id} copies {r.copy_of} but states {p.label()}")
            else:
                p.report_keys.add(original_key(r.document_id, r.copy_of))
        ordered = sorted(points.values(), key=_point_order)
        for p in ordered:
            if len(p.reports) > 1:
                p.reports.sort(key=_report_order)
        names = [k.row.source_name for k in members]
        claimant = {
            "name": _most_common(names) or _most_common(k.row.outlet for k in members) or side,
            "affiliation": _most_common(k.row.source_affiliation for k in members),
            "aliases": sorted({a for k in members for a in k.row.source_aliases}
                              | {n for n in names if n}),
        }
        # shown as the ledger most often writes that place, wherever the figure got it
        location = (place_shown.get(place) or place.title()) if place else None
        series = Series(
            id=_stable_id("ser", key),
            quantity=_stable_id("qty", key[:4]),
            event=event,
            unit=unit,
            location=location,
            cumulative=cumulative,
            side=side,
            claimant=claimant,
            points=ordered,
        )
        for detail in sorted(set(changed)):
            series.flag("changed_copy", detail)
        flag_series(series)
        out.append(series)
    return out


def _report_order(rep: dict) -> tuple:
    return (rep["published"] or "", rep["document_id"], rep["figure_id"])


def _point_order(p: Point) -> tuple:
    lo, hi = p.bounds
    return (p.as_of or "", lo, hi, p.qualifier)


def _reviewed(rows: list[FigureRow], reviews: list[dict]) -> list[FigureRow]:
    """`apply_reviews` run on the rows a review targets (by figure or claim) only: a ledger
    has few reviews and many figures. Same rows, same order (figure ids are unique)."""
    targets = {r["target_id"] for r in reviews}
    touched = [r for r in rows if r.figure_id in targets or r.claim_id in targets]
    if not touched:
        return rows
    after = {r.figure_id: r for r in apply_reviews(touched, reviews)}
    hit = {r.figure_id for r in touched}
    return [after.get(r.figure_id) if r.figure_id in hit else r for r in rows
            if r.figure_id not in hit or r.figure_id in after]


def series_from_store(store: Any, ignore_reviews: bool = False) -> list[Series]:
    """The series of a ledger, reviews applied unless `ignore_reviews`, reconciled."""
    with gc_paused():
        rows = rows_from_store(store)
        if not ignore_reviews and (reviews := store.reviews()):
            rows = apply_claimant_reviews(_reviewed(rows, reviews), reviews)
        series = build_series(rows)
        reconcile(series)
    return series
