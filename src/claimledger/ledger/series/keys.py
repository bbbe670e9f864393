"""What makes two figures the same quantity for the same side: the keys a series groups on.

A figure's key is (event, unit class, place, cumulative, side). The vocabularies come from
the `units` and `series` lexicons, so the rules read the same for any war or crisis; nothing
here names a story. The rows rarely say all of the key, so the gaps are filled from the
ledger itself, never guessed (`group_keys`): a source's affiliation from other articles, an
event or a place from the figure's own article, a generic count's unit class or an unplaced
figure's place when only one is possible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from claimledger.data import load_lexicon
from claimledger.ledger.canon import (  # noqa: F401  (claimant_key and is_* re-exported)
    WORD,
    Canon,
    canonical,
    claimant_key,
    clean_name,
    country_words,
    fold,
    is_function_word,
    is_name,
    is_proper_name,
)
from claimledger.ledger.copies import original_key
from claimledger.ledger.places import resolve
from claimledger.ledger.series.rows import FigureRow
from claimledger.ledger.series.scope import PART, REMAINDER

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
            pairs.append((fold(phrase), UnitClass(name, role)))
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
    folded = " " + " ".join(WORD.findall(fold(unit))) + " "
    for phrase, cls in _unit_phrases():
        if f" {phrase} " in folded:
            return cls
    words = unit.split()
    # "Ukrainians", "Russians": people named by nationality
    if words and words[-1][:1].isupper() and words[-1].endswith("s"):
        name = lex["defaults"]["capitalised_plural"][0]
        return UnitClass(name, _role_of(name))
    head = fold(unit.split(" of ")[0]).split()
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


@lru_cache(maxsize=65536)
def place_key(location: str | None) -> str | None:
    """The canonical key of the place a location names (`ledger.places.resolve`):
    "Azovstal steel plant" and "the Azovstal steelworks" one key, "Kyiv" and "Kiev" one,
    "Kherson region" and "Kherson" two (a region's count is another quantity than a town's).

    Why: outlets name the same place many ways; the series group on what stays.
    """
    place = resolve(location)
    return place.key if place is not None else None


def _key_words(key: str) -> set[str]:
    """The name words of a place key ("facility:azovstal" -> {"azovstal"})."""
    name = key.rsplit(":", 1)[-1]
    return set(name.replace(".", " ").split()) if name else set()


@cache
def _broad_places() -> frozenset[str]:
    return frozenset(
        " ".join(WORD.findall(fold(w))) for w in load_lexicon("series")["places"]["broad"]
    )


def is_broad_place(key: str | None) -> bool:
    """A country or macro-region ("ukraine", "eastern ukraine"): no one story's place."""
    if key is None:
        return False
    return key.startswith("country:") or key in _broad_places()


def same_place(a: str | None, b: str | None) -> bool:
    """Two place keys name the same place when one's name words contain the other's
    (a `--place Azovstal` filter finds the series at "Azovstal steel plant")."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    wa, wb = _key_words(a), _key_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


# -- claimants ----------------------------------------------------------------------------
# (the names and keys live in `ledger.canon`, shared with the claimant index of the web UI)


def side_of(name: str | None, affiliation: str | None, kind: str | None = None,
            mentions: tuple[str, ...] = ()) -> str | None:
    """The claimant side: the side of the canonical claimant (`ledger.canon`: a registry
    actor's affiliation, an installed administration's state), else the source's
    affiliation, else the claimant itself; None when the source is no claimant."""
    canon = canonical(name, affiliation, kind, mentions)
    return claimant_key(canon.side) or claimant_key(canon.name)


def claimant_of(row: FigureRow) -> Canon:
    """The canonical claimant of a figure row's source (`ledger.canon.canonical`)."""
    return canonical(row.source_name, row.source_affiliation, row.source_kind,
                     tuple(a for a in row.source_aliases if a != row.source_name))


# -- grouping keys ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyed:
    """A figure row and its grouping key: side, unit class (and its role), place, cumulative,
    scope (None: its incident's count; "campaign", "part": `series.scope`)."""

    row: FigureRow
    side: str
    unit: str
    role: str
    place: str | None
    cumulative: bool
    scope: str | None = None


def _outlet_side(row: FigureRow, outlet_of: dict[str, str | None]) -> str:
    # a narrative figure is the outlet's own claim; a copy's is its original outlet's
    outlet = outlet_of.get(original_key(row.document_id, row.copy_of)) or row.outlet
    return claimant_key(outlet) or "unattributed"


