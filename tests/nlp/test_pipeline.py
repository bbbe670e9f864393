"""Loading the pipeline: model choice and the declared stage contracts."""

from __future__ import annotations

import pytest

from claimledger.errors import ModelError
from claimledger.nlp.factories import PIPELINE_STAGES
from claimledger.nlp.pipeline import DEFAULT_MODELS, load_base, model_candidates


def test_pipeline_runs_every_stage_in_order_after_the_base_model(nlp):
    assert nlp.pipe_names[-len(PIPELINE_STAGES):] == list(PIPELINE_STAGES)


def test_pipeline_declares_who_writes_each_extension(nlp):
    analysis = nlp.analyze_pipes()
    assigns = {name: set(info["assigns"]) for name, info in analysis["summary"].items()}
    assert "doc._.times" in assigns["claimledger_timex"]
    assert "doc._.figures" in assigns["claimledger_figures"]
    assert "doc._.claims" in assigns["claimledger_attribution"]
    assert "doc._.sources" in assigns["claimledger_sources"]
    assert not analysis["problems"] or all(not v for v in analysis["problems"].values())


@pytest.mark.parametrize("env,expected", [("", list(DEFAULT_MODELS)), ("en_core_web_md", ["en_core_web_md"])])
def test_model_choice_honours_claimledger_model(monkeypatch, env, expected):
    monkeypatch.setenv("CLAIMLEDGER_MODEL", env)
    assert model_candidates() == expected


def test_a_named_model_that_is_not_installed_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_MODEL", "en_core_web_nonexistent")
    with pytest.raises(ModelError, match="en_core_web_nonexistent"):
        load_base()
