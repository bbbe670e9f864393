"""`claimledger demo`: a small ledger built from the example reports shipped in the package.

Why: a new user (or a clone without the shared corpora) should see what the ledger does —
two sides' figures for one count, a figure updated on a later day, a republished copy counted
once — before feeding it reports of their own. The reports in `data/examples/` are invented
for the project (their `index.json` says so); they go through the ordinary ingest path, so
the demo shows exactly what `claimledger ingest` would store.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.data import data_path
from claimledger.errors import InputError

if TYPE_CHECKING:
    from claimledger.extract import Extractor

#: the index of the example reports: a note, the main report's id and one record per report
INDEX = "index.json"


@dataclass(frozen=True)
class ExampleReport:
    """One packaged example report: its text file and the metadata an outlet would give."""

    id: str
    path: Path
    published: str
    outlet: str
    title: str
    url: str

    def record(self) -> dict[str, str]:
        """The report as one ingest JSONL record (text and metadata together)."""
        return {
            "id": self.id,
            "text": self.path.read_text(encoding="utf-8"),
            "published": self.published,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True)
class DemoSummary:
    """What the demo stored: enough to tell the user the ledger is worth opening."""

    db: Path
    documents: int
    copies: int
    claims: int
    figures: int
    series: int
    sides: int
    updates: int
    discrepancies: int

    def lines(self) -> list[str]:
        """A short human summary, ending with the command that shows the ledger."""
        return [
            f"demo ledger: {self.db}",
            f"  {self.documents} example reports, {self.copies} of them a republished copy "
            f"(counted once); {self.claims} claims, {self.figures} figures",
            f"  {self.series} series from {self.sides} sides; {self.updates} updated on a later day, "
            f"{self.discrepancies} with a discrepancy between sides",
            f"look at it:  claimledger serve --db {self.db}",
        ]


def examples_dir() -> Path:
    """The folder of the packaged example reports."""
    return data_path("examples")


def example_reports() -> list[ExampleReport]:
    """The example reports, in the order of their index."""
    folder = examples_dir()
    index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return [
        ExampleReport(
            id=r["id"], path=folder / r["file"], published=r["published"],
            outlet=r["outlet"], title=r["title"], url=r["url"],
        )
        for r in index["reports"]
    ]


def _refuse_non_empty(db: Path) -> None:
    """A demo never writes into a ledger that already holds documents."""
    from claimledger.ledger.store import Store

    if not db.exists() or db.stat().st_size == 0:
        return
    with Store(db, readonly=True) as store:
        held = store.counts()["documents"]
    if held:
        raise InputError(f"{db} already holds {held} documents; give the demo a new --db path")


def build_demo(db_path: Path, *, workers: int = 1, extractor: Extractor | None = None) -> DemoSummary:
    """Ingest the example reports into a new ledger at `db_path` and summarise it.

    `extractor` is a loaded `Extractor` to reuse (tests); by default ingest loads its own.
    """
    from claimledger.ledger.ingest import ingest
    from claimledger.ledger.series import series_from_store
    from claimledger.ledger.store import Store

    db_path = Path(db_path)
    _refuse_non_empty(db_path)
    with tempfile.TemporaryDirectory(prefix="claimledger-demo-") as tmp:
        batch = Path(tmp) / "examples.jsonl"
        with batch.open("w", encoding="utf-8") as out:
            for report in example_reports():
                out.write(json.dumps(report.record(), ensure_ascii=False) + "\n")
        report = ingest([str(batch)], db_path, workers=workers, extractor=extractor)
    if report.failed:
        raise InputError(f"the demo could not store {report.failed} example report(s): {report.errors[0]}")
    with Store(db_path, readonly=True) as store:
        counts = store.counts()
        series = series_from_store(store)
    kinds = [{f["kind"] for f in s.flags} for s in series]
    return DemoSummary(
        db=db_path,
        documents=counts["documents"],
        copies=counts["copies"],
        claims=counts["claims"],
        figures=counts["figures"],
        series=len(series),
        sides=len({s.side for s in series}),
        updates=sum("update" in k for k in kinds),
        discrepancies=sum("discrepancy" in k for k in kinds),
    )
