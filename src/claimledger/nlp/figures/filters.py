"""Which numbers are not figures: dates, clock times, durations, ages, ordinals, ids, names.

A policy kept apart from the scanner in `finder.py` (as spaCy keeps span filters apart from
the span ruler): `NotAFigure(doc, candidate, number)` answers one question from the tokens
around a found number, so each rule can be read and tested on its own. FORMAT.md is the
contract: "Brigade 36", "COVID-19", "aged 12", "24 hours", "Friday, May 20", "the first" and
"one of the soldiers" are not figures; "one person was killed" is.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.numbers import NumberMatch, NumberVocab
from claimledger.nlp.figures.phrases import phrase_ending_at, phrase_starting_at, phrases


class NotAFigure:
    """The exclusion rules of the `figures` lexicon's `[exclude]` groups."""

    def __init__(self, lex: dict[str, Any], vocab: NumberVocab) -> None:
        self.vocab = vocab
        ex = lex["exclude"]
        self.time_units = {w.lower() for w in ex["time_units"]["words"]}
        self.age_before = phrases(ex["age_before"]["words"])
        self.clock_after = phrases(ex["clock_after"]["words"])
        self.id_before = {w.lower() for w in ex["id_before"]["words"]}
        self.id_any_case = {w.lower() for w in ex["id_before"]["any_case"]}
        self.months = {w.lower() for w in ex["months"]["words"]}
        self.year_before = {w.lower() for w in ex["year_before"]["words"]}
        self.glued_excluded = {w.lower() for w in ex["glued_suffixes"]["words"]}
        self.partitive = {w.lower() for w in ex["partitive_one"]["words"]}
        self.alternatives = {w.lower() for w in ex["alternatives"]["words"]}
        self.name_labels = set(ex["name_entities"]["labels"])

    def __call__(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """True for numbers that are not quantities: dates, times, durations, ages, ids."""
        first, last = doc[m.start], doc[m.end - 1]
        n = len(doc)
        if cand.qualifier == "score":
            return True  # "2-0", "89-89": a score, not a quantity
        if m.glued_suffix and (
            m.glued_suffix.lower() in self.glued_excluded or m.glued_suffix.lower() in self.time_units
        ):
            return True
        # durations and ages: "24 hours", "12-year-old", "five-year"
        after = m.end
        if cand.percent is None and cand.currency is None:
            if after < n and doc[after].text == "-" and after + 1 < n:
                after += 1
            if after < n and (
                doc[after].lower_ in self.time_units
                or (doc[after].text[:1] == "-" and doc[after].lower_[1:] in self.time_units)
            ):
                return True  # "24 hours", "a 27 -month sentence"
            # "six or seven hours": the unit after an alternative number
            if (
                after + 2 < n and doc[after].lower_ in self.alternatives
                and (doc[after + 1].like_num or doc[after + 1].lower_ in self.vocab.words)
                and doc[after + 2].lower_ in self.time_units
            ):
                return True
        if phrase_ending_at(doc, cand.start, self.age_before) is not None:
            return True
        # the second age of "between the ages of 10 and 50"
        if (
            cand.start >= 2 and doc[cand.start - 1].lower_ in self.alternatives | {"and"}
            and doc[cand.start - 2].like_num and phrase_ending_at(doc, cand.start - 2, self.age_before) is not None
        ):
            return True
        # clock times: "5 am", "10.45 p.m."
        if phrase_starting_at(doc, m.end, self.clock_after) is not None and cand.percent is None:
            return True
        prev = doc[m.start - 1] if m.start > 0 else None
        if prev is not None and cand.currency is None:
            low = prev.lower_
            if low in self.id_any_case or (low in self.id_before and prev.text[:1].isupper()):
                return True
            # "No. 120" split as "No", ".", "120"
            if low == "." and m.start > 1 and (
                doc[m.start - 2].lower_ in self.id_any_case
                or doc[m.start - 2].lower_ + "." in self.id_any_case
            ):
                return True
            # "COVID - 19" when split: a word glued by a hyphen to the number
            if prev.text == "-" and not prev.whitespace_ and m.start > 1:
                pp = doc[m.start - 2]
                if not pp.whitespace_ and pp.is_alpha and pp.lower_ not in self.vocab.words:
                    return True
        # numbers inside a name: "Boeing 737", "S&P 500", "iPhone 11", "Big 12", "ISO 3888"
        if first.ent_type_ in self.name_labels and first.ent_iob_ == "I":
            return True
        counts = last.dep_ == "nummod" and last.head.i > last.i and last.head.pos_ == "NOUN"
        if (
            cand.currency is None and cand.percent is None and not m.word
            and cand.glued_unit is None and cand.suffix_unit is None
        ):
            if not counts and prev is not None and prev.pos_ == "PROPN" and not prev.is_lower and (
                prev.lower_ not in self.months
            ):
                return True
            # addresses and names: "49 Zorro Ranch Road", "22 Ave Foch"
            nxt = doc[cand.end] if cand.end < n else None
            if (
                nxt is not None and nxt.tag_ == "NNP" and not nxt.is_upper
                and cand.end + 1 < n and doc[cand.end + 1].pos_ == "PROPN"
                and nxt.lower_ not in self.months
            ):
                return True
        if m.only_digits and m.value is not None and cand.currency is None and cand.percent is None:
            v = m.value
            # day of month: "May 20", "20 May"
            if v <= 31 and (
                (prev is not None and prev.lower_ in self.months)
                or (m.end < n and doc[m.end].lower_ in self.months)
            ):
                return True
            # years: "in 2022", "the 1988 film", "2014-15"; not "2000 soldiers", "of 1500"
            if 1000 <= v <= 2100 and len(first.text) == 4 and cand.qualifier in ("exact", "range"):
                head = last.head
                modifies = last.dep_ in ("nummod", "compound", "amod") and head.i > last.i
                # "the 1988 film" (but "the 1000 hp barrier", "a 1520 sq m centre" measure)
                singular = modifies and head.tag_ in ("NN", "NNP") and 1900 <= v <= 2100
                year_range = (
                    m.end + 1 < n and doc[m.end].text in ("-", "–", "/") and doc[m.end + 1].like_num
                    and (len(doc[m.end + 1].text) == 2 or doc[m.end + 1].text[:2] in ("19", "20"))
                )
                if (
                    first.ent_type_ == "DATE" or singular or year_range
                    or (prev is not None and prev.lower_ in self.year_before)
                ):
                    return True
        # ages in apposition: "Maddon, 66, has ..."
        if (
            prev is not None and prev.text == "," and m.start > 1
            and (doc[m.start - 2].ent_type_ == "PERSON" or (
                doc[m.start - 2].pos_ == "PROPN" and doc[m.start - 2].ent_type_ not in ("GPE", "LOC", "FAC", "ORG")
            ))
            and (m.end >= n or doc[m.end].text in (",", ".", ")"))
            and m.value is not None and m.value < 120 and cand.qualifier == "exact"
        ):
            return True
        # "one of the soldiers", "the one who", "in one case", "One man I spoke to":
        # counting words and indefinites, not counts
        if m.end - m.start == 1 and first.lower_ in self.partitive:
            nxt = doc[m.end] if m.end < n else None
            if nxt is not None and nxt.lower_ == "of":
                return True
            if cand.qualifier != "exact" or cand.start != m.start:
                return False  # "only one", "at least one" count
            if not (first.dep_ == "nummod" and first.head.i > first.i) and first.dep_ != "nsubjpass":
                return True
            noun = first.head
            if noun.dep_ == "pobj" or any(c.dep_ in ("relcl", "acl", "appos") for c in noun.children):
                return True
        return False
