"""Verification status, hedges and editorial insertions of each claim.

Runs after the attribution stage and fills three fields of every ``doc._.claims`` row:

* ``verification`` — {status, evidence}: the nearest verification phrase ("cannot
  independently verify", "could not be confirmed", "denied", "disputed", "confirmed by") in
  the claim's own sentence(s), else in the sentence right after them (where reporters put
  "CNN could not independently verify the figures."). A claim's own cue is never its evidence
  ("Russia [denied] targeting civilians" is a denial, not a denied claim).
* ``hedges`` — distancing words ("appears to", "reportedly", "it is unclear whether") in
  the claim's sentence(s).
* ``insertions`` — bracketed editorial text inside a direct quote, brackets included.

Phrases come from hedges.toml and are matched once per document with a PhraseMatcher on
lower-cased tokens (linear in the document), then assigned to claims by sentence.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.util import filter_spans

from claimledger.data import load_lexicon

STATUSES = ("unverified", "disputed", "denied", "confirmed")


class HedgeFinder(Pipe):
    """Verification status, hedges and editorial insertions of each claim."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, adjacent_sentences: int = 1) -> None:
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.adjacent_sentences = adjacent_sentences
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for status in STATUSES:
            self.matcher.add(status, [nlp.make_doc(p) for p in lex["verification"][status]])
        self.matcher.add("hedge", [nlp.make_doc(p) for p in lex["hedges"]["phrases"]])
        self.brackets = [(a, b) for a, b in lex["insertions"]["brackets"]]
        self.final = frozenset(lex["sentences"]["final"])

    def __call__(self, doc: Doc) -> Doc:
        if not doc._.claims:
            if doc._.claims is None:
                doc._.claims = []
            return doc
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    def find(self, doc: Doc) -> dict[str, list[tuple[int, int, int]]]:
        """Matches by label as (sentence index, start char, end char), longest first wins."""
        matches = self.matcher(doc)
        spans = filter_spans([doc[s:e] for _m, s, e in matches])
        labels = {(s, e): doc.vocab.strings[m] for m, s, e in matches}
        starts = self.sentence_starts(doc)
        out: dict[str, list[tuple[int, int, int]]] = {}
        for span in spans:
            label = labels[(span.start, span.end)]
            k = bisect.bisect_right(starts, span.start_char) - 1
            out.setdefault(label, []).append((k, span.start_char, span.end_char))
        return out

    def sentence_starts(self, doc: Doc, text: str | None = None) -> list[int]:
        """Start chars of sentences, mending the parser's splits inside a sentence.

        The small English parser sometimes cuts a sentence at "but"; a "sentence" that does
        not end with final punctuation (and is not the end of a line) is joined to the next.
        """
        starts: list[int] = []
        join = False
        text = doc.text if text is None else text
        for sent in doc.sents:
            if not join:
                starts.append(sent.start_char)
            last = sent[-1]
            while last.i > sent.start and last.is_space:
                last = doc[last.i - 1]
            ends_line = "\n" in text[last.idx + len(last.text) : sent.end_char + 1]
            join = not (last.text[-1:] in self.final or last.is_quote or ends_line)
        return starts or [0]

    def set_annotations(self, doc: Doc, found: dict[str, list[tuple[int, int, int]]]) -> None:
        text = doc.text
        starts = self.sentence_starts(doc, text)
        # a speaker's own cues ("denied …, saying …") are never evidence against its claims
        cues_of: dict[str, list[list[int]]] = {}
        for row in doc._.claims:
            if row.get("cue"):
                cues_of.setdefault(_who(row), []).append(row["cue"])
        for row in doc._.claims:
            own = _sentences(starts, row["content"], row.get("cue"))
            row["hedges"] = sorted(
                [s, e] for k, s, e in found.get("hedge", []) if k in own and not _same(row.get("cue"), s, e)
            )
            row["verification"] = self._verification(row, own, found, cues_of.get(_who(row), []))
            row["insertions"] = (
                self._insertions(text, row["content"]) if row["kind"] == "direct_quote" else []
            )

    def _verification(
        self, row: dict, own: set[int], found: dict, own_cues: list[list[int]]
    ) -> dict | None:
        cue = row.get("cue")
        anchor = (cue or row["content"])[0]
        near = {max(own) + d for d in range(1, self.adjacent_sentences + 1)}
        for scope in (own, near):
            best: tuple[int, str, int, int] | None = None
            for status in STATUSES:
                for k, s, e in found.get(status, []):
                    if k not in scope or any(_inside(c, s, e) for c in own_cues):
                        continue
                    dist = abs(s - anchor)
                    if best is None or dist < best[0]:
                        best = (dist, status, s, e)
            if best is not None:
                return {"status": best[1], "evidence": [best[2], best[3]]}
        return None

    def _insertions(self, text: str, content: list[int]) -> list[list[int]]:
        out: list[list[int]] = []
        s, e = content
        for open_, close in self.brackets:
            pos = text.find(open_, s, e)
            while pos >= 0:
                end = text.find(close, pos + 1, e)
                if end < 0:
                    break
                out.append([pos, end + len(close)])
                pos = text.find(open_, end + 1, e)
        return sorted(out)


def _sentences(starts: list[int], content: list[int], cue: list[int] | None) -> set[int]:
    """Indices of the sentences a claim's content and cue touch."""
    lo = min(content[0], cue[0]) if cue else content[0]
    hi = max(content[1], cue[1]) if cue else content[1]
    first = max(bisect.bisect_right(starts, lo) - 1, 0)
    last = max(bisect.bisect_right(starts, max(hi - 1, lo)) - 1, 0)
    return set(range(first, last + 1))


def _who(row: dict) -> str:
    """Who a claim row is attributed through: its source mention, else its own cue."""
    sm = row.get("source_mention")
    return f"s{sm[0]}:{sm[1]}" if sm else f"c{row.get('cue')}"


def _same(cue: list[int] | None, s: int, e: int) -> bool:
    return cue is not None and cue[0] == s and cue[1] == e


def _inside(cue: list[int] | None, s: int, e: int) -> bool:
    return cue is not None and cue[0] <= s and e <= cue[1]
