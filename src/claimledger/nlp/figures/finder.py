"""Figures: every quantity that counts or measures, with value/low/high/qualifier and unit.

`FigureFinder.__call__` scans the tokens once (`find`: `numbers.read_number`, then qualifiers,
currencies, percents and ranges in `_expand`), drops what is not a quantity
(`filters.NotAFigure`: dates, clock times, durations, ages, ordinals, ids, names),
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
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.context import DocView, FigureContext
from claimledger.nlp.figures.filters import NotAFigure
from claimledger.nlp.figures.numbers import NumberMatch, NumberVocab, read_number
from claimledger.nlp.figures.phrases import phrases


class FigureFinder:
    """Quantities that count or measure, with value/low/high/qualifier and unit."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.vocab = NumberVocab(lex)
        self.context = FigureContext(lex)
        q = lex["qualifiers"]
        self.before: list[tuple[tuple[str, ...], str]] = sorted(
            ((p, qual) for qual, words in q["before"].items() for p in phrases(words)),
            key=lambda x: (-len(x[0]), x[0]),
        )
        self.prepositional = {w.lower() for w in q["prepositional"]["words"]}
        self.after: list[tuple[tuple[str, ...], str]] = sorted(
            ((p, qual) for qual, words in q["after"].items() for p in phrases(words)),
            key=lambda x: (-len(x[0]), x[0]),
        )
        rng = lex["ranges"]
        self.range_connectors = {w.lower() for w in rng["connectors"]}
        self.between = {w.lower() for w in rng["between"]}
        self.between_joiners = {w.lower() for w in rng["between_joiners"]}
        self.range_from = {w.lower() for w in rng["from"]}
        self.change_by = {w.lower() for w in rng["change_by"]}
        self.change_verbs = {w.lower() for w in rng["change_verbs"]}
        units = lex["units"]
        self.percent = phrases(units["percent"]["words"])
        self.not_a_figure = NotAFigure(lex, self.vocab)

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        """Find the figures of the doc, read their context, write the rows."""
        view = DocView.of(doc)
        rows = [self.context.row(view, cand) for cand in self.find(doc, view)]
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
            if m.only_digits and i >= 2 and in_time[i - 2] and doc[i - 1].lower_ in self.range_connectors:
                i = m.end
                continue
            cand = self._expand(doc, m, sent_end[i], in_time)
            if cand is None or self.is_excluded(doc, cand, m):
                i = max(i + 1, m.end, cand.end if cand is not None else 0)
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

    def _match_before(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """A qualifier phrase ending right before token i: (its first token, qualifier)."""
        for phrase, qual in self.before:
            k = len(phrase)
            if i - k < 0:
                continue
            if all(doc[i - k + j].lower_ == phrase[j] for j in range(k)):
                return i - k, qual
        return None

    def _preposition_of_noun(self, doc: Doc, q_start: int, m: NumberMatch) -> bool:
        """ "over two raids" where "over" governs the noun: a preposition, not a qualifier."""
        prep = doc[q_start]
        if prep.lower_ not in self.prepositional or prep.dep_ != "prep":
            return False
        last = doc[m.end - 1]
        noun = last.head if last.dep_ == "nummod" and last.head.i > last.i else None
        return noun is not None and noun.head.i == prep.i and noun.dep_ == "pobj"

    def _match_after(self, doc: Doc, j: int, limit: int) -> tuple[int, str] | None:
        """A qualifier phrase starting at token j ("or more", "-plus", "+"): (end, qualifier)."""
        start = j + 1 if j < limit and doc[j].text == "-" and not doc[j - 1].whitespace_ else j
        for phrase, qual in self.after:
            k = len(phrase)
            if start + k > limit:
                continue
            if all(doc[start + x].lower_ == phrase[x] for x in range(k)):
                return start + k, qual
        return None

    def _percent_at(self, doc: Doc, j: int, limit: int) -> int | None:
        """End of a percent word ("%", "per cent") starting at token j, else None."""
        for phrase in self.percent:
            k = len(phrase)
            if j + k <= limit and all(doc[j + x].lower_ == phrase[x] for x in range(k)):
                return j + k
        return None

    def _expand(self, doc: Doc, m: NumberMatch, limit: int, in_time: list[bool]) -> Candidate | None:
        """Grow a bare number into a figure: currency, percent, range, qualifiers."""
        start, end = m.start, m.end
        currency: str | None = None
        currency_tok: int | None = None
        if m.currency_prefix:
            currency = self.context.currency_name(m.currency_prefix)
            currency_tok = m.start
            if start > 0 and doc[start - 1].lower_ in self.vocab.currency and not doc[start - 1].whitespace_:
                start -= 1  # "$US160": the "$" belongs to the figure
        elif (
            start > 0 and len(doc[start - 1].text) >= 3 and doc[start - 1].is_upper
            and doc[start - 1].lower_ in self.vocab.currency_prefixes
        ):
            currency_tok = start - 1  # "USD 88,550,000", "EUR 5m"
            currency = self.vocab.currency_prefixes[doc[start - 1].lower_]
            start -= 1
        elif start > 0 and doc[start - 1].lower_ in self.vocab.currency:
            currency_tok = start - 1
            name = self.vocab.currency[doc[start - 1].lower_]
            pre = doc[start].text[:2].lower()
            if doc[start - 1].text == "$" and pre in self.vocab.currency_prefixes:
                name = self.vocab.currency_prefixes[pre]
            currency = name
            start -= 1
        percent: tuple[int, int] | None = None
        glued_unit: int | None = None
        p_end = self._percent_at(doc, end, limit)
        if p_end is not None:
            percent = (end, p_end)
        elif end < limit and not doc[end - 1].whitespace_ and doc[end].is_alpha and not m.word:
            glued_unit = end
        qualifier = "exact"
        value, low, high = m.value, m.value, m.value
        if m.vague:
            qualifier, value, low, high = "vague", None, m.low, m.high
        # ranges: "40 to 50", "40-50", "between 40 and 50", "from 40 to 50", "5% to 10%"
        before = doc[start - 1].lower_ if start > 0 else ""
        is_between = before in self.between
        is_from = before in self.range_from
        joiners = self.between_joiners if is_between else self.range_connectors
        after = percent[1] if percent else end
        unit_between: int | None = None
        if (
            not percent and after + 2 < limit and doc[after].is_alpha
            and doc[after].pos_ in ("NOUN", "PROPN") and doc[after + 1].lower_ in joiners
        ):
            unit_between, after = after, after + 1  # "208 pounds to 193", "252 miles to 287 miles"
        # "rose by $43.6 billion to $419.2 billion": a change, then a level
        change = before in self.change_by and (currency is not None or percent is not None)
        # "the death toll rose from 50 to 57": two readings of a count, not one range
        change = change or (is_from and doc[start - 1].head.lemma_.lower() in self.change_verbs)
        if not m.vague and not change and after + 1 < limit and doc[after].lower_ in joiners:
            j = after + 1
            if j < limit and currency and doc[j].lower_ in self.vocab.currency:
                j += 1
            m2 = read_number(doc, j, limit, self.vocab) if not in_time[j] else None
            if m2 is not None and not m2.vague and m2.value is not None and m.value is not None:
                p2 = self._percent_at(doc, m2.end, limit)
                repeats = (
                    unit_between is not None and m2.end < limit
                    and doc[m2.end].lower_ == doc[unit_between].lower_
                )
                # "rose 6.5% to 164p", "rose 18 sen to RM23.50", "rose 64.06 points to 4,577.10"
                same_unit = (
                    not (percent is not None and p2 is None)
                    and (m2.currency_prefix is None or currency is not None)
                    and (unit_between is None or repeats or is_from)
                )
                lo, hi = m.value, m2.value
                if m.scale == 1 and m2.scale > 1 and lo * m2.scale <= hi:
                    lo *= m2.scale
                if is_from and lo > hi:
                    lo, hi = hi, lo
                glued_pair = doc[after].text in ("-", "–") and not doc[after - 1].whitespace_ and not doc[after].whitespace_
                if same_unit and lo < hi:
                    qualifier, value, low, high = "range", None, lo, hi
                    end = m2.end
                    if percent and p2 is not None:
                        end = p2  # "between 4% and 5%": the unit stays the first "%"
                    elif p2 is not None:
                        percent = (m2.end, p2)  # "5 to 7 per cent"
                    if repeats:
                        end += 1
                    glued_unit = None
                    if is_between:
                        start -= 1
                elif glued_pair and not percent and not currency and m.only_digits and m2.only_digits:
                    return Candidate(start, m2.end, m.start, m2.end, None, None, None, "score")
        num_start, num_end = m.start, end
        if percent and not doc[percent[0] - 1].whitespace_:
            end = max(end, percent[1])
        if glued_unit is not None and qualifier != "range":
            end = glued_unit + 1
        if start > 0 and doc[start - 1].lower_ in self.vocab.negative and value is not None:
            start -= 1
            value = -value
            low = -low if low is not None else None
            high = -high if high is not None else None
        if qualifier not in ("range", "vague"):
            if m.approx_prefix:
                qualifier, low, high = "approximately", None, None
            hit = self._match_before(doc, start)
            if hit is not None and self._preposition_of_noun(doc, hit[0], m):
                hit = None
            if hit is not None:
                start, qualifier = hit
                value, low, high = _bounds(qualifier, value)
            else:
                post = self._match_after(doc, end, limit)
                if post is not None:
                    end, qualifier = post
                    value, low, high = _bounds(qualifier, value)
        return Candidate(
            start=start,
            end=end,
            num_start=num_start,
            num_end=num_end,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            currency=currency,
            currency_tok=currency_tok,
            percent=percent,
            glued_unit=glued_unit,
            suffix_unit=_suffix_unit(doc, m),
        )

    def is_excluded(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """True for numbers that are not quantities (see `filters.NotAFigure`)."""
        return self.not_a_figure(doc, cand, m)


def _suffix_unit(doc: Doc, m: NumberMatch) -> tuple[int, int] | None:
    """Offsets of a unit written inside the number's token: "6kW", "1.38pc", "164p"."""
    if not m.glued_suffix or not m.glued_suffix[:1].isalpha():
        return None
    tok = doc[m.end - 1]
    end = tok.idx + len(tok.text)
    return end - len(m.glued_suffix), end


def _bounds(qualifier: str, x: float | None) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) that a qualifier allows for the number x (FORMAT.md)."""
    if qualifier == "exact":
        return x, x, x
    if qualifier == "approximately":
        return x, None, None
    if qualifier in ("nearly", "at_most", "less_than"):
        return x, None, x
    if qualifier in ("more_than", "at_least"):
        return x, x, None
    return x, None, None
