"""The attribution eval suite: normalisation, span scoring, the fast slice and the peer."""

from __future__ import annotations

import pytest

from claimledger.eval import attribution as suite
from claimledger.eval.base import read_jsonl


@pytest.fixture(scope="module")
def norm():
    return suite._Normaliser()


@pytest.fixture(scope="module")
def train_record() -> dict:
    return next(read_jsonl("attribution/polnear_train.jsonl", limit=1))


@pytest.mark.parametrize(
    "text,span,expected",
    [
        ("she said, “Unlike Hillary Clinton, I know.”", (10, 43), "Unlike Hillary Clinton, I know"),
        ("He thinks that reducing the deficit is more important.", (10, 54), "reducing the deficit is more important"),
        ("the voters said thatcher won", (16, 28), "thatcher won"),
    ],
)
def test_eval_attribution_normaliser_drops_marks_and_complementiser(norm, text, span, expected):
    s, e = norm(text, span)
    assert text[s:e] == expected


def test_eval_attribution_gold_against_itself_scores_one(norm, train_record):
    gold = suite.gold_attributions(train_record, norm)
    sc = suite._score_all([(train_record["text"], gold, gold)])
    for comp in suite.COMPONENTS:
        assert sc.f1(comp, exact=True) == pytest.approx(1.0)
        assert sc.f1(comp, exact=False) == pytest.approx(1.0)


def test_eval_attribution_empty_prediction_scores_zero(norm, train_record):
    gold = suite.gold_attributions(train_record, norm)
    sc = suite._score_all([(train_record["text"], gold, [])])
    assert sc.f1("content", exact=True) == 0.0
    assert sc.f1("content", exact=False) == 0.0


def test_eval_attribution_overlap_gives_partial_credit(norm, train_record):
    text = train_record["text"]
    gold = suite.gold_attributions(train_record, norm)[:1]
    s, e = gold[0]["content"]
    half = dict(gold[0], content=(s, s + (e - s) // 2))
    sc = suite._score_all([(text, gold, [half])])
    assert sc.f1("content", exact=True) == 0.0
    assert 0.0 < sc.f1("content", exact=False) < 1.0
    assert sc.f1("cue", exact=True) == pytest.approx(1.0)


def test_eval_attribution_fast_slice(extractor):
    result = suite.run(extractor, limit=3, peers=False)
    assert result.records == 3
    names = {m.name for m in result.metrics}
    assert {"source_exact_f1", "cue_exact_f1", "content_overlap_f1", "content_exact_f1/direct"} <= names
    for m in result.metrics:
        assert 0.0 <= m.claimledger <= 1.0
    # far above the published rule baseline (10.7 / 22.8 / 5.6 exact F1)
    assert result.metric("source_exact_f1").claimledger > 0.3
    assert result.metric("cue_exact_f1").claimledger > 0.3


def test_eval_attribution_textacy_peer_counts_failures(extractor):
    pytest.importorskip("textacy")
    result = suite.run(extractor, limit=2, peers=True)
    assert result.peer_name == "textacy"
    assert any("textacy raised on" in note for note in result.notes)
    assert result.metric("content_overlap_f1").peer is not None


@pytest.mark.slow
def test_eval_attribution_dev_meets_floors(extractor):
    result = suite.run(extractor, peers=False)
    assert result.metric("source_exact_f1").claimledger >= suite.FLOORS["source_exact_f1"]
    assert result.metric("cue_exact_f1").claimledger >= suite.FLOORS["cue_exact_f1"]
