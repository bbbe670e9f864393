"""Incidents: the real-world events reports are about (a strike on a station, a dam breach,
a shooting at an aid convoy, a surrender), and which figures are about which.

Why: a series is one side's figures for one quantity of one incident. Without incidents, a
death toll of one strike continues the toll of another strike on the same town months later,
and the spellings of one hospital split its toll over many series.

How (pure functions over figure rows, deterministic, nothing stored):

- each figure's place is resolved to a canonical `Place` (`ledger.places`);
- a document's *anchor* is the place its figures name most often, a local place (facility,
  town, area) before a region or a country; failing any, the first known town its headline
  or lead names. Figures at a town far (over `FAR_KM`) from the anchor are a second incident
  of the same document (a report that covers several incidents), so a document is split
  into *reports*, each with an anchor;
- reports are linked when their anchors are one place (the same key, one inside the other, or
  spellings of one name) and they were published within `WINDOW_DAYS` of each other; linked
  reports are one incident (single link: a follow-up weeks later joins through the reports
  between);
- inside an incident each figure's place is folded to the incident's canonical place when it
  is only another way of naming it: unplaced, a spelling of it, the town it is in, or the
  town its region is named after ("Kramatorsk, in Donetsk"). A region named as a region
  ("Kherson region") and a country keep their scope: a region's count is another quantity.

Why computed on read rather than stored: incidents change as documents arrive (a follow-up
links two reports), the rules are cheap (linear in figures, reports compared only within a
block of shared place words), and series are computed on read already; storing would need
every writer to recluster and a migration for a value that is always derivable.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from claimledger.data import load_lexicon
from claimledger.documents import anchor_date
from claimledger.ledger.places import (
    KINDS,
    LOCAL_KINDS,
    Place,
    distance_km,
    facility_head,
    fold_name,
    group_spellings,
    names_region,
    resolve,
    same_name,
    towns_in,
)

if TYPE_CHECKING:  # not at run time: `ledger.series` imports this module while it loads
    from claimledger.ledger.series.rows import FigureRow

#: reports of one place published further apart than this are two incidents, unless reports
#: between them link them (a follow-up every few weeks keeps one incident going)
WINDOW_DAYS = 45
#: a figure at a town this far from its article's place is about another incident
FAR_KM = 50.0
#: how much of a document's text, after its headline, is read for the towns it is about
LEAD_CHARS = 1000


@dataclass
class Incident:
    """One real-world incident: its place, kind of event, dates, documents and figures."""

    id: str
    place: Place | None
    event: str | None
    start: str | None
    end: str | None
    documents: list[str] = field(default_factory=list)
    figure_ids: set[str] = field(default_factory=set, repr=False)

    @property
    def name(self) -> str:
        """How the incident reads: "attack, Kramatorsk railway station, 2022-04-08"."""
        parts = [self.event or "incident", self.place.name if self.place else "unknown place"]
        if self.start:
            parts.append(self.start if self.end in (None, self.start)
                         else f"{self.start} to {self.end}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "event": self.event,
            "place": None if self.place is None else {
                "key": self.place.key, "kind": self.place.kind, "name": self.place.name,
                "within": _ancestors(self.place)},
            "start": self.start,
            "end": self.end,
            "documents": self.documents,
            "figures": len(self.figure_ids),
        }


def _ancestors(place: Place) -> list[str]:
    """The names of the places a place lies within, innermost first."""
    out = []
    p = place.parent
    while p is not None:
        out.append(p.name)
        p = p.parent
    return out


@dataclass
class Incidents:
    """The incidents of a set of figure rows, and each figure's incident and folded place."""

    incidents: list[Incident]
    incident_of: dict[str, str]
    place_of: dict[str, Place | None]

    def by_id(self) -> dict[str, Incident]:
        return {i.id: i for i in self.incidents}


