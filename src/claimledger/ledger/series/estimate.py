"""The estimate across sides: which figures cannot both be true, and a conservative estimate per date.

Two sides' figures for the same quantity (event + unit class + place + cumulative) on the
same date are in *discrepancy* when no figure of one side's can be true together with any
figure of the other's (interval reasoning: "more than 30" and 52 agree, 40 and 53 do not).

The estimate follows ACLED's practice (../shared/data/README.md): the lowest credible
figure for the date, vague words read as conservative numbers ("dozens" 12, "hundreds" 100)
and used only when no precise figure exists that day, with the dispute noted.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from claimledger.ledger.series.flags import clean
from claimledger.ledger.series.intervals import fmt_number, overlaps, vague_number
from claimledger.ledger.series.points import Point, Series
from claimledger.model import plain_number


def _claimant_label(s: Series) -> str:
    return s.claimant.get("affiliation") or s.claimant.get("name") or s.side


def _usable(points: list[Point]) -> list[Point]:
    """The figures a side is compared by: its precise ones, else its vague ones; figures
    whose event was inferred only when the side has no other that day (`flags.clean`)."""
    points = [p for p in points if clean(p)] or points
    return [p for p in points if p.qualifier != "vague"] or points


#: above this many pairs, `_any_overlap` sorts instead of trying every pair
_PAIRWISE_LIMIT = 64


def _any_overlap(pa: list[Point], pb: list[Point]) -> bool:
    """Whether some interval of `pa` overlaps some interval of `pb`.

    Why not every pair: a day on which two sides each give dozens of figures would cost
    their product. For a figure y of `pb`, the figures x of `pa` with x.lo <= y.hi overlap it
    exactly when the largest x.hi among them is >= y.lo: with `pa` sorted by lo and a
    running maximum of hi, each y is one bisection. Same answer as the pairs, any bounds.
    """
    if len(pa) * len(pb) <= _PAIRWISE_LIMIT:
        return any(overlaps(x.bounds, y.bounds) for x in pa for y in pb)
    by_lo = sorted((x.bounds for x in pa), key=lambda b: b[0])
    los = [b[0] for b in by_lo]
    best = []
    top = -math.inf
    for _, hi in by_lo:
        top = hi if hi > top else top
        best.append(top)
    for y in pb:
        lo, hi = y.bounds
        n = bisect_right(los, hi)
        if n and best[n - 1] >= lo:
            return True
    return False


def conservative_number(p: Point) -> float | None:
    """The lowest number a figure credibly stands for.

    Exact and rounded figures stand for their value, "at least"/"more than" for their
    bound, a range for its low end, a vague word for the lexicon's conservative number.
    """
    if p.qualifier == "vague":
        n = vague_number(p.text)
        return n if n is not None else (p.low if p.low is not None else None)
    if p.qualifier == "range":
        return p.low if p.low is not None else p.value
    if p.qualifier in ("at_least", "more_than"):
        return p.low if p.low is not None else p.value
    return p.value if p.value is not None else p.low


def reconcile(series: Iterable[Series]) -> dict[str, list[dict]]:
    """Flag cross-side discrepancies and attach estimates; returns estimates per quantity.

    Mutates each series: adds `discrepancy` flags and the quantity's `estimates`.
    """
    by_quantity: dict[str, list[Series]] = defaultdict(list)
    for s in series:
        by_quantity[s.quantity].append(s)

    estimates: dict[str, list[dict]] = {}
    for qty in sorted(by_quantity):
        members = sorted(by_quantity[qty], key=lambda s: s.id)
        dated: dict[str, dict[str, list[Point]]] = defaultdict(dict)
        owner: dict[str, Series] = {s.id: s for s in members}
        for s in members:
            # a vague wording counts where it is a side's only word on a day (`_usable`)
            for p in (*s.points, *s.vague):
                if p.as_of:
                    dated[p.as_of].setdefault(s.id, []).append(p)

        disputed_dates: set[str] = set()
        days = sorted(dated)
        for day in days:
            on_day = dated[day]
            if len(on_day) < 2:  # one side that day: nothing to compare
                continue
            ids = sorted(on_day)
            usable = {sid: _usable(on_day[sid]) for sid in ids}  # once per side, not per pair
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    if _any_overlap(usable[a], usable[b]):
                        continue
                    disputed_dates.add(day)
                    sa, sb = owner[a], owner[b]
                    pa = ", ".join(p.label() for p in on_day[a])
                    pb = ", ".join(p.label() for p in on_day[b])
                    sa.flag("discrepancy", f"{day}: {_claimant_label(sa)} says {pa}; "
                            f"{_claimant_label(sb)} says {pb} [{sb.id}]")
                    sb.flag("discrepancy", f"{day}: {_claimant_label(sb)} says {pb}; "
                            f"{_claimant_label(sa)} says {pa} [{sa.id}]")

        rows = [_estimate(day, dated[day], owner, day in disputed_dates) for day in days]
        estimates[qty] = rows
        for s in members:
            s.estimates = rows
    return estimates


def _estimate(day: str, points: dict[str, list[Point]], owner: dict[str, Series],
              disputed: bool) -> dict:
    every = [(sid, p) for sid in sorted(points) for p in points[sid]]
    # an estimate rests on clean figures when the day has any (see `flags.clean`)
    every = [(sid, p) for sid, p in every if clean(p)] or every
    precise = [(sid, p) for sid, p in every if p.qualifier != "vague"]
    pool = precise or every
    scored = [(conservative_number(p), sid, p) for sid, p in pool]
    scored = [t for t in scored if t[0] is not None]
    if not scored:
        return {"as_of": day, "value": None, "basis": None, "disputed": disputed,
                "note": "no figure gives a number"}
    number, sid, p = min(scored, key=lambda t: (t[0], t[1], t[2].qualifier))
    sides = sorted({_claimant_label(owner[s]) for s, _ in every})
    others = sorted({f"{_claimant_label(owner[s])}: {q.label()}" for s, q in every
                     if q is not p})
    note = f"lowest credible of {len(every)} figure(s) from {', '.join(sides)}"
    if not precise:
        note += f"; vague wording read as {fmt_number(number)}"
    if disputed:
        note += "; disputed: " + "; ".join(others)
    return {
        "as_of": day,
        "value": plain_number(number),
        "basis": {"series": sid, "claimant": _claimant_label(owner[sid]), "label": p.label(),
                  "qualifier": p.qualifier},
        "disputed": disputed,
        "note": note,
    }
