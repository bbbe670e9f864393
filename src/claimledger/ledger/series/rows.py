"""Figure rows: one figure with everything a series needs, flattened from the ledger.

Series work on these plain rows, so that grouping and flags are testable without a database;
`rows_from_extraction` reads one `Extraction`, `rows_from_store` a whole ledger.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from claimledger.documents import anchor_date
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


def rows_from_extraction(extraction: Extraction, copy_of: str | None = None) -> list[FigureRow]:
    """Flatten one extraction into figure rows, with global ids "{document_id}:{local}"."""
    doc = extraction.document
    sources = {s.id: s for s in extraction.sources}
    claims = {c.id: c for c in extraction.claims}
    rows = []
    for f in extraction.figures:
        claim = claims.get(f.claim_id) if f.claim_id else None
        src = sources.get(claim.source_id) if claim and claim.source_id else None
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
                location=f.location,
                as_of=(f.as_of.date if f.as_of else None) or anchor_date(doc.published),
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
            )
        )
    return rows


#: one row per figure with its claim's source; documents are read apart (see below)
_FIGURES_SQL = (
    "SELECT f.id, f.document_id, f.claim_id, f.value, f.low, f.high, f.qualifier, f.event,"
    " f.unit, f.location, f.as_of, f.cumulative, f.span_text,"
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
    rows = []
    for (fid, doc_id, claim_id, value, low, high, qualifier, event, unit, location, as_of,
         cumulative, span_text, sid, name, affiliation, kind, mentions_json) in _plain_cursor(
             store.conn, _FIGURES_SQL):
        doc = docs.get(doc_id)
        if doc is None:  # as the store's inner join: a figure without its document is gone
            continue
        outlet, url, published, copy_of = doc
        aliases: tuple[str, ...] = ()
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
            )
        )
    rows.sort(key=attrgetter("figure_id"))
    return rows
