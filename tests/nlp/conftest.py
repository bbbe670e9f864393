"""Fixtures for unit tests on hand-built parses (spaCy's own test style): no model loads."""

from __future__ import annotations

import pytest
import spacy
from spacy.vocab import Vocab


@pytest.fixture(scope="session")
def en_vocab() -> Vocab:
    """A blank English vocabulary: lexical attributes (like_num, is_punct) without a model."""
    return spacy.blank("en").vocab
