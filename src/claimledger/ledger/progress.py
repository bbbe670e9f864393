"""The ingest progress bar (rich): documents done of an estimated total, rate, ETA, counts.

Why an estimate: inputs are streamed (a feed's entries are known only once it is fetched),
so the total is counted cheaply up front from local files (JSONL lines, files in
directories, lines of URL files), never by parsing them, and grows when streaming finds more.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from claimledger.ingest.inputs import DIRECTORY_SUFFIXES, url_lines
from claimledger.ingest.urls import is_url


class Counts(Protocol):
    """What the bar shows of a run (`ledger.ingest.RunReport` has it); the bar needs no more."""

    seen: int
    new: int
    known: int
    failed: int


def _count_file(path: Path) -> int:
    """Items a local file will yield, counted without parsing it (the expander parses it once).

    JSONL: its non-empty lines (a byte scan); a file of URLs: its URL lines; anything else,
    JSON included, one — the bar's total grows as streaming finds more (`seen`).
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix in (".txt", ".urls"):
            urls = url_lines(path.read_text(encoding="utf-8", errors="replace"))
            return len(urls) if urls else 1
    except OSError:
        return 1
    return 1


def estimate_total(inputs: Sequence[str]) -> int:
    """A cheap count of the items the inputs will yield (feeds and URLs count one)."""
    total = 0
    for name in inputs:
        path = Path(name)
        if is_url(name) or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(
                _count_file(p)
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES
            )
        else:
            total += _count_file(path)
    return total


class IngestProgress:
    """A rich progress bar on stderr; a no-op when disabled (not a terminal, tests)."""

    def __init__(self, inputs: Sequence[str], enabled: bool = True) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True)
        self._seen = 0
        self._total = estimate_total(inputs) if enabled else 0
        self._progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(bar_width=16),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("eta"),
            TimeRemainingColumn(compact=True),
            TextColumn("{task.fields[counts]}"),
            console=self.console,
            disable=not enabled,
            transient=False,
        )
        self._task = self._progress.add_task("ingest", total=self._total, rate="", counts="")

    def __enter__(self) -> IngestProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)  # type: ignore[arg-type]

    def seen(self) -> None:
        """Count an item as it streams in (grows the total past the estimate if needed)."""
        self._seen += 1
        if self.enabled and self._seen > self._total:
            self._total = self._seen
            self._progress.update(self._task, total=self._total)

    def update(self, report: Counts) -> None:
        """Show documents done (stored, known or failed), the rate of new ones and counts."""
        if not self.enabled:
            return
        task = self._progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{report.new / elapsed:.1f} docs/s" if elapsed > 0 else ""
        counts = f"new {report.new} known {report.known} failed {report.failed}"
        self._progress.update(self._task, completed=report.seen, rate=rate, counts=counts)

    def log(self, line: str) -> None:
        """Print one line (an item's error) above the bar."""
        self.console.print(f"error: {line}", markup=False, highlight=False)
