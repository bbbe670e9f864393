"""Fixtures of the nlp tests that load no trained model."""

from __future__ import annotations

import pytest
import spacy

from claimledger.nlp.extensions import register_extensions


@pytest.fixture(scope="session")
def blank():
    """spaCy's blank English pipeline plus a rule-based sentencizer: tokens and sentences but
    no tagger, parser or NER, so a test builds every other annotation it relies on."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
