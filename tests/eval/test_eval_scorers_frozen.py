"""Scorers keep their own frozen word lists: a pipeline lexicon edit must not move a score (issue 9)."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

PIPELINE = ("claimledger.data", "claimledger.nlp")


@pytest.mark.parametrize(
    "module", ["claimledger.eval.attribution", "claimledger.eval.gold", "claimledger.eval.gold_sources"]
)
def test_eval_scorer_imports_no_pipeline_lexicon(module):
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not sorted(m for m in imported if m.startswith(PIPELINE))


def test_eval_gold_sources_pronoun_alone_still_never_matches():
    from claimledger.eval.gold_sources import PRONOUNS, normalise_alias

    assert {"he", "she", "they", "we", "it"} <= PRONOUNS
    assert all(normalise_alias(w) == w for w in PRONOUNS)
