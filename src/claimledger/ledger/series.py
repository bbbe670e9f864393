"""Series: the same quantity, as claimed by one side, over time.

A series groups figures that count the same thing (event type + unit class + place +
cumulative-or-per-period) claimed by one side (the source's affiliation, else the source:
Shoigu and the Russian Defence Ministry are both "Russia" when the sources stage says so).
Each point is one distinct statement (date, value, bounds, qualifier) with every report
of it; copies of one wire story count as one independent report.

Everything here is a pure function over `FigureRow`s, so the logic is testable without a
database; `rows_from_store` and `series_from_store` are the thin store-backed wrappers.
Within-series flags (update, regression, inconsistent, rounding, vague) are set here; the
cross-side ones (discrepancy, estimates) in `reconcile.py`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from claimledger.ledger.dedup import original_key
from claimledger.ledger.quantities import (
    broadest_class,
    claimant_key,
    compare_interval,
    event_class,
    fmt_number,
    is_broad_place,
    is_round,
    overlaps,
    place_key,
    side_of,
    unit_class,
)
from claimledger.ledger.reviews import apply_reviews
from claimledger.model import Extraction

__all__ = [
    "FigureRow",
    "Series",
    "apply_reviews",
    "build_series",
    "rows_from_extraction",
    "rows_from_store",
    "series_from_store",
]


@dataclass(frozen=True)
class FigureRow:
    """One figure with everything a series needs, flattened (ids are global)."""

    document_id: str
    figure_id: str
    claim_id: str | None
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    event: str | None
    unit: str | None = None
    location: str | None = None
    as_of: str | None = None
    cumulative: bool | None = None
    text: str | None = None
    source_name: str | None = None
    source_affiliation: str | None = None
    source_kind: str | None = None
    source_aliases: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    copy_of: str | None = None
    #: set by the series when the figure's event was taken from its article's other figures
    event_inferred: bool = False


def rows_from_extraction(extraction: Extraction, copy_of: str | None = None) -> list[FigureRow]:
    """Flatten one extraction into figure rows, with global ids "{document_id}:{local}"."""
    doc = extraction.document
    sources = {s.id: s for s in extraction.sources}
    claims = {c.id: c for c in extraction.claims}
    rows = []
    for f in extraction.figures:
        claim = claims.get(f.claim_id) if f.claim_id else None
        src = sources.get(claim.source_id) if claim and claim.source_id else None
        aliases = (src.name, *(m.text for m in src.mentions)) if src else ()
        rows.append(
            FigureRow(
                document_id=doc.id,
                figure_id=f"{doc.id}:{f.id}",
                claim_id=f"{doc.id}:{f.claim_id}" if f.claim_id else None,
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                event=f.event,
                unit=f.unit,
                location=f.location,
                as_of=(f.as_of.date if f.as_of else None) or (doc.published or "")[:10] or None,
                cumulative=f.cumulative,
                text=f.span.text,
                source_name=src.name if src else None,
                source_affiliation=src.affiliation if src else None,
                source_kind=src.kind if src else None,
                source_aliases=tuple(dict.fromkeys(a for a in aliases if a)),
                outlet=doc.outlet,
                url=doc.url,
                published=doc.published,
                copy_of=copy_of,
            )
        )
    return rows


def rows_from_store(store: Any) -> list[FigureRow]:
    """All figure rows of a ledger (`claimledger.ledger.store.Store`), with source details."""
    sources = {s["id"]: s for s in store.sources(limit=None)}
    rows = []
    for f in store.figures(limit=None):
        src = sources.get(f.get("source_id")) if f.get("source_id") else None
        aliases: tuple[str, ...] = ()
        if src:
            mentions = [m[0] if isinstance(m, list) else m.get("text") for m in src["mentions"]]
            aliases = tuple(dict.fromkeys(a for a in (src["name"], *mentions) if a))
        rows.append(
            FigureRow(
                document_id=f["document_id"],
                figure_id=f["id"],
                claim_id=f.get("claim_id"),
                value=f["value"],
                low=f["low"],
                high=f["high"],
                qualifier=f["qualifier"],
                event=f["event"],
                unit=f["unit"],
                location=f["location"],
                as_of=(f["as_of"] or (f["published"] or "")[:10] or None),
                cumulative=f["cumulative"],
                text=f["span_text"],
                source_name=src["name"] if src else None,
                source_affiliation=src["affiliation"] if src else None,
                source_kind=src["kind"] if src else None,
                source_aliases=aliases,
                outlet=f["outlet"],
                url=f["url"],
                published=f["published"],
                copy_of=f["copy_of"],
            )
        )
    return rows


# -- the series model ---------------------------------------------------------------------


@dataclass
class Point:
    as_of: str | None
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    text: str | None = None
    reports: list[dict] = field(default_factory=list)
    report_keys: set[str] = field(default_factory=set)
    figure_ids: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def independent_reports(self) -> int:
        return len(self.report_keys)

    @property
    def bounds(self) -> tuple[float, float]:
        """What the figure allows, round exact numbers read as "about" (for comparisons)."""
        return compare_interval(self.value, self.low, self.high, self.qualifier)

    @property
    def rounded(self) -> bool:
        """Said as an approximation, or a round number that reads as one."""
        return self.qualifier in _APPROX or is_round(self.value, self.qualifier)

    def label(self) -> str:
        """How the point reads: "1,908", "almost 2,000", "hundreds"."""
        if self.qualifier == "vague" and self.text:
            return self.text
        words = {"nearly": "almost ", "approximately": "about ", "at_least": "at least ",
                 "more_than": "more than ", "at_most": "up to ", "less_than": "fewer than "}
        if self.qualifier == "range":
            return f"{fmt_number(self.low)}–{fmt_number(self.high)}"
        return words.get(self.qualifier, "") + fmt_number(
            self.value if self.value is not None else self.low
        )

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "independent_reports": self.independent_reports,
            "reports": self.reports,
        }


@dataclass
class Series:
    id: str
    quantity: str
    event: str
    unit: str
    location: str | None
    cumulative: bool
    side: str
    claimant: dict
    points: list[Point]
    flags: list[dict] = field(default_factory=list)
    estimates: list[dict] = field(default_factory=list)
    _seen_flags: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def flag(self, kind: str, detail: str) -> None:
        """Add a flag once (the same kind and detail twice is one flag)."""
        if (kind, detail) not in self._seen_flags:
            self._seen_flags.add((kind, detail))
            self.flags.append({"kind": kind, "detail": detail})

    def to_dict(self) -> dict:
        """The JSON shape of `claimledger series --format json`."""
        return {
            "id": self.id,
            "quantity": self.quantity,
            "event": self.event,
            "unit": self.unit,
            "location": self.location,
            "cumulative": self.cumulative,
            "claimant": self.claimant,
            "points": [p.to_dict() for p in self.points],
            "flags": self.flags,
            "estimates": self.estimates,
        }


def _stable_id(prefix: str, key: tuple) -> str:
    digest = hashlib.sha1(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def _num(x: float | int | None) -> float | int | None:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    # most frequent, then shortest, then alphabetical: deterministic
    return min(counts, key=lambda v: (-counts[v], len(v), v))


# -- grouping -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Keyed:
    row: FigureRow
    side: str
    unit: str
    role: str
    place: str | None
    cumulative: bool


def _outlet_side(row: FigureRow, outlet_of: dict[str, str | None]) -> str:
    # a narrative figure is the outlet's own claim; a copy's is its original outlet's
    outlet = outlet_of.get(original_key(row.document_id, row.copy_of)) or row.outlet
    return claimant_key(outlet) or "unattributed"


def _known_affiliations(rows: list[FigureRow]) -> dict[str, str]:
    """Source (normalised name) -> the affiliation other articles give it, when they agree.

    Why: one article says "Pavlo Kyrylenko, the Ukrainian governor", the next only
    "Kyrylenko said"; the ledger knows his side from the first. A name given two different
    affiliations keeps the most frequent (ties: alphabetical), never a guess from one row.
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r.source_affiliation:
            for name in {r.source_name, *r.source_aliases}:
                if key := claimant_key(name):
                    seen[key][r.source_affiliation] += 1
    return {k: min(c, key=lambda a: (-c[a], a)) for k, c in seen.items()}


