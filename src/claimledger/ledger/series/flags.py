"""Flags within one side's series: update, regression, inconsistent, rounding, vague.

Figures are compared as intervals (`intervals.compare_interval`): "almost 2,000" and 1,908
agree (rounding), "hundreds" beside 1,908 is vague wording, 40 and 53 on one day from one
side cannot both be true. Across sides, see `estimate.py`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from claimledger.ledger.series.intervals import overlaps
from claimledger.ledger.series.points import Point, Series


def clean(p: Point) -> bool:
    """A figure whose event its own sentence gives (not one taken from its article's other
    figures). A figure filed by inference may confirm a series (an update) but never accuse
    it (inconsistent, regression, rounding) nor be the day's estimate while a clean figure
    exists: a count of wounded filed under a surrender by inference is weak evidence."""
    return not p.reports or not all(r.get("event_inferred") for r in p.reports)


def _representative(points: list[Point]) -> Point | None:
    """The figure a running total stood at on a day: its largest non-vague lower bound."""
    if len(points) == 1:  # most days of a long series
        return points[0] if points[0].qualifier != "vague" else None
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
        if len(by_date[d]) > 1:  # one figure on a day neither rounds nor clashes
            _flag_day(series, by_date[d])

    precise_all = [p for p in series.points if p.qualifier != "vague"]
    # the points are in date order, so the figure a vague wording is compared with (the
    # last precise one of its date, else of the nearest earlier date) is found by bisection,
    # not by a scan of the series per vague point
    precise_dates = [q.as_of or "" for q in precise_all]
    in_order = all(a <= b for a, b in zip(precise_dates, precise_dates[1:], strict=False))
    last_on: dict[str | None, Point] = {q.as_of: q for q in precise_all}
    for p in (*series.points, *series.vague):
        if p.qualifier == "vague" and precise_all:
            q = last_on.get(p.as_of)  # type: ignore[assignment]
            if q is None:  # compare with the nearest earlier-or-same figure
                q = _last_before(precise_all, precise_dates, p.as_of or "", in_order)
            fits = overlaps(p.bounds, q.bounds)
            series.flag("vague", f"{_say(p)} vs {_say(q)}: vague wording, "
                        + ("consistent" if fits else "not consistent") + " with the figure")

    if not series.cumulative:
        return
    reps = [(d, _representative(by_date[d])) for d in dates if d]
    reps = [(d, p) for d, p in reps if p is not None]
    flag = series.flag  # one lookup: a long running total flags nearly every date
    for (_, a), (_, b) in zip(reps, reps[1:], strict=False):
        (alo, ahi), (blo, bhi) = a.bounds, b.bounds
        if blo > ahi:
            flag("update", f"{_say(a)} → {_say(b)}")
        elif bhi < alo and clean(a) and clean(b):
            flag("regression", f"{_say(a)} → {_say(b)}: a running total went down")


def _last_before(precise: list[Point], dates: list[str], day: str, in_order: bool) -> Point:
    """The last precise point dated on or before `day` (else the last of all)."""
    if in_order:
        before = bisect_right(dates, day)
    else:  # points given out of date order (not by `build_series`): scan
        before = max((i + 1 for i, d in enumerate(dates) if d <= day), default=0)
    return precise[before - 1] if before else precise[-1]


def _flag_day(series: Series, points: list[Point]) -> None:
    """One side, one day: rounded figures that fit an exact one, figures that clash.

    One flag per rounded figure and one per day of clashes, not one per pair: a day with
    eleven figures would otherwise bury the reader in fifty flags.
    """
    # vague ones: the vague flag; inferred ones are not judged (see `clean`)
    precise = [p for p in points if p.qualifier != "vague" and clean(p)]
    if len(precise) < 2:  # nothing to round or clash with (most days of a long series)
        return
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
