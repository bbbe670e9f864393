"""`claimledger incidents`: a thin typer command over `ledger.incidents`.

It opens the ledger read-only, clusters its figures into incidents (as the series do) and
prints them: one row per incident with its place, event, dates, documents and series.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError

INCIDENT_FORMATS = ("table", "json")


def incidents_command(
    db: Annotated[Path, typer.Option("--db", help="the ledger database")],
    format: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    ignore_reviews: Annotated[bool, typer.Option(help="ignore reviewers' rejections and corrections")] = False,
) -> None:
    """The incidents the ledger's reports are about, each with its series."""
    from claimledger.ledger.incidents import summarise
    from claimledger.ledger.series.build import incidents_and_series
    from claimledger.ledger.store import Store

    if format not in INCIDENT_FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(INCIDENT_FORMATS)}")
    if not db.exists():
        raise InputError(f"{db}: no such ledger database")
    with Store(db, readonly=True) as store:
        found, series = incidents_and_series(store, ignore_reviews=ignore_reviews)
    rows = summarise(found, series)
    if format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _table(rows)


def _table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} incident(s)")
    for col in ("incident", "event", "place", "dates", "documents", "figures", "series", "sides"):
        table.add_column(col)
    for r in rows:
        place = r["place"]["name"] if r["place"] else "–"
        dates = r["start"] or "–"
        if r["end"] and r["end"] != r["start"]:
            dates += f" to {r['end']}"
        table.add_row(r["id"], escape(r["event"] or "–"), escape(place), dates,
                      str(len(r["documents"])), str(r["figures"]), str(len(r["series"])),
                      escape(", ".join(r["sides"])))
    Console(width=160).print(table)
