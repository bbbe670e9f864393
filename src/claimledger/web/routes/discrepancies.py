"""`/discrepancies`: where sides disagree, side by side, with the sentences they came from.

A discrepancy is a date on which two sides' figures for the same quantity cannot both be true
(`ledger/series/estimate.py` decides that and marks the date's estimate `disputed`). This page only
lays the disputed dates out: each side's points of that day with every report's sentence,
and the conservative estimate with its note. The list is cached with the series it comes
from.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from claimledger.ledger.series import gc_paused
from claimledger.web.db import Database, Reader
from claimledger.web.pages import DEFAULT_PAGE_SIZE, PageNo, Size, page, paging
from claimledger.web.routes.series import all_series, sentences
from claimledger.web.schemas import DiscrepancyList

router = APIRouter()

#: reports quoted per point (the series page lists them all, a page at a time)
REPORTS_PER_POINT = 5


def disputes(every: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every (quantity, date) with a disputed estimate and each side's points of that date."""
    by_quantity: dict[str, list[dict[str, Any]]] = {}
    for s in every:
        by_quantity.setdefault(s["quantity"], []).append(s)
    out = []
    for quantity in sorted(by_quantity):
        members = sorted(by_quantity[quantity], key=lambda s: s["id"])
        if len(members) < 2:
            continue
        estimates = {e["as_of"]: e for e in members[0].get("estimates", [])}
        days = sorted(day for day, e in estimates.items() if e.get("disputed"))
        on_day: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for s in members:
            for p in s["points"]:
                on_day.setdefault(s["id"], {}).setdefault(p.get("as_of") or "", []).append(p)
        for day in days:
            sides = [
                {"series": s["id"], "claimant": s["claimant"],
                 "points": on_day.get(s["id"], {}).get(day, [])}
                for s in members
            ]
            sides = [side for side in sides if side["points"]]
            if len(sides) < 2:
                continue
            first = members[0]
            out.append({
                "quantity": quantity, "event": first["event"], "unit": first["unit"],
                "location": first["location"], "as_of": day, "sides": sides,
                "estimate": estimates.get(day),
            })
    # the latest disputes first: the ones an editor is most likely checking now
    return sorted(out, key=lambda d: (d["as_of"], d["quantity"]), reverse=True)


def all_disputes(db: Database) -> list[dict[str, Any]]:
    """`disputes` of the ledger's series, cached with them."""
    def compute(_: Reader) -> list[dict[str, Any]]:
        every = all_series(db)
        with gc_paused():  # many small dicts, all kept: see `gc_paused`
            return disputes(every)

    return db.cached("disputes", compute, db.time_limit_ms)


@page(router, "/discrepancies", "discrepancies.html", DiscrepancyList, "Where sides disagree")
def discrepancies(
    db: Reader, request: Request, page: PageNo = 1, size: Size = DEFAULT_PAGE_SIZE
) -> dict[str, Any]:
    """Disputed dates, newest first, each side's figures with the sentences they came from."""
    rows = all_disputes(request.app.state.db)
    chunk, pages = paging(page, size, rows[(page - 1) * size : page * size + 1])
    ids = [r["figure_id"] for d in chunk for side in d["sides"] for p in side["points"]
           for r in p["reports"][:REPORTS_PER_POINT]]
    said = sentences(db, ids)
    out = []
    for d in chunk:  # copies: the cached list stays as computed
        sides = [
            {**side, "points": [
                {**p, "reports_total": len(p["reports"]),
                 "reports": [{**r, **said.get(r["figure_id"], {})}
                             for r in p["reports"][:REPORTS_PER_POINT]]}
                for p in side["points"]
            ]}
            for side in d["sides"]
        ]
        out.append({**d, "sides": sides})
    return {"discrepancies": out, "paging": pages}
