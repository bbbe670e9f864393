"""`/incidents` (the real-world incidents the ledger's reports are about) and
`/incidents/{id}` (one incident: every side's series of it on one timeline).

Incidents are clustered by `ledger/incidents.py` over the whole ledger, as the series are;
the result is cached until the database changes, like the series (`Database.cached`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from claimledger.ledger.incidents import summarise
from claimledger.ledger.series import gc_paused
from claimledger.ledger.series.build import incidents_from_store
from claimledger.web.db import Database, Reader
from claimledger.web.pages import page
from claimledger.web.routes.series import SERIES_TIME_FACTOR, Reviewed, series_of

router = APIRouter()


class IncidentList(BaseModel):
    incidents: list[dict[str, Any]]


class IncidentPage(BaseModel):
    incident: dict[str, Any]
    series: list[dict[str, Any]]
    chart: list[dict[str, Any]]
    reviewed: bool


def all_incidents(db: Database, series: list[dict[str, Any]], reviewed: bool = True) -> list[dict]:
    """Every incident of the ledger with its series ids (cached until the database changes)."""

    class _Series:  # the attributes `summarise` reads, over the cached series dicts
        def __init__(self, s: dict[str, Any]) -> None:
            self.id, self.incident, self.claimant = s["id"], s.get("incident"), s["claimant"]
            self.side = s["claimant"].get("name") or s["id"]

    def compute(reader: Reader) -> list[dict[str, Any]]:
        with gc_paused():
            found = incidents_from_store(reader.store, ignore_reviews=not reviewed)
            return summarise(found, [_Series(s) for s in series])

    name = "incidents" if reviewed else "incidents-unreviewed"
    return db.cached(name, compute, db.time_limit_ms * SERIES_TIME_FACTOR)


def _label(s: dict[str, Any]) -> str:
    claimant = s["claimant"] or {}
    return claimant.get("affiliation") or claimant.get("name") or s["id"]


@page(router, "/incidents", "incidents.html", IncidentList, "Incidents the reports are about")
def incidents_list(db: Reader, request: Request, reviews: Reviewed = True) -> dict[str, Any]:
    """Every incident: its place, kind of event, dates, documents and series."""
    rows = all_incidents(request.app.state.db, series_of(request, reviews), reviews)
    return {"incidents": rows}


@page(router, "/incidents/{incident_id}", "incident.html", IncidentPage,
      "One incident: each side's figures on one timeline")
def incident_page(db: Reader, request: Request, incident_id: str,
                  reviews: Reviewed = True) -> dict[str, Any]:
    """An incident with each side's series of it, and their points for the timeline."""
    every = series_of(request, reviews)
    rows = all_incidents(request.app.state.db, every, reviews)
    this = next((i for i in rows if i["id"] == incident_id), None)
    if this is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    mine = sorted((s for s in every if s.get("incident") == incident_id),
                  key=lambda s: (_label(s), s["event"] or "", s["unit"] or "", s["id"]))
    chart = []
    for s in mine:
        line = f"{_label(s)}: {s['event']} {s['unit'] or ''}".strip()
        if s.get("location"):
            line += f" ({s['location']})"
        for p in s["points"]:
            if p.get("as_of") is None:
                continue
            chart.append({
                "side": line, "series": s["id"], "as_of": p["as_of"],
                "value": p["value"] if p["value"] is not None else p["low"],
                "low": p["low"], "high": p["high"], "qualifier": p["qualifier"],
                "reports": len(p["reports"]),
                "outlets": ", ".join(sorted({r["outlet"] or r["document_id"]
                                             for r in p["reports"]}))[:300],
            })
    summary = [{"id": s["id"], "side": _label(s), "event": s["event"], "unit": s["unit"],
                "location": s["location"], "cumulative": s["cumulative"],
                "points": [{"as_of": p["as_of"], "value": p["value"], "low": p["low"],
                            "high": p["high"], "qualifier": p["qualifier"]} for p in s["points"]],
                "flags": sorted({f["kind"] for f in s["flags"]})} for s in mine]
    return {"incident": this, "series": summary, "chart": chart, "reviewed": reviews}
