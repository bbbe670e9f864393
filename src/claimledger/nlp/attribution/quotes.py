"""Find quoted stretches in raw text: one pass over the characters, paragraph by paragraph.

Why a character scanner and not token patterns: quotation marks are punctuation the tokenizer
may glue to words ("“The", "continues…"), quotes cross sentence (and paragraph) boundaries, and
the one thing we must never do is what textacy does on an odd number of marks — give up on the
whole document (textacy#379). Here an unbalanced mark costs at most the one stretch it opens.

Conventions handled:

* curly “…”, guillemets «…», straight "…" (open/close decided by state), and single ‘…’ when
  the closing ’ is not an apostrophe (a letter on both sides, as in Russia’s, is never a mark);
* a paragraph that leaves a quote open, followed by a paragraph that starts with an opening
  mark, continues the quote (the newspaper convention); each paragraph's part is its own
  stretch, linked by `group` so the speaker found for one part serves all;
* an open quote that is *not* continued ends at the paragraph break (degrade, not fail);
* a closing mark standing where an opening one belongs (after a space, before a word) opens;
* two-character marks typed for want of a curly one — ''…'' in wire and archive text (the
  New York Times' feed), ``…'' in typeset text — count as the one-character mark they stand
  for; offsets are unchanged (the scan reads a copy where the pair is the mark plus a space).

The marks themselves are configuration (the `quote_marks` table of attribution.toml).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteMarks:
    """Which characters open, close, or (straight marks) do both."""

    opening: frozenset[str]
    closing: frozenset[str]
    straight: frozenset[str]
    single_open: frozenset[str]
    single_close: frozenset[str]
    digraphs: tuple[tuple[str, str], ...] = ()  # (two-character mark, the mark it stands for)

    @classmethod
    def from_lexicon(cls, table: dict) -> QuoteMarks:
        return cls(
            opening=frozenset(table["opening"]),
            closing=frozenset(table["closing"]),
            straight=frozenset(table["straight"]),
            single_open=frozenset(table["single_open"]),
            single_close=frozenset(table["single_close"]),
            digraphs=tuple((k, v) for k, v in sorted(table.get("digraphs", {}).items())),
        )

    def scan_text(self, text: str) -> str:
        """`text` with each two-character mark replaced by its one-character mark and a
        space, so the scanner's offsets stay those of `text`."""
        for pair, mark in self.digraphs:
            if pair in text:
                text = text.replace(pair, mark + " " * (len(pair) - 1))
        return text


@dataclass(frozen=True)
class Stretch:
    """One quoted stretch: marks at `open_at`/`close_at` (None when the mark is missing)."""

    start: int  # first character of the quoted words (after the mark and spaces)
    end: int  # end (exclusive) of the quoted words (before the closing mark)
    open_at: int
    close_at: int | None
    group: int  # stretches of one multi-paragraph quote share a group
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block; a newline ends a paragraph."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _can_open_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and after.isalnum()


def _can_close_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def find_stretches(text: str, marks: QuoteMarks) -> list[Stretch]:
    """All quoted stretches of `text`, in order, with multi-paragraph quotes grouped."""
    text = marks.scan_text(text)
    out: list[Stretch] = []
    group = 0
    carried = False  # previous paragraph left a double quote open
    for p_start, p_end in paragraphs(text):
        open_at: int | None = None
        single_at: int | None = None
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        if carried and not (text[first] in marks.opening or text[first] in marks.straight):
            carried = False
        if not carried:
            group += 1
        for i in range(p_start, p_end):
            ch = text[i]
            if open_at is None and single_at is not None:
                if ch in marks.single_close and _can_close_single(text, i):
                    s, e = _trim(text, single_at + 1, i)
                    if e > s:
                        out.append(Stretch(s, e, single_at, i, group, True))
                    group += 1
                    single_at = None
                    continue
            misused = (
                ch in marks.closing
                and open_at is None
                and (i == 0 or text[i - 1].isspace())
                and i + 1 < len(text)
                and not text[i + 1].isspace()
            )
            if ch in marks.opening or misused or (ch in marks.straight and open_at is None):
                if open_at is not None:
                    # a second opening mark while open: the first was unbalanced; drop it
                    group += 1
                open_at = i
                single_at = None
            elif ch in marks.closing or ch in marks.straight:
                if open_at is None:
                    continue  # a stray closing mark opens nothing
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    out.append(Stretch(s, e, open_at, i, group, True))
                group += 1
                open_at = None
                carried = False
            elif (
                open_at is None
                and single_at is None
                and ch in marks.single_open
                and _can_open_single(text, i)
            ):
                single_at = i
        if open_at is not None:
            s, e = _trim(text, open_at + 1, p_end)
            if e > s:
                out.append(Stretch(s, e, open_at, None, group, False))
            carried = True
        else:
            carried = False
    return out


def looks_like_title(words: list[str], capitalised: float, max_words: int) -> bool:
    """A quoted name of a show, book or film ('told “Face the Nation”', '“13 Hours: The Secret
    Soldiers of Benghazi”'), not words someone said: a few words, nearly all capitalised after
    the first, and no comma, question or exclamation mark (a quoted sentence has lower-case
    words, "Really?" is said)."""
    if not 2 <= len(words) <= max_words:
        return False
    if words[-1][-1:] in ",.:;":  # the sentence's own punctuation, put inside the marks
        words = words[:-1] + [words[-1][:-1]]
    if any(ch in w for w in words for ch in ",?!"):
        return False
    rest = [w for w in words[1:] if w[:1].isalpha()]
    if not rest:
        return False
    return sum(w[0].isupper() for w in rest) >= capitalised * len(rest)

