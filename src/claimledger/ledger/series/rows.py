"""Figure rows: one figure with everything a series needs, flattened from the ledger.

Series work on these plain rows, so that grouping and flags are testable without a database;
`rows_from_extraction` reads one `Extraction`, `rows_from_store` a whole ledger.

A row's `as_of` is when the claimant made the claim: when a source claims the figure, the
date its claim was stated on, else its report's publication day (`claim_date`: "said 120
were killed in the February 29 incident" in a report of March 8 is a point of March 8, not
of the incident); an outlet's own figure keeps the date the text gives it. Two corrections
(`point_date`, `copy_dates`):

- a date a year or more away from its report's publication day stands only when its words
  name that year ("on 8 April 2022"); otherwise (a weekday resolved against a wrong anchor,
  a year read from a name) the claim is dated by its report;
- a copy's figure dated by the copy's own publication day takes its original's day when the
  original states the same figure and the copy ran more than `COPY_DATE_SLACK_DAYS` later:
  the claim was made when the original reported it, not when another outlet republished it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import Any

from claimledger.documents import anchor_date
from claimledger.ledger.reads import decompress_extraction
from claimledger.ledger.series.scope import Scope, figure_scopes
from claimledger.model import Extraction, plain_number


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure with everything a series needs, flattened (ids are global)."""

    document_id: str
    figure_id: str
    claim_id: str | None
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    event: str | None
    unit: str | None = None
    location: str | None = None
    as_of: str | None = None
    cumulative: bool | None = None
    text: str | None = None
    source_name: str | None = None
    source_affiliation: str | None = None
    source_kind: str | None = None
    source_aliases: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    copy_of: str | None = None
    #: set by the series when the figure's event was taken from its article's other figures
    event_inferred: bool = False
    #: the whole the figure counts, from its sentence (`scope`): None (its incident),
    #: "campaign" (a war-wide total) or "part" (a part of another figure)
    scope: str | None = None
    #: the day a "since <date>" on the figure names (its period's start), if one does
    since: str | None = None


#: a figure's date this many days or more from its report's publication day needs words
#: naming its year: one year, the distance no weekday, "last month" or "this spring" reaches
YEARS_AWAY_DAYS = 365


def _day(value: str | None) -> date | None:
    """The day of an ISO date or datetime ("2022", "2022-05" read as their first day)."""
    if not value:
        return None
    text = value[:10]
    text += "-01-01"[len(text) - 4:] if len(text) in (4, 7) else ""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def years_away(as_of: str | None, published: str | None) -> bool:
    """Whether a figure's date is `YEARS_AWAY_DAYS` or more from its publication day."""
    a, p = _day(as_of), _day(published)
    return a is not None and p is not None and abs((a - p).days) >= YEARS_AWAY_DAYS


def point_date(as_of: str | None, words: str | None, published: str | None) -> str | None:
    """A figure's date: `as_of`, unless it lies years from the publication day and its
    `words` (the time expression it came from) do not name its year; then the report's day.
    """
    day = anchor_date(published)
    if as_of is None:
        return day
    if years_away(as_of, published) and not (words and as_of[:4] in words):
        return day
    return as_of


def claim_date(as_of: str | None, stated_on: str | None, attributed: bool) -> str | None:
    """The date a series point of a figure takes: when a source claims it, its claim's
    stated day, or None (the report's day, `point_date`) when the text does not date the
    saying; an outlet's own figure keeps its own date.

    Why: a figure's own date is often its incident's ("killed on Thursday, according to
    health officials", "in the February 29 incident"), while a series follows what a
    claimant said when (issue 10: the text's date; a copy's is its original's); the same
    toll restated a week later is a point of that week.
    """
    if attributed:
        return stated_on
    return as_of


#: A copy published within a day of its original keeps its own dates. Why: a day apart is
#: as often the outlets' time zones (a story of the 29th on an Australian site of the 1st)
#: as a late republication, and a present-tense "the UN says" in a next-day copy is still
#: said that day (gold dev dates such a restatement by the copy); a copy of last week's story
#: plotted on its own day would show a claim made again that nobody made again.
COPY_DATE_SLACK_DAYS = 1


