"""Paragraph breaks as sentence breaks, set before the parser reads the text.

Why: a headline has no final full stop, so the small English parser reads it and the first
paragraph as one sentence ("The Ministry of Defense of Russia announced the death of 40
prisoners⏎⏎The Ministry … announced that …"): the second cue then takes the first line as
its subject or content, and a headline verb ("Deaths confirmed …") takes the next
paragraph as what it confirms. No sentence of news text runs across a line break, so every
token after a whitespace token holding a newline starts a sentence; spaCy's parser keeps
boundaries set before it and only adds its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    """Marks the first token after each line break as a sentence start (nothing else)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for tok in doc:
            if after_break and not tok.is_space:
                tok.is_sent_start = True
                after_break = False
            if tok.is_space and "\n" in tok.text:
                after_break = True
        return doc
