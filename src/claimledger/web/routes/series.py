"""`/series` (every quantity each side has stated over time) and `/series/{id}` (the
timeline: one line per side, the points with their reports, flags, conservative estimate).

Series are computed by `ledger/series/build.py` over the whole ledger (reviews applied). That is
the one expensive read of the UI, so the result is cached until the database changes
(`Database.cached`), and `serve` computes it once in the background at start-up.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from markupsafe import Markup

from claimledger.ledger.series import gc_paused, series_from_store
from claimledger.web.db import Database, Reader
from claimledger.web.highlight import Mark, highlight
from claimledger.web.pages import DEFAULT_PAGE_SIZE, PageNo, Size, Text, page, paging
from claimledger.web.schemas import SeriesList, SeriesPage

router = APIRouter()


#: computing every series may take longer than one page query is allowed
SERIES_TIME_FACTOR = 30


def all_series(db: Database, reviewed: bool = True) -> list[dict[str, Any]]:
    """Every series of the ledger as dicts, reviews applied unless `reviewed` is False
    (cached until the database changes)."""

    def compute(reader: Reader) -> list[dict[str, Any]]:
        with gc_paused():  # see `gc_paused`: the dicts, too, are many and all kept
            found = series_from_store(reader.store, ignore_reviews=not reviewed)
            return [s.to_dict() for s in found]

    name = "series" if reviewed else "series-unreviewed"
    return db.cached(name, compute, db.time_limit_ms * SERIES_TIME_FACTOR)


def series_of(request: Request, reviewed: bool = True) -> list[dict[str, Any]]:
    """The cached series of the app's ledger."""
    return all_series(request.app.state.db, reviewed)


Reviewed = Annotated[
    bool, Query(description="apply reviews; false shows the machine's extraction only")
]


def _summary(s: dict[str, Any]) -> dict[str, Any]:
    points = s["points"]
    dated = [p["as_of"] for p in points if p.get("as_of")]
    return {
        "id": s["id"],
        "quantity": s["quantity"],
        "event": s["event"],
        "unit": s["unit"],
        "location": s["location"],
        "cumulative": s["cumulative"],
        "claimant": s["claimant"],
        "points": len(points),
        "reports": sum(len(p["reports"]) for p in points),
        "first": min(dated) if dated else None,
        "last": max(dated) if dated else None,
        "flags": sorted({f["kind"] for f in s["flags"]}),
    }


def _matches(s: dict[str, Any], q: str) -> bool:
    claimant = s["claimant"] or {}
    hay = [s.get("location"), s.get("unit"), s.get("event"), claimant.get("name"),
           claimant.get("affiliation"), *(claimant.get("aliases") or [])]
    return any(q.casefold() in str(h).casefold() for h in hay if h)


def _build_list(
    request: Request, q: str | None, event: str | None, reviewed: bool, page: int, size: int
) -> dict[str, Any]:
    rows = series_of(request, reviewed)
    if event:
        rows = [s for s in rows if s["event"] == event]
    if q:
        rows = [s for s in rows if _matches(s, q)]
    # most reported first: the quantities a reader most likely came for
    rows = sorted(rows, key=lambda s: (-sum(len(p["reports"]) for p in s["points"]), s["id"]))
    chunk, pages = paging(page, size, rows[(page - 1) * size : page * size + 1])
    return {
        "series": [_summary(s) for s in chunk],
        "filters": {"q": q, "event": event, "reviews": None if reviewed else "false"},
        "paging": pages,
    }


#: how far around a figure to look for its sentence's ends
_WINDOW = 400
_ENDS = (". ", "! ", "? ", ".\n", "\n")


def sentence_around(window: str, start: int, end: int) -> tuple[str, list[int]]:
    """The sentence of `window` that holds `[start, end)` (cut at the nearest ends), and
    where `[start, end)` lies inside that sentence."""
    left = max((window.rfind(mark, 0, start) + len(mark) for mark in _ENDS
                if window.rfind(mark, 0, start) >= 0), default=0)
    rights = [window.find(mark, end) for mark in _ENDS]
    right = min((r + 1 for r in rights if r >= 0), default=len(window))
    raw = window[left:right]
    lead = len(raw) - len(raw.lstrip())
    return raw.strip(), [start - left - lead, end - left - lead]


