"""Lexicon phrases matched on tokens: "no more than", "a.m.", "aged" before or at a token.

Shared by the expander (qualifier and percent phrases) and the filters (age and clock
phrases); lowercased token tuples, longest first, so the first match is the longest and no
regular expression is compiled per phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc


def phrases(words: list[str]) -> list[tuple[str, ...]]:
    """Lexicon phrases as token tuples, longest first (so "no more than" beats "more than")."""
    return sorted({tuple(w.lower().split()) for w in words}, key=lambda p: (-len(p), p))


def phrase_ending_at(doc: Doc, i: int, phrases: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first of `phrases` that ends right before token i ("aged" before "12"), if any."""
    for phrase in phrases:
        k = len(phrase)
        if i - k >= 0 and all(doc[i - k + j].lower_ == phrase[j] for j in range(k)):
            return phrase
    return None


def phrase_starting_at(
    doc: Doc, i: int, phrases: list[tuple[str, ...]], limit: int | None = None
) -> tuple[str, ...] | None:
    """The first of `phrases` that starts at token i and ends by `limit` (default: the doc's
    end), if any: "a.m." after "10", "or more" after "2,000"."""
    limit = len(doc) if limit is None else limit
    for phrase in phrases:
        k = len(phrase)
        if i + k <= limit and all(doc[i + j].lower_ == phrase[j] for j in range(k)):
            return phrase
    return None