def copy_dates(rows: list[FigureRow], published_of: dict[str, str | None]) -> list[FigureRow]:
    """Rows with each copy's figure dated by its original where the copy's own publication
    day dated it and the original states the same figure (see the module docstring).

    `published_of` maps document ids to their publication dates (the originals' at least).
    """
    stated: dict[str, set[tuple]] = {}
    originals = {r.copy_of for r in rows if r.copy_of}
    for r in rows:
        if r.document_id in originals:
            stated.setdefault(r.document_id, set()).add((r.value, r.low, r.high))
    out = []
    for r in rows:
        if r.copy_of and r.as_of and r.as_of == anchor_date(r.published):
            day = anchor_date(published_of.get(r.copy_of))
            mine, theirs = _day(r.as_of), _day(day)
            if (mine is not None and theirs is not None
                    and (mine - theirs).days > COPY_DATE_SLACK_DAYS
                    and (r.value, r.low, r.high) in stated.get(r.copy_of, ())):
                r = replace(r, as_of=day)
        out.append(r)
    return out


def rows_from_extraction(extraction: Extraction, copy_of: str | None = None) -> list[FigureRow]:
    """Flatten one extraction into figure rows, with global ids "{document_id}:{local}"."""
    doc = extraction.document
    sources = {s.id: s for s in extraction.sources}
    claims = {c.id: c for c in extraction.claims}
    scopes = figure_scopes(doc.text, [(f.id, f.span.start, f.span.end, f.event)
                                      for f in extraction.figures], doc.published)
    rows = []
    for f in extraction.figures:
        scope = scopes.get(f.id, _NO_SCOPE)
        claim = claims.get(f.claim_id) if f.claim_id else None
        src = sources.get(claim.source_id) if claim and claim.source_id else None
        as_of = f.as_of
        if src is not None and claim is not None:
            as_of = claim.stated_on  # `claim_date`
        aliases = (src.name, *(m.text for m in src.mentions)) if src else ()
        rows.append(
            FigureRow(
                document_id=doc.id,
                figure_id=f"{doc.id}:{f.id}",
                claim_id=f"{doc.id}:{f.claim_id}" if f.claim_id else None,
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                event=f.event,
                unit=f.unit,
                location=_located(f.location, scope.place),
                as_of=point_date(as_of.date if as_of else None,
                                 as_of.text if as_of else None, doc.published),
                cumulative=f.cumulative,
                text=f.span.text,
                source_name=src.name if src else None,
                source_affiliation=src.affiliation if src else None,
                source_kind=src.kind if src else None,
                source_aliases=tuple(dict.fromkeys(a for a in aliases if a)),
                outlet=doc.outlet,
                url=doc.url,
                published=doc.published,
                copy_of=copy_of,
                scope=scope.scope,
                since=f.period_start or scope.since,
            )
        )
    return rows


_NO_SCOPE = Scope()


def _located(location: str | None, named: str | None) -> str | None:
    """A figure's place: the one an added count's own words name ("two more in Mykolaiv
    Oblast") over the one extracted, which a parser often carries over from the count it
    adds to ("14 died in Kherson Oblast"). Only a place given is corrected: a figure with
    none keeps none, and the series infer it as for any other unplaced figure.
    """
    return named if named and location else location


#: one row per figure with its claim's source; documents are read apart (see below)
_FIGURES_SQL = (
    "SELECT f.id, f.document_id, f.claim_id, f.value, f.low, f.high, f.qualifier, f.event,"
    " f.unit, f.location, f.as_of, f.cumulative, f.span_text, f.span_start, f.span_end,"
    " f.period_start, c.stated_on,"
    " s.id, s.name, s.affiliation, s.kind, s.mentions_json"
    " FROM figures f LEFT JOIN claims c ON c.id = f.claim_id"
    " LEFT JOIN sources s ON s.id = c.source_id"
)
_DOCUMENTS_SQL = "SELECT id, outlet, url, published, copy_of FROM documents"


def _aliases(name: str, mentions_json: str) -> tuple[str, ...]:
    """A source's name and the texts of its mentions, first occurrence first."""
    mentions = [m[0] if isinstance(m, list) else m.get("text") for m in json.loads(mentions_json)]
    return tuple(dict.fromkeys(a for a in (name, *mentions) if a))


