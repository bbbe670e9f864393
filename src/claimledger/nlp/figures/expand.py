"""Growing a bare number into a figure: its currency, percent, range and qualifiers.

`read_number` says where a number is and what it is worth; `Expander.expand` decides what
around it belongs to the figure, one question per step, in the order the answers depend on
each other: the currency before it, the unit written against it, whether a second number
makes it a range (or a score), a sign word, and last the qualifier that bounds its value
("nearly 2,000", "2,000 or more"). Which numbers are no figures at all is left to `filters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.numbers import NumberMatch, NumberVocab, read_number
from claimledger.nlp.figures.phrases import phrase_ending_at, phrase_starting_at, phrases


@dataclass(frozen=True)
class RangeSite:
    """Where the second number of a range may stand, read from the first number's context."""

    joiner: int  # token of "to", "-", "and" after the first number (and its unit, if any)
    unit_between: int | None  # a noun between the first number and the joiner ("208 pounds to")
    is_between: bool  # "between 40 and 50": the span takes "between" in
    is_from: bool  # "from 50 to 40": the ends may come in either order


class Expander:
    """The `qualifiers`, `ranges` and percent words of the `figures` lexicon, and the steps
    that use them to grow a number into a `Candidate`."""

    def __init__(self, lex: dict[str, Any], vocab: NumberVocab) -> None:
        self.vocab = vocab
        q = lex["qualifiers"]
        self.before, self.before_qualifier = _qualifier_table(q["before"])
        self.prepositional = {w.lower() for w in q["prepositional"]["words"]}
        self.after, self.after_qualifier = _qualifier_table(q["after"])
        rng = lex["ranges"]
        self.range_connectors = {w.lower() for w in rng["connectors"]}
        self.between = {w.lower() for w in rng["between"]}
        self.between_joiners = {w.lower() for w in rng["between_joiners"]}
        self.range_from = {w.lower() for w in rng["from"]}
        self.change_by = {w.lower() for w in rng["change_by"]}
        self.change_verbs = {w.lower() for w in rng["change_verbs"]}
        self.percent = phrases(lex["units"]["percent"]["words"])

    def expand(self, doc: Doc, m: NumberMatch, limit: int, in_time: list[bool]) -> Candidate:
        """Grow the number `m` (inside a sentence ending at token `limit`) into a figure."""
        start, currency, currency_tok = self.currency(doc, m)
        percent, glued_unit = self.unit_after(doc, m, limit)
        cand = Candidate(
            start, m.end, m.start, m.end, m.value, m.value, m.value, "exact",
            currency=currency, currency_tok=currency_tok, percent=percent, glued_unit=glued_unit,
        )
        if m.vague:
            cand.qualifier, cand.value, cand.low, cand.high = "vague", None, m.low, m.high
        cand = self.read_range(doc, m, cand, limit, in_time)
        if cand.qualifier == "score":
            return cand
        cand.num_end = cand.end
        cand.end = _end_with_glued_unit(doc, cand)
        _apply_sign(doc, cand, self.vocab.negative)
        if cand.qualifier not in ("range", "vague"):
            self.qualify(doc, m, cand, limit)
        cand.suffix_unit = _suffix_unit(doc, m)
        return cand

    # ------------------------------------------------------------------ currency and unit
    def currency(self, doc: Doc, m: NumberMatch) -> tuple[int, str | None, int | None]:
        """(first token, currency name, currency token) of the figure.

        A glued prefix ("US$5") names the currency itself; otherwise an upper-case code
        ("USD 88,550,000") or a symbol token ("$ 10", as spaCy splits "$10") right before the
        number does, and joins the span. "$US160" splits as "$", "US160": the "$" joins too.
        """
        start = m.start
        if m.currency_prefix:
            if start > 0 and doc[start - 1].lower_ in self.vocab.currency and not doc[start - 1].whitespace_:
                start -= 1  # "$US160": the "$" belongs to the figure
            return start, self.vocab.currency_name(m.currency_prefix), m.start
        if start == 0:
            return start, None, None
        prev = doc[start - 1]
        if len(prev.text) >= 3 and prev.is_upper and prev.lower_ in self.vocab.currency_prefixes:
            return start - 1, self.vocab.currency_prefixes[prev.lower_], start - 1
        if prev.lower_ in self.vocab.currency:
            name = self.vocab.currency[prev.lower_]
            pre = doc[start].text[:2].lower()
            if prev.text == "$" and pre in self.vocab.currency_prefixes:
                name = self.vocab.currency_prefixes[pre]  # "$ US160" read as US dollars
            return start - 1, name, start - 1
        return start, None, None

    def unit_after(
        self, doc: Doc, m: NumberMatch, limit: int
    ) -> tuple[tuple[int, int] | None, int | None]:
        """(percent tokens, glued unit token) right after the number.

        A percent word ("%", "per cent") is the unit whether spaced or not; any other word
        counts as a unit here only when glued to a digit number ("10km" split as "10", "km"):
        a spaced word is left to the context reader, which follows the parse.
        """
        p_end = self._percent_at(doc, m.end, limit)
        if p_end is not None:
            return (m.end, p_end), None
        if m.end < limit and not doc[m.end - 1].whitespace_ and doc[m.end].is_alpha and not m.word:
            return None, m.end
        return None, None

    def _percent_at(self, doc: Doc, j: int, limit: int) -> int | None:
        """End of a percent word ("%", "per cent") starting at token j, else None."""
        found = phrase_starting_at(doc, j, self.percent, limit)
        return j + len(found) if found is not None else None

    # ------------------------------------------------------------------ ranges
    def read_range(
        self, doc: Doc, m: NumberMatch, cand: Candidate, limit: int, in_time: list[bool]
    ) -> Candidate:
        """The candidate with a second number read in: a range ("40 to 50", "between 4% and
        5%", "5 to 7 per cent"), a score ("2-0") returned as a new candidate, or unchanged.

        Both ends must measure the same thing and rise from low to high; a second number
        inside a time expression ("Sept. 20-24") is a date's, not the range's.
        """
        site = self.range_site(doc, m, cand, limit)
        if site is None:
            return cand
        j = site.joiner + 1
        if j < limit and cand.currency and doc[j].lower_ in self.vocab.currency:
            j += 1  # "$40 to $50"
        m2 = read_number(doc, j, limit, self.vocab) if not in_time[j] else None
        if m2 is None or m2.vague or m2.value is None or m.value is None:
            return cand
        p2 = self._percent_at(doc, m2.end, limit)
        repeats = (
            site.unit_between is not None and m2.end < limit
            and doc[m2.end].lower_ == doc[site.unit_between].lower_
        )
        lo, hi = range_ends(m, m2, site.is_from)
        if self.same_unit(cand, m2, p2, site, repeats) and lo < hi:
            cand.qualifier, cand.value, cand.low, cand.high = "range", None, lo, hi
            cand.end = m2.end
            if cand.percent and p2 is not None:
                cand.end = p2  # "between 4% and 5%": the unit stays the first "%"
            elif p2 is not None:
                cand.percent = (m2.end, p2)  # "5 to 7 per cent"
            if repeats:
                cand.end += 1  # "252 miles to 287 miles"
            cand.glued_unit = None
            if site.is_between:
                cand.start -= 1
            return cand
        if _is_score(doc, site, cand, m, m2):
            return Candidate(cand.start, m2.end, m.start, m2.end, None, None, None, "score")
        return cand

    def range_site(
        self, doc: Doc, m: NumberMatch, cand: Candidate, limit: int
    ) -> RangeSite | None:
        """Where a range's second number would stand, or None when no range can start here.

        "between 40 and 50" joins with "and", every other range with "to" or a dash; a noun
        may stand between the first number and the joiner ("208 pounds to 193"). A vague
        number starts no range, nor does a change: in "rose by $43.6 billion to $419.2
        billion" or "the death toll rose from 50 to 57" the second number is a new level.
        """
        if m.vague:
            return None
        before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
        is_between = before in self.between
        is_from = before in self.range_from
        joiners = self.between_joiners if is_between else self.range_connectors
        after = cand.percent[1] if cand.percent else cand.end
        unit_between: int | None = None
        if (
            not cand.percent and after + 2 < limit and doc[after].is_alpha
            and doc[after].pos_ in ("NOUN", "PROPN") and doc[after + 1].lower_ in joiners
        ):
            unit_between, after = after, after + 1
        change = before in self.change_by and (cand.currency is not None or cand.percent is not None)
        change = change or (is_from and doc[cand.start - 1].head.lemma_.lower() in self.change_verbs)
        if change or not (after + 1 < limit and doc[after].lower_ in joiners):
            return None
        return RangeSite(after, unit_between, is_between, is_from)

    @staticmethod
    def same_unit(
        cand: Candidate, m2: NumberMatch, p2: int | None, site: RangeSite, repeats: bool
    ) -> bool:
        """Do both numbers measure the same thing? Not in "rose 6.5% to 164p" (a percent, then
        pence), "rose 18 sen to RM23.50" (a currency only on the second) or "rose 64.06
        points to 4,577.10" (a unit only on the first, unless repeated or after "from")."""
        return (
            not (cand.percent is not None and p2 is None)
            and (m2.currency_prefix is None or cand.currency is not None)
            and (site.unit_between is None or repeats or site.is_from)
        )

    # ------------------------------------------------------------------ qualifiers
    def qualify(self, doc: Doc, m: NumberMatch, cand: Candidate, limit: int) -> None:
        """Set the qualifier of an exact figure and the bounds it allows (FORMAT.md).

        A glued "~" makes it approximate; a qualifier phrase before the figure ("nearly",
        "at least") wins over one after it ("or more", "-plus"). "over" that governs the
        counted noun ("over two raids") is a preposition, not a qualifier.
        """
        if m.approx_prefix:
            cand.qualifier, cand.low, cand.high = "approximately", None, None
        hit = self._match_before(doc, cand.start)
        if hit is not None and self._preposition_of_noun(doc, hit[0], m):
            hit = None
        if hit is not None:
            cand.start, cand.qualifier = hit
            cand.value, cand.low, cand.high = bounds(cand.qualifier, cand.value)
            return
        post = self._match_after(doc, cand.end, limit)
        if post is not None:
            cand.end, cand.qualifier = post
            cand.value, cand.low, cand.high = bounds(cand.qualifier, cand.value)

    def _match_before(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """A qualifier phrase ending right before token i: (its first token, qualifier)."""
        found = phrase_ending_at(doc, i, self.before)
        return (i - len(found), self.before_qualifier[found]) if found is not None else None

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
        found = phrase_starting_at(doc, start, self.after, limit)
        return (start + len(found), self.after_qualifier[found]) if found is not None else None


def _qualifier_table(
    groups: dict[str, list[str]],
) -> tuple[list[tuple[str, ...]], dict[tuple[str, ...], str]]:
    """The phrases of the qualifier groups, longest first, and the qualifier of each (a phrase
    listed under two qualifiers keeps the first)."""
    qualifier: dict[tuple[str, ...], str] = {}
    for qual, words in groups.items():
        for p in phrases(words):
            qualifier.setdefault(p, qual)
    return sorted(qualifier, key=lambda p: (-len(p), p)), qualifier


def range_ends(m: NumberMatch, m2: NumberMatch, is_from: bool) -> tuple[float, float]:
    """(low, high) of a range: "between 5 and 7 million" puts the scale on both ends, and
    "from 50 to 40" may name the ends in either order."""
    lo, hi = m.value, m2.value
    assert lo is not None and hi is not None
    if m.scale == 1 and m2.scale > 1 and lo * m2.scale <= hi:
        lo *= m2.scale
    if is_from and lo > hi:
        lo, hi = hi, lo
    return lo, hi


def _is_score(doc: Doc, site: RangeSite, cand: Candidate, m: NumberMatch, m2: NumberMatch) -> bool:
    """"2-0", "89-89": two bare digit numbers glued by a dash that make no range are a score."""
    j = site.joiner
    glued_pair = doc[j].text in ("-", "–") and not doc[j - 1].whitespace_ and not doc[j].whitespace_
    return glued_pair and not cand.percent and not cand.currency and m.only_digits and m2.only_digits


def _end_with_glued_unit(doc: Doc, cand: Candidate) -> int:
    """The figure's end token once a unit written against it joins: "12%" takes the "%", a
    spaced "12 per cent" does not (the unit span still names it); "10km" takes the "km"."""
    end = cand.end
    if cand.percent and not doc[cand.percent[0] - 1].whitespace_:
        end = max(end, cand.percent[1])
    if cand.glued_unit is not None and cand.qualifier != "range":
        end = cand.glued_unit + 1
    return end


def _apply_sign(doc: Doc, cand: Candidate, negative: set[str]) -> None:
    """ "minus 5": a sign word before a figure with a value negates it and joins the span."""
    if cand.start > 0 and doc[cand.start - 1].lower_ in negative and cand.value is not None:
        cand.start -= 1
        cand.value = -cand.value
        cand.low = -cand.low if cand.low is not None else None
        cand.high = -cand.high if cand.high is not None else None


def _suffix_unit(doc: Doc, m: NumberMatch) -> tuple[int, int] | None:
    """Offsets of a unit written inside the number's token: "6kW", "1.38pc", "164p"."""
    if not m.glued_suffix or not m.glued_suffix[:1].isalpha():
        return None
    tok = doc[m.end - 1]
    end = tok.idx + len(tok.text)
    return end - len(m.glued_suffix), end


def bounds(qualifier: str, x: float | None) -> tuple[float | None, float | None, float | None]:
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
