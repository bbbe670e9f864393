"""Figures: every quantity that counts or measures, with value/low/high/qualifier and unit.

`FigureFinder.__call__` scans the tokens once (`find`: `numbers.read_number`, then currencies,
percents, ranges and qualifiers in `expand.Expander`), drops what is not a quantity
(`filters.NotAFigure`: dates, clock times, durations, ages, ordinals, ids, names) and
what no count can be (`model.countable`: beyond 2**53, or not finite),
reads each figure's context (`context`: unit, location, dates, cumulative) and writes
plain rows on `doc._.figures` (`set_annotations`). The event and predicate of each row are
left to the events stage.

Why a token scanner and not spaCy's entities: en_core_web_sm labels "hundreds", "over 70"
or "between 40 and 50" as DATE as often as CARDINAL, and its spans include or drop
qualifier words inconsistently, so the entities are used only as hints (names, persons).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.model import countable
from claimledger.nlp.budget import DEFAULT_SENTENCE_WORK, charge_sentence_work
from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.context import DocView, FigureContext
from claimledger.nlp.figures.expand import Expander
from claimledger.nlp.figures.filters import NotAFigure
from claimledger.nlp.figures.numbers import NumberMatch, NumberVocab, read_number


class FigureFinder(Pipe):
    """Quantities that count or measure, with value/low/high/qualifier and unit."""

    def __init__(
        self, nlp: Language, name: str, *, lexicon: str = "figures",
        max_sentence_work: int = DEFAULT_SENTENCE_WORK,
    ) -> None:
        """`lexicon` names the TOML vocabulary under `data/lexicons`; `max_sentence_work` is
        the document's budget of token visits (see `nlp.budget`)."""
        self.name = name
        self.lexicon = lexicon
        self.max_sentence_work = max_sentence_work
        lex = load_lexicon(lexicon)
        self.vocab = NumberVocab(lex)
        self.context = FigureContext(lex)
        self.expander = Expander(lex, self.vocab)
        self.not_a_figure = NotAFigure(lex, self.vocab)

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        """Find the figures of the doc, read their context, write the rows."""
        view = DocView.of(doc)
        cands = [
            cand for cand in self.find(doc, view)
            if countable(cand.value) and countable(cand.low) and countable(cand.high)
        ]
        charge_sentence_work(
            "figures", (view.sent_end[c.start] - view.sent_start[c.start] for c in cands),
            self.max_sentence_work,
        )
        rows = [self.context.row(view, cand) for cand in cands]
        self.context.borrow_units(view, rows)
        self.set_annotations(doc, rows)
        return doc

    def set_annotations(self, doc: Doc, rows: list[dict[str, Any]]) -> None:
        """Write the rows, ordered by position, onto `doc._.figures`."""
        doc._.figures = sorted(rows, key=lambda r: (r["start"], r["end"]))

    # ------------------------------------------------------------------ finding
    def find(self, doc: Doc, view: DocView | None = None) -> list[Candidate]:
        """All figure candidates of the doc, left to right, none overlapping."""
        n = len(doc)
        if n == 0:
            return []
        in_time = self._time_mask(doc)
        sent_end = (view or DocView.of(doc)).sent_end
        found: list[Candidate] = []
        i = 0
        while i < n:
            tok = doc[i]
            if in_time[i] or not self.vocab.starts_number(tok.lower_, tok.like_num):
                i += 1
                continue
            m = read_number(doc, i, sent_end[i], self.vocab)
            if m is None or any(in_time[k] for k in range(m.start, m.end)):
                i += 1
                continue
            # the far end of a date range: "Sept. 20-24", "2014-15"
            if (
                m.only_digits and i >= 2 and in_time[i - 2]
                and doc[i - 1].lower_ in self.expander.range_connectors
            ):
                i = m.end
                continue
            cand = self.expander.expand(doc, m, sent_end[i], in_time)
            if self.is_excluded(doc, cand, m):
                i = max(i + 1, m.end, cand.end)
                continue
            found.append(cand)
            i = cand.end
        return found

    def _time_mask(self, doc: Doc) -> list[bool]:
        """Which tokens lie inside a time expression of `doc._.times`."""
        mask = [False] * len(doc)
        for row in doc._.times or []:
            span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
            if span is None:
                continue
            for k in range(span.start, span.end):
                mask[k] = True
        return mask

    def is_excluded(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """True for numbers that are not quantities (see `filters.NotAFigure`)."""
        return self.not_a_figure(doc, cand, m)

