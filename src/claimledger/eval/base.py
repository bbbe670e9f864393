"""What every eval suite returns, and the small scoring helpers they share.

A suite is a module in `claimledger.eval` with a function::

    def run(extractor: Extractor, limit: int | None = None, peers: bool = True) -> SuiteResult

It scores the extractor on one corpus in ../shared, runs the peer tool (a dev extra, imported
lazily; skipped with a note when absent or when `peers` is false) on the same texts, and
returns one row per metric. `limit` takes the first N records, in file order, for the fast
slice the CI gate runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from claimledger.paths import shared_dir


@dataclass
class Metric:
    """One line of the eval table."""

    name: str
    claimledger: float | None
    peer: float | None = None
    anchor: str | None = None  # published figure, e.g. "CofeNet 83.2"
    n: int | None = None  # how many items the metric is over


@dataclass
class SuiteResult:
    suite: str
    corpus: str
    peer_name: str | None
    metrics: list[Metric] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    records: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    def metric(self, name: str) -> Metric:
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(name)


@dataclass
class PRF:
    """Counts for precision / recall / F1."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_jsonl(relpath: str, limit: int | None = None) -> Iterator[dict]:
    """Records of a corpus under ../shared/data, in file order, at most `limit`."""
    path: Path = shared_dir() / "data" / relpath
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
