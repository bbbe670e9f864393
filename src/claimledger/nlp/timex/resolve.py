"""Turn one matched time expression into TIMEX3 type/value/mod and a calendar anchor.

The scanner says *where* an expression is; this module reads its tokens into a `Frame`
(month, weekday, shift, quantity, unit ...) and resolves the frame against the publication
day. Keeping the calendar arithmetic here, away from spaCy, lets it be tested on plain
values and reused by the figure stage ("since May 16" -> period start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from claimledger.nlp.timex.calendar import (
    add_months,
    duration_value,
    iso_week,
    monday,
    month_day_year,
    month_value,
    month_year,
    safe_date,
    shifted,
    weekday_near,
    year_value,
)
from claimledger.nlp.timex.vocab import TimexVocab


@dataclass
class Frame:
    """What the tokens of one expression say, before any calendar is consulted."""

    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None
    weekday_set: int | None = None
    shift: int | None = None
    shift_word: str | None = None
    numbers: list[Any] | None = None
    vague: bool = False
    couple: bool = False
    unit: str | None = None
    mult: int = 1
    plural: bool = False
    period: str | None = None
    ordinal: int | None = None
    relday: int | None = None
    ref: str | None = None
    ago: int | None = None
    mod: str | None = None
    pod: str | None = None
    pod_plural: bool = False
    season: str | None = None
    set_value: str | None = None
    every: bool = False
    clock: tuple[int, int] | None = None
    meridiem: int | None = None
    decade: str | None = None
    long: bool = False
    the: bool = False


@dataclass(frozen=True)
class Resolved:
    """The row the tagger writes (without offsets)."""

    type: str
    value: str | None
    mod: str | None = None
    date: str | None = None
    precision: str | None = None
    #: days from the last day the text named ("the next day" -> 1); the tagger resolves it
    anaphor: int | None = None


def number_value(parts: list[Any], vocab: TimexVocab) -> float | int | None:
    """"twenty four" -> 24, "two hundred" -> 200, ["24"] -> 24."""
    total, current = 0, 0
    for part in parts:
        if isinstance(part, (int, float)):
            current += part
        elif part in vocab.numbers:
            current += vocab.numbers[part]
        elif part in vocab.multipliers:
            mult = vocab.multipliers[part]
            current = (current or 1) * mult
            if mult >= 1000:
                total, current = total + current, 0
    value = total + current
    return value if parts else None


def build_frame(classes: str, payload: list[Any], lowers: list[str], vocab: TimexVocab) -> Frame:
    """Read the class letters and payloads of one span into a `Frame`."""
    f = Frame()
    n = len(classes)
    numeric_date = False
    for i, c in enumerate(classes):
        p = payload[i]
        if c == "d":
            f.year, f.month, f.day = p
            numeric_date = True
            continue
        if c == "e":
            if p is not None:
                f.month, f.day = p
            continue
        if numeric_date and c in "DN-":
            continue  # the "-05-20" of a split "2022-05-20"
        nxt = classes[i + 1] if i + 1 < n else ""
        prv = classes[i - 1] if i > 0 else ""
        if c == "M":
            f.month, f.mod = (p[0], p[1]) if isinstance(p, tuple) else (p, f.mod)
        elif c == "Y":
            f.year, f.mod = (p[0], p[1]) if isinstance(p, tuple) else (p, f.mod)
        elif c == "W":
            f.weekday = p
        elif c == "w":
            f.weekday_set = p
        elif c == "D" and (prv == "M" or nxt == "M" or (nxt == "o" and "M" in classes[i:])):
            f.day = p
        elif c in "DN" and nxt == "m" and isinstance(p, int):
            f.clock = (p, 0)
        elif c in "DN":
            f.numbers = (f.numbers or []) + [p]
        elif c == "a":
            if nxt == "N":
                f.numbers = (f.numbers or []) + [1]
            elif nxt != "k":
                f.numbers = f.numbers or [1]
        elif c == "k":
            if p in vocab.couple:
                f.couple = True
                f.numbers = [2]
            else:
                f.vague = True
        elif c == "U":
            f.unit, f.mult = p
            f.plural = lowers[i].endswith("s")
        elif c == "H":
            f.period = p
        elif c == "Q":
            f.ordinal = p
        elif c == "R":
            f.relday = p[0]
            f.pod = p[1] or f.pod
        elif c == "F":
            f.ref = p
        elif c in "TLX":
            # "this past week" is last week, not a week-long period
            f.shift, f.shift_word = (p, "last") if prv == "T" else (p, lowers[i])
        elif c in "AJ":
            f.ago = p
        elif c in "EZI":
            f.mod = p
        elif c == "P":
            f.pod = p
            f.pod_plural = lowers[i].endswith("s")
        elif c == "S":
            f.season = p
        elif c == "K":
            f.set_value = p
        elif c == "V":
            f.every = True
        elif c == "C":
            f.clock = p
        elif c == "O":
            hh, mm = p.split(":")
            f.clock = (int(hh), int(mm))
        elif c == "m":
            f.meridiem = p
        elif c == "G":
            f.decade = p
        elif c == "b":
            f.long = True
        elif c == "h":
            f.the = True
    return f


def _quarter(f: Frame, pub: date | None) -> Resolved | None:
    per = f.period or "Q"
    span = 3 if per == "Q" else 6
    if f.ordinal is not None:
        year = f.year or (pub.year + (f.shift or 0) if pub else None)
        idx = f.ordinal
    elif f.shift is not None and pub is not None:
        cur = (pub.month - 1) // span
        y, m = add_months(pub.year, cur * span + 1, f.shift * span)
        year, idx = y, (m - 1) // span + 1
    else:
        return None
    if year is None:
        return Resolved("DATE", f"XXXX-{per}{idx}", f.mod)
    return Resolved("DATE", f"{year:04d}-{per}{idx}", f.mod)


def _unit(f: Frame, pub: date | None, tense: int, vocab: TimexVocab) -> Resolved | None:
    qty = number_value(f.numbers, vocab) if f.numbers else None
    unit, mult = f.unit or "D", f.mult
    mod = f.mod or ("APPROX" if f.couple else None)
    if f.shift is None and f.mod and f.the and qty is None and not f.plural:
        if unit == "D":
            return None  # "at the end of the day" is an idiom far more often than a time
        f.shift = 0  # "the end of the month": the current one
    if f.ordinal is not None and unit == "Y" and mult == 100:  # "the 20th century" -> 19
        return Resolved("DATE", f"{f.ordinal - 1:02d}", mod)
    if f.ago is not None and f.ago > 0 and tense < 0:  # "six months later" in a past narrative
        return Resolved("DURATION", duration_value(qty, unit, mult), mod)
    if f.ago is not None:
        if f.vague or qty is None:
            return Resolved("DATE", "PAST_REF" if f.ago < 0 else "FUTURE_REF", mod)
        if pub is None:
            return Resolved("DATE", None, mod)
        if float(qty).is_integer():
            value, d, prec = shifted(pub, unit, mult, f.ago * int(qty))
            return Resolved("DATE", value, mod, d, prec)
        return Resolved("DATE", None, mod)
    if f.shift is not None and qty is None and not f.vague:
        anaphoric = f.shift_word in vocab.anaphoric_shifts or (
            f.the and f.shift_word in vocab.anaphoric_with_the
        )
        if anaphoric and not f.plural:
            steps = f.shift if unit == "D" and mult == 1 else None
            return Resolved("DATE", None, mod, anaphor=steps)
        if f.plural and f.shift_word in vocab.vague_shifts:  # "recent years", "coming months"
            return Resolved("DATE", "PAST_REF" if f.shift < 0 else "FUTURE_REF", mod)
        if f.the and f.shift < 0 or f.shift_word in vocab.durative_shifts or f.plural:
            return Resolved("DURATION", duration_value(None if f.plural else 1, unit, mult), mod)
        if pub is None:
            return Resolved("DATE", None, mod)
        value, d, prec = shifted(pub, unit, mult, f.shift)
        return Resolved("DATE", value, mod, d, prec)
    if qty is None and not (f.vague or f.plural or f.long):
        if unit == "WE" and f.the:
            if pub is None:
                return Resolved("DATE", None, mod)
            ref = pub if pub.isoweekday() >= 6 else pub - timedelta(days=7)
            return Resolved("DATE", iso_week(ref) + "-WE", mod, monday(ref).isoformat(), "week")
        return None  # a bare "year", "day": not a time expression on its own
    if f.vague and qty is None and f.plural is False and not f.long:
        return None
    return Resolved("DURATION", duration_value(qty, unit, mult), mod)


def resolve(f: Frame, pub: date | None, tense: int, vocab: TimexVocab) -> Resolved | None:
    """TIMEX3 type/value/mod plus the calendar anchor of a frame; None to drop the span.

    `tense` is -1 when the governing verb is past, +1 when it is future, 0 otherwise: it
    picks the year of a bare month and the direction of a bare weekday. A day outside the
    calendar (years 1 to 9999: "99999999999 days ago", "next year" after 9999-12-31, "on
    Thursday" after 0001-01-01, a "zero date" of feed metadata) resolves to no value.
    """
    try:
        res = _resolve(f, pub, tense, vocab)
    except OverflowError:  # date arithmetic past year 1 or 9999
        return Resolved("DATE", None, f.mod)
    if res is not None and res.date is not None and not in_calendar(res.date):
        return Resolved(res.type, None, res.mod)
    return res


def in_calendar(day: str) -> bool:
    """Whether an ISO day "YYYY-MM-DD" is a real date of years 1 to 9999."""
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _resolve(f: Frame, pub: date | None, tense: int, vocab: TimexVocab) -> Resolved | None:
    mod = f.mod
    if f.set_value is not None:
        return Resolved("SET", f.set_value)
    if f.weekday is not None and f.pod_plural and f.month is None:  # "Tuesday nights"
        return Resolved("SET", f"XXXX-WXX-{f.weekday}T{f.pod}")
    if f.weekday_set is not None:
        return Resolved("SET", f"XXXX-WXX-{f.weekday_set}" + (f"T{f.pod}" if f.pod else ""))
    if f.every:
        if f.weekday is not None:
            return Resolved("SET", f"XXXX-WXX-{f.weekday}")
        if f.month is not None:
            return Resolved("SET", f"XXXX-{f.month:02d}")
        if f.season is not None:
            return Resolved("SET", f"XXXX-{f.season}")
        if f.pod is not None:
            return Resolved("SET", f"XXXX-XX-XXT{f.pod}")
        if f.period is not None:
            return Resolved("SET", f"P1{f.period}")
        qty = number_value(f.numbers, vocab) if f.numbers else 1
        return Resolved("SET", duration_value(qty, f.unit or "D", f.mult))
    if f.clock is not None:
        return _clock(f, pub, tense)
    if f.ref is not None:
        return Resolved("DATE", f.ref, mod)
    if f.decade is not None:
        return Resolved("DATE", f.decade[:3], mod)
    if f.period is not None:
        return _quarter(f, pub)
    if f.month is not None and f.unit == "Y" and f.shift is not None:
        if pub is None:  # "January this year", "June last year"
            return Resolved("DATE", None, mod)
        value, d, prec = month_value(pub.year + f.shift, f.month)
        return Resolved("DATE", value, mod, d, prec)
    if f.unit is not None:
        return _unit(f, pub, tense, vocab)
    if f.relday is not None or (f.pod is not None and f.shift is not None):
        return _relday(f, pub)
    if f.month is not None or f.weekday is not None:
        return _calendar(f, pub, tense)
    if f.season is not None:
        year = f.year if f.year else (pub.year + (f.shift or 0) if pub else None)
        return Resolved("DATE", f"{year:04d}-{f.season}" if year else None, mod)
    if f.year is not None:
        value, d, prec = year_value(f.year)
        return Resolved("DATE", value, mod, d, prec)
    return None


def _relday(f: Frame, pub: date | None) -> Resolved:
    offset = f.relday if f.relday is not None else 0
    if f.relday is None and f.shift is not None and f.shift < 0 and f.pod in ("NI", "EV"):
        offset = -1  # "last night"
    kind = "TIME" if f.pod else "DATE"
    if pub is None:
        return Resolved(kind, None, f.mod)
    d = pub + timedelta(days=offset)
    value = d.isoformat() + (f"T{f.pod}" if f.pod else "")
    return Resolved(kind, value, f.mod, d.isoformat(), "day")


def _calendar(f: Frame, pub: date | None, tense: int) -> Resolved:
    mod = f.mod
    kind = "TIME" if f.pod else "DATE"
    suffix = f"T{f.pod}" if f.pod else ""
    if f.month is not None and f.day is not None:
        if f.year is not None:
            d = safe_date(f.year, f.month, f.day)
        elif pub is not None:
            d = month_day_year(pub, f.month, f.day, f.weekday, tense)
        else:
            return Resolved(kind, f"XXXX-{f.month:02d}-{f.day:02d}{suffix}", mod)
        if d is None:
            return Resolved(kind, None, mod)
        return Resolved(kind, d.isoformat() + suffix, mod, d.isoformat(), "day")
    if f.month is not None:
        if f.year is not None:
            y = f.year
        elif pub is None:
            return Resolved("DATE", f"XXXX-{f.month:02d}", mod)
        elif f.shift is not None and f.shift < 0:
            # "last February" in March is a year back; "last June" in October is not
            y = pub.year if f.month < pub.month - 1 else pub.year - 1
        elif f.shift is not None and f.shift > 0:
            y = pub.year if f.month > pub.month else pub.year + 1
        elif f.shift == 0:
            y = pub.year
        else:
            y = month_year(pub, f.month, tense)
        value, d, prec = month_value(y, f.month)
        return Resolved("DATE", value, mod, d, prec)
    # a weekday alone
    assert f.weekday is not None
    if pub is None:
        return Resolved(kind, f"XXXX-WXX-{f.weekday}{suffix}", mod)
    if f.shift is not None and f.shift < 0:
        d = pub - timedelta(days=(pub.isoweekday() - f.weekday - 1) % 7 + 1)
    elif f.shift is not None and f.shift > 0:
        d = monday(pub) + timedelta(days=7 + f.weekday - 1)
    elif f.shift == 0:
        d = monday(pub) + timedelta(days=f.weekday - 1)
    else:
        d = weekday_near(pub, f.weekday, future=tense > 0)
    return Resolved(kind, d.isoformat() + suffix, mod, d.isoformat(), "day")


def _clock(f: Frame, pub: date | None, tense: int) -> Resolved:
    hh, mm = f.clock or (0, 0)
    if f.meridiem == 12 and hh < 12:
        hh += 12
    elif f.meridiem == 0 and hh == 12:
        hh = 0
    hm = f"T{hh:02d}:{mm:02d}"
    d: date | None = None
    if f.month is not None and f.day is not None and pub is not None:
        d = month_day_year(pub, f.month, f.day, None, tense)
    elif f.weekday is not None and pub is not None:
        d = weekday_near(pub, f.weekday, future=tense > 0)
    elif f.relday is not None and pub is not None:
        d = pub + timedelta(days=f.relday)
    elif pub is not None:
        d = pub
    if d is None:
        return Resolved("TIME", f"XXXX-XX-XX{hm}", f.mod)
    return Resolved("TIME", d.isoformat() + hm, f.mod, d.isoformat(), "day")
