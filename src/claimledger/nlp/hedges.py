"""Verification status, hedges and editorial insertions of each claim.

Placeholder stage: the contract is in `extensions.py`; the implementation is being written.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class HedgeFinder:
    """Verification status, hedges and editorial insertions of each claim."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if doc._.claims is None:
            doc._.claims = []
        return doc
