"""Run eval suites and render their table; the suite registry and the quality gate live here."""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger.errors import InputError
from claimledger.eval.base import SuiteResult
from claimledger.extract import Extractor

#: suite name → module in claimledger.eval with `run(extractor, limit, peers)`
SUITES: dict[str, str] = {
    "gold": "claimledger.eval.gold",
    "attribution": "claimledger.eval.attribution",
    "figures": "claimledger.eval.figures",
    "timex": "claimledger.eval.timex",
    "events": "claimledger.eval.events",
    "sources": "claimledger.eval.sources",
    "series": "claimledger.eval.series",
}

BASELINE_PATH = Path(__file__).with_name("baseline.json")


def resolve_suites(names: Sequence[str]) -> list[str]:
    """Expand `all` and check names against the registry."""
    if not names or "all" in names:
        return list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise InputError(f"unknown eval suite(s) {', '.join(unknown)}; choose from all, {', '.join(SUITES)}")
    return list(dict.fromkeys(names))


def run_suite(
    name: str, extractor: Extractor, limit: int | None = None, peers: bool = True, **options: object
) -> SuiteResult:
    """Run one suite; `options` are the suite's own (e.g. the gold suite's `clusters`)."""
    module = importlib.import_module(SUITES[name])
    return module.run(extractor, limit=limit, peers=peers, **options)


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def results_table(results: Sequence[SuiteResult]) -> Table:
    """metric | claimledger | peer | published anchor, one block per suite."""
    table = Table(title="claimledger eval", show_lines=False)
    table.add_column("suite")
    table.add_column("metric")
    table.add_column("claimledger", justify="right")
    table.add_column("peer", justify="right")
    table.add_column("n", justify="right")
    table.add_column("published anchor")
    for res in results:
        first = True
        for m in res.metrics:
            label = f"{res.suite}\n({res.peer_name or 'no peer'})" if first else ""
            table.add_row(label, m.name, _fmt(m.claimledger), _fmt(m.peer), "" if m.n is None else str(m.n), m.anchor or "")
            first = False
        table.add_section()
    return table


def print_results(results: Sequence[SuiteResult], console: Console | None = None) -> None:
    if console is None:
        console = Console()
        console.width = max(console.width, 150)  # metric names must not be cut
    console.print(results_table(results))
    for res in results:
        for note in res.notes[:20]:
            console.print(f"[dim]{res.suite}: {note}[/dim]")


def write_json(results: Sequence[SuiteResult], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def load_baseline(path: Path = BASELINE_PATH) -> dict:
    """The committed floors: {"epsilon": e, "suites": {key: {"limit": n, "floors": {metric: x}}}}.

    A key is a suite name; a gold-based suite also names its "clusters" (all of dev, listed, so
    that a new cluster is a deliberate re-baseline). A key may instead be a label with "suite"
    naming the suite, for an extra slice; there is none today.
    """
    return json.loads(path.read_text(encoding="utf-8"))


def check_ceilings(result: SuiteResult, ceilings: dict[str, float], epsilon: float) -> list[str]:
    """Messages for every lower-is-better metric (the series' foreign points) that rose more
    than `epsilon` above its ceiling; ceilings are only ever lowered."""
    failures = []
    for name, ceiling in ceilings.items():
        value = result.metric(name).claimledger
        if value is None or value > ceiling + epsilon:
            failures.append(f"{result.suite}: {name} = {_fmt(value)} > ceiling {ceiling:.3f}")
    return failures


def run_gate_slice(key: str, extractor: Extractor, baseline: dict | None = None) -> list[str]:
    """Run the baseline's slice `key` (its suite, limit and clusters) and return what fell
    below a floor or rose above a ceiling."""
    baseline = baseline or load_baseline()
    spec = baseline["suites"][key]
    options = {"clusters": spec["clusters"]} if "clusters" in spec else {}
    result = run_suite(spec.get("suite", key), extractor, limit=spec.get("limit"), peers=False, **options)
    names = {m.name for m in result.metrics}
    ceilings = spec.get("ceilings", {})
    missing = sorted((set(spec["floors"]) | set(ceilings)) - names)
    failures = [f"{key}: the baseline names metrics the suite no longer reports: {missing}"] if missing else []
    bounds = (check_floors(result, spec["floors"], baseline["epsilon"])
              + check_ceilings(result, ceilings, baseline["epsilon"]))
    return failures + [f"[{key}] {f}" for f in bounds]


def run_gate(suites: Sequence[str], extractor: Extractor) -> list[str]:
    """`eval --gate`: run every baseline slice of the chosen suites; what fell below a floor."""
    baseline = load_baseline()
    return [
        failure
        for key, spec in baseline["suites"].items()
        if spec.get("suite", key) in suites
        for failure in run_gate_slice(key, extractor, baseline)
    ]


def check_floors(result: SuiteResult, floors: dict[str, float], epsilon: float) -> list[str]:
    """Messages for every metric that fell more than `epsilon` below its floor."""
    failures = []
    for name, floor in floors.items():
        value = result.metric(name).claimledger
        if value is None or value < floor - epsilon:
            failures.append(f"{result.suite}: {name} = {_fmt(value)} < floor {floor:.3f}")
    return failures
