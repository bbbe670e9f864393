"""Loading the pipeline: model choice and the declared stage contracts."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest
from spacy.util import raise_error

from claimledger.errors import ModelError
from claimledger.nlp.factories import PIPELINE_STAGES
from claimledger.nlp.pipeline import DEFAULT_MODELS, load_base, model_candidates
from pipeline_support import make_doc


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


@pytest.mark.parametrize(
    "text,published",
    [("Russian Defence Minister Sergei Shoigu said on Friday that 2,439 Ukrainian soldiers had "
      "surrendered at Azovstal since May 16.", "2022-05-20")],
)
def test_saved_pipeline_loads_with_spacy_load_in_a_fresh_process(nlp, tmp_path, text, published):
    """The `spacy_factories` entry points let spaCy find every stage of a saved pipeline
    without anyone importing claimledger first (before them: E002)."""
    nlp.to_disk(tmp_path / "pipeline")
    script = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp.make_doc(sys.argv[2])\n"
        "doc._.published = sys.argv[3]\n"
        "doc = nlp(doc)\n"
        "print(json.dumps({'claims': doc._.claims, 'figures': doc._.figures}, sort_keys=True))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline"), text, published],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    here = make_doc(nlp, text, published)
    expected = json.dumps({"claims": here._.claims, "figures": here._.figures}, sort_keys=True)
    assert here._.claims and here._.figures
    assert done.stdout.strip() == expected


def test_every_constructor_setting_of_a_stage_is_in_its_factory_config(nlp):
    """`nlp.config` shows (and a saved pipeline keeps) every knob of every stage."""
    for name in PIPELINE_STAGES:
        cls = type(nlp.get_pipe(name))
        params = inspect.signature(cls.__init__).parameters
        knobs = {p for p, v in params.items()
                 if v.kind is inspect.Parameter.KEYWORD_ONLY}
        config = set(nlp.get_pipe_meta(name).default_config)
        assert knobs == config, name
        for knob in knobs - {"lexicon"}:
            assert params[knob].default == nlp.get_pipe_meta(name).default_config[knob], (name, knob)


@pytest.mark.parametrize("stage", PIPELINE_STAGES)
@pytest.mark.parametrize(
    "bad,good",
    [("Ukraine's military said the bridge was destroyed on Monday.",
      "Russia's defence ministry said 2,439 soldiers had surrendered.")],
)
def test_error_handler_set_on_the_pipeline_reaches_every_stage(nlp, monkeypatch, stage, bad, good):
    """`nlp.set_error_handler` reports a stage's failure on one document by stage name, in
    `nlp(text)` and in `nlp.pipe`, and the other documents go on (each stage is a `Pipe`)."""
    call = type(nlp.get_pipe(stage)).__call__

    def fails_on_bad(self, doc):
        if doc.text == bad:
            raise RuntimeError(f"{self.name} fails")
        return call(self, doc)

    monkeypatch.setattr(type(nlp.get_pipe(stage)), "__call__", fails_on_bad)
    seen: list[tuple[str, str, str]] = []

    def report(name, component, docs, error):
        seen.append((name, docs[0].text, str(error)))

    # the small English model's parser is a Cython pipe that cannot hold a handler (spaCy
    # 3.8 raises AttributeError on it), so the handler is set with our stages selected
    with nlp.select_pipes(enable=list(PIPELINE_STAGES)):
        nlp.set_error_handler(report)
    assert nlp.get_pipe(stage).get_error_handler() is report  # the stage's own, not the default
    try:
        nlp(bad)
        done = [doc.text for doc in nlp.pipe([bad, good])]
    finally:
        with nlp.select_pipes(enable=list(PIPELINE_STAGES)):
            nlp.set_error_handler(raise_error)
    assert seen == [(stage, bad, f"{stage} fails")] * 2
    assert done == [good]
