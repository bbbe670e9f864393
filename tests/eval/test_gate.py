"""The quality gate: the fast eval slice must stay at or above the committed floors.

Floors live in src/claimledger/eval/baseline.json and are only ever raised. A metric more
than `epsilon` below its floor fails the run, naming the metric.
"""

from __future__ import annotations

import pytest

from claimledger.eval.runner import SUITES, check_floors, load_baseline, run_gate_slice

BASELINE = load_baseline()


def test_baseline_names_only_known_suites():
    assert {spec.get("suite", key) for key, spec in BASELINE["suites"].items()} <= set(SUITES)


@pytest.mark.parametrize("suite", ["gold", "series"])
def test_gate_holds_gold_suites_on_every_dev_cluster(suite):
    """Issue 9: the gold-based floors are set on all dev clusters; a new cluster is a
    deliberate re-baseline, not a slice that silently joins (or stays out of) the gate."""
    from claimledger.eval.gold import cluster_paths

    keys = [key for key, spec in BASELINE["suites"].items() if spec.get("suite", key) == suite]
    assert keys == [suite]
    assert sorted(BASELINE["suites"][suite]["clusters"]) == [p.stem for p in cluster_paths("dev")]


@pytest.mark.parametrize("key", list(BASELINE["suites"]))
def test_fast_slice_meets_floors(extractor, key):
    failures = run_gate_slice(key, extractor, BASELINE)
    assert not failures, "\n".join(failures)


def test_check_floors_flags_a_drop_beyond_epsilon():
    from claimledger.eval.base import Metric, SuiteResult

    res = SuiteResult(suite="x", corpus="x", peer_name=None, metrics=[Metric("f1", 0.70)])
    assert check_floors(res, {"f1": 0.70}, 0.005) == []
    assert check_floors(res, {"f1": 0.704}, 0.005) == []
    assert check_floors(res, {"f1": 0.71}, 0.005) == ["x: f1 = 0.700 < floor 0.710"]


def test_check_ceilings_flags_a_rise_beyond_epsilon():
    from claimledger.eval.base import Metric, SuiteResult
    from claimledger.eval.runner import check_ceilings

    res = SuiteResult(suite="series", corpus="x", peer_name=None,
                      metrics=[Metric("pipeline foreign", 0.20)])
    assert check_ceilings(res, {"pipeline foreign": 0.20}, 0.005) == []
    assert check_ceilings(res, {"pipeline foreign": 0.196}, 0.005) == []
    assert check_ceilings(res, {"pipeline foreign": 0.19}, 0.005) == [
        "series: pipeline foreign = 0.200 > ceiling 0.190"]
