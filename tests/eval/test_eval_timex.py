"""The timex eval suite: TempEval-3 scoring rules on hand-made rows, and a fast slice run."""

from __future__ import annotations

import pytest

from claimledger.eval import timex

METRICS = ("relaxed P", "relaxed R", "relaxed F1", "strict F1", "type accuracy", "value accuracy", "value F1")


def _row(start: int, end: int, type_: str = "DATE", value: str | None = "2022-05-19") -> dict:
    return {"start": start, "end": end, "type": type_, "value": value}


@pytest.mark.parametrize(
    "system, relaxed_tp, strict_tp, value_tp",
    [
        ([_row(10, 18)], 1, 1, 1),  # exact span, right value
        ([_row(2, 18)], 1, 0, 1),  # "earlier Thursday": overlaps, value right
        ([_row(10, 18, value="2022-05-26")], 1, 1, 0),  # the wrong Thursday
        ([_row(30, 38)], 0, 0, 0),  # elsewhere
        ([_row(10, 14), _row(14, 18)], 1, 0, 1),  # one gold matches one system row only
    ],
)
def test_eval_timex_scores_relaxed_strict_and_value_like_tempeval(system, relaxed_tp, strict_tp, value_tp):
    score = timex.TimexScore()
    score.add([_row(10, 18)], system)
    assert (score.relaxed.tp, score.strict.tp, score.value.tp) == (relaxed_tp, strict_tp, value_tp)
    assert score.relaxed.fp == len(system) - relaxed_tp
    assert score.value.fn == 1 - value_tp


def test_eval_timex_match_prefers_largest_overlap():
    gold = [_row(0, 10), _row(12, 20)]
    system = [_row(5, 15)]
    assert timex.match(gold, system) == [(0, 0)]


def test_eval_timex_fast_slice_returns_sane_metric_rows(extractor):
    result = timex.run(extractor, limit=5, peers=False)
    assert result.suite == "timex" and result.records == 5
    for name in METRICS:
        metric = result.metric(name)
        assert 0.0 <= metric.claimledger <= 1.0
        assert metric.n and metric.n > 0
        assert metric.peer is None
    assert result.metric("value F1").anchor.startswith("HeidelTime 77.6")
    # five TempEval-3 platinum news documents: well above chance, or the stage is broken
    assert result.metric("relaxed F1").claimledger > 0.7
    assert result.metric("value F1").claimledger > 0.5
    train = [m for m in result.metrics if "train" in m.name]
    assert [m.name.split(" (")[0] for m in train] == ["relaxed F1", "strict F1", "value F1"]


def test_eval_timex_peer_rows_are_located_spans_with_iso_day_values(shared):
    text = "The attack happened on May 16, 2022 and talks resumed on June 3, 2022."
    rows = timex.peer_rows(text, "2022-06-10")
    assert rows, "dateparser found nothing"
    for row in rows:
        assert text[row["start"] : row["end"]].strip()
        assert len(row["value"]) == 10 and row["value"].startswith("2022-")


@pytest.mark.slow
def test_eval_timex_platinum_value_f1_meets_the_floor(extractor):
    """The brief's floor on the whole TempEval-3 test set (HeidelTime reports 77.6)."""
    result = timex.run(extractor, limit=None, peers=False)
    assert result.metric("value F1").claimledger >= 0.75
    assert result.metric("relaxed F1").claimledger >= 0.88
