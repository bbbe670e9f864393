"""The learned source choice: candidates around a claim, their features, and when the model
may replace the attribution rules' choice of source (`nlp/sources/choice.py`).

The text is the invented example report `halvek-market-strike.txt`; claims are the rows the
attribution stage writes for it, so these tests pin the chooser on the pipeline's own input.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from claimledger.data import data_path
from claimledger.nlp.sources.choice import ChoiceModel, SourceChooser, _Page, load_choice_model

STAGE = "claimledger_sources"
TEXT = data_path("examples", "halvek-market-strike.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def before_sources(nlp):
    """The example report through every stage but sources (claims as attribution left them)."""
    doc = nlp.make_doc(TEXT)
    doc._.published = "2024-09-18"
    for name, proc in nlp.pipeline:
        if name != STAGE:
            doc = proc(doc)
    return doc


@pytest.fixture(scope="module")
def chooser(nlp):
    return nlp.get_pipe(STAGE).chooser


def _claim_with_cue(doc, cue: str) -> int:
    s = doc.text.index(cue)
    return next(i for i, c in enumerate(doc._.claims) if c["cue"] and c["cue"][0] == s)


def _text(doc, span):
    return doc.text[span[0] : span[1]] if span else None


def test_packaged_model_loads_with_weights_and_a_margin():
    model = load_choice_model("source_choice")
    assert model.margin >= 0
    assert "rule=yes" in model.weights and "null" in model.weights


def test_score_is_the_sum_of_the_weights_of_present_features():
    model = ChoiceModel(weights={"a": 1.5, "b": -0.5}, margin=0.0)
    assert model.score(["a", "b", "unknown"]) == pytest.approx(1.0)


def test_candidates_hold_the_rule_choice_the_cue_subject_and_no_source(before_sources, chooser):
    doc = before_sources
    ci = _claim_with_cue(doc, "said fewer than")
    cands = chooser.candidates(_Page(doc, doc._.claims), ci)
    rule = next(c for c in cands if c.origin == "rule")
    assert _text(doc, rule.span) == "Morvania's military"
    assert "rel=subj" in rule.features and "rule=yes" in rule.features
    assert any(c.span is None for c in cands)  # "no source" is always a candidate


def test_no_candidate_lies_inside_the_claims_own_content(before_sources, chooser):
    doc = before_sources
    page = _Page(doc, doc._.claims)
    for ci, claim in enumerate(doc._.claims):
        a, b = claim["content"]
        for cand in chooser.candidates(page, ci):
            if cand.span is not None and cand.origin != "rule":
                assert not (a <= cand.span[0] < b), (claim, cand)


def test_rule_choice_is_kept_unless_another_candidate_wins_by_the_margin(before_sources, chooser):
    doc = before_sources
    claims = copy.deepcopy(doc._.claims)
    ci = _claim_with_cue(doc, "said fewer than")
    wrong = doc.text.index("the border")
    claims[ci]["source_mention"] = [wrong, wrong + len("the border")]  # a non-speaker, planted
    prefer_subject = {"rel=subj": 4.0}
    strict = SourceChooser(chooser.v, ChoiceModel(prefer_subject, margin=10.0))
    kept = copy.deepcopy(claims)
    strict.choose(doc, kept)
    assert _text(doc, kept[ci]["source_mention"]) == "the border"
    eager = SourceChooser(chooser.v, ChoiceModel(prefer_subject, margin=1.0))
    fixed = copy.deepcopy(claims)
    explained = eager.choose(doc, fixed, explain=True)
    assert _text(doc, fixed[ci]["source_mention"]) == "Morvania's military"
    why = next(e for e in explained if e["claim"] == ci)
    assert why["why"].startswith("model:") and why["chosen"] == fixed[ci]["source_mention"]


def test_without_a_model_every_source_mention_stays(before_sources, chooser):
    doc = before_sources
    claims = copy.deepcopy(doc._.claims)
    assert SourceChooser(chooser.v, None).choose(doc, claims, explain=True) == []
    assert claims == doc._.claims


def test_explanations_are_deterministic_and_list_scored_candidates(before_sources, chooser):
    doc = before_sources
    runs = []
    for _ in range(2):
        claims = copy.deepcopy(doc._.claims)
        runs.append(json.dumps(chooser.choose(doc, claims, explain=True)))
    assert runs[0] == runs[1]
    first = json.loads(runs[0])[0]
    scores = [c["score"] for c in first["candidates"]]
    assert scores == sorted(scores, reverse=True)
    assert all(c["features"] for c in first["candidates"])


def test_extract_explain_adds_a_list_and_leaves_the_contract_untouched(extractor, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "extract", str(path), "--published", "2024-09-18", "--explain"],
        capture_output=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    explain = out.pop("explain")
    plain = json.loads(extractor.extract(TEXT, published="2024-09-18", id=out["document"]["id"]).to_json())
    assert out == plain  # the extraction itself is what the default output prints
    ids = {c["id"] for c in out["claims"]}
    assert explain and all(row["claim_id"] in ids for row in explain)
    assert all(row["why"] and row["candidates"] for row in explain)


def test_extract_explain_refuses_a_batch(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "extract", "--input", str(batch), "--explain"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 2 and "--explain takes one document" in proc.stderr
