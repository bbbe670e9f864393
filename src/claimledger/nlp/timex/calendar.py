"""Calendar arithmetic for time expressions: weeks, months, years away from a day.

Kept apart from the spaCy-facing code so that the rules a reader checks by hand
("a bare weekday is the latest such day on or before publication", "Friday, May 20 takes
the year whose May 20 is a Friday") are small pure functions with their own tests.
Each `*_value` helper returns the TIMEX3 value, the first day of the period and its
precision, the three things a row needs.
"""

from __future__ import annotations

from datetime import date, timedelta


def iso_week(d: date) -> str:
    """TIMEX3 week value of the ISO week holding `d` ("2022-W20")."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def monday(d: date) -> date:
    """First day of the ISO week holding `d` (the anchor of a week-precision date)."""
    return d - timedelta(days=d.weekday())


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) `k` months away, across year ends."""
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def weekday_near(pub: date, weekday: int, future: bool) -> date:
    """The latest such weekday on or before `pub` (or the first on or after it)."""
    delta = (pub.isoweekday() - weekday) % 7
    if future:
        return pub + timedelta(days=(weekday - pub.isoweekday()) % 7)
    return pub - timedelta(days=delta)


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None for impossible ones ("February 30" in text is not an error of ours)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_day_year(pub: date, month: int, day: int, weekday: int | None, tense: int) -> date | None:
    """Year of "May 20": the one whose weekday agrees, else the nearest to publication."""
    cands = [c for c in (safe_date(pub.year + k, month, day) for k in (0, -1, 1)) if c]
    if weekday is not None:
        agree = [c for c in cands if c.isoweekday() == weekday]
        if agree:
            return min(agree, key=lambda c: abs((c - pub).days))
    if not cands:
        return None
    best = min(cands, key=lambda c: abs((c - pub).days))
    this_year = safe_date(pub.year, month, day)
    if tense < 0 and best > pub and this_year is not None:
        return safe_date(pub.year - 1, month, day)
    if tense > 0 and best < pub - timedelta(days=31):
        return safe_date(pub.year + 1, month, day)
    return best


def month_year(pub: date, month: int, tense: int) -> int:
    """Year of a bare month: the nearest such month, pushed back (forward) by a past
    (future) verb when it would otherwise lie after (before) the publication month."""
    here = pub.year * 12 + pub.month - 1
    cands = [(pub.year + k) * 12 + month - 1 for k in (0, -1, 1)]
    best = min(cands, key=lambda c: (abs(c - here), c != cands[0]))
    if tense < 0 and best > here:
        best -= 12
    elif tense > 0 and best < here:
        best += 12
    return best // 12


def day_value(d: date) -> tuple[str, str, str]:
    return d.isoformat(), d.isoformat(), "day"


def week_value(d: date) -> tuple[str, str, str]:
    return iso_week(d), monday(d).isoformat(), "week"


def month_value(y: int, m: int) -> tuple[str, str, str]:
    return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-01", "month"


def year_value(y: int) -> tuple[str, str, str]:
    return f"{y:04d}", f"{y:04d}-01-01", "year"


def fmt_qty(q: float | int) -> str:
    return str(int(q)) if float(q).is_integer() else str(q)


def duration_value(qty: float | int | None, unit: str, mult: int) -> str:
    """ISO 8601 period: (3, "Y", 1) -> P3Y, (24, "H", 1) -> PT24H, (2, "Y", 10) -> P20Y."""
    if unit == "WE":
        return f"P{fmt_qty(qty)}WE" if qty is not None else "PXWE"
    time_unit = {"H": "H", "MIN": "M", "S": "S"}.get(unit)
    amount = "X" if qty is None else fmt_qty(qty * mult)
    if unit == "Y" and mult == 10 and qty is not None:
        amount = fmt_qty(qty * 10)
    if time_unit:
        return f"PT{amount}{time_unit}"
    return f"P{amount}{unit}"


def shifted(pub: date, unit: str, mult: int, steps: int) -> tuple[str, str | None, str | None]:
    """The calendar unit `steps` units away from the one holding `pub` (value, date, precision):
    "two weeks ago" -> that ISO week, "22 years ago" -> that year."""
    n = steps * mult
    if unit == "D":
        return day_value(pub + timedelta(days=n))
    if unit == "W":
        return week_value(pub + timedelta(weeks=n))
    if unit == "M":
        return month_value(*add_months(pub.year, pub.month, n))
    if unit == "Y":
        return year_value(pub.year + n)
    if unit == "WE":
        d = pub + timedelta(weeks=n)
        return (iso_week(d) + "-WE", monday(d).isoformat(), "week")
    return day_value(pub)  # hours, minutes: the day is all a DATE can say
