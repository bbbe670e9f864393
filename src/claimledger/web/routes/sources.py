"""`/sources` (every claimant, grouped across documents) and `/sources/{id}` (everything that
claimant has said, in date order, with the figures it gave).

The ledger stores one source row per document; a reader thinks of "the Russian Defence
Ministry", not of its row in one article. So a claimant is the set of source rows that
`ledger.claimants` groups by the claimant keys the series use and by the aliases the ledger
records ("Shoigu" and "Sergei Shoigu", "Russia's Defense Ministry" and "Russian Defense
Ministry" are one row, its aliases listed), and any of their ids opens the claimant's page.
Rows that speak for one registry actor, by name or through a role ("the ministry's
spokesperson, Gen. Igor Konashenkov"), are that actor's claimant (`ledger.canon`); a
reviewer's merge or split of claimants (a review of a source row, the form on the claimant
page) overrides the grouping. A claim a reviewer re-attributed to one of its names counts as
the claimant's. Grouping reads every source row, so the claimant index is cached until the
database changes.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from claimledger.ledger.claimants import group_claimants
from claimledger.ledger.reads import CLAIM_TEXTS, same_document
from claimledger.ledger.reviews import list_reviews, review_rows
from claimledger.web.db import Database, Reader
from claimledger.web.pages import DEFAULT_PAGE_SIZE, PageNo, Size, Text, page, paging
from claimledger.web.schemas import SourceList, SourcePage

router = APIRouter()


#: summarising every claimant reads every source row: allowed more than one page query
INDEX_TIME_FACTOR = 30
#: how many other claimants the merge form offers (the most quoted first)
MERGE_CHOICES = 300


def _index(db: Reader) -> dict[str, Any]:
    """Every claimant (see `ledger.claimants`), ordered for the list page."""
    rows = [
        {"id": sid, "name": name, "kind": kind, "affiliation": affiliation, "document_id": doc_id,
         "published": published, "claims": claims, "mentions_json": mentions}
        for sid, name, kind, affiliation, doc_id, published, claims, mentions in db.conn.execute(
            "SELECT s.id, s.name, s.kind, s.affiliation, s.document_id, d.published,"
            " (SELECT count(*) FROM claims c WHERE " + same_document("c", "s")
            + " AND c.source_id = s.id) AS claims, s.mentions_json"
            " FROM sources s JOIN documents d ON d.id = s.document_id ORDER BY s.id"
        )
    ]
    groups, group_of = group_claimants(rows, list_reviews(db.conn, target_type="source"))
    summary: dict[str, dict[str, Any]] = {
        c.key: {"id": c.source_ids[0], "name": c.name, "kinds": set(), "affiliations": set(),
                "docs": set(), "claims": 0, "first": None, "last": None,
                "source_ids": c.source_ids, "speaks": c.speaks,
                "aliases": sorted((set(c.names) | c.aliases) - {c.name})}
        for c in groups
    }
    for r in rows:
        g = summary[group_of[r["id"]]]
        g["kinds"].add(r["kind"])
        if r["affiliation"]:
            g["affiliations"].add(r["affiliation"])
        g["docs"].add(r["document_id"])
        g["claims"] += r["claims"]
        if published := r["published"]:
            g["first"] = min(g["first"] or published, published)
            g["last"] = max(g["last"] or published, published)
    out = []
    for key, g in summary.items():
        docs = g.pop("docs")
        names = [g["name"], *g["aliases"]]
        out.append({**g, "key": key, "kinds": sorted(g["kinds"]),
                    "affiliations": sorted(g["affiliations"]), "documents": len(docs),
                    "search": "\n".join(n.casefold() for n in names)})
    out.sort(key=lambda c: (-c["documents"], c["name"].casefold(), c["key"]))
    # a source row that names no claimant ("confirmed data", "Its") keeps its page (its
    # document links it) but is not listed among the claimants
    return {"list": [c for c in out if c["speaks"]], "by_key": {c["key"]: c for c in out},
            "group_of": group_of}


def claimants(db: Database) -> dict[str, Any]:
    """The claimant index of a ledger (cached until the database changes)."""
    return db.cached("claimants", _index, db.time_limit_ms * INDEX_TIME_FACTOR)


def _public(c: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in c.items() if k not in ("key", "source_ids", "search", "speaks")}


@page(router, "/sources", "sources.html", SourceList, "Claimants")
def sources(
    db: Reader,
    request: Request,
    q: Text = None,
    kind: Text = None,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Claimants by how many documents quote them; `q` matches part of a name or alias."""
    rows = claimants(request.app.state.db)["list"]
    if q:
        rows = [c for c in rows if q.casefold() in c["search"]]
    if kind:
        rows = [c for c in rows if kind in c["kinds"]]
    chunk, pages = paging(page, size, rows[(page - 1) * size : page * size + 1])
    return {"sources": [_public(c) for c in chunk], "filters": {"q": q, "kind": kind},
            "paging": pages}