@dataclass
class _Report:
    """The part of one document about one place: a unit of clustering."""

    document_id: str
    published: str | None
    anchor: Place | None
    figure_ids: list[str] = field(default_factory=list)
    #: the places it may be about: its anchor, or (figures naming no place) each town its
    #: headline and lead name, the first that links to another report winning
    candidates: list[Place] = field(default_factory=list)


def _consequences() -> frozenset[str]:
    return frozenset(load_lexicon("places")["incidents"]["consequences"])


def _specificity(p: Place) -> int:
    return KINDS.index(p.kind)


def _anchor(places: Counter[str], by_key: dict[str, Place], lead: list[Place]) -> Place | None:
    local = [k for k in places if by_key[k].kind in LOCAL_KINDS and by_key[k].words]
    if local:
        # one place spelled two ways in one article counts once, under its fullest spelling
        spell = group_spellings([by_key[k] for k in local])
        merged: Counter[str] = Counter()
        for k in local:
            merged[spell.get(k, k)] += places[k]
        best = by_key[min(merged, key=lambda k: (-merged[k], _specificity(by_key[k]), k))]
        if names_region(best):
            # "Donetsk" beside a headline about Olenivka: the figures name the region, by
            # the town it is named after; the headline names the place in it
            inside = [p for p in lead if p.region == best.region and p.key != best.key]
            if inside:
                return inside[0]
        return best
    if lead:
        return lead[0]
    rest = [k for k in places if by_key[k].words]
    if rest:
        return by_key[min(rest, key=lambda k: (-places[k], _specificity(by_key[k]), k))]
    return None


def _far(p: Place | None, anchor: Place | None) -> bool:
    if p is None or anchor is None or p.kind not in ("town", "facility"):
        return False
    if anchor.contains(p) or p.contains(anchor):
        return False
    d = distance_km(p, anchor)
    return d is not None and d > FAR_KM


def linked(a: Place | None, b: Place | None) -> bool:
    """Whether two reports' places are one incident's place."""
    if a is None or b is None:
        return False
    if a.key == b.key:
        return True
    # a facility in a town is the town's story; a region's is not every town's in it
    if (a.kind in LOCAL_KINDS and a.contains(b)) or (b.kind in LOCAL_KINDS and b.contains(a)):
        return True
    if a.kind in LOCAL_KINDS and b.kind in LOCAL_KINDS and not (a.kind == b.kind == "town"):
        ha, hb = facility_head(a.name), facility_head(b.name)
        if ha and hb and ha != hb:
            return False
        return same_name(a, b)
    return False


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


#: a name word in more leads than this says nothing of which story a lead is about
_COMMON_NAME = 50
#: the share of their name words two leads must have in common to be one story's
_WORDING_OVERLAP = 0.2
_NAME = re.compile(r"\b[A-Z][\w'\u2019-]{3,}")


def _name_words(lead: str) -> frozenset[str]:
    """The capitalised words of a headline and lead: the names a story is told with."""
    return frozenset(fold_name(w) for w in _NAME.findall(lead))


def _link_by_wording(reports: list[_Report], leads: Mapping[str, str], find, parent) -> None:
    """A report its places linked to no other (it names none, or only places no other report
    names) joins the report within the window whose lead shares the most of its name words,
    if they share at least `_WORDING_OVERLAP` of them (Jaccard). Deterministic: ties go to
    the earlier report."""
    size = Counter(find(i) for i in range(len(reports)))
    words = [_name_words(leads.get(r.document_id) or "") for r in reports]
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    for i, rep in enumerate(reports):
        if size[find(i)] > 1 or not words[i]:
            continue
        best: tuple[float, int] | None = None
        near = {j for w in words[i] if len(index[w]) <= _COMMON_NAME for j in index[w]} - {i}
        for j in sorted(near):
            gap = _days(rep.published, reports[j].published)
            if gap is not None and gap > WINDOW_DAYS:
                continue
            score = len(words[i] & words[j]) / len(words[i] | words[j])
            if score >= _WORDING_OVERLAP and (best is None or score > best[0]):
                best = (score, j)
        if best is not None:
            ri, rj = find(i), find(best[1])
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
                size[min(ri, rj)] += size[max(ri, rj)]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


