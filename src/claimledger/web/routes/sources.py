"""`/sources` (every claimant, grouped by name across documents) and `/sources/{id}`
(everything that claimant has said, in date order, with the figures it gave).

The ledger stores one source row per document; a reader thinks of "the Russian Defence
Ministry", not of its row in one article. So a claimant is the set of source rows whose names
match case-insensitively, and any of their ids opens the claimant's page. A claim a reviewer
re-attributed to the claimant counts as the claimant's.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from claimledger.ledger.reviews import review_rows
from claimledger.web.db import Reader
from claimledger.web.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page, paging
from claimledger.web.schemas import SourceList, SourcePage

router = APIRouter()

Size = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per page")]
PageNo = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
Text = Annotated[str | None, Query(max_length=200)]

_CLAIMANTS = """
SELECT min(s.id) AS id, min(s.name) AS name,
       json_group_array(DISTINCT s.kind) AS kinds,
       json_group_array(DISTINCT s.affiliation) FILTER (WHERE s.affiliation IS NOT NULL)
           AS affiliations,
       count(DISTINCT s.document_id) AS documents, count(c.id) AS claims,
       min(d.published) AS first, max(d.published) AS last
FROM sources s JOIN documents d ON d.id = s.document_id LEFT JOIN claims c ON c.source_id = s.id
"""


def _claimant(row: dict[str, Any]) -> dict[str, Any]:
    row["kinds"] = sorted(k for k in json.loads(row["kinds"]) if k)
    row["affiliations"] = sorted(json.loads(row["affiliations"] or "[]"))
    return row


@page(router, "/sources", "sources.html", SourceList, "Claimants")
def sources(
    db: Reader,
    q: Text = None,
    kind: Text = None,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Claimants by how many documents quote them; `q` matches part of the name."""
    where, params = [], []
    if q:
        where.append("s.name LIKE ?")
        params.append(f"%{q}%")
    if kind:
        where.append("s.kind = ?")
        params.append(kind)
    sql = _CLAIMANTS + (" WHERE " + " AND ".join(where) if where else "")
    sql += " GROUP BY s.name COLLATE NOCASE ORDER BY documents DESC, name LIMIT ? OFFSET ?"
    rows = db.all(sql, (*params, size + 1, (page - 1) * size))
    rows, pages = paging(page, size, [_claimant(r) for r in rows])
    return {"sources": rows, "filters": {"q": q, "kind": kind}, "paging": pages}


@page(router, "/sources/{source_id}", "source.html", SourcePage, "One claimant and its claims")
def source(
    db: Reader, source_id: str, page: PageNo = 1, size: Size = DEFAULT_PAGE_SIZE
) -> dict[str, Any]:
    """A claimant's records across documents and its claims over time (reviews applied)."""
    name = db.scalar("SELECT name FROM sources WHERE id = ?", (source_id,))
    if name is None:
        raise HTTPException(404, f"no source {source_id!r}")
    summary = db.one(_CLAIMANTS + " WHERE s.name = ? COLLATE NOCASE", (name,))
    records = [
        {**r, "mentions": json.loads(r.pop("mentions_json"))}
        for r in db.all(
            "SELECT s.*, d.outlet, d.published FROM sources s JOIN documents d"
            " ON d.id = s.document_id WHERE s.name = ? COLLATE NOCASE"
            " ORDER BY d.published, s.id LIMIT 500",
            (name,),
        )
    ]
    # its own claims, plus claims a reviewer re-attributed to it
    ids = db.all(
        "SELECT c.id FROM claims c JOIN sources s ON s.id = c.source_id"
        " JOIN documents d ON d.id = c.document_id WHERE s.name = ? COLLATE NOCASE"
        " UNION SELECT r.target_id FROM reviews r WHERE r.target_type = 'claim'"
        " AND r.undone_at IS NULL AND json_extract(r.changes_json, '$.source_name') = ?"
        " COLLATE NOCASE",
        (name, name),
    )
    claim_ids = [r["id"] for r in ids]
    rows = db.all(
        "SELECT c.*, s.name AS source_name, s.kind AS source_kind, d.outlet, d.published,"
        " d.url, d.title, d.copy_of FROM claims c JOIN documents d ON d.id = c.document_id"
        " LEFT JOIN sources s ON s.id = c.source_id"
        " WHERE c.id IN (SELECT value FROM json_each(?))"
        " ORDER BY coalesce(c.stated_on, d.published), c.document_id, c.content_start"
        " LIMIT ? OFFSET ?",
        (json.dumps(claim_ids), size + 1, (page - 1) * size),
    )
    for r in rows:
        r["hedges"] = json.loads(r.pop("hedges_json"))
        r["insertions"] = json.loads(r.pop("insertions_json"))
    rows, pages = paging(page, size, rows)
    claims = [
        c
        for c in review_rows(db.conn, rows, "claim")
        if (c.get("source_name") or "").casefold() == name.casefold()
    ]
    figures: list[dict[str, Any]] = []
    for c in claims:
        figures += db.store.figures(claim_id=c["id"], limit=50)
    figures = review_rows(db.conn, figures, "figure")
    return {
        "source": _claimant(summary),  # type: ignore[arg-type]
        "records": records,
        "claims": claims,
        "figures": figures,
        "paging": pages,
    }
