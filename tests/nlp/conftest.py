"""Fixtures for unit tests on hand-built parses (spaCy's own test style): no trained model loads."""

from __future__ import annotations

import pytest
import spacy
from spacy.vocab import Vocab

from claimledger.nlp.extensions import register_extensions


@pytest.fixture(scope="session")
def blank():
    """spaCy's blank English pipeline plus a rule-based sentencizer: tokens and sentences but
    no tagger, parser or NER, so a test builds every other annotation it relies on."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def en_vocab(blank) -> Vocab:
    """A blank English vocabulary: lexical attributes (like_num, is_punct) without a model."""
    return blank.vocab