def _key_rows(rows: list[FigureRow]) -> list[_Keyed]:
    outlet_of = {r.document_id: r.outlet for r in rows}
    # an article is about one story: a figure with no place of its own is at the place the
    # article's other figures name most often, a specific place before a country-wide one
    places: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if (key := place_key(r.location)) is not None:
            places[r.document_id][key] += 1
    doc_place = {
        d: min(c, key=lambda k: (is_broad_place(k), -c[k], k)) for d, c in places.items()
    }
    affiliation_of = _known_affiliations(rows)
    prepared = []
    for r in rows:
        if r.value is None and r.low is None and r.high is None:
            continue
        affiliation = r.source_affiliation or affiliation_of.get(claimant_key(r.source_name) or "")
        side = side_of(r.source_name, affiliation) or _outlet_side(r, outlet_of)
        prepared.append((r, side, unit_class(r.unit)))
    # an article's figures of one side counting one kind of thing are about one event: a
    # figure the events stage left without one ("the previous figure was 1,730 soldiers")
    # takes it when that side's other figures of that unit class in the article agree
    events: dict[tuple, set[str]] = defaultdict(set)
    for r, side, cls in prepared:
        if r.event:
            events[(r.document_id, side, cls.name)].add(r.event)
    keyed = []
    for r, side, cls in prepared:
        if not r.event:
            found = events.get((r.document_id, side, cls.name), set())
            if len(found) != 1:
                continue
            r = replace(r, event=next(iter(found)), event_inferred=True)
        # a place the figure names itself stands, even a country ("1.37 million evacuated
        # from Ukraine" is not the 177 evacuated from the plant the article is about)
        place = place_key(r.location) or doc_place.get(r.document_id)
        keyed.append(_Keyed(r, side, cls.name, cls.role, place, r.cumulative is not False))
    return keyed