_MONTH_NO = {m.casefold(): n for n, m in enumerate(_MONTHS, 1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r"),?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def recalled_days(lead: str) -> set[str]:
    """The publication days of the earlier reports a lead recalls: each day it names ("the
    attack on Kramatorsk on 8 April 2022", "April 8, 2022") and the day after (the first
    reports of a night's strike). An anniversary or a follow-up months later is about that
    incident, not a new one at the same place."""
    out: set[str] = set()
    found = [(int(d), _MONTH_NO[m.casefold()], int(y)) for d, m, y in _DAY_MONTH_YEAR.findall(lead)]
    found += [(int(d), _MONTH_NO[m.casefold()], int(y)) for m, d, y in _MONTH_DAY_YEAR.findall(lead)]
    found += [(int(d), int(m), int(y)) for y, m, d in _ISO_DAY.findall(lead)]
    for day, month, year in found:
        try:
            x = date(year, month, day)
        except ValueError:
            continue
        out.add(x.isoformat())
        if x < date.max:
            out.add(date.fromordinal(x.toordinal() + 1).isoformat())
    return out


def _link_unplaced(reports: list[_Report], event_of: dict[str, str | None], find,
                   parent) -> None:
    """A report with no place and no link joins the one incident within the window that
    counts any of its events; with two or more such incidents it stays alone rather than
    guess (as a figure without a place takes the only place its quantity is reported at)."""
    size = Counter(find(i) for i in range(len(reports)))
    events = [{event_of[f] for f in r.figure_ids} - {None} for r in reports]
    for i, rep in enumerate(reports):
        if rep.anchor is not None or size[find(i)] > 1 or not events[i]:
            continue
        roots = set()
        for j, other in enumerate(reports):
            gap = _days(rep.published, other.published)
            if j != i and other.anchor is not None and (gap is None or gap <= WINDOW_DAYS) \
                    and events[i] & events[j]:
                roots.add(find(j))
        if len(roots) == 1:
            ri, rj = find(i), roots.pop()
            parent[max(ri, rj)] = min(ri, rj)
            size[min(ri, rj)] += size[max(ri, rj)]


def _stable_id(parts: tuple) -> str:
    return "inc-" + hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:12]


def find_incidents(rows: Iterable[FigureRow],
                   leads: Mapping[str, str] | None = None) -> Incidents:
    """Cluster figure rows into incidents (see the module docstring).

    `leads` gives each document's headline and first lines, to place a document whose figures
    name no place. Deterministic: the same rows in any order give the same incidents.
    """
    rows = sorted(rows, key=lambda r: r.figure_id)
    leads = leads or {}
    by_key: dict[str, Place] = {}
    own: dict[str, Place | None] = {}
    doc_rows: dict[str, list[FigureRow]] = defaultdict(list)
    for r in rows:
        p = resolve(r.location)
        own[r.figure_id] = p
        if p is not None:
            by_key.setdefault(p.key, p)
        doc_rows[r.document_id].append(r)

    reports: list[_Report] = []
    for doc in sorted(doc_rows, key=lambda d: (anchor_date(doc_rows[d][0].published) or "", d)):
        members = doc_rows[doc]
        counts = Counter(own[r.figure_id].key for r in members if own[r.figure_id] is not None)
        lead = towns_in(leads.get(doc) or "")
        for p in lead:
            by_key.setdefault(p.key, p)
        anchor = _anchor(counts, by_key, lead)
        published = anchor_date(members[0].published)
        main = _Report(doc, published, anchor)
        if anchor is not None and anchor.key not in counts and lead and anchor is lead[0]:
            main.candidates = lead
        elif anchor is not None:
            main.candidates = [anchor]
        extra: dict[str, _Report] = {}
        for r in members:
            p = own[r.figure_id]
            if _far(p, anchor):
                town = p.town() or p  # type: ignore[union-attr]
                rep = extra.get(town.key)
                if rep is None:
                    rep = extra[town.key] = _Report(doc, published, town, candidates=[town])
                rep.figure_ids.append(r.figure_id)
            else:
                main.figure_ids.append(r.figure_id)
        reports.append(main)
        reports.extend(extra[k] for k in sorted(extra))

    # union-find over reports, compared only within blocks of shared place words
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # per block (a shared place key or name word): reports in publication order, the undated
    # apart, and reports by day (for a lead that names an earlier incident's day); a report
    # is compared with the block's reports within the window and those of the days its lead
    # names, never with the whole block (a town reported on for years)
    dated: dict[str, list[int]] = defaultdict(list)
    undated: dict[str, list[int]] = defaultdict(list)
    by_day: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    chosen: dict[int, Place] = {}  # a lead-placed report: the candidate that linked first

    def consider(i: int, j: int) -> None:
        rep, other = reports[i], reports[j]
        pair = next(((a, b) for a in rep.candidates for b in other.candidates
                     if linked(a, b)), None)
        if pair is None:
            return
        for idx, cand in ((i, pair[0]), (j, pair[1])):
            if len(reports[idx].candidates) > 1 and idx not in chosen:
                chosen[idx] = cand
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    for i, rep in enumerate(reports):
        # a local place's keys and name words; a region's own key (regions link only to
        # themselves: a region's report is not every town's in it)
        tags = {t for p in rep.candidates for t in (*p.chain(), *(f"w:{w}" for w in p.words))
                if p.kind in LOCAL_KINDS and not t.startswith(("country:", "region:"))}
        tags |= {p.key for p in rep.candidates if p.kind == "region"}
        recalled = recalled_days(leads.get(rep.document_id) or "")
        seen: set[int] = set()
        for tag in sorted(tags):
            near = list(undated[tag])
            for j in reversed(dated[tag]):
                gap = _days(rep.published, reports[j].published)
                if gap is not None and gap > WINDOW_DAYS:
                    break
                near.append(j)
            for day in sorted(recalled):
                near.extend(by_day[tag].get(day, ()))
            for j in near:
                if j not in seen:
                    seen.add(j)
                    consider(i, j)
            if rep.published:
                dated[tag].append(i)
                by_day[tag][rep.published].append(i)
            else:
                undated[tag].append(i)
    for idx, cand in chosen.items():
        reports[idx].anchor = cand
    _link_by_wording(reports, leads, find, parent)
    _link_unplaced(reports, {r.figure_id: r.event for r in rows}, find, parent)

    groups: dict[int, list[_Report]] = defaultdict(list)
    for i, rep in enumerate(reports):
        groups[find(i)].append(rep)

    row_of = {r.figure_id: r for r in rows}
    consequences = _consequences()
    incidents: list[Incident] = []
    incident_of: dict[str, str] = {}
    place_of: dict[str, Place | None] = {}
    for root in sorted(groups):
        members = groups[root]
        first = members[0]
        inc_id = _stable_id((first.published, first.document_id,
                             first.anchor.key if first.anchor else None))
        figure_ids = [f for rep in members for f in rep.figure_ids]
        places = [p for f in figure_ids if (p := own[f]) is not None]
        places += [rep.anchor for rep in members if rep.anchor is not None]
        spell = group_spellings(places)
        for p in places:
            by_key.setdefault(p.key, p)
        anchors = Counter(spell.get(rep.anchor.key, rep.anchor.key)
                          for rep in members if rep.anchor is not None for _ in rep.figure_ids
                          or [None])
        place = (by_key[min(anchors, key=lambda k: (-anchors[k], _specificity(by_key[k]), k))]
                 if anchors else None)
        events = Counter(row_of[f].event for f in figure_ids if row_of[f].event)
        kinds = Counter({e: n for e, n in events.items() if e not in consequences}) or events
        event = min(kinds, key=lambda e: (-kinds[e], e)) if kinds else None
        dates = sorted(rep.published for rep in members if rep.published)
        inc = Incident(inc_id, place, event, dates[0] if dates else None,
                       dates[-1] if dates else None,
                       documents=sorted({rep.document_id for rep in members}),
                       figure_ids=set(figure_ids))
        incidents.append(inc)
        facilities = _named_facilities(places, spell, by_key)
        for rep in members:
            # a report's own figures name its place; a place only its headline names (or
            # none) says which incident it is about, and its figures are at the incident's
            own_place = rep.anchor is not None and any(
                own[f] is not None for f in rep.figure_ids)
            anchor = by_key[spell.get(rep.anchor.key, rep.anchor.key)] if own_place else place
            for f in rep.figure_ids:
                incident_of[f] = inc_id
                place_of[f] = _fold(own[f], anchor, spell, by_key, facilities)
    incidents.sort(key=lambda i: (i.start or "", i.id))
    return Incidents(incidents, incident_of, place_of)


def _named_facilities(places: list[Place], spell: dict[str, str],
                      by_key: dict[str, Place]) -> dict[str, set[str]]:
    """facility kind ("hospital") -> the canonical keys of the named facilities of that kind."""
    out: dict[str, set[str]] = defaultdict(set)
    for p in places:
        if p.kind == "facility" and p.words and (head := facility_head(p.name)):
            out[head].add(spell.get(p.key, p.key))
    return out


def _fold(p: Place | None, anchor: Place | None, spell: dict[str, str],
          by_key: dict[str, Place], facilities: dict[str, set[str]]) -> Place | None:
    """A figure's place inside its incident (see the module docstring)."""
    if p is None:
        return anchor
    if p.kind == "facility" and not p.words:
        # "the hospital": the incident's one hospital, else the incident's place
        named = facilities.get(facility_head(p.name) or "", set())
        return by_key[next(iter(named))] if len(named) == 1 else anchor
    if p.kind in LOCAL_KINDS:
        p = by_key.get(spell.get(p.key, p.key), p)
    if anchor is None or p.key == anchor.key:
        return p
    if p.kind == "town" and p.contains(anchor):
        return anchor  # the town the incident's facility is in
    town = anchor.town()
    if (p.kind == "town" and town is not None and town.key != p.key and town.region
            and town.region == p.region and names_region(p)):
        return anchor  # "Kramatorsk, in Donetsk": the town named for the incident's region
    return p


def leads_from_store(store: Any) -> dict[str, str]:
    """Each stored document's headline and first `LEAD_CHARS` characters, by document id.

    Only the start of a text is read (SQLite's substr on the stored text), so a long
    ledger's texts are not loaded for the sake of a few place names.
    """
    cur = store.conn.cursor()
    cur.row_factory = None
    return {doc: f"{title or ''}\n{lead or ''}" for doc, title, lead in cur.execute(
        "SELECT id, title, substr(ledger_text(text), 1, ?) FROM documents", (LEAD_CHARS,))}



def summarise(found: Incidents, series: Iterable[Any]) -> list[dict]:
    """Each incident as a plain row, with its series (ids) and the sides that give figures.

    Why here: the CLI, the web page and any export show incidents the same way.
    """
    by_incident: dict[str, list[Any]] = defaultdict(list)
    for s in series:
        if s.incident:
            by_incident[s.incident].append(s)
    out = []
    for inc in found.incidents:
        members = sorted(by_incident.get(inc.id, []), key=lambda s: s.id)
        row = inc.to_dict()
        row["series"] = [s.id for s in members]
        row["sides"] = sorted({s.claimant.get("affiliation") or s.claimant.get("name") or s.side
                               for s in members})
        out.append(row)
    return out