def _plain_cursor(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    cur = conn.cursor()
    cur.row_factory = None  # tuples: a Row per figure costs more than the query
    return cur.execute(sql)


def rows_from_store(store: Any) -> list[FigureRow]:
    """All figure rows of a ledger (`claimledger.ledger.store.Store`), by figure id.

    Why its own SQL rather than `Store.figures()` and `Store.sources()`: on a large ledger
    those sort every row for display and join each figure to its document, whose text and
    stored extraction lie between the columns a series needs (SQLite walks the overflow
    pages of the text for every figure). Here the documents are read once each, the figures
    with their sources in one unsorted pass, and a source's aliases are parsed once per
    distinct mention list.
    """
    docs = {d[0]: d[1:] for d in _plain_cursor(store.conn, _DOCUMENTS_SQL)}
    aliases_of: dict[tuple[str, str], tuple[str, ...]] = {}
    far: dict[str, list[int]] = {}  # documents with a figure dated years away: its rows
    rows = []
    spans: dict[str, list[tuple[str, int, int, str | None]]] = {}
    for (fid, doc_id, claim_id, value, low, high, qualifier, event, unit, location, as_of,
         cumulative, span_text, start, end, period_start, stated_on, sid, name, affiliation,
         kind, mentions_json) in _plain_cursor(store.conn, _FIGURES_SQL):
        doc = docs.get(doc_id)
        if doc is None:  # as the store's inner join: a figure without its document is gone
            continue
        outlet, url, published, copy_of = doc
        aliases: tuple[str, ...] = ()
        as_of = claim_date(as_of, stated_on, sid is not None)
        if sid is not None:
            key = (name, mentions_json)
            aliases = aliases_of.get(key)  # type: ignore[assignment]
            if aliases is None:
                aliases = aliases_of[key] = _aliases(name, mentions_json)
        rows.append(
            FigureRow(
                document_id=doc_id,
                figure_id=fid,
                claim_id=claim_id,
                value=plain_number(value),
                low=plain_number(low),
                high=plain_number(high),
                qualifier=qualifier,
                event=event,
                unit=unit,
                location=location,
                as_of=as_of or anchor_date(published),
                cumulative=None if cumulative is None else bool(cumulative),
                text=span_text,
                source_name=name if sid is not None else None,
                source_affiliation=affiliation if sid is not None else None,
                source_kind=kind if sid is not None else None,
                source_aliases=aliases,
                outlet=outlet,
                url=url,
                published=published,
                copy_of=copy_of,
                since=period_start,
            )
        )
        spans.setdefault(doc_id, []).append((str(len(rows) - 1), start, end, event))
        if as_of and years_away(as_of, published):
            far.setdefault(doc_id, []).append(len(rows) - 1)
    for doc_id, idx in far.items():
        words = _as_of_words(store.conn, doc_id)
        published = docs[doc_id][2]
        for i in idx:
            r = rows[i]
            local = r.figure_id.removeprefix(f"{doc_id}:")
            rows[i] = replace(r, as_of=point_date(r.as_of, words.get(local), published))
    _scope_rows(store.conn, rows, spans, docs)
    rows = copy_dates(rows, {doc_id: doc[2] for doc_id, doc in docs.items()})
    rows.sort(key=attrgetter("figure_id"))
    return rows


def _scope_rows(conn: sqlite3.Connection, rows: list[FigureRow],
                spans: dict[str, list[tuple[str, int, int, str | None]]],
                docs: dict[str, tuple]) -> None:
    """Give each row its scope (`scope.figure_scopes`) from its document's text, in place,
    and an added count the place its own words name ("two more in Mykolaiv Oblast").

    `spans` maps a document to its figures as (row index, start, end, event). Each text is
    read once, one at a time, and only for documents with figures.
    """
    for doc_id, text in _plain_cursor(conn, "SELECT id, ledger_text(text) FROM documents"):
        figures = spans.get(doc_id)
        if not figures:
            continue
        for index, found in figure_scopes(text, figures, docs[doc_id][2]).items():
            i = int(index)
            r = rows[i]
            rows[i] = replace(r, scope=found.scope, since=r.since or found.since,
                              location=_located(r.location, found.place))


def _as_of_words(conn: sqlite3.Connection, document_id: str) -> dict[str, str | None]:
    """Local figure id -> the words its date came from, from the stored extraction.

    Read only for documents with a figure dated years away (the figures table keeps the
    date, not its words): few documents, so parsing their extraction costs nothing overall.
    """
    row = conn.execute("SELECT extraction_json FROM documents WHERE id = ?", (document_id,))
    found = row.fetchone()
    if not found:
        return {}
    figures = json.loads(decompress_extraction(found[0])).get("figures", [])
    return {f["id"]: (f.get("as_of") or {}).get("text") for f in figures if "id" in f}