@page(router, "/sources/{source_id:path}", "source.html", SourcePage, "One claimant and its claims")
def source(
    db: Reader,
    request: Request,
    source_id: str,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """A claimant's records across documents and its claims over time (reviews applied)."""
    index = claimants(request.app.state.db)
    key = index["group_of"].get(source_id)
    summary = index["by_key"].get(key) if key else None
    if summary is None:
        raise HTTPException(404, f"no source {source_id!r}")
    names = [summary["name"], *summary["aliases"]]
    folded = {n.casefold() for n in names}
    source_ids = json.dumps(summary["source_ids"])
    records = [
        {**r, "mentions": json.loads(r.pop("mentions_json"))}
        for r in db.all(
            "SELECT s.*, d.outlet, d.published FROM sources s JOIN documents d"
            " ON d.id = s.document_id WHERE s.id IN (SELECT value FROM json_each(?))"
            " ORDER BY d.published, s.id LIMIT 500",
            (source_ids,),
        )
    ]
    # its own claims, plus claims a reviewer re-attributed to it
    ids = db.all(
        "SELECT c.id FROM json_each(?) j JOIN sources s ON s.id = j.value JOIN claims c ON "
        + same_document("c", "s") + " AND c.source_id = s.id"
        " UNION SELECT r.target_id FROM reviews r WHERE r.target_type = 'claim'"
        " AND r.undone_at IS NULL AND lower(json_extract(r.changes_json, '$.source_name'))"
        " IN (SELECT lower(value) FROM json_each(?))",
        (source_ids, json.dumps(names)),
    )
    claim_ids = [r["id"] for r in ids]
    rows = db.all(
        f"SELECT c.*, {CLAIM_TEXTS}, s.name AS source_name, s.kind AS source_kind, d.outlet,"
        " d.published, d.url, d.title, d.copy_of FROM claims c JOIN documents d"
        " ON d.id = c.document_id LEFT JOIN sources s ON s.id = c.source_id"
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
        if (c.get("source_name") or "").casefold() in folded
    ]
    figures: list[dict[str, Any]] = []
    for c in claims:
        figures += db.store.figures(claim_id=c["id"], limit=50)
    figures = review_rows(db.conn, figures, "figure")
    # the claimant reviews of its rows (merges into it are reviews of the merged rows)
    own = set(summary["source_ids"])
    log = [r for r in list_reviews(db.conn, target_type="source", include_undone=True,
                                   newest_first=True)
           if r["target_id"] in own or r["changes"].get("merge_into") in own][:50]
    others = [{"id": c["id"], "name": c["name"]} for c in index["list"]
              if c["key"] != key][:MERGE_CHOICES]
    return {
        "source": _public(summary),
        "records": records,
        "claims": claims,
        "figures": figures,
        "paging": pages,
        "reviews": log,
        "merge_choices": others,
    }
