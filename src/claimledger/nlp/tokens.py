"""Tokenising any text in linear time, with exact character offsets.

Why: spaCy's tokenizer strips prefixes and suffixes one at a time from each run of
non-space characters, re-slicing the run each time, so a run of punctuation
(`"<" * 100000`, a wall of `”` or `(`) costs the square of its length: minutes for 100 KB.
No word, number or URL of real text is longer than `MAX_RUN` characters, so a longer run is
not language: it is cut into tokens of `MAX_RUN` characters each, and the text around it is
tokenised by spaCy as before. A text without such a run goes to spaCy's tokenizer untouched,
so ordinary text is tokenised exactly as it always was.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

#: the longest run of non-space characters handed to spaCy's tokenizer as one piece
MAX_RUN = 200

#: a run of non-whitespace longer than MAX_RUN, with the one space that may follow it
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}( ?)")


def tokenize(nlp: Language, text: str) -> Doc:
    """`nlp.tokenizer(text)`, except that every over-long run becomes tokens of MAX_RUN chars.

    `doc.text == text` always (words and spaces are taken from the text), and the cost is
    linear in the length of the text.
    """
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return nlp.tokenizer(text)
    words: list[str] = []
    spaces: list[bool] = []

    def plain(segment: str) -> None:
        for tok in nlp.tokenizer(segment):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))

    pos = 0
    for m in runs:
        plain(text[pos : m.start()])
        end = m.end() - len(m.group(1))
        for k in range(m.start(), end, MAX_RUN):
            words.append(text[k : min(k + MAX_RUN, end)])
            spaces.append(False)
        spaces[-1] = bool(m.group(1))
        pos = m.end()
    plain(text[pos:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """The first and the past-the-end token index of each token's sentence, in one pass.

    Why: `token.sent` walks the whole sentence on every call, so asking it once per
    candidate costs the square of a long sentence's length; the stages ask this table instead.
    """
    n = len(doc)
    starts, ends = [0] * n, [n] * n
    for sent in doc.sents:
        size = sent.end - sent.start
        starts[sent.start : sent.end] = [sent.start] * size
        ends[sent.start : sent.end] = [sent.end] * size
    return starts, ends
