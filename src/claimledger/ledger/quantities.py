"""What makes two figures the same quantity: unit class, place, claimant side, and intervals.

The series and the reconciliation both ask "is this the same thing counted?" and "can these
two figures both be true?". The vocabularies come from the `units` and `series` lexicons,
so the rules read the same for any war or crisis; nothing here names a story.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from claimledger.data import load_lexicon

_WORD = re.compile(r"[\w.\-]+")


def _fold(text: str) -> str:
    """NFKC, case-folded, typographic apostrophes made plain."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").replace("`", "'")


# -- units --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitClass:
    """A class of counted things (lexicon `units`) and its role in grouping."""

    name: str
    role: str  # population | subgroup | generic | other


@cache
def _unit_phrases() -> tuple[tuple[str, UnitClass], ...]:
    lex = load_lexicon("units")
    pairs = []
    for name, spec in lex["classes"].items():
        role = spec.get("role", "population")
        for phrase in spec["phrases"]:
            pairs.append((_fold(phrase), UnitClass(name, role)))
    # longest phrase first: "prisoners of war" must win over "prisoners"
    pairs.sort(key=lambda p: (-len(p[0].split()), -len(p[0]), p[0]))
    return tuple(pairs)


def _role_of(name: str) -> str:
    spec = load_lexicon("units")["classes"].get(name)
    return spec.get("role", "population") if spec else "other"


@lru_cache(maxsize=65536)
def unit_class(unit: str | None) -> UnitClass:
    """The class of what a figure counts ("Ukrainian servicemen" -> combatants).

    Unknown heads (rockets, buses, km) are their own class, named by the last word, so
    "two rockets" never joins a death toll.
    """
    lex = load_lexicon("units")
    if not unit or not unit.strip():
        name = lex["defaults"]["no_unit"][0]
        return UnitClass(name, _role_of(name))
    folded = " " + " ".join(_WORD.findall(_fold(unit))) + " "
    for phrase, cls in _unit_phrases():
        if f" {phrase} " in folded:
            return cls
    words = unit.split()
    # "Ukrainians", "Russians": people named by nationality
    if words and words[-1][:1].isupper() and words[-1].endswith("s"):
        name = lex["defaults"]["capitalised_plural"][0]
        return UnitClass(name, _role_of(name))
    head = _fold(unit.split(" of ")[0]).split()
    return UnitClass(head[-1] if head else "", "other")


def broadest_class() -> str:
    """The class that says no more than "people are counted" (lexicon `units.defaults`)."""
    return load_lexicon("units")["defaults"]["broadest"][0]


def event_class(event: str | None) -> str | None:
    """The population an event implies for a generic count (surrender -> combatants)."""
    if not event:
        return None
    got = load_lexicon("units").get("event_class", {}).get(event)
    return got[0] if got else None


# -- places -------------------------------------------------------------------------------


@cache
def _place_words() -> frozenset[str]:
    lex = load_lexicon("series")["places"]
    return frozenset(_fold(w) for w in lex["facility"]) | {_fold(w) for w in lex["function_words"]}


@lru_cache(maxsize=65536)
def place_key(location: str | None) -> str | None:
    """A place without its kind-of-place words: "Azovstal steel plant" -> "azovstal".

    Why: outlets name the same place at different lengths; the proper name is what stays.
    """
    if not location:
        return None
    drop = _place_words()
    words = [w.strip(".-'") for w in _WORD.findall(_fold(location).replace("'s ", " "))]
    kept = [w for w in words if w and w not in drop]
    if not kept:
        kept = [w for w in words if w]
    return " ".join(kept) or None


@cache
def _broad_places() -> frozenset[str]:
    return frozenset(
        " ".join(_WORD.findall(_fold(w))) for w in load_lexicon("series")["places"]["broad"]
    )


def is_broad_place(key: str | None) -> bool:
    """A country or macro-region ("ukraine", "eastern ukraine"): no one story's place."""
    return key is not None and key in _broad_places()


def same_place(a: str | None, b: str | None) -> bool:
    """Two place keys name the same place when one's words contain the other's."""
    if a is None or b is None:
        return False
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


# -- claimants ----------------------------------------------------------------------------


@cache
def _claimant_maps() -> tuple[frozenset[str], dict[str, str]]:
    lex = load_lexicon("series")["claimants"]
    drop = frozenset(_fold(w) for w in lex["function_words"])
    canon: dict[str, str] = {}
    for group in lex["spelling"] + lex["demonyms"]:
        for word in group:
            canon[_fold(word)] = _fold(group[0])
    return drop, canon


@lru_cache(maxsize=65536)
def claimant_key(name: str | None) -> str | None:
    """A claimant name normalised for grouping.

    "Russia's defence ministry", "The Russian Defense Ministry" and "Ministry of Defence of
    Russia" all become "defense ministry russia": possessives, articles and titles dropped,
    spelling and nationality adjectives mapped to one form (lexicon `series.claimants`), the
    words sorted, as word order does not change who speaks.
    """
    if not name or not name.strip():
        return None
    drop, canon = _claimant_maps()
    text = _fold(name).replace("'s ", " ").replace("'s", "")
    if text.endswith("'"):
        text = text[:-1]
    words = [canon.get(w, w) for w in (w.strip(".-'") for w in _WORD.findall(text))]
    kept = sorted({w for w in words if w and w not in drop})
    # a bag of words: "Ministry of Defense of Russia" ~ "Russia's Defence Ministry"
    return " ".join(kept) or _fold(name).strip()


def is_function_word(word: str) -> bool:
    """An article, preposition or title word of the claimant lexicon ("The", "of", "officials")."""
    drop, _ = _claimant_maps()
    return _fold(word).strip(".,'") in drop


@lru_cache(maxsize=65536)
def is_proper_name(name: str | None) -> bool:
    """A name with a capitalised word that is not a function word ("the ministry" no;
    "Kyrylenko", "Russia's defence ministry" yes): it names one source, not a kind of one."""
    if not name:
        return False
    return any(w[:1].isupper() and not is_function_word(w) for w in name.split())


def side_of(name: str | None, affiliation: str | None) -> str | None:
    """The claimant side: the source's affiliation, else the source itself."""
    return claimant_key(affiliation) or claimant_key(name)


# -- intervals ----------------------------------------------------------------------------

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
    pairs = [(_fold(w), float(n)) for w, n in load_lexicon("series")["vague_estimates"]["words"]]
    pairs.sort(key=lambda p: (-len(p[0]), p[0]))
    return tuple(pairs)


def vague_number(text: str | None) -> float | None:
    """The conservative number a vague wording stands for ("dozens" -> 12), if known."""
    if not text:
        return None
    folded = " " + " ".join(_WORD.findall(_fold(text))) + " "
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
