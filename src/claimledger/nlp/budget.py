"""The work budget of the stages that read each candidate's sentence.

Why: a figure or a speech verb is read in the context of its sentence (its clause, the
places and dates it names), which costs the length of that sentence. In prose that is a few
dozen tokens per candidate; in a text that is not prose -- `"1, " * 20000`, `"said " *
40000`, a table flattened into one "sentence" -- every candidate sits in the same sentence
of tens of thousands of tokens, and the stage would take the square of the text's length.
The budget is counted in token visits (the sum of the candidates' sentence lengths), so it
is deterministic: the same text is refused on every machine, never after a time-out.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from claimledger.errors import InputError
from claimledger.nlp.tokens import sentence_bounds

#: token visits one document may cost a stage: about 13 times an ordinary 1,000,000-character
#: article (3,700 figures in sentences of 40 tokens is 150,000 visits)
DEFAULT_SENTENCE_WORK = 2_000_000


def charge_sentence_work(stage: str, sentence_lengths: Iterable[int], budget: int) -> None:
    """Raise a one-line `InputError` when the candidates' sentences cost more than `budget`."""
    total = 0
    for n in sentence_lengths:
        total += n
        if total > budget:
            raise InputError(
                f"the text is too costly to analyse: its {stage} sit in sentences of more than "
                f"{budget:,} tokens in all (a list or table without sentences?)"
            )


def sentence_lengths(doc: Doc, tokens: Iterable[int]) -> list[int]:
    """The length of the sentence of each token index, from one pass over the sentences."""
    starts, ends = sentence_bounds(doc)
    return [ends[i] - starts[i] for i in tokens]