def _absorb_generic(keyed: list[_Keyed]) -> list[_Keyed]:
    """A generic count ("people", "prisoners", no unit) joins the one population it can mean.

    Why: "1,908 people laid down their arms" continues "1,730 soldiers" of the same side,
    event and place; but "people killed" beside "children killed" stays the total, as
    subgroups never absorb. Failing a population, the broadest class ("53 dead") joins the
    one narrower generic class counted there ("40 prisoners killed").
    """
    broadest = broadest_class()
    own: dict[tuple, set[str]] = defaultdict(set)
    anyone: dict[tuple, set[str]] = defaultdict(set)
    narrower: dict[tuple, set[str]] = defaultdict(set)
    narrower_any: dict[tuple, set[str]] = defaultdict(set)
    anywhere = object()  # an unplaced count may mean what is counted at any place
    for k in keyed:
        for place in (k.place, anywhere):
            if k.role == "population":
                own[(k.side, k.row.event, place, k.cumulative)].add(k.unit)
                anyone[(k.row.event, place, k.cumulative)].add(k.unit)
            elif k.role == "generic" and k.unit != broadest:
                narrower[(k.side, k.row.event, place, k.cumulative)].add(k.unit)
                narrower_any[(k.row.event, place, k.cumulative)].add(k.unit)

    def unique(side_map: dict, any_map: dict, k: _Keyed) -> str | None:
        # the side's own classes first, then the only one any side counts there
        place = k.place if k.place is not None else anywhere
        found = side_map.get((k.side, k.row.event, place, k.cumulative)) or any_map.get(
            (k.row.event, place, k.cumulative), set()
        )
        return next(iter(found)) if len(found) == 1 else None

    out = []
    for k in keyed:
        if k.role == "generic":
            target = unique(own, anyone, k) or event_class(k.row.event)
            if target:
                k = replace(k, unit=target, role="population")
            elif k.unit == broadest and (narrow := unique(narrower, narrower_any, k)):
                k = replace(k, unit=narrow)
        out.append(k)
    return out


def _absorb_place(keyed: list[_Keyed]) -> list[_Keyed]:
    """A figure without a place takes the only place its quantity is reported at.

    First among the same side's figures, then among all sides'; with two or more candidate
    places it stays unplaced rather than guess.
    """
    own: dict[tuple, set[str]] = defaultdict(set)
    anyone: dict[tuple, set[str]] = defaultdict(set)
    for k in keyed:
        if k.place:
            own[(k.side, k.row.event, k.unit, k.cumulative)].add(k.place)
            anyone[(k.row.event, k.unit, k.cumulative)].add(k.place)
    out = []
    for k in keyed:
        if k.place is None:
            cands = own.get((k.side, k.row.event, k.unit, k.cumulative)) or anyone.get(
                (k.row.event, k.unit, k.cumulative), set()
            )
            if len(cands) == 1:
                k = replace(k, place=next(iter(cands)))
        out.append(k)
    return out


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


def build_series(rows: Iterable[FigureRow]) -> list[Series]:
    """Group figure rows into series with points, reports and within-series flags.

    Deterministic: the same rows in any order give the same series, in the same order.
    """
    rows = sorted(rows, key=lambda r: (r.figure_id, r.document_id))
    values_of: dict[str, set] = defaultdict(set)
    for r in rows:
        values_of[r.document_id].add((r.value, r.low, r.high))
    keyed = _absorb_place(_absorb_generic(_absorb_place(_key_rows(rows))))

    place_names: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.location and (pk := place_key(r.location)):
            place_names[pk].append(r.location)
    groups: dict[tuple, list[_Keyed]] = defaultdict(list)
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
            pkey = (r.as_of or "", _num(r.value), _num(r.low), _num(r.high), r.qualifier)
            p = points.get(pkey)
            if p is None:
                p = points[pkey] = Point(r.as_of, _num(r.value), _num(r.low), _num(r.high),
                                         r.qualifier, r.text)
            if r.figure_id in p.figure_ids:
                continue
            p.figure_ids.add(r.figure_id)
            p.reports.append(_report(r))
            if _changed_in_copy(r, values_of):
                p.report_keys.add(r.document_id)
                changed.append(f"{r.document_id} copies {r.copy_of} but states {p.label()}")
            else:
                p.report_keys.add(original_key(r.document_id, r.copy_of))
        ordered = sorted(points.values(), key=_point_order)
        for p in ordered:
            p.reports.sort(key=lambda rep: (rep["published"] or "", rep["document_id"], rep["figure_id"]))
        names = [k.row.source_name for k in members]
        claimant = {
            "name": _most_common(names) or _most_common(k.row.outlet for k in members) or side,
            "affiliation": _most_common(k.row.source_affiliation for k in members),
            "aliases": sorted({a for k in members for a in k.row.source_aliases}
                              | {n for n in names if n}),
        }
        # shown as the ledger most often writes that place, wherever the figure got it
        location = _most_common(place_names.get(place, ())) or place.title() if place else None
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


