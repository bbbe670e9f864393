"""`claimledger series` and `claimledger plot`: thin typer commands over `ledger.series`.

The commands parse options, open the ledger read-only and print; the grouping, flags and
reconciliation live in `series.py` / `reconcile.py`, the drawing in `plot.py`.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError

SERIES_FORMATS = ("table", "json", "csv")


def _open(db: Path):
    from claimledger.ledger.store import Store

    if not db.exists():
        raise InputError(f"{db}: no such ledger database")
    return Store(db, readonly=True)


def _load(db: Path, ignore_reviews: bool):
    from claimledger.ledger.series import series_from_store

    store = _open(db)
    try:
        return series_from_store(store, ignore_reviews=ignore_reviews)
    finally:
        store.close()


def select_series(series: list, event: str | None, place: str | None, source: str | None) -> list:
    """Filter series by event, place (normalised, either contains the other) and claimant.

    Filters apply after grouping, so a filter never changes how figures are grouped.
    """
    from claimledger.ledger.quantities import claimant_key, place_key, same_place

    out = []
    want_place = place_key(place) if place else None
    want_source = claimant_key(source) if source else None
    for s in series:
        if event and s.event != event.strip().lower():
            continue
        if want_place and not same_place(want_place, place_key(s.location)):
            continue
        if want_source:
            names = [s.side, s.claimant.get("name"), s.claimant.get("affiliation"),
                     *s.claimant.get("aliases", [])]
            keys = {claimant_key(n) for n in names if n}
            if not any(want_source in k or k in want_source for k in keys if k):
                continue
        out.append(s)
    return out


def _csv(series: list) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["series", "event", "unit", "location", "cumulative", "claimant", "affiliation",
                "as_of", "value", "low", "high", "qualifier", "independent_reports", "reports",
                "outlets", "flags"])
    for s in series:
        kinds = ";".join(sorted({f["kind"] for f in s.flags}))
        for p in s.points:
            outlets = ";".join(sorted({r["outlet"] or "" for r in p.reports} - {""}))
            w.writerow([s.id, s.event, s.unit, s.location or "", s.cumulative,
                        s.claimant["name"], s.claimant["affiliation"] or "", p.as_of or "",
                        p.value, p.low, p.high, p.qualifier, p.independent_reports,
                        len(p.reports), outlets, kinds])


def _table(series: list) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not series:
        console.print("no series")
        return
    for s in series:
        title = (f"{s.id}  {s.event} · {s.unit} · {s.location or 'unplaced'} · "
                 f"{'cumulative' if s.cumulative else 'per period'} — {s.claimant['name']}"
                 + (f" ({s.claimant['affiliation']})" if s.claimant["affiliation"] else ""))
        table = Table(title=escape(title), expand=True)
        table.add_column("as of")
        table.add_column("figure", justify="right")
        table.add_column("reports", justify="right")
        table.add_column("outlets", ratio=2)
        for p in s.points:
            outlets = ", ".join(sorted({r["outlet"] or r["document_id"] for r in p.reports}))
            table.add_row(p.as_of or "?", escape(p.label()),
                          f"{p.independent_reports} ({len(p.reports)})", escape(outlets))
        console.print(table)
        for f in s.flags:
            console.print(f"  [bold]{f['kind']}[/bold]: {escape(f['detail'])}", highlight=False)
        dates = {p.as_of for p in s.points}
        for e in s.estimates:  # the quantity's estimates on this side's dates
            if e["value"] is not None and e["as_of"] in dates:
                console.print(f"  estimate {e['as_of']}: {e['value']:,} — {escape(e['note'])}",
                              highlight=False)


def series_command(
    db: Annotated[Path, typer.Option("--db", help="the ledger database")],
    event: Annotated[str | None, typer.Option(help="only this event type (surrender, killed…)")] = None,
    place: Annotated[str | None, typer.Option(help="only this place (Azovstal ~ Azovstal plant)")] = None,
    source: Annotated[str | None, typer.Option(help="only series claimed by this source or side")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    ignore_reviews: Annotated[bool, typer.Option(help="ignore reviewers' rejections and corrections")] = False,
) -> None:
    """Figures grouped into series per quantity and claimant side, with flags."""
    if format not in SERIES_FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(SERIES_FORMATS)}")
    if event is not None:
        from typing import get_args

        from claimledger.model import EventType

        if event.strip().lower() not in get_args(EventType):
            raise InputError(f"unknown --event {event!r}; choose one of {', '.join(get_args(EventType))}")
    found = select_series(_load(db, ignore_reviews), event, place, source)
    if format == "json":
        sys.stdout.write(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n")
    elif format == "csv":
        _csv(found)
    else:
        _table(found)

def plot_command(
    db: Annotated[Path, typer.Option("--db", help="the ledger database")],
    series_id: Annotated[str, typer.Option("--series", help="a series id (from `claimledger series`)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="chart file: .png or .svg")],
    ignore_reviews: Annotated[bool, typer.Option(help="ignore reviewers' rejections and corrections")] = False,
) -> None:
    """Step chart of a series and the other sides' series of the same quantity."""
    from claimledger.ledger.plot import plot_quantity

    if output.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"{output}: the chart must be a .png or .svg file")
    every = _load(db, ignore_reviews)
    chosen = next((s for s in every if s.id == series_id), None)
    if chosen is None:
        raise InputError(f"no series {series_id!r} in {db}")
    plot_quantity(chosen, [s for s in every if s.quantity == chosen.quantity], output)
    print(output)
