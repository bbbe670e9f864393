"""Datelines and wire credits at the start of a paragraph ("KHARKIV, Ukraine (AP) —",
"WASHINGTON (Reuters) –", "RAFAH, Gaza Strip:", "(UrduPoint News / Sputnik - 20th May,
2022)"): where a story was filed and who filed it, never who claims what.

The parser reads "RAFAH, Gaza Strip: The head of a hospital said …" as one subject, so a
source mention that begins its paragraph is cut after the dateline; a mention that is
nothing but a dateline is no source. Read from the raw text: a dateline is not a sentence.
"""

from __future__ import annotations

import re

_WORD = r"[A-Z][\w.'’&-]*"
_PLACE = rf"{_WORD}(?:\s+(?:{_WORD}|of|al|el|de))*"


class Datelines:
    """Cuts datelines off source mentions; keeps its compiled pattern only."""

    def __init__(self, separators: list[str], max_words: int) -> None:
        seps = "|".join(re.escape(s) for s in sorted(separators, key=len, reverse=True))
        credit = r"\([^()\n]{1,80}\)"
        self.pattern = re.compile(
            rf"(?:{_PLACE}(?:\s*,\s*{_PLACE})*\s*(?:{credit}\s*)?(?:{seps})|{credit}\s*(?:{seps})?)\s+"
        )
        self.max_words = max_words

    def length(self, text: str, start: int) -> int:
        """Characters of the dateline opening the paragraph at `start` (0 when none)."""
        m = self.pattern.match(text, start)
        if m is None or "\n" in m.group() or len(m.group().split()) > self.max_words:
            return 0
        return m.end() - start

    def cut(self, text: str, source: list[int] | None) -> list[int] | None:
        """`source` without a dateline that opens its paragraph; None if nothing is left."""
        if source is None:
            return None
        para = text.rfind("\n", 0, source[0]) + 1
        while para < source[0] and text[para].isspace():
            para += 1
        end = para + self.length(text, para)
        if end <= source[0]:
            return source  # no dateline reaches into the mention
        return [end, source[1]] if end < source[1] and text[end : source[1]].strip() else None
