"""`/documents` (search, outlet and date filters, paging) and `/documents/{id}` (the article
with every claim, cue, source mention and figure highlighted, plus its reviews).

A long article's HTML page comes in parts of at most `PART_CHARS` characters, cut at
paragraph breaks (`?page=N`), each with the highlights, claims and figures of its own
characters only: a 190,000-character article with 6,000 highlights was a 5 MB page that
took a browser a minute to lay out. The JSON twin always carries the whole document, and
its `part` says which characters page N of the HTML shows.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, HTTPException

from claimledger.ledger.copies import shared_passages
from claimledger.ledger.reviews import list_reviews, review_rows
from claimledger.web.db import Reader
from claimledger.web.highlight import Mark
from claimledger.web.pages import DEFAULT_PAGE_SIZE, PageNo, Size, Text, page, paging
from claimledger.web.schemas import DocumentList, DocumentPage

router = APIRouter()


def _counts(db: Reader, table: str, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    # per document, a range of the ids (which begin with the document's): no document index
    rows = db.all(
        f"SELECT j.value AS document_id, (SELECT count(*) FROM {table} t WHERE t.id > j.value || ':'"
        " AND t.id < j.value || ';' AND t.document_id = j.value) AS n FROM json_each(?) j",
        (json.dumps(ids),),
    )
    return {r["document_id"]: r["n"] for r in rows}


def _ref(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {k: row.get(k) for k in ("id", "title", "outlet", "published")}


@page(router, "/documents", "documents.html", DocumentList, "Documents, searchable")
def documents(
    db: Reader,
    q: Text = None,
    outlet: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Documents by publication date; `q` searches title and text (every word must occur)."""
    rows = db.store.documents(
        outlet=outlet or None,
        search=q or None,
        since=since or None,
        until=until or None,
        limit=size + 1,
        offset=(page - 1) * size,
    )
    rows, pages = paging(page, size, rows)
    ids = [r["id"] for r in rows]
    claims, figures = _counts(db, "claims", ids), _counts(db, "figures", ids)
    for r in rows:
        r["claims"] = claims.get(r["id"], 0)
        r["figures"] = figures.get(r["id"], 0)
    outlets = db.all(
        "SELECT outlet, count(*) AS documents FROM documents GROUP BY outlet"
        " ORDER BY outlet IS NULL, outlet LIMIT 500"
    )
    return {
        "documents": rows,
        "outlets": outlets,
        "filters": {"q": q, "outlet": outlet, "since": since, "until": until},
        "paging": pages,
    }


#: the most characters of article text one HTML page of a document shows
PART_CHARS = 20_000


def parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """`[start, end)` windows covering `text`, each at most `size` characters, ending after
    a paragraph break where the window's second half has one (else a line break, else a
    space, else anywhere), so that a part rarely cuts a sentence."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        out.append((start, end))
        start = end
    return out or [(0, 0)]


def _overlaps(start: int | None, end: int | None, window: dict[str, int]) -> bool:
    """Whether a span shares a character with the window (an empty span: lies in it)."""
    if start is None:
        return False
    return start < window["end"] and max(end or start, start + 1) > window["start"]


def document_part(data: dict[str, Any]) -> dict[str, Any]:
    """What the HTML page shows of `data["part"]`: its text, the highlights clipped to it
    (offsets from its start), the claims and figures that touch it, and the sources those
    cite or that are mentioned in it (the click-for-details data of the page)."""
    window = data["part"]
    start, end = window["start"], window["end"]
    clipped = [
        replace(m, start=max(m.start, start) - start, end=min(m.end, end) - start)
        for m in marks(data)
        if m.start < end and m.end > start
    ]
    claims = [c for c in data["claims"] if _overlaps(c["content_start"], c["content_end"], window)]
    figures = [f for f in data["figures"] if _overlaps(f["span_start"], f["span_end"], window)]
    cited = {row.get("source_id") for row in claims + figures}
    sources = [
        s for s in data["sources"]
        if s["id"] in cited or any(_overlaps(a, b, window) for _t, a, b in s.get("mentions", []))
    ]
    return {
        "text": data["text"][start:end],
        "marks": clipped,
        "claims": claims,
        "figures": figures,
        "sources": sources,
    }


@page(router, "/documents/{doc_id:path}", "document.html", DocumentPage, "One document, annotated")
def document(db: Reader, doc_id: str, page: PageNo = 1) -> dict[str, Any]:
    """A document with its sources, claims and figures (reviewed, rejected ones kept);
    `page` picks the part of a long article the HTML page shows (see `part`)."""
    doc = db.store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    text = doc.pop("text")
    windows = parts(text)
    if page > len(windows):
        raise HTTPException(404, f"document {doc_id!r} has {len(windows)} page(s), not {page}")
    start, end = windows[page - 1]
    claims = review_rows(db.conn, db.store.claims(document_id=doc_id), "claim", keep_rejected=True)
    figures = review_rows(
        db.conn, db.store.figures(document_id=doc_id), "figure", keep_rejected=True
    )
    targets = [c["id"] for c in claims] + [f["id"] for f in figures]
    original = db.store.document(doc["copy_of"]) if doc.get("copy_of") else None
    has_links = _has_copy_links(db)
    copies = db.all(
        "SELECT d.id, d.title, d.outlet, d.published, "
        + ("l.kind FROM documents d LEFT JOIN copy_links l ON l.document_id = d.id"
           if has_links else "NULL AS kind FROM documents d")
        + " WHERE d.copy_of = ? ORDER BY d.published, d.id LIMIT 100",
        (doc_id,),
    )
    doc["claims"], doc["figures"] = len(claims), len(figures)
    return {
        "document": doc,
        "part": {"page": page, "pages": len(windows), "start": start, "end": end},
        "text": text,
        "sources": db.store.sources(document_id=doc_id),
        "claims": claims,
        "figures": figures,
        "original": _ref(original),
        "link": _copy_link(db, doc, text, original, has_links),
        "copies": copies,
        "reviews": list_reviews(db.conn, target_ids=targets, include_undone=True),
    }


def _has_copy_links(db: Reader) -> bool:
    """Whether the ledger keeps link evidence (schema 3 on; a read-only opener of an older
    ledger cannot add the table)."""
    return db.one("SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'copy_links'"
                  ) is not None


def _copy_link(db: Reader, doc: dict[str, Any], text: str, original: dict[str, Any] | None,
               has_links: bool) -> dict[str, Any] | None:
    """A copy's link with its evidence: the stored kind and passages, or, for a link made
    before they were kept, the passages found again in the two texts (kind unknown)."""
    if original is None:
        return None
    row = db.one("SELECT kind, containment, passages_json FROM copy_links WHERE document_id = ?"
                 " AND original_id = ?", (doc["id"], original["id"])) if has_links else None
    if row is not None:
        spans = [tuple(p) for p in json.loads(row["passages_json"])]
    else:
        spans = [tuple(p) for p in shared_passages(text, original.get("text") or "")]
    passages = [
        {"start": a, "end": b, "original_start": c, "original_end": d, "text": text[a:b]}
        for a, b, c, d in spans if 0 <= a <= b <= len(text)
    ]
    return {
        "original": _ref(original),
        "kind": row["kind"] if row else None,
        "containment": row["containment"] if row else doc.get("copy_similarity"),
        "passages": passages,
    }


def _title(claim: dict[str, Any]) -> str:
    """The hover text of a claim: who, how, when, and what a reviewer said."""
    parts = [f"{claim.get('source_name') or 'outlet (narrative)'} — {claim['kind']}"]
    if claim.get("stated_on"):
        parts.append(f"stated on {claim['stated_on']}")
    if claim.get("verification_status"):
        parts.append(f"verification: {claim['verification_status']}")
    if claim.get("hedges"):
        parts.append("hedges: " + ", ".join(h[0] for h in claim["hedges"]))
    if claim.get("review"):
        parts.append(f"review: {claim['review']['status']}")
    return "\n".join(parts)


def marks(data: dict[str, Any]) -> list[Mark]:
    """The highlight marks of a document page: contents, cues, source mentions, hedges, figures."""
    out: list[Mark] = []
    cited: set[tuple[int, int]] = set()
    for c in data["claims"]:
        attrs = {"claim": c["id"]}
        if c.get("review"):
            attrs["review"] = c["review"]["status"]
        title = _title(c)
        out.append(Mark(c["content_start"], c["content_end"], "content", attrs, title))
        if c.get("cue_start") is not None:
            out.append(Mark(c["cue_start"], c["cue_end"], "cue", attrs, title))
        if c.get("source_mention_start") is not None:
            span = (c["source_mention_start"], c["source_mention_end"])
            cited.add(span)
            out.append(Mark(*span, "source", attrs, title))
        for _text, start, end in c.get("hedges", []):
            out.append(Mark(start, end, "hedge", attrs, "hedge"))
    for f in data["figures"]:
        attrs = {"figure": f["id"]}
        if f.get("review"):
            attrs["review"] = f["review"]["status"]
        value = f["value"] if f["value"] is not None else f"{f['low']}–{f['high']}"
        title = f"{value} {f.get('unit') or ''} ({f['qualifier']}) event: {f.get('event') or '—'}"
        out.append(Mark(f["span_start"], f["span_end"], "figure", attrs, title))
    # the sources' other mentions ("Shoigu", "the ministry") where no claim cites its source
    for src in data["sources"]:
        title = ", ".join(x for x in (src["name"], src["kind"], src.get("affiliation")) if x)
        for _text, start, end in src.get("mentions", []):
            if not any(s < end and start < e for s, e in cited):
                out.append(Mark(start, end, "source", {"source": src["id"]}, title))
    return out
