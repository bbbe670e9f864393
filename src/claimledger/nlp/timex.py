"""Time expressions (TIMEX3) detected and resolved against doc._.published.

Placeholder stage: the contract is in `extensions.py`; the implementation is being written.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class TimexTagger:
    """Time expressions (TIMEX3) detected and resolved against doc._.published."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if doc._.times is None:
            doc._.times = []
        return doc
