"""What makes two figures the same quantity for the same side: the keys a series groups on.

A figure's key is (event, unit class, place, cumulative, side). The vocabularies come from
the `units` and `series` lexicons, so the rules read the same for any war or crisis; nothing
here names a story. The rows rarely say all of the key, so the gaps are filled from the
ledger itself, never guessed (`group_keys`): a source's affiliation from other articles, an
event or a place from the figure's own article, a generic count's unit class or an unplaced
figure's place when only one is possible.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from claimledger.data import load_lexicon
from claimledger.ledger.copies import original_key
from claimledger.ledger.places import resolve
from claimledger.ledger.series.rows import FigureRow

#: a word of a name or a unit, dots and hyphens kept ("Lt.", "Zaporizhzhia-based")
WORD = re.compile(r"[\w.\-]+")


def fold(text: str) -> str:
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


@cache
def _claimant_maps() -> tuple[frozenset[str], dict[str, str]]:
    lex = load_lexicon("series")["claimants"]
    drop = frozenset(fold(w) for w in lex["function_words"])
    canon: dict[str, str] = {}
    for group in lex["spelling"] + lex["demonyms"]:
        for word in group:
            canon[fold(word)] = fold(group[0])
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
    text = fold(name).replace("'s ", " ").replace("'s", "")
    if text.endswith("'"):
        text = text[:-1]
    words = [canon.get(w, w) for w in (w.strip(".-'") for w in WORD.findall(text))]
    kept = sorted({w for w in words if w and w not in drop})
    # a bag of words: "Ministry of Defense of Russia" ~ "Russia's Defence Ministry"
    return " ".join(kept) or fold(name).strip()


def is_function_word(word: str) -> bool:
    """An article, preposition or title word of the claimant lexicon ("The", "of", "officials")."""
    drop, _ = _claimant_maps()
    return fold(word).strip(".,'") in drop


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


# -- grouping keys ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyed:
    """A figure row and its grouping key: side, unit class (and its role), place, cumulative."""

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
    """Source (normalised name) -> the affiliation other articles give it.

    Why: one article says "Pavlo Kyrylenko, the Ukrainian governor", the next only
    "Kyrylenko said"; the ledger knows his side from the first. A proper name given two
    different affiliations keeps the most frequent (ties: alphabetical); a common noun ("the
    ministry", "the investigation") carries one over only when the ledger never gives it
    another, as it may name a different source in another story.
    """
    # a source row repeats on each of its figures: its names are normalised once
    sources = Counter(
        (r.source_name, r.source_aliases, r.source_affiliation) for r in rows if r.source_affiliation
    )
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    proper: set[str] = set()
    for (source_name, aliases, affiliation), n in sources.items():
        for name in {source_name, *aliases}:
            if key := claimant_key(name):
                seen[key][affiliation] += n
                if is_proper_name(name):
                    proper.add(key)
    return {
        k: min(c, key=lambda a: (-c[a], a))
        for k, c in seen.items()
        if k in proper or len(c) == 1
    }


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
    # the side of a (name, affiliation) pair, worked out once however many figures it gives
    sides: dict[tuple[str | None, str | None], str | None] = {}
    prepared = []
    for r in rows:
        if r.value is None and r.low is None and r.high is None:
            continue
        pair = (r.source_name, r.source_affiliation)
        if pair in sides:
            side = sides[pair]
        else:
            affiliation = r.source_affiliation or affiliation_of.get(
                claimant_key(r.source_name) or "")
            side = sides[pair] = side_of(r.source_name, affiliation)
        prepared.append((r, side or _outlet_side(r, outlet_of), unit_class(r.unit)))
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
        keyed.append(Keyed(r, side, cls.name, cls.role, place, r.cumulative is not False))
    return keyed


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
                k = Keyed(k.row, k.side, target, "population", k.place, k.cumulative)
            elif k.unit == broadest and (narrow := unique(narrower, narrower_any, k)):
                k = Keyed(k.row, k.side, narrow, k.role, k.place, k.cumulative)
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
                k = Keyed(k.row, k.side, k.unit, k.role, next(iter(cands)), k.cumulative)
        out.append(k)
    return out


def group_keys(rows: list[FigureRow]) -> list[Keyed]:
    """Every usable figure with its grouping key, gaps filled (see the module docstring)."""
    return _absorb_place(_absorb_generic(_absorb_place(_key_rows(rows))))
