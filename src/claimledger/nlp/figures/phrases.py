"""Lexicon phrases matched on tokens: "no more than", "a.m.", "aged" before or at a token.

Shared by the finder (qualifier phrases) and the filters (age and clock phrases); lowercased
token tuples, so one phrase is one tuple comparison and never a regular expression.
"""

from __future__ import annotations

from spacy.tokens import Doc


def phrases(words: list[str]) -> list[tuple[str, ...]]:
    """Lexicon phrases as token tuples, longest first (so "no more than" beats "more than")."""
    return sorted({tuple(w.lower().split()) for w in words}, key=lambda p: (-len(p), p))


def phrase_before(doc: Doc, i: int, phrases: list[tuple[str, ...]]) -> bool:
    """Does one of `phrases` end right before token i ("aged" before "12")?"""
    for phrase in phrases:
        k = len(phrase)
        if i - k >= 0 and all(doc[i - k + j].lower_ == phrase[j] for j in range(k)):
            return True
    return False


def phrase_at(doc: Doc, i: int, phrases: list[tuple[str, ...]]) -> bool:
    """Does one of `phrases` start at token i ("a.m." after "10")?"""
    for phrase in phrases:
        k = len(phrase)
        if i + k <= len(doc) and all(doc[i + j].lower_ == phrase[j] for j in range(k)):
            return True
    return False
