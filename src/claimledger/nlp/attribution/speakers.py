"""Who says a direct quote: the cue verb near it, its subject, and the quotes that share it.

Each quote is given the speaker of the nearest cue in its own sentence (after the closing
mark, or before the opening one), else of the frame that introduces it ("Shoigu said:"
closing the previous paragraph), else of the quote it continues or directly follows. The
same cue search reads "said in a statement:" before an unquoted paragraph (`lead_cue`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimledger.nlp.attribution.frames import CueLexicon, Page, subtree, trim
from claimledger.nlp.attribution.quotes import QuoteMarks, Stretch, paragraphs
from claimledger.nlp.attribution.reported import cue_range, frame_range, subject_range
from claimledger.nlp.attribution.rows import (
    chars,
    claim_row,
    in_paragraph,
    paragraph_of,
    starts_paragraph,
    token_before,
)


@dataclass
class _Quote:
    stretch: Stretch
    cue: tuple[int, int] | None = None  # char offsets
    source: tuple[int, int] | None = None
    anchor: int | None = None  # token index of the cue verb
    frame: list[int] | None = None  # chars of the cue verb's subtree (where its date may be)
    paragraph: int = 0


class Speakers:
    """Finds the cue verb and source of quoted stretches; keeps configuration only."""

    def __init__(
        self, marks: QuoteMarks, cues: CueLexicon, alone_final: frozenset[str], tail_max_tokens: int
    ) -> None:
        self.marks = marks
        self.cues = cues
        self.alone_final = alone_final
        self.tail_max_tokens = tail_max_tokens

    def quote_rows(self, page: Page, quotes: list[Stretch]) -> list[dict]:
        """One direct-quote row per stretch, with the speaker each one is given."""
        text = page.text
        paras = paragraphs(text)
        found: list[_Quote] = []
        by_group: dict[int, _Quote] = {}
        for stretch in quotes:
            q = _Quote(stretch, paragraph=paragraph_of(paras, stretch.open_at))
            verb, own = self._speaker_in_sentence(page, stretch)
            if not own and found and self._continues(page, found[-1], q):
                _inherit(q, found[-1])  # "“A,” Trump asked, smiling. “B?”": B is Trump's too
                verb = None
            elif verb is None:
                verb = self._introducing_frame(page, paras, q.paragraph)
            if verb is not None:
                self._attach(page, q, verb)
            if q.anchor is None and stretch.group in by_group:
                _inherit(q, by_group[stretch.group])
            if q.anchor is None and found and found[-1].anchor is not None:
                prev = found[-1]
                if q.paragraph - prev.paragraph <= 1 and starts_paragraph(text, paras, stretch):
                    _inherit(q, prev)
            found.append(q)
            if q.anchor is not None:
                for other in found:
                    if other.stretch.group == stretch.group and other.anchor is None:
                        _inherit(other, q)
                by_group.setdefault(stretch.group, q)
        rows = []
        for q in found:
            s, e = q.stretch.start, q.stretch.end
            while e > s and text[e - 1] in ",;:":
                e -= 1
            rows.append(
                claim_row("direct_quote", [s, e], q.cue, q.source, q.anchor, q.frame)
            )
        return rows

    def said_alone(self, page: Page, q: Stretch) -> bool:
        """A short quote ending with its own punctuation, with a speaker after it ('“Really?”
        he asked') or introducing it ('he said, “…”'): said, not a scare quote."""
        text = page.text
        if not q.closed or q.close_at is None or text[q.end - 1] not in self.alone_final:
            return False
        if self._tail_cue(page, q.close_at + 1) is not None:
            return True
        lead = token_before(page.doc, q.open_at)
        return (
            lead is not None
            and lead.text in self.alone_final
            and self.lead_cue(page, lead) is not None
        )

    def _attach(self, page: Page, q: _Quote, verb: Token) -> None:
        """Give quote `q` the cue `verb`, its subject as source (or, for "…,” according to
        X", X), never reaching back over a paragraph break."""
        doc = page.doc
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if nxt is not None and (verb.lower_, nxt.lower_) in self.cues.according:
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            subj = trim(doc, *subtree(obj)) if obj is not None else None
            cue = (verb.i, verb.i + 2)
        else:
            subj = subject_range(verb, self.cues)
            if subj is None and verb.i > 0 and q.stretch.close_at is not None \
                    and q.stretch.close_at < doc[verb.i].idx:
                subj = self._inverted_speaker(verb)
            cue = cue_range(verb, self.cues)
        q.anchor = verb.i
        q.cue = chars(doc, cue)
        q.source = in_paragraph(page.text, chars(doc, subj) if subj is not None else None)
        q.frame = chars(doc, frame_range(verb))

    def _inverted_speaker(self, verb: Token) -> tuple[int, int] | None:
        """'“…,” stated the Israeli military.', '“…,” read the statement.': a cue verb right
        after a quote, with no subject, and a noun phrase after it. The quote fills the verb's
        content slot, so the parser takes the speaker for its object; it is the subject."""
        doc = verb.doc
        for child in verb.rights:
            if child.dep_ in self.cues.inverted_subject_deps and child.pos_ in {"NOUN", "PROPN"}:
                lo = child.left_edge.i
                if lo != verb.i + 1 and not all(t.is_punct for t in doc[verb.i + 1 : lo]):
                    return None
                end = child.i + 1
                for right in child.rights:
                    if right.dep_ in self.cues.cut_source_deps or right.is_punct:
                        break
                    end = right.right_edge.i + 1
                return trim(doc, lo, end)
        return None

    def _speaker_in_sentence(self, page: Page, stretch: Stretch) -> tuple[Token | None, bool]:
        """A cue verb right after the closing mark, else before the opening one; and whether
        it is the quote's own (after it, or introducing it with ':' or ','), not merely the
        nearest cue before it (a weaker guess)."""
        text = page.text
        lead_end = stretch.open_at
        lead_tok = token_before(page.doc, lead_end)
        if lead_tok is not None and "\n" in text[lead_tok.idx : lead_end]:
            lead_tok = None  # a frame in the previous paragraph is only a fallback
        lead_colon = text[:lead_end].rstrip()[-1:] in {":", ","}
        lead = self.lead_cue(page, lead_tok) if lead_tok is not None else None
        if lead is not None and lead_colon:
            return lead, True
        if stretch.close_at is not None and not self._ends_sentence(page, stretch):
            tail = self._tail_cue(page, stretch.close_at + 1)
            if tail is not None:
                if lead is not None and _governs(lead, page, stretch) and lead in tail.ancestors:
                    return lead, True  # "X reported “…” among those hurt in what Y says was …"
                return tail, True
        return lead, False

    def _continues(self, page: Page, prev: _Quote, q: _Quote) -> bool:
        """Whether quote `q` goes on with `prev`'s words: same paragraph, and nothing between
        them but the one sentence that attributes `prev` ("“A,” he said. “B.”") or a
        conjunction ("is “a big problem” but “nobody has the guts …”")."""
        doc = page.doc
        if prev.anchor is None or prev.stretch.close_at is None or prev.paragraph != q.paragraph:
            return False
        gap = doc.char_span(prev.stretch.close_at + 1, q.stretch.open_at, alignment_mode="contract")
        if gap is not None and len(gap) <= 3 and any(t.pos_ == "CCONJ" for t in gap):
            return all(t.is_punct or t.is_space or t.pos_ == "CCONJ" for t in gap)
        anchor = doc[prev.anchor]
        if gap is None or not (gap.start <= anchor.i < gap.end):
            return False
        sent = anchor.sent
        return all(t.is_punct or t.is_space or sent.start <= t.i < sent.end for t in gap)

    def _ends_sentence(self, page: Page, stretch: Stretch) -> bool:
        """A quote closed by a full stop inside its marks and followed by a new sentence
        ("… stop its dangerous escapades.” The agency said …"): the next sentence's cue is
        not this quote's."""
        text = page.text
        if stretch.close_at is None or not text[: stretch.close_at].rstrip().endswith("."):
            return False
        nxt = page.doc.char_span(stretch.close_at + 1, len(text), alignment_mode="expand")
        if nxt is None:
            return False
        first = next((t for t in nxt if not t.is_space), None)
        return first is not None and first.is_sent_start and first.is_title

    def _tail_cue(self, page: Page, char: int) -> Token | None:
        doc = page.doc
        span = doc.char_span(char, len(page.text), alignment_mode="expand")
        if span is None:
            return None
        for tok in doc[span.start : span.start + self.tail_max_tokens]:
            if "\n" in tok.text or page.in_quote[tok.i] or tok.text in self.marks.opening:
                return None
            if self._is_cue(tok) or (tok.pos_ == "VERB" and tok.lemma_.lower() in self.cues.quote_tail_verbs):
                return tok
            if tok.is_sent_end and tok.is_punct and tok.text not in self.marks.closing:
                return None
        return None

    def lead_cue(self, page: Page, last: Token) -> Token | None:
        """The nearest cue verb at or before token `last`, in its sentence and paragraph and
        outside quotes."""
        doc = page.doc
        k = last.i
        while k >= 0:
            tok = doc[k]
            if "\n" in tok.text or page.in_quote[tok.i]:
                return None
            if self._is_cue(tok):
                return tok
            if k < last.i and tok.is_punct and tok.text in {".", "?", "!"}:
                return None
            k -= 1
        return None

    def _introducing_frame(self, page: Page, paras: list[tuple[int, int]], p: int) -> Token | None:
        """A quote opening its paragraph takes a cue that ends the previous one with ':'."""
        if p == 0:
            return None
        prev_start, prev_end = paras[p - 1]
        if not page.text[prev_start:prev_end].rstrip().endswith(":"):
            return None
        last = token_before(page.doc, prev_end)
        return self.lead_cue(page, last) if last is not None else None

    def _is_cue(self, tok: Token) -> bool:
        return tok.pos_ == "VERB" and self.cues.is_cue_lemma(tok.lemma_.lower())


def _inherit(q: _Quote, other: _Quote) -> None:
    q.cue, q.source, q.anchor, q.frame = other.cue, other.source, other.anchor, other.frame


def _governs(verb: Token, page: Page, stretch: Stretch) -> bool:
    """Whether the quote is part of what cue `verb` (before it) governs: its object or
    complement ("A UN team has reported “a large number of gunshot wounds” among …"). A cue
    after the quote that sits deeper in that same phrase ("… during what Israel says was a
    crush") is about something else inside the reported words, not the quote's speaker."""
    span = page.doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    first = span[0]
    return verb.i < first.i and verb in first.ancestors
