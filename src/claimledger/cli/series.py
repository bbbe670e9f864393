"""`claimledger series` and `claimledger plot`: thin typer commands over `ledger.series`.

The commands parse options, open the ledger read-only and print; the grouping, flags and
reconciliation live in `ledger/series.py` / `reconcile.py`, the choice by event, place and
claimant in `ledger/series/select.py`, the drawing in `ledger/plot.py`, the printing in
`output.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError

SERIES_FORMATS = ("table", "json", "csv")


def _load(db: Path, ignore_reviews: bool):
    from claimledger.ledger.series import series_from_store
    from claimledger.ledger.store import Store

    if not db.exists():
        raise InputError(f"{db}: no such ledger database")
    with Store(db, readonly=True) as store:
        return series_from_store(store, ignore_reviews=ignore_reviews)


def series_command(
    db: Annotated[Path, typer.Option("--db", help="the ledger database")],
    event: Annotated[str | None, typer.Option(help="only this event type (surrender, killed…)")] = None,
    place: Annotated[str | None, typer.Option(help="only this place (Azovstal ~ Azovstal plant)")] = None,
    source: Annotated[str | None, typer.Option(help="only series claimed by this source or side")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    ignore_reviews: Annotated[bool, typer.Option(help="ignore reviewers' rejections and corrections")] = False,
) -> None:
    """Figures grouped into series per quantity and claimant side, with flags."""
    from claimledger.ledger.series.select import select_series
    from claimledger.output import write_series

    if format not in SERIES_FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(SERIES_FORMATS)}")
    if event is not None:
        from typing import get_args

        from claimledger.model import EventType

        if event.strip().lower() not in get_args(EventType):
            raise InputError(f"unknown --event {event!r}; choose one of {', '.join(get_args(EventType))}")
    found = select_series(_load(db, ignore_reviews), event, place, source)
    write_series(found, format)


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
