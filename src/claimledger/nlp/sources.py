"""Claimant entities: mentions merged, kind, title and affiliation.

Placeholder stage: the contract is in `extensions.py`; the implementation is being written.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class SourceResolver:
    """Claimant entities: mentions merged, kind, title and affiliation."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if doc._.sources is None:
            doc._.sources = []
        return doc