def _known_affiliations(rows: list[FigureRow]) -> dict[str, str]:
    """Source (normalised name) -> the affiliation other articles give it.

    Why: one article says "Pavlo Kyrylenko, the Ukrainian governor", the next only
    "Kyrylenko said"; the ledger knows his side from the first. A proper name given two
    different affiliations keeps the most frequent (ties: alphabetical); a common noun ("the
    ministry", "the investigation") carries one over only when the ledger never gives it
    another, as it may name a different source in another story. An institution's name
    without its country ("Interior Ministry") takes the affiliation of the one name in the
    ledger that is the same words with a country ("Ukraine's interior ministry"), if one.
    """
    # a source row repeats on each of its figures: its names are normalised once
    sources = Counter(
        (r.source_name, r.source_aliases, r.source_affiliation) for r in rows if r.source_affiliation
    )
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    proper: set[str] = set()
    for (source_name, aliases, affiliation), n in sources.items():
        # a pronoun or a clause among the mentions ("it", "whose department") names no one
        for name in {source_name, *(a for a in aliases if clean_name(a))}:
            if key := claimant_key(name):
                seen[key][affiliation] += n
                if is_proper_name(name):
                    proper.add(key)
    known = {
        k: min(c, key=lambda a: (-c[a], a))
        for k, c in seen.items()
        if k in proper or len(c) == 1
    }
    # "Interior Ministry" with no country is the ledger's only country's interior ministry
    # ("Ukraine's interior ministry"), when it has one only: as a lone surname joins the
    # only person of that surname
    countries = country_words()
    without: dict[str, set[str]] = defaultdict(set)
    for k in proper:
        words = k.split()
        for w in words:
            if w in countries and len(words) > 2:
                without[" ".join(x for x in words if x != w)].add(known.get(k) or "")
    for k, affiliations in without.items():
        if k not in known and len(affiliations) == 1 and (a := next(iter(affiliations))):
            known[k] = a
    return known


def _key_rows(rows: list[FigureRow]) -> list[Keyed]:
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
    # the claimant of a source, worked out once however many figures it gives
    claimants: dict[tuple, tuple[str | None, Canon]] = {}
    prepared = []
    for r in rows:
        if r.value is None and r.low is None and r.high is None:
            continue
        pair = (r.source_name, r.source_affiliation, r.source_kind, r.source_aliases)
        known = claimants.get(pair)
        if known is None:
            affiliation = r.source_affiliation or affiliation_of.get(
                claimant_key(r.source_name) or "")
            canon = claimant_of(replace(r, source_affiliation=affiliation))
            side = claimant_key(canon.side) or claimant_key(canon.name)
            known = claimants[pair] = (side, canon)
        side, canon = known
        if r.source_name is not None:
            # the series name their claimant as the ledger canonicalised it
            r = replace(r, source_name=canon.name, source_affiliation=canon.side,
                        source_aliases=canon.aliases)
        prepared.append((r, side or _outlet_side(r, outlet_of), unit_class(r.unit)))
    # an article's figures of one side counting one kind of thing are about one event: a
    # figure the events stage left without one ("the previous figure was 1,730 soldiers")
    # takes it when that side's other figures of that unit class in the article agree
    # A share ("a quarter of Gaza's 2.3 million Palestinians face starvation") gives none:
    # what befell the part says nothing of the whole it is a share of
    events: dict[tuple, set[str]] = defaultdict(set)
    for r, side, cls in prepared:
        if r.event and not _is_share(r):
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
        keyed.append(Keyed(r, side, cls.name, cls.role, place, r.cumulative is not False,
                           _scope(r.scope, cls.role)))
    return keyed


def _is_share(r: FigureRow) -> bool:
    """A figure that is a share of a whole: a percentage, or a fraction below one."""
    if (r.unit or "").strip() in ("%", "percent", "per cent"):
        return True
    return r.value is not None and 0 < r.value < 1


def _scope(scope: str | None, role: str) -> str | None:
    """A figure's scope in its key. A part of a subgroup class ("including four children")
    is that subgroup's count: the unit class already keeps it apart from the total."""
    return None if scope in (PART, REMAINDER) and role == "subgroup" else scope


def _absorb_generic(keyed: list[Keyed]) -> list[Keyed]:
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

    def unique(side_map: dict, any_map: dict, k: Keyed) -> str | None:
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


def _absorb_place(keyed: list[Keyed]) -> list[Keyed]:
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


def group_keys(rows: list[FigureRow]) -> list[Keyed]:
    """Every usable figure with its grouping key, gaps filled (see the module docstring)."""
    return _absorb_place(_absorb_generic(_absorb_place(_key_rows(rows))))