def figure_in(report: dict[str, Any]) -> Markup:
    """A report's sentence as HTML with its figure marked (escaped like the article view)."""
    span = report.get("sentence_figure") or [0, 0]
    return highlight(report.get("sentence") or "", [Mark(span[0], span[1], "figure")])


def sentences(db: Reader, figure_ids: list[str]) -> dict[str, dict[str, Any]]:
    """For each figure id: its words, its claim's source, the sentence it stands in and its
    offsets inside that sentence (`sentence_figure`, to highlight it).

    Only a window of the text around each figure is read, never whole articles.
    """
    if not figure_ids:
        return {}
    rows = db.all(
        "SELECT f.id, f.span_text, f.span_start, f.span_end, c.kind, s.name AS source_name,"
        " d.title, max(f.span_start - ?, 0) AS w0,"
        " substr(ledger_text(d.text), max(f.span_start - ?, 0) + 1, f.span_end - f.span_start + 2 * ?)"
        " AS window FROM figures f JOIN documents d ON d.id = f.document_id"
        " LEFT JOIN claims c ON c.id = f.claim_id LEFT JOIN sources s ON s.id = c.source_id"
        " WHERE f.id IN (SELECT value FROM json_each(?))",
        (_WINDOW, _WINDOW, _WINDOW, json.dumps(sorted(set(figure_ids)))),
    )
    out = {}
    for r in rows:
        w0, window = r.pop("w0"), r.pop("window") or ""
        r["sentence"], r["sentence_figure"] = sentence_around(
            window, r["span_start"] - w0, r["span_end"] - w0
        )
        out[r.pop("id")] = r
    return out


def _build_one(
    request: Request, db: Reader, series_id: str, reviewed: bool, page: int, size: int
) -> dict[str, Any]:
    every = series_of(request, reviewed)
    this = next((s for s in every if s["id"] == series_id), None)
    if this is None:
        raise HTTPException(404, f"no series {series_id!r}")
    sides = [s for s in every if s["quantity"] == this["quantity"]]
    chart = []
    for s in sides:
        label = (s["claimant"] or {}).get("affiliation") or (s["claimant"] or {}).get("name")
        for p in s["points"]:
            if p.get("as_of") is None:
                continue
            chart.append({
                "side": label or s["id"],
                "series": s["id"],
                "as_of": p["as_of"],
                "value": p["value"] if p["value"] is not None else p["low"],
                "low": p["low"],
                "high": p["high"],
                "qualifier": p["qualifier"],
                "reports": len(p["reports"]),
                "outlets": ", ".join(sorted({r["outlet"] or r["document_id"]
                                             for r in p["reports"]}))[:300],
            })
    # the reports table lists the side's vague wordings too ("dozens" beside its figures):
    # they are no point of the line, but a reader checking the side's words must see them
    said_points = sorted((*this["points"], *this.get("vague", [])), key=lambda p: p["as_of"] or "")
    every_report = [(p, r) for p in said_points for r in p["reports"]]
    chunk, pages = paging(page, size, every_report[(page - 1) * size : page * size + 1])
    said = sentences(db, [r["figure_id"] for _, r in chunk])
    reports = [
        {**r, "as_of": p["as_of"], "value": p["value"], "low": p["low"], "high": p["high"],
         "qualifier": p["qualifier"], **said.get(r["figure_id"], {})}
        for p, r in chunk
    ]
    return {
        "series": this,
        "sides": [_summary(s) for s in sides],
        "chart": chart,
        "estimates": this.get("estimates", []),
        "reports": reports,
        "reviewed": reviewed,
        "paging": pages,
    }


@page(router, "/series", "series_list.html", SeriesList, "Series of figures over time")
def series_list(
    db: Reader,
    request: Request,
    q: Text = None,
    event: Text = None,
    reviews: Reviewed = True,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Every series (one quantity, one side); `q` matches place, unit, event or claimant."""
    return _build_list(request, q, event, reviews, page, size)


@page(router, "/series/{series_id}", "series.html", SeriesPage, "One series and its sides")
def series_page(
    db: Reader,
    request: Request,
    series_id: str,
    reviews: Reviewed = True,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """A series with the other sides' series of the same quantity, for the timeline; its
    reports (with their sentences) a page at a time."""
    return _build_one(request, db, series_id, reviews, page, size)