def _point_order(p: Point) -> tuple:
    lo, hi = p.bounds
    return (p.as_of or "", lo, hi, p.qualifier)


# -- within-series flags ------------------------------------------------------------------

_APPROX = ("approximately", "nearly")


def _representative(points: list[Point]) -> Point | None:
    """The figure a running total stood at on a day: its largest non-vague lower bound."""
    precise = [p for p in points if p.qualifier != "vague"]
    if not precise:
        return None
    return max(precise, key=lambda p: (p.bounds[0], -p.bounds[1], p.qualifier))


def _say(p: Point) -> str:
    return f"{p.label()} ({p.as_of or 'undated'})"


def flag_series(series: Series) -> None:
    """Set update / regression / inconsistent / rounding / vague on one side's series."""
    by_date: dict[str, list[Point]] = defaultdict(list)
    for p in series.points:
        by_date[p.as_of or ""].append(p)
    dates = sorted(by_date)

    for d in dates:
        _flag_day(series, by_date[d])

    precise_all = [p for p in series.points if p.qualifier != "vague"]
    for p in series.points:
        if p.qualifier == "vague" and precise_all:
            same = [q for q in precise_all if q.as_of == p.as_of]
            if not same:  # compare with the nearest earlier-or-same figure
                same = [q for q in precise_all if (q.as_of or "") <= (p.as_of or "")] or precise_all
            q = same[-1]
            fits = overlaps(p.bounds, q.bounds)
            series.flag("vague", f"{_say(p)} vs {_say(q)}: vague wording, "
                        + ("consistent" if fits else "not consistent") + " with the figure")

    if not series.cumulative:
        return
    reps = [(d, _representative(by_date[d])) for d in dates if d]
    reps = [(d, p) for d, p in reps if p is not None]
    for (_, a), (_, b) in zip(reps, reps[1:], strict=False):
        (alo, ahi), (blo, bhi) = a.bounds, b.bounds
        if blo > ahi:
            series.flag("update", f"{_say(a)} → {_say(b)}")
        elif bhi < alo:
            series.flag("regression", f"{_say(a)} → {_say(b)}: a running total went down")


def _flag_day(series: Series, points: list[Point]) -> None:
    """One side, one day: rounded figures that fit an exact one, figures that clash.

    One flag per rounded figure and one per day of clashes, not one per pair: a day with
    eleven figures would otherwise bury the reader in fifty flags.
    """
    precise = [p for p in points if p.qualifier != "vague"]  # vague ones: the vague flag
    for rough in (p for p in precise if p.rounded):
        fits = [q for q in precise if not q.rounded and overlaps(rough.bounds, q.bounds)]
        if fits:
            said = ", ".join(q.label() for q in fits)
            series.flag("rounding", f"{_say(rough)} rounds {said}: consistent")
    clashes = [
        (a, b)
        for i, a in enumerate(precise)
        for b in precise[i + 1 :]
        if not overlaps(a.bounds, b.bounds)
    ]
    if clashes:
        involved = [p for p in precise if any(p is a or p is b for a, b in clashes)]
        said = ", ".join(p.label() for p in involved)
        series.flag("inconsistent", f"{points[0].as_of or 'undated'}: {said}: the same side "
                    f"gives figures that cannot all be true ({len(clashes)} clashing pairs)")


def series_from_store(store: Any, ignore_reviews: bool = False) -> list[Series]:
    """The series of a ledger, reviews applied unless `ignore_reviews`, reconciled."""
    from claimledger.ledger.reconcile import reconcile

    rows = rows_from_store(store)
    if not ignore_reviews:
        rows = apply_reviews(rows, store.reviews())
    series = build_series(rows)
    reconcile(series)
    return series
