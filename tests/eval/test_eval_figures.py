"""The figures and events eval suites: matching rules on NewsQuant items, and fast slices."""

from __future__ import annotations

import pytest

from claimledger.eval import events as events_suite
from claimledger.eval import figures as figures_suite
from claimledger.eval.base import read_jsonl
from claimledger.eval.figures import Quantity, UnitNormaliser, gold_category, values_match


def q(start=0, end=5, value=None, low=None, high=None, vague=False, unit=None, alt=None) -> Quantity:
    return Quantity(start, end, value, low, high, vague, unit, alt)


@pytest.mark.parametrize(
    "gold,pred,expected",
    [
        (q(value=1370000.0), q(value=1370000), True),
        (q(value=6.0), q(value=6.000000001), True),
        (q(value=6.0), q(value=60.0), False),
        (q(low=15.0, high=22.0), q(low=15.0, high=22.0), True),
        (q(low=15.0, high=22.0), q(value=15.0, low=15.0, high=15.0), False),
        (q(0, 6, low=12.0, high=120.0, vague=True), q(0, 6, low=24, high=99, vague=True), True),
        (q(0, 6, low=12.0, high=120.0, vague=True), q(10, 16, low=24, high=99, vague=True), False),
    ],
)
def test_eval_figures_values_match_like_cqe(gold, pred, expected):
    assert values_match(gold, pred) is expected


@pytest.mark.parametrize(
    "gold_unit,gold_norm,pred_unit,expected",
    [
        ("$", "dollar", "dollars", True),
        ("percent", "percentage", "%", True),
        ("miles per hour", "mile per hour", "miles", True),
        ("-", "-", None, True),
        ("-", "-", "people", False),
        ("yard", "yard", "people", False),
        ("Ukrainian soldiers", "Ukrainian soldier", "soldiers", True),
    ],
)
def test_eval_figures_units_compare_by_head_word(gold_unit, gold_norm, pred_unit, expected):
    norm = UnitNormaliser()
    assert norm.match(q(unit=gold_unit, alt=gold_norm), q(unit=pred_unit)) is expected


@pytest.mark.parametrize(
    "record_id,value_text,category",
    [
        ("newsquant-0001", "40", "figure"),
        ("newsquant-0001", "6", "figure"),
    ],
)
def test_eval_figures_gold_categories_on_newsquant(record_id, value_text, category):
    rec = next(r for r in read_jsonl(figures_suite.CORPUS, 5) if r["id"] == record_id)
    item = next(x for x in rec["quantities"] if x["value_text"] == value_text)
    assert gold_category(rec, item) == category


@pytest.mark.parametrize("unit,category", [("year of age", "age"), ("month", "duration"), ("dollar", "figure")])
def test_eval_figures_durations_and_ages_are_set_apart(unit, category):
    rec = {"text": "for three months"}
    item = {"normalized_unit": unit, "value_text": "three", "value_end": 9}
    assert gold_category(rec, item) == category


@pytest.mark.parametrize("limit", [20])
def test_eval_figures_fast_slice_reports_metrics(extractor, limit):
    res = figures_suite.run(extractor, limit=limit, peers=False)
    names = {m.name for m in res.metrics}
    assert {"value_f1", "value_unit_f1", "value_f1_all", "value_unit_f1_all"} <= names
    assert res.records > 0 and res.metric("value_f1").n > 0
    assert 0.75 <= res.metric("value_f1").claimledger <= 1.0
    assert res.metric("value_unit_f1").claimledger <= res.metric("value_f1").claimledger


@pytest.mark.parametrize(
    "event,words,label",
    [
        ("attack", {"warplanes", "pounded"}, "AIR_STRIKE"),
        ("attack", {"shelling", "killed"}, "ART_MISS_ATTACK"),
        ("attack", {"gunmen", "stormed"}, None),
        ("detention", {"police", "arrested"}, "ARREST"),
        ("detention", {"kidnapped"}, "ABDUCT_DISSAP"),
        ("killed", {"killed"}, None),
        (None, {"killed"}, None),
    ],
)
def test_eval_events_acled_mapping_uses_cue_words(event, words, label):
    assert events_suite.AcledMapper().label(event, words) == label


@pytest.mark.parametrize("limit", [20])
def test_eval_events_fast_slice_reports_per_class(extractor, limit):
    res = events_suite.run(extractor, limit=limit, peers=False)
    assert res.records == limit
    assert any(m.name.endswith("_recall") for m in res.metrics)
    assert res.metric("coverage").claimledger > 0


@pytest.mark.slow
@pytest.mark.parametrize("floor_value,floor_unit", [(0.90, 0.75)])
def test_eval_figures_full_newsquant_meets_floors(extractor, floor_value, floor_unit):
    res = figures_suite.run(extractor, limit=None, peers=False)
    assert res.metric("value_f1").claimledger >= floor_value
    assert res.metric("value_unit_f1").claimledger >= floor_unit
