"""Span edges drawn the way the attribution corpus draws them (PolNeAR train).

Why a pass of its own: each finder (quotes, verbs, according-to, headlines) cuts its spans
to the words of the parse, and trims punctuation at both ends. PolNeAR, the corpus the
attribution stage is measured on, keeps a few of those characters, consistently enough to
count (see ``[edges]`` in the attribution lexicon): the comma that closes a source set off
by commas, the parenthesis a source opened and the colon right after a cue. (PolNeAR also
keeps the complementiser of a reported clause, "said [that] X"; the ledger does not, on
purpose: the content is what was said.) Applying them once, to every row, after every
finder, keeps the finders simple and the convention in one place; the spans only grow by
those characters, never by a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class Edges:
    """The characters and words a span's edge takes in (from the lexicon's ``[edges]``)."""

    source_closing: frozenset[str]
    source_inner: frozenset[str]
    paren_open: frozenset[str]
    paren_close: frozenset[str]
    paren_gap: frozenset[str]
    cue_closing: frozenset[str]
    cue_joiners: frozenset[str]
    cue_tail_after_content: frozenset[str]

    @classmethod
    def from_lexicon(cls, lex: dict) -> Edges:
        e = lex["edges"]
        return cls(**{k: frozenset(e[k]) for k in cls.__dataclass_fields__})

    def source(self, text: str, span: list[int]) -> list[int]:
        """Close a parenthesis the source opened, then take the comma that ends a source
        set off by commas ("Clinton, a Democrat," said)."""
        s, e = span
        body = text[s:e]
        opened = sum(body.count(c) for c in self.paren_open) - sum(body.count(c) for c in self.paren_close)
        if opened > 0:
            k = e
            while k < len(text) and k - e < 3 and text[k] in self.paren_gap:
                k += 1
            if k < len(text) and text[k] in self.paren_close:
                e = k + 1
                body = text[s:e]
        if e < len(text) and text[e] in self.source_closing and any(c in body for c in self.source_inner):
            e += 1
        return [s, e]

    def cue(self, text: str, cue: list[int], content: list[int]) -> list[int]:
        """Take the colon right after a cue whose content follows it ("said: …")."""
        s, e = cue
        if e < len(text) and text[e] in self.cue_closing and content[0] > e:
            return [s, e + 1]
        return [s, e]

    def cue_tails(self, doc: Doc, rows: list[dict]) -> None:
        """`cue_tail` for the cue of direct quotes that all stand before it ('“…,” Clinton
        said [on Thursday during a speech at …]'), the same for every row of that cue. (For
        reported speech, and before a content, PolNeAR train is split on these modifiers:
        cutting them there scored lower on a held-out slice of train.)"""
        after: dict[tuple[int, int], bool] = {}
        for row in rows:
            if row["cue"]:
                key = (row["cue"][0], row["cue"][1])
                ok = row["kind"] == "direct_quote" and row["content"][1] <= key[0]
                after[key] = after.get(key, True) and ok
        cut = {key: self.cue_tail(doc, list(key)) for key, ok in after.items() if ok}
        for row in rows:
            if row["cue"]:
                row["cue"] = cut.get((row["cue"][0], row["cue"][1]), row["cue"])

    def cue_tail(self, doc: Doc, cue: list[int]) -> list[int]:
        """The cue without the first `cue_tail_after_content` modifier its verb takes on the
        right, and what follows it."""
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if span is None or len(span) < 2:
            return cue
        verb = span.root
        for child in verb.rights:
            lo = child.left_edge
            if lo.i >= span.end:
                break
            # a modifier wholly inside the cue ("according [to] X" is the cue's own word)
            if lo.i > verb.i and child.right_edge.i < span.end and child.dep_ in self.cue_tail_after_content:
                end = lo.idx
                while end > cue[0] and doc.text[end - 1].isspace():
                    end -= 1
                return [cue[0], end] if end > cue[0] else cue
        return cue

    def apply(self, text: str, row: dict) -> None:
        """Redraw one claim row's source, cue and content edges in place."""
        if row["source_mention"]:
            row["source_mention"] = self.source(text, row["source_mention"])
        if row["cue"]:
            row["cue"] = self.cue(text, row["cue"], row["content"])


def split_around_cue(text: str, rows: list[dict], joiners: frozenset[str]) -> list[dict]:
    """A reported content with its own cue (and source) set off inside it is two fragments:
    "This campaign, he says, is different", '“Only you,” she said, would use …'. PolNeAR draws
    such a content as its fragments on either side of the cue (2,718 of its train
    attributions have two fragments around the cue); the contract gives a row one content
    span, so the row becomes two rows of the same cue and source, as '“A,” he said, “B.”'
    already does for direct quotes. Each piece loses the `joiners` (", ") that set the cue
    off. A cue not set off by one ("At least 40 people are believed to have died") has a
    raised subject, not an interruption: that content stays whole."""
    out: list[dict] = []
    for row in rows:
        cue, content, src = row["cue"], row["content"], row["source_mention"]
        if row["kind"] in ("direct_quote", "headline") or not cue or not content[0] < cue[0] < cue[1] < content[1]:
            out.append(row)
            continue
        lo, hi = cue
        if src and content[0] < src[0] and src[1] < content[1]:
            lo, hi = min(lo, src[0]), max(hi, src[1])
        if not any(ch in joiners for ch in text[content[0] : lo][-3:]):
            out.append(row)  # "Trump is expected to …": a raised subject, not a cue set off
            continue
        left = _strip(text, content[0], lo, joiners)
        right = _strip(text, hi, content[1], joiners)
        pieces = [p for p in (left, right) if p is not None]
        if not pieces:
            out.append(row)
            continue
        for piece in pieces:
            out.append(dict(row, content=piece))
    return out


def _strip(text: str, s: int, e: int, joiners: frozenset[str]) -> list[int] | None:
    """[s, e) without the whitespace and `joiners` at its ends; None when no word is left."""
    while s < e and (text[s].isspace() or text[s] in joiners):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in joiners):
        e -= 1
    return [s, e] if any(ch.isalnum() for ch in text[s:e]) else None

