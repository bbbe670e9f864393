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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import Any

from claimledger.documents import anchor_date
from claimledger.ledger.copies import original_key
from claimledger.ledger.incidents import Incidents, find_incidents, leads_from_store
from claimledger.ledger.places import resolve
from claimledger.ledger.reviews import apply_claimant_reviews, apply_reviews
from claimledger.ledger.series.estimate import reconcile
from claimledger.ledger.series.flags import flag_series
from claimledger.ledger.series.keys import Keyed, group_keys, place_key
from claimledger.ledger.series.points import Point, Series
from claimledger.ledger.series.rows import FigureRow, rows_from_store
from claimledger.ledger.series.scope import CAMPAIGN
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


def build_series(rows: Iterable[FigureRow], leads: Mapping[str, str] | None = None) -> list[Series]:
    """Group figure rows into series with points, reports and within-series flags.

    Series live inside incidents (`ledger.incidents`): figures are first clustered into the
    incidents they are about (`leads`: each document's headline and first lines, to place
    a document whose figures name no place), each figure's place folded to its incident's
    spelling of it. Deterministic: the same rows in any order give the same series, in the
    same order.
    """
    with gc_paused():
        rows = sorted(rows, key=attrgetter("figure_id", "document_id"))
        found = find_incidents(rows, leads)
        return _build_series(in_incidents(rows, found), found)


def in_incidents(rows: list[FigureRow], found: Incidents) -> list[FigureRow]:
    """The rows as their incidents read them: each figure's place its incident's spelling of
    it, a date before its incident began (a relative date resolved against the wrong
    week, a background figure's year) replaced by its report's publication day, and a count
    "since" a day before its incident began scoped as a campaign's (`series.scope`).

    Why the place is rewritten rather than carried beside the row: the grouping keys read
    the place from the row, so every spelling of one place becomes one key there.
    """
    starts = {i.id: i.start for i in found.incidents}
    shown = _place_names(rows, found)
    out = []
    for r in rows:
        place = found.place_of.get(r.figure_id)
        location = shown.get(place.key) if place is not None else None
        as_of = r.as_of
        start = starts.get(found.incident_of.get(r.figure_id, ""))
        if as_of and start and _before(as_of, start):
            as_of = anchor_date(r.published) or as_of
        scope = r.scope
        if scope is None and r.since and start and _before(r.since, start):
            # a count since a day before its incident began counts more than the incident
            scope = CAMPAIGN
        if location != r.location or as_of != r.as_of or scope != r.scope:
            r = replace(r, location=location, as_of=as_of, scope=scope)
        out.append(r)
    return out


#: a figure's date may precede the first report of its incident by this much (a strike at
#: night, reported the next morning; "on Thursday" in Friday's paper)
_EARLY_DAYS = 2


def _before(day: str, start: str) -> bool:
    try:
        return (date.fromisoformat(start[:10]) - date.fromisoformat(day[:10])).days > _EARLY_DAYS
    except ValueError:
        return False


def _place_names(rows: list[FigureRow], found: Incidents) -> dict[str, str]:
    """Canonical place key -> how the ledger most often writes it (a spelling that resolves
    to that key itself, so that the grouping keys read it back as the same place)."""
    names: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        place = found.place_of.get(r.figure_id)
        if place is not None and r.location and (own := resolve(r.location)) is not None \
                and own.key == place.key:
            names[place.key].append(r.location)
    out = {k: _most_common(v) or v[0] for k, v in names.items()}
    for place in found.place_of.values():
        if place is not None and place.key not in out:
            out[place.key] = place.name
    return out


def _build_series(rows: list[FigureRow], found: Incidents) -> list[Series]:
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
    incident_of = found.incident_of
    for k in keyed:
        key = (incident_of.get(k.row.figure_id, ""), k.row.event, k.unit, k.place or "",
               k.cumulative, k.side)
        # a scoped figure's key has its scope after the side (an incident's count keeps the
        # key, and so the series id, it had before scopes were told apart)
        groups[(*key, k.scope) if k.scope else key].append(k)

    out: list[Series] = []
    for key in sorted(groups, key=lambda g: tuple(str(x) for x in g)):
        members = groups[key]
        incident, event, unit, place, cumulative, side = key[:6]
        scope = key[6] if len(key) > 6 else None
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
        # a vague wording beside figures is no point of the series (`Series`)
        numbered = [p for p in ordered if p.qualifier != "vague"]
        vague = [p for p in ordered if p.qualifier == "vague"] if numbered else []
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
            quantity=_stable_id("qty", key[:5] + key[6:]),
            event=event,
            unit=unit,
            location=location,
            cumulative=cumulative,
            side=side,
            claimant=claimant,
            points=numbered or ordered,
            vague=vague,
            incident=incident or None,
            scope=scope,
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


def reviewed_rows(store: Any, ignore_reviews: bool = False) -> list[FigureRow]:
    """The figure rows of a ledger, reviews applied unless `ignore_reviews`."""
    rows = rows_from_store(store)
    if not ignore_reviews and (reviews := store.reviews()):
        rows = apply_claimant_reviews(_reviewed(rows, reviews), reviews)
    return rows


def incidents_from_store(store: Any, ignore_reviews: bool = False) -> Incidents:
    """The incidents of a ledger as its series see them (reviews applied unless told not)."""
    with gc_paused():
        return find_incidents(reviewed_rows(store, ignore_reviews), leads_from_store(store))


def series_from_store(store: Any, ignore_reviews: bool = False) -> list[Series]:
    """The series of a ledger, reviews applied unless `ignore_reviews`, reconciled."""
    return incidents_and_series(store, ignore_reviews)[1]


def incidents_and_series(store: Any, ignore_reviews: bool = False) -> tuple[Incidents, list[Series]]:
    """A ledger's incidents and its series (reconciled), from one clustering."""
    with gc_paused():
        rows = sorted(reviewed_rows(store, ignore_reviews),
                      key=attrgetter("figure_id", "document_id"))
        found = find_incidents(rows, leads_from_store(store))
        series = _build_series(in_incidents(rows, found), found)
        reconcile(series)
    return found, series
