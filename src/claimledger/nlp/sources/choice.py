"""Which mention is a claim's source: the rule's choice, re-ranked by a small learned model.

Why: attribution gives each claim the subject of its cue (or the speaker of the nearest cue,
for a quote) by hand rules. They are right most of the time, but the rules cannot weigh
their own doubt against the other speech-capable mentions around the claim — a relative
"who" against its antecedent, a bare subject against a clearer one a sentence before, a
speaker where the rules found none. This module lists those candidates for each claim,
describes each with a few sparse features (entity type, head-noun class from the sources
lexicon, dependency role and relation to the cue, distance, same sentence or paragraph,
headline, pronoun, the rule's own vote) and scores them with a logistic model trained on
PolNeAR train (`bench/train_source_choice.py`, card `data/weights/source_choice.md`).

The rule's choice is kept unless another candidate scores higher by the model's `margin`
(chosen on held-out train documents), so the model changes a source only where it is
confident; a claim the rules gave a source is never left without one. Inference is a sum of weights per candidate: no scikit-learn at run time. Every
decision can be explained (`explain`): the candidates, their features and scores, and why
the chosen one won.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimledger.data import weights_path
from claimledger.errors import ModelError
from claimledger.nlp.sources.context import Vocabulary, trim

_NP_POS = frozenset({"PROPN", "NOUN", "PRON"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "prep"})
_WINDOW_SENTENCES = 1  # the cue's sentence and this many before it (and after a quote)
_MAX_TOKENS = 40  # a longer noun phrase is not a speaker's name
_WINDOW_TOKENS = 60  # and never further than this from the cue or the quote


@dataclass
class Candidate:
    """One possible source of a claim: a char span (None for "no source") and its features."""

    span: tuple[int, int] | None
    origin: str  # "rule", "np", "np-core", "none"
    features: list[str] = field(default_factory=list)
    score: float = 0.0

    def as_dict(self, text: str, weights: dict[str, float]) -> dict:
        """The candidate as plain data for `--explain`: features with their weights."""
        return {
            "text": text[self.span[0] : self.span[1]] if self.span else None,
            "span": list(self.span) if self.span else None,
            "origin": self.origin,
            "score": round(self.score, 4),
            "features": {f: round(weights.get(f, 0.0), 4) for f in self.features},
        }


@dataclass(frozen=True)
class ChoiceModel:
    """Feature weights and the margin by which a candidate must beat the rule's choice: one
    to replace a source the rules found (`margin`), one to give a source to a claim the
    rules left without one (`fill_margin`; a wrong guess there loses no right answer)."""

    weights: dict[str, float]
    margin: float
    fill_margin: float | None = None

    def margin_for(self, has_rule: bool) -> float:
        return self.margin if has_rule or self.fill_margin is None else self.fill_margin

    def score(self, features: list[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)


@cache
def load_choice_model(name: str) -> ChoiceModel:
    """Load packaged weights `claimledger/data/weights/NAME.json` once per process."""
    path = weights_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fill = data.get("fill_margin")
        return ChoiceModel(weights=dict(data["weights"]), margin=float(data["margin"]),
                           fill_margin=None if fill is None else float(fill))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot load source choice model {name!r}: {exc}") from exc


def _bucket(n: int) -> str:
    if n <= 0:
        return "0"
    if n <= 2:
        return "1-2"
    if n <= 5:
        return "3-5"
    if n <= 10:
        return "6-10"
    if n <= 20:
        return "11-20"
    return "21+"


class SourceChooser:
    """Lists the candidate sources of each claim, scores them, and keeps or replaces the
    rule's choice; keeps configuration only (one document's state lives in `_Page`)."""

    def __init__(self, vocab: Vocabulary, model: ChoiceModel | None) -> None:
        self.v = vocab
        self.model = model

    # -- candidates ------------------------------------------------------------------------
    def candidates(self, page: _Page, ci: int) -> list[Candidate]:
        """The rule's source, every speech-capable noun phrase in the claim's sentence and the
        one before it (outside the claim's content and the cue), each cut three ways (up to a
        relative clause or comma, head and premodifiers, whole subtree), and "no source"."""
        claim = page.claims[ci]
        rule = claim.get("source_mention")
        spans: dict[tuple[int, int], str] = {}
        if rule:
            spans[(int(rule[0]), int(rule[1]))] = "rule"
        anchor = page.anchor(claim)
        if anchor is not None:
            doc = page.doc
            content = claim.get("content") or [0, 0]
            lo, hi = page.window(anchor, claim)
            cue_i = anchor.i if claim.get("cue") else None
            for tok in doc[lo:hi]:
                if not self._speech_capable(tok) or content[0] <= tok.idx < content[1]:
                    continue
                variants = (("np", self._np(doc, tok)), ("np-core", self._core(doc, tok)),
                            ("np-full", trim(doc, tok.left_edge.i, tok.right_edge.i + 1)))
                for origin, (a, b) in variants:
                    if b <= a or (cue_i is not None and a <= cue_i < b) or b - a > _MAX_TOKENS:
                        continue
                    key = (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
                    if content[0] <= key[0] < content[1] or key[0] < content[0] < key[1]:
                        continue
                    spans.setdefault(key, origin)
        out = [Candidate(span, origin) for span, origin in sorted(spans.items())]
        out.append(Candidate(None, "none"))
        for cand in out:
            cand.features = self.features(page, ci, cand)
        return out

    def _speech_capable(self, tok: Token) -> bool:
        """A token that can head a speaker's noun phrase: a person or body, a source-kind
        noun, or a pronoun (relative pronouns included: PolNeAR marks "who" as the source)."""
        if tok.pos_ not in _NP_POS or tok.dep_ in _MODIFIER_DEPS or tok.dep_ == "poss":
            return False
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PRON":
            return low in self.v.pronoun_class or low in self.v.deictic
        if tok.ent_type_ in _SPEAKER_ENTS:
            return tok.ent_iob_ != "B" or tok.dep_ != "compound"
        return low in self.v.nominal_heads or lemma in self.v.nominal_heads

    @staticmethod
    def _np(doc: Doc, head: Token) -> tuple[int, int]:
        """The noun phrase up to a relative clause (as attribution's own subject spans)."""
        end = head.right_edge.i + 1
        for child in head.rights:
            if child.dep_ in ("relcl", "acl") or (child.dep_ == "punct" and child.text in {",", "(", "—", "–"}):
                end = child.left_edge.i
                break
        return trim(doc, head.left_edge.i, max(end, head.i + 1))

    @staticmethod
    def _core(doc: Doc, head: Token) -> tuple[int, int]:
        """The head and its premodifiers only ("Trump" of "Trump, the nominee, ...")."""
        start = head.i
        for child in head.lefts:
            if child.dep_ not in ("det", "punct", "cc", "preconj", "predet"):
                start = min(start, child.left_edge.i)
        return trim(doc, start, head.i + 1)

    # -- features --------------------------------------------------------------------------
    def features(self, page: _Page, ci: int, cand: Candidate) -> list[str]:
        """Sparse string features of one candidate for claim `ci`."""
        claim = page.claims[ci]
        kind = claim.get("kind") or "none"
        rule = claim.get("source_mention")
        has_rule = "yes" if rule else "no"
        if cand.span is None:
            return ["null", f"null+kind={kind}", f"null+rule={has_rule}", f"null+kind+rule={kind}+{has_rule}"]
        doc = page.doc
        span = doc.char_span(cand.span[0], cand.span[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            return ["bias", "unaligned"]
        head = span.root
        is_rule = "yes" if rule and (int(rule[0]), int(rule[1])) == cand.span else "no"
        anchor = page.anchor(claim)
        rel = self._relation(head, anchor, page)
        form = self._form(head)
        cls = self._head_class(head)
        ent = head.ent_type_ or head.pos_
        if anchor is not None:
            dist = abs(head.i - anchor.i)
            side = "before" if head.i < anchor.i else "after"
            sent = page.sent_index(head.i) - page.sent_index(anchor.i)
            para = page.para_of(head.idx) - page.para_of(anchor.idx)
        else:
            dist, side, sent, para = 99, "none", -9, -9
        sent_rel = {0: "same", -1: "prev"}.get(sent, "other")
        para_rel = {0: "same", -1: "prev"}.get(para, "other")
        headline = "yes" if page.para_of(head.idx) == 0 else "no"
        prev = page.previous_source(ci)
        prev_same = "yes" if prev is not None and prev.lower() == span.text.lower() else "no"
        quoted = "yes" if page.in_quote(head.idx, ci) else "no"
        size = _bucket(len(span))
        pron = head.lower_ if form == "pronoun" else "-"
        tail = doc[span.end] if span.end < len(doc) else None
        after = tail.text if tail is not None and tail.is_punct else ("word" if tail is not None else "end")
        feats = [
            "bias",
            f"origin={cand.origin}",
            f"rule={is_rule}",
            f"rule+kind={is_rule}+{kind}",
            f"rule+rel={is_rule}+{rel}",
            f"form={form}",
            f"ent={ent}",
            f"class={cls}",
            f"dep={head.dep_}",
            f"rel={rel}",
            f"rel+kind={rel}+{kind}",
            f"form+rel={form}+{rel}",
            f"ent+rel={ent}+{rel}",
            f"dist={_bucket(dist)}",
            f"side={side}",
            f"side+kind={side}+{kind}",
            f"dist+side={_bucket(dist)}+{side}",
            f"sent={sent_rel}",
            f"para={para_rel}",
            f"sent+kind={sent_rel}+{kind}",
            f"headline={headline}",
            f"prev_source={prev_same}",
            f"quoted={quoted}",
            f"size={size}",
            f"origin+size={cand.origin}+{size}",
            f"pron={pron}",
            f"pron+kind={pron}+{kind}",
            f"after={after}",
            f"first={span[0].lower_ if span[0].pos_ in ('DET', 'PRON') else span[0].pos_}",
        ]
        return feats

    def _form(self, head: Token) -> str:
        low = head.lower_
        if head.pos_ == "PRON" or low in self.v.pronoun_class or low in self.v.deictic:
            return "pronoun"
        if head.ent_type_ in _SPEAKER_ENTS or head.pos_ == "PROPN":
            return "name"
        return "nominal"

    def _head_class(self, head: Token) -> str:
        """The head noun's class in the sources lexicon: a body's kind, a person's title,
        a plural body, a report noun, else none."""
        low, lemma = head.lower_, head.lemma_.lower()
        if low in self.v.plural_kind:
            return "plural:" + self.v.plural_kind[low]
        kind = self.v.head_kind.get(low) or self.v.head_kind.get(lemma)
        if kind:
            return kind
        if low in self.v.titles or lemma in self.v.titles:
            return "title"
        if low in self.v.report_nouns or lemma in self.v.report_nouns:
            return "report"
        return "none"

    @staticmethod
    def _relation(head: Token, anchor: Token | None, page: _Page) -> str:
        """How the candidate's head hangs on the cue: its subject, the agent of a passive,
        the object of "according to"/"by", the subject of the verb the cue depends on, the
        antecedent of a relative cue, or nothing."""
        if anchor is None:
            return "nocue"
        if head.head.i == anchor.i and head.dep_ in _SUBJECT_DEPS:
            return "subj"
        if head.dep_ == "pobj" and head.head.head.i == anchor.i:
            return "pobj"
        if head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head.i == anchor.i:
            return "agent"
        if head.dep_ == "poss" and head.head.i == anchor.i:
            return "poss"
        if anchor.dep_ == "relcl" and anchor.head.i == head.i:
            return "antecedent"
        top = anchor.head
        if top.i != anchor.i and head.head.i == top.i and head.dep_ in _SUBJECT_DEPS:
            return "head-subj"
        if head.dep_ in _SUBJECT_DEPS:
            return "other-subj"
        return "none"

    # -- choosing --------------------------------------------------------------------------
    def choose(self, doc: Doc, claims: list[dict], explain: bool = False) -> list[dict]:
        """Keep or replace each claim's `source_mention` (in place); the explanations, if
        asked for, one per claim in order."""
        out: list[dict] = []
        if self.model is None or not claims:
            return out
        page = _Page(doc, claims)
        weights = self.model.weights
        decided: list[tuple[int, int] | None] = []
        # quotes of one quotation share their cue and speaker: a speaker the model gives one
        # of them (cue, rules' speaker) goes to all, so one quotation never gets two speakers
        moved: dict[tuple, tuple[int, int] | None] = {}
        rules_speaker = [c.get("source_mention") for c in claims]
        for ci, claim in enumerate(claims):
            if claim.get("kind") == "narrative":
                decided.append(None)
                continue
            cands = self.candidates(page, ci)
            for cand in cands:
                cand.score = self.model.score(cand.features)
            rule = claim.get("source_mention")
            rule_span = (int(rule[0]), int(rule[1])) if rule else None
            kept = next(c for c in cands if c.span == rule_span)
            # a claim the rules gave a speaker keeps one: the model may name another
            # mention, never drop the claimant (that would lose a ledger's source)
            rivals = [c for c in cands if c.span is not None or rule_span is None]
            best = max(rivals, key=lambda c: (c.score, c.span == rule_span))
            margin = self.model.margin_for(rule_span is not None)
            if best is not kept and best.score - kept.score >= margin:
                chosen, why = best, (
                    f"model: {best.origin} candidate beats the rule's choice by "
                    f"{best.score - kept.score:.3f} >= margin {margin}"
                )
                claim["source_mention"] = list(best.span) if best.span else None
            elif best is kept:
                chosen, why = kept, "rule's choice kept: the model ranks it first"
            else:
                chosen, why = kept, (
                    f"rule's choice kept: best other candidate leads by only "
                    f"{best.score - kept.score:.3f} < margin {margin}"
                )
            page.chosen[ci] = chosen.span
            decided.append(chosen.span)
            if chosen is not kept and claim.get("kind") == "direct_quote" and claim.get("cue"):
                moved[(tuple(claim["cue"]), rule_span)] = chosen.span
            if explain:
                out.append({
                    "claim": ci,
                    "content": list(claim["content"]),
                    "rule": list(rule_span) if rule_span else None,
                    "chosen": list(chosen.span) if chosen.span else None,
                    "why": why,
                    "candidates": [
                        c.as_dict(page.text, weights)
                        for c in sorted(cands, key=lambda c: (-c.score, c.span or (-1, -1)))
                    ],
                })
        for ci, claim in enumerate(claims):
            rule = rules_speaker[ci]
            key = (tuple(claim.get("cue") or ()), (int(rule[0]), int(rule[1])) if rule else None)
            if claim.get("kind") == "direct_quote" and claim.get("cue") and key in moved:
                span = moved[key]
                claim["source_mention"] = list(span) if span else None
        return out


class _Page:
    """One document's lookups for choosing: sentences, paragraphs, quotes, earlier choices."""

    def __init__(self, doc: Doc, claims: list[dict]) -> None:
        self.doc = doc
        self.text = doc.text
        self.claims = claims
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sent_spans = [(s.start, s.end) for s in sents]
        self._sent_starts = [s.start for s in sents]
        self._para_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"
                                   and (i + 1 >= len(self.text) or self.text[i + 1] != "\n")]
        # direct quotes are disjoint stretches: sorted by start, one bisect finds the one
        # a character could be in (linear work however many quotes a text holds)
        self._quotes = sorted(
            (int(c["content"][0]), int(c["content"][1]), k) for k, c in enumerate(claims)
            if c.get("kind") == "direct_quote" and c.get("content")
        )
        self._quote_starts = [q[0] for q in self._quotes]
        self.chosen: dict[int, tuple[int, int] | None] = {}

    def window(self, anchor: Token, claim: dict) -> tuple[int, int]:
        """Token range the candidates come from: the anchor's sentence and the one before;
        for a direct quote also up to the sentence after the quote ("“…” Kerry said. “…”"),
        never more than `_WINDOW_TOKENS` from the anchor or the quote, so a long sentence
        costs no more than a short one."""
        sent_i = self.sent_index(anchor.i)
        lo = max(self.sent_spans[max(0, sent_i - _WINDOW_SENTENCES)][0], anchor.i - _WINDOW_TOKENS)
        hi = min(self.sent_spans[sent_i][1], anchor.i + _WINDOW_TOKENS)
        if claim.get("kind") == "direct_quote" and claim.get("content"):
            end = self.doc.char_span(claim["content"][0], claim["content"][1], alignment_mode="expand")
            if end is not None and len(end):
                last = self.sent_index(end.end - 1)
                after = self.sent_spans[min(len(self.sent_spans) - 1, last + _WINDOW_SENTENCES)][1]
                hi = max(hi, min(after, end.end + _WINDOW_TOKENS))
        return lo, hi

    def sent_index(self, i: int) -> int:
        return max(0, bisect_right(self._sent_starts, i) - 1)

    def para_of(self, char: int) -> int:
        """Paragraph number of a character (paragraphs split at line breaks, a run of
        breaks counting once)."""
        return bisect_right(self._para_starts, char) - 1

    def anchor(self, claim: dict) -> Token | None:
        """The token the claim's source is measured from: its cue's head, else the first
        token of its content."""
        pair = claim.get("cue") or claim.get("content")
        if not pair:
            return None
        span: Span | None = self.doc.char_span(int(pair[0]), int(pair[1]), alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root if claim.get("cue") else span[0]

    def previous_source(self, ci: int) -> str | None:
        """The text of the source chosen for the previous claim, if any."""
        for k in range(ci - 1, -1, -1):
            if k in self.chosen:
                span = self.chosen[k]
                return self.text[span[0] : span[1]] if span else None
        return None

    def in_quote(self, char: int, ci: int) -> bool:
        """Whether `char` lies inside a direct quote other than claim `ci`'s own."""
        j = bisect_right(self._quote_starts, char) - 1
        return j >= 0 and char < self._quotes[j][1] and self._quotes[j][2] != ci
