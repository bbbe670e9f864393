"""Whether two figures can both be true: the interval a figure allows, and how it reads.

Flags and estimates compare figures as closed intervals ("almost 2,000" is [1,800, 2,000],
"more than 30" is [31, inf)); the tolerances and the vague words' conservative numbers come
from the `series` lexicon.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from claimledger.data import load_lexicon
from claimledger.ledger.series.keys import WORD, fold

#: qualifiers that say a figure is rounded
APPROXIMATE = ("approximately", "nearly")


@cache
def _tolerance(qualifier: str) -> float:
    got = load_lexicon("series").get("tolerance", {}).get(qualifier)
    return float(got[0]) if got else 0.0


def interval(
    value: float | None, low: float | None, high: float | None, qualifier: str
) -> tuple[float, float]:
    """The range of true values a figure allows, as a closed interval (inf when open).

    "more than 30" -> [31, inf) for counts; "about 100" -> [90, 110] with the lexicon's
    tolerance; "almost 2,000" -> [1,800, 2,000]; vague "hundreds" -> its low..high.
    """
    inf = math.inf
    v = value
    if qualifier == "exact" and v is not None:
        return (v, v)
    if qualifier == "approximately" and v is not None:
        t = _tolerance("approximately")
        return (v * (1 - t), v * (1 + t))
    if qualifier == "nearly" and v is not None:
        return (v * (1 - _tolerance("nearly")), v)
    if qualifier in ("at_least", "more_than"):
        base = low if low is not None else v
        if base is None:
            return (0.0, inf)
        step = 1 if qualifier == "more_than" and float(base).is_integer() else 0
        return (base + step, inf)
    if qualifier in ("at_most", "less_than"):
        base = high if high is not None else v
        if base is None:
            return (0.0, inf)
        step = 1 if qualifier == "less_than" and float(base).is_integer() else 0
        return (0.0, base - step)
    lo = low if low is not None else (v if v is not None else 0.0)
    hi = high if high is not None else (v if v is not None else inf)
    return (min(lo, hi), max(lo, hi))


def is_round(value: float | int | None, qualifier: str) -> bool:
    """An exact figure that reads as rounded: a multiple of the lexicon's round number.

    Why: "2,000 soldiers surrendered" next to the ministry's 1,908 is a rounding, not a
    contradiction, even when the writer left out "about".
    """
    if qualifier != "exact" or value is None or value == 0:
        return False
    multiple = _tolerance("round_multiple")
    return multiple > 0 and float(value) % multiple == 0


@lru_cache(maxsize=65536, typed=True)
def compare_interval(
    value: float | None, low: float | None, high: float | None, qualifier: str
) -> tuple[float, float]:
    """The interval used to compare figures: `interval`, with round exact numbers as "about"."""
    if is_round(value, qualifier):
        return interval(value, None, None, "approximately")
    return interval(value, low, high, qualifier)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two figure intervals can both be true."""
    return a[0] <= b[1] and b[0] <= a[1]


@cache
def _vague_words() -> tuple[tuple[str, float], ...]:
    pairs = [(fold(w), float(n)) for w, n in load_lexicon("series")["vague_estimates"]["words"]]
    pairs.sort(key=lambda p: (-len(p[0]), p[0]))
    return tuple(pairs)


def vague_number(text: str | None) -> float | None:
    """The conservative number a vague wording stands for ("dozens" -> 12), if known."""
    if not text:
        return None
    folded = " " + " ".join(WORD.findall(fold(text))) + " "
    for word, number in _vague_words():
        if f" {word} " in folded:
            return number
    return None


@lru_cache(maxsize=65536, typed=True)
def fmt_number(x: float | int | None) -> str:
    """1908 -> "1,908"; 1.5 -> "1.5"; None -> "?"."""
    if x is None:
        return "?"
    if isinstance(x, float) and math.isinf(x):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")
