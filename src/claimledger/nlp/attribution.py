"""Direct quotes, reported speech, according-to and headline-dash attributions.

The stage finds attribution frames in four independent finders and writes one plain row per
claim on ``doc._.claims`` (contract in `extensions.py`):

* direct quotes (`quotes.find_stretches`), each given the speaker of the nearest cue in its
  own sentence (after the closing mark, or before the opening one), else of the frame that
  introduces it ("Shoigu said:" closing the previous paragraph), else of the quote it
  continues or directly follows; a quote of at most `scare_max_words` words is a scare quote,
  not a claim;
* reported speech under a cue verb and nominal frames ("the figure given by X"), see
  `reported.py`;
* according-to frames;
* headline dashes ("Nearly 2,000 … at Azovstal – Russia").

The sources stage resolves each `source_mention` to an entity; the hedges stage fills
`verification`, `hedges` and `insertions`. `stated_on` is set only when a dated time
expression (from `doc._.times`) sits in the claim's own frame — the assembler infers the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.data import load_lexicon
from claimledger.nlp.according import (
    find_according,
    find_adverbial,
    find_nominal,
    find_noun_frames,
)
from claimledger.nlp.claim_dates import stated_on
from claimledger.nlp.claim_rows import (
    chars,
    claim_row,
    inside_any,
    own_paragraph,
    paragraph_of,
    starts_paragraph,
    token_before,
)
from claimledger.nlp.complements import clause_after
from claimledger.nlp.cue_model import CueModel, frame_features, load_cue_model
from claimledger.nlp.headlines import dash_headlines, present_forms, title_frames
from claimledger.nlp.quotes import (
    QuoteMarks,
    Stretch,
    find_stretches,
    looks_like_title,
    paragraphs,
)
from claimledger.nlp.reported import (
    CueLexicon,
    Frame,
    cue_range,
    find_verb_frames,
    frame_range,
    scan,
    subject_range,
    subtree,
    trim,
)


@dataclass
class _Quote:
    stretch: Stretch
    cue: tuple[int, int] | None = None  # char offsets
    source: tuple[int, int] | None = None
    anchor: int | None = None  # token index of the cue verb
    frame: list[int] | None = None  # chars of the cue verb's subtree (where its date may be)
    paragraph: int = 0


class AttributionFinder:
    """Direct quotes, reported speech, according-to and headline-dash attributions."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon: str,
        scare_max_words: int = 3,
        tail_max_tokens: int = 20,
        headline_max_source_words: int = 5,
        model: str | None = "attribution_cues",
        threshold: float | None = None,
        drop_nested: bool = True,
        title_max_words: int = 20,
        title_capitalised: float = 0.7,
        quoted_title_max_words: int = 8,
    ) -> None:
        """Config (factory keys `lexicon`, `model`, `threshold`; the rest are constructor
        defaults): `model` names packaged cue-model weights (None: lexicon rules only),
        `threshold` overrides the model's own; `scare_max_words` is the longest scare quote;
        `tail_max_tokens` how far after a closing mark a speaker is looked for;
        `headline_max_source_words` the longest headline source; `drop_nested` whether frames
        inside another claim's content are dropped; `title_*` what counts as a Title Case line (`title_capitalised` also for a quoted title
        of at most `quoted_title_max_words` words).
        """
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.marks = QuoteMarks.from_lexicon(lex["quote_marks"])
        self.cues = CueLexicon.from_lexicon(lex)
        self.dashes = frozenset(lex["headline"]["dashes"])
        self.alone_final = frozenset(lex["quote_marks"]["said_alone_final"])
        self.scare_max_words = scare_max_words
        self.tail_max_tokens = tail_max_tokens
        self.headline_max_source_words = headline_max_source_words
        self.drop_nested = drop_nested
        self.title_cues = present_forms(self.cues.speech)
        self.title_max_words = title_max_words
        self.title_capitalised = title_capitalised
        self.quoted_title_max_words = quoted_title_max_words
        self._text = ""  # the current doc's text, set by `quotes` (called first by `find`)
        self.model: CueModel | None = load_cue_model(model) if model else None
        # a configured threshold holds for every family; else the model's own, per family
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        rows = self.find(doc)
        self.set_annotations(doc, rows)
        return doc

    # -- finding ---------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[dict]:
        """All claim rows of `doc`, in text order."""
        quotes, in_quote = self.quotes(doc)
        quote_rows = self._quote_rows(doc, quotes, in_quote)
        scanned = scan(doc, self.cues)
        accept = self._accept if self.model else None
        frames = find_verb_frames(doc, self.cues, in_quote, accept, scanned)
        frames += find_according(doc, self.cues, in_quote, scanned)
        frames += find_nominal(doc, self.cues, in_quote, scanned)
        frames += find_adverbial(doc, self.cues, in_quote, scanned)
        frames += find_noun_frames(doc, self.cues, in_quote, scanned, accept)
        anchors = {f.anchor for f in frames if f.anchor is not None}
        # "was quoted as [saying X]": the inner cue's frame wins over the outer one
        frames = [f for f in frames if f.content[0] not in anchors or f.content[0] == f.anchor]
        rows = list(quote_rows)
        seen: set[tuple] = set()
        for frame in frames:
            row = self._frame_row(doc, frame)
            if row is None or inside_any(row["content"], quotes):
                continue  # a clause inside quotation marks is the direct quote's claim
            key = (tuple(row["content"]), tuple(row["cue"] or ()))
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)
        rows += self._colon_rows(doc, in_quote, {r["_anchor"] for r in rows})
        rows = self.nested_policy(rows)
        titles = self._title_rows(doc)
        if titles:
            lines = [t["_line"] for t in titles]
            rows = [r for r in rows if not any(a <= (r["cue"] or r["content"])[0] < b for a, b in lines)]
            for t in titles:
                del t["_line"]
            rows += titles
        rows += self._headline_rows(doc)
        for row in rows:
            row["stated_on"] = self._stated_on(doc, row, quotes)
            del row["_anchor"], row["_frame"]
        rows.sort(key=lambda r: (r["content"][0], -r["content"][1], r["kind"]))
        return rows

    def nested_policy(self, rows: list[dict]) -> list[dict]:
        """Drop reported frames that sit, cue and all, inside another claim's content.

        "Kuleba said Russia had committed a war crime and called for condemnation": the inner
        "called for" is part of what Kuleba said, not a claim the outlet attributes. (Frames
        inside quotes never form; see `quotes`.)
        """
        if not self.drop_nested:
            return rows
        outer = [r["content"] for r in rows]

        def nested(row: dict) -> bool:
            cue, content = row["cue"] or row["content"], row["content"]
            return any(
                o is not content and o[0] <= cue[0] and cue[1] <= o[1]
                and o[0] <= content[0] and content[1] <= o[1] and o != content
                for o in outer
            )

        return [r for r in rows if r["kind"] == "direct_quote" or not nested(r)]

    def quotes(self, doc: Doc) -> tuple[list[Stretch], list[bool]]:
        """Quoted stretches that are claims, and which tokens they cover.

        A quoted title ('on “Meet the Press”', see `looks_like_title`) is never a claim. A
        stretch of at most `scare_max_words` words is a scare quote ('their “combat
        mission” in Mariupol') unless it is said on its own: it ends with punctuation inside
        the marks and a speaker follows ('“Really?” he asked') or introduces it ('he said, “…”').
        """
        text = self._text = doc.text  # doc.text joins all tokens: build it once
        stretches = [q for q in find_stretches(text, self.marks) if not self._quoted_title(q)]
        long_ = [q for q in stretches if len(text[q.start : q.end].split()) > self.scare_max_words]
        in_quote = self._mask(doc, long_)
        quotes = [
            q
            for q in stretches
            if len(text[q.start : q.end].split()) > self.scare_max_words
            or self._said_alone(doc, q, in_quote)
        ]
        if len(quotes) != len(long_):
            in_quote = self._mask(doc, quotes)
        return quotes, in_quote

    def _quoted_title(self, q: Stretch) -> bool:
        """A quoted title in a prose paragraph (in a Title Case headline every quote looks
        like one, and there it is what the headline attributes)."""
        text = self._text
        if not looks_like_title(
            text[q.start : q.end].split(), self.title_capitalised, self.quoted_title_max_words
        ):
            return False
        start = text.rfind("\n", 0, q.open_at) + 1
        end = text.find("\n", q.open_at)
        line = text[start : end if end >= 0 else len(text)].split()
        return not looks_like_title(line, self.title_capitalised, len(line))

    def _said_alone(self, doc: Doc, q: Stretch, in_quote: list[bool]) -> bool:
        text = self._text
        if not q.closed or q.close_at is None or text[q.end - 1] not in self.alone_final:
            return False
        if self._tail_cue(doc, q.close_at + 1, in_quote) is not None:
            return True
        lead = token_before(doc, q.open_at)
        return (
            lead is not None
            and lead.text in self.alone_final
            and self._lead_cue(doc, lead, in_quote) is not None
        )

    @staticmethod
    def _mask(doc: Doc, quotes: list[Stretch]) -> list[bool]:
        in_quote = [False] * len(doc)
        for q in quotes:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for k in range(span.start, span.end):
                    in_quote[k] = True
        return in_quote

    def _accept(self, tok: Token, frame: Frame, how: str) -> bool:
        assert self.model is not None
        features = frame_features(tok, frame, how, self.cues)
        if self.threshold is not None:
            return self.model.score(features) >= self.threshold
        return self.model.accepts(features, how)

    def set_annotations(self, doc: Doc, rows: list[dict]) -> None:
        """Append the rows to ``doc._.claims`` (another stage may have written some)."""
        doc._.claims = list(doc._.claims or []) + rows

    # -- direct quotes ---------------------------------------------------------------------

    def _quote_rows(self, doc: Doc, quotes: list[Stretch], in_quote: list[bool]) -> list[dict]:
        text = self._text
        paras = paragraphs(text)
        found: list[_Quote] = []
        by_group: dict[int, _Quote] = {}
        for stretch in quotes:
            q = _Quote(stretch, paragraph=paragraph_of(paras, stretch.open_at))
            verb, own = self._speaker_in_sentence(doc, stretch, in_quote)
            if not own and found and self._continues(doc, found[-1], q):
                _inherit(q, found[-1])  # "“A,” Trump asked, smiling. “B?”": B is Trump's too
                verb = None
            elif verb is None:
                verb = self._introducing_frame(doc, paras, q.paragraph, in_quote)
            if verb is not None:
                self._attach(doc, q, verb)
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

    def _attach(self, doc: Doc, q: _Quote, verb: Token) -> None:
        """Give quote `q` the cue `verb`, its subject as source (or, for "…,” according to
        X", X), never reaching back over a paragraph break."""
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if nxt is not None and (verb.lower_, nxt.lower_) in self.cues.according:
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            subj = trim(doc, *subtree(obj)) if obj is not None else None
            cue = (verb.i, verb.i + 2)
        else:
            subj = subject_range(verb, self.cues)
            cue = cue_range(verb, self.cues)
        q.anchor = verb.i
        q.cue = chars(doc, cue)
        q.source = self._in_paragraph(chars(doc, subj) if subj is not None else None)
        q.frame = chars(doc, frame_range(verb))

    def _in_paragraph(self, source: list[int] | None) -> list[int] | None:
        """The part of a source mention in the cue's paragraph: a parse that joins a
        headline to the next paragraph's subject must not make the headline a speaker."""
        if source is None:
            return None
        cut = self._text.rfind("\n", source[0], source[1])
        if cut < 0:
            return source
        start = cut + 1
        while start < source[1] and self._text[start].isspace():
            start += 1
        return [start, source[1]] if start < source[1] else None

    def _speaker_in_sentence(
        self, doc: Doc, stretch: Stretch, in_quote: list[bool]
    ) -> tuple[Token | None, bool]:
        """A cue verb right after the closing mark, else before the opening one; and whether
        it is the quote's own (after it, or introducing it with ':' or ','), not merely the
        nearest cue before it (a weaker guess)."""
        text = self._text
        lead_end = stretch.open_at
        lead_tok = token_before(doc, lead_end)
        if lead_tok is not None and "\n" in text[lead_tok.idx : lead_end]:
            lead_tok = None  # a frame in the previous paragraph is only a fallback
        lead_colon = text[:lead_end].rstrip()[-1:] in {":", ","}
        lead = self._lead_cue(doc, lead_tok, in_quote) if lead_tok is not None else None
        if lead is not None and lead_colon:
            return lead, True
        if stretch.close_at is not None and not self._ends_sentence(doc, stretch):
            tail = self._tail_cue(doc, stretch.close_at + 1, in_quote)
            if tail is not None:
                return tail, True
        return lead, False

    def _continues(self, doc: Doc, prev: _Quote, q: _Quote) -> bool:
        """Whether quote `q` goes on with `prev`'s words: same paragraph, and nothing between
        them but the one sentence that attributes `prev` ("“A,” he said. “B.”") or a
        conjunction ("is “a big problem” but “nobody has the guts …”")."""
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

    def _ends_sentence(self, doc: Doc, stretch: Stretch) -> bool:
        """A quote closed by a full stop inside its marks and followed by a new sentence
        ("… stop its dangerous escapades.” The agency said …"): the next sentence's cue is
        not this quote's."""
        text = self._text
        if stretch.close_at is None or not text[: stretch.close_at].rstrip().endswith("."):
            return False
        nxt = doc.char_span(stretch.close_at + 1, len(text), alignment_mode="expand")
        if nxt is None:
            return False
        first = next((t for t in nxt if not t.is_space), None)
        return first is not None and first.is_sent_start and first.is_title

    def _tail_cue(self, doc: Doc, char: int, in_quote: list[bool]) -> Token | None:
        span = doc.char_span(char, len(self._text), alignment_mode="expand")
        if span is None:
            return None
        for tok in doc[span.start : span.start + self.tail_max_tokens]:
            if "\n" in tok.text or in_quote[tok.i] or tok.text in self.marks.opening:
                return None
            if self._is_cue(tok):
                return tok
            if tok.is_sent_end and tok.is_punct and tok.text not in self.marks.closing:
                return None
        return None

    def _lead_cue(self, doc: Doc, last: Token, in_quote: list[bool]) -> Token | None:
        k = last.i
        while k >= 0:
            tok = doc[k]
            if "\n" in tok.text or in_quote[tok.i]:
                return None
            if self._is_cue(tok):
                return tok
            if k < last.i and tok.is_punct and tok.text in {".", "?", "!"}:
                return None
            k -= 1
        return None

    def _introducing_frame(
        self, doc: Doc, paras: list[tuple[int, int]], p: int, in_quote: list[bool]
    ) -> Token | None:
        """A quote opening its paragraph takes a cue that ends the previous one with ':'."""
        if p == 0:
            return None
        prev_start, prev_end = paras[p - 1]
        if not self._text[prev_start:prev_end].rstrip().endswith(":"):
            return None
        last = token_before(doc, prev_end)
        return self._lead_cue(doc, last, in_quote) if last is not None else None

    def _is_cue(self, tok: Token) -> bool:
        return tok.pos_ == "VERB" and self.cues.is_cue_lemma(tok.lemma_.lower())

    # -- other frames ----------------------------------------------------------------------

    def _colon_rows(self, doc: Doc, in_quote: list[bool], anchors: set) -> list[dict]:
        """"The ministry said in a statement:" closing a paragraph, and the next paragraph
        without quotation marks (statements pasted from Telegram, tweets): that paragraph is
        the content. (With marks, it is a direct quote; see `_introducing_frame`.)"""
        text = self._text
        paras = paragraphs(text)
        rows = []
        for (ps, pe), (ns, ne) in zip(paras, paras[1:], strict=False):
            if not text[ps:pe].rstrip().endswith(":"):
                continue
            first = text[ns:ne].lstrip()[:1]
            if first in self.marks.opening or first in self.marks.straight:
                continue
            last = token_before(doc, pe)
            verb = self._lead_cue(doc, last, in_quote) if last is not None else None
            if verb is None or verb.i in anchors:
                continue
            subj = subject_range(verb, self.cues)
            content = [ns + len(text[ns:ne]) - len(text[ns:ne].lstrip()), ne - (len(text[ns:ne]) - len(text[ns:ne].rstrip()))]
            rows.append(
                claim_row(
                    "indirect",
                    content,
                    chars(doc, cue_range(verb, self.cues)),
                    chars(doc, subj) if subj is not None else None,
                    verb.i,
                    chars(doc, frame_range(verb)),
                )
            )
        return rows

    def _frame_row(self, doc: Doc, frame: Frame) -> dict | None:
        content = chars(doc, frame.content)
        if content is None:
            return None
        if frame.cue is not None:
            cue = chars(doc, frame.cue)
            gap = (cue[1], content[0]) if cue[1] <= content[0] else (content[1], cue[0])
            if "\n" in self._text[gap[0] : gap[1]]:
                # the parser joined two paragraphs; the colon rule reads frames ending in ':'
                return self._paragraph_rescue(doc, frame)
            content = self._own_paragraph(content, cue)
            if content is None:
                return None
        return claim_row(
            frame.kind,
            content,
            chars(doc, frame.cue) if frame.cue else None,
            self._in_paragraph(chars(doc, frame.source) if frame.source else None),
            frame.anchor,
            chars(doc, frame.frame) if frame.frame else None,
        )

    def _own_paragraph(self, content: list[int], cue: list[int]) -> list[int] | None:
        return own_paragraph(self._text, content, cue)

    def _paragraph_rescue(self, doc: Doc, frame: Frame) -> dict | None:
        """A speech verb whose parsed complement lies in the previous paragraph: its content
        is the clause after it in its own paragraph, its source a subject in that paragraph."""
        verb = doc[frame.anchor] if frame.anchor is not None else None
        if verb is None or frame.content[0] > verb.i or verb.lemma_.lower() not in self.cues.speech:
            return None
        cue = cue_range(verb, self.cues)
        content = clause_after(doc, cue[1], self.cues)
        if content is None:
            return None
        source = frame.source
        if source is not None and any("\n" in t.text for t in doc[source[0] : cue[0]]):
            source = None
        return claim_row("indirect", chars(doc, content), chars(doc, cue), chars(doc, source),
                    frame.anchor, chars(doc, frame_range(verb)))

    def _title_rows(self, doc: Doc) -> list[dict]:
        rows = []
        for content, cue, source, line in title_frames(
            self._text, self.title_cues, self.headline_max_source_words,
            self.title_max_words, self.title_capitalised, self.alone_final,
        ):
            row = claim_row("indirect", content, cue, source, None, None)
            row["_line"] = line
            rows.append(row)
        return rows

    def _headline_rows(self, doc: Doc) -> list[dict]:
        return [
            claim_row("headline", content, cue, source, None, None)
            for content, cue, source in dash_headlines(
                self._text, self.dashes, self.headline_max_source_words
            )
        ]

    def _stated_on(self, doc: Doc, row: dict, quotes: list[Stretch]) -> dict | None:
        blocked = [(q.open_at, (q.close_at or q.end) + 1) for q in quotes]
        return stated_on(self._text, doc._.times or [], row, row.get("_frame"), blocked)


def _inherit(q: _Quote, other: _Quote) -> None:
    q.cue, q.source, q.anchor, q.frame = other.cue, other.source, other.anchor, other.frame


__all__ = ["AttributionFinder"]
