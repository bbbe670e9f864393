"""Figure rows: one figure with everything a series needs, flattened from the ledger.

Series work on these plain rows, so that grouping and flags are testable without a database;
`rows_from_extraction` reads one `Extraction`, `rows_from_store` a whole ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimledger.model import Extraction


@dataclass(frozen=True)
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
                as_of=(f.as_of.date if f.as_of else None) or (doc.published or "")[:10] or None,
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


def rows_from_store(store: Any) -> list[FigureRow]:
    """All figure rows of a ledger (`claimledger.ledger.store.Store`), with source details."""
    sources = {s["id"]: s for s in store.sources(limit=None)}
    rows = []
    for f in store.figures(limit=None):
        src = sources.get(f.get("source_id")) if f.get("source_id") else None
        aliases: tuple[str, ...] = ()
        if src:
            mentions = [m[0] if isinstance(m, list) else m.get("text") for m in src["mentions"]]
            aliases = tuple(dict.fromkeys(a for a in (src["name"], *mentions) if a))
        rows.append(
            FigureRow(
                document_id=f["document_id"],
                figure_id=f["id"],
                claim_id=f.get("claim_id"),
                value=f["value"],
                low=f["low"],
                high=f["high"],
                qualifier=f["qualifier"],
                event=f["event"],
                unit=f["unit"],
                location=f["location"],
                as_of=(f["as_of"] or (f["published"] or "")[:10] or None),
                cumulative=f["cumulative"],
                text=f["span_text"],
                source_name=src["name"] if src else None,
                source_affiliation=src["affiliation"] if src else None,
                source_kind=src["kind"] if src else None,
                source_aliases=aliases,
                outlet=f["outlet"],
                url=f["url"],
                published=f["published"],
                copy_of=f["copy_of"],
            )
        )
    return rows
