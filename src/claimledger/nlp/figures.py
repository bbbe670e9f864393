"""Quantities that count or measure, with value/low/high/qualifier and unit.

Placeholder stage: the contract is in `extensions.py`; the implementation is being written.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class FigureFinder:
    """Quantities that count or measure, with value/low/high/qualifier and unit."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if doc._.figures is None:
            doc._.figures = []
        return doc
