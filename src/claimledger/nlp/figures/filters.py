"""Which numbers are not figures: dates, clock times, durations, ages, ordinals, ids, names.

A policy kept apart from the scanner in `finder.py` (as spaCy keeps span filters apart from
the span ruler): `NotAFigure(doc, candidate, number)` answers one question from the tokens
around a found number, so each rule can be read and tested on its own. FORMAT.md is the
contract: "Brigade 36", "COVID-19", "aged 12", "24 hours", "Friday, May 20", "the first" and
"one of the soldiers" are not figures; "one person was killed" is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.numbers import NumberMatch, NumberVocab
from claimledger.nlp.figures.phrases import phrase_ending_at, phrase_starting_at, phrases


class NotAFigure:
    """The exclusion rules of the `figures` lexicon's `[exclude]` groups.

    Every rule takes (doc, candidate, number) and says True for "not a figure", so each can be
    called and tested alone; `__call__` tries them in the order of `rules`.
    """

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
        #: the exclusion rules, tried in this order; each says True for "not a figure"
        self.rules: tuple[Callable[[Doc, Candidate, NumberMatch], bool], ...] = (
            self.score,
            self.glued_non_unit,
            self.duration,
            self.age,
            self.clock_time,
            self.identifier,
            self.inside_name,
            self.beside_name,
            self.day_or_year,
            self.age_in_apposition,
            self.partitive_one,
        )

    def __call__(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """True for numbers that are not quantities: the first rule that says so wins."""
        return any(rule(doc, cand, m) for rule in self.rules)

    @staticmethod
    def score(doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "2-0", "89-89": a score (the expander marks it), not a quantity."""
        return cand.qualifier == "score"

    def glued_non_unit(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "19th", "1990s", "5pm", "24hrs": a suffix glued to the digits that makes no quantity."""
        return bool(m.glued_suffix) and (
            m.glued_suffix.lower() in self.glued_excluded or m.glued_suffix.lower() in self.time_units
        )

    def duration(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "24 hours", "12-year-old", "a 27 -month sentence", "six or seven hours": a time
        unit after the number makes a duration (or an age), which the timex stage owns."""
        if cand.percent is not None or cand.currency is not None:
            return False
        n = len(doc)
        after = m.end
        if after < n and doc[after].text == "-" and after + 1 < n:
            after += 1
        if after < n and (
            doc[after].lower_ in self.time_units
            or (doc[after].text[:1] == "-" and doc[after].lower_[1:] in self.time_units)
        ):
            return True
        # "six or seven hours": the unit after an alternative number
        return (
            after + 2 < n and doc[after].lower_ in self.alternatives
            and (doc[after + 1].like_num or doc[after + 1].lower_ in self.vocab.words)
            and doc[after + 2].lower_ in self.time_units
        )

    def age(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "aged 12", and the second age of "between the ages of 10 and 50"."""
        if phrase_ending_at(doc, cand.start, self.age_before) is not None:
            return True
        return (
            cand.start >= 2 and doc[cand.start - 1].lower_ in self.alternatives | {"and"}
            and doc[cand.start - 2].like_num and phrase_ending_at(doc, cand.start - 2, self.age_before) is not None
        )

    def clock_time(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "5 am", "10.45 p.m.": a clock time."""
        return phrase_starting_at(doc, m.end, self.clock_after) is not None and cand.percent is None

    def identifier(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "Brigade 36", "No. 120", "COVID-19": a number that names, after an id word or
        glued by a hyphen to a word that is no number."""
        prev = doc[m.start - 1] if m.start > 0 else None
        if prev is None or cand.currency is not None:
            return False
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
            return not pp.whitespace_ and pp.is_alpha and pp.lower_ not in self.vocab.words
        return False

    def inside_name(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "Boeing 737", "S&P 500", "iPhone 11", "Big 12", "ISO 3888": inside a name entity."""
        first = doc[m.start]
        return first.ent_type_ in self.name_labels and first.ent_iob_ == "I"

    def beside_name(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """A bare number after a proper noun that it does not count ("Point 1709"), or before
        a name ("49 Zorro Ranch Road", "22 Ave Foch"): part of a name or an address."""
        if (
            cand.currency is not None or cand.percent is not None or m.word
            or cand.glued_unit is not None or cand.suffix_unit is not None
        ):
            return False
        n = len(doc)
        last = doc[m.end - 1]
        prev = doc[m.start - 1] if m.start > 0 else None
        counts = last.dep_ == "nummod" and last.head.i > last.i and last.head.pos_ == "NOUN"
        if not counts and prev is not None and prev.pos_ == "PROPN" and not prev.is_lower and (
            prev.lower_ not in self.months
        ):
            return True
        nxt = doc[cand.end] if cand.end < n else None
        return (
            nxt is not None and nxt.tag_ == "NNP" and not nxt.is_upper
            and cand.end + 1 < n and doc[cand.end + 1].pos_ == "PROPN"
            and nxt.lower_ not in self.months
        )

    def day_or_year(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "May 20", "20 May": a day of the month; "in 2022", "the 1988 film", "2014-15": a
        year. Not "2000 soldiers" or "of 1500", which count."""
        if not m.only_digits or m.value is None or cand.currency is not None or cand.percent is not None:
            return False
        n = len(doc)
        v = m.value
        first, last = doc[m.start], doc[m.end - 1]
        prev = doc[m.start - 1] if m.start > 0 else None
        if v <= 31 and (
            (prev is not None and prev.lower_ in self.months)
            or (m.end < n and doc[m.end].lower_ in self.months)
        ):
            return True
        if not (1000 <= v <= 2100 and len(first.text) == 4 and cand.qualifier in ("exact", "range")):
            return False
        head = last.head
        modifies = last.dep_ in ("nummod", "compound", "amod") and head.i > last.i
        # "the 1988 film" (but "the 1000 hp barrier", "a 1520 sq m centre" measure)
        singular = modifies and head.tag_ in ("NN", "NNP") and 1900 <= v <= 2100
        year_range = (
            m.end + 1 < n and doc[m.end].text in ("-", "–", "/") and doc[m.end + 1].like_num
            and (len(doc[m.end + 1].text) == 2 or doc[m.end + 1].text[:2] in ("19", "20"))
        )
        return (
            first.ent_type_ == "DATE" or singular or year_range
            or (prev is not None and prev.lower_ in self.year_before)
        )

    @staticmethod
    def age_in_apposition(doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "Maddon, 66, has ...": a small number set off by commas after a person's name."""
        prev = doc[m.start - 1] if m.start > 0 else None
        return (
            prev is not None and prev.text == "," and m.start > 1
            and (doc[m.start - 2].ent_type_ == "PERSON" or (
                doc[m.start - 2].pos_ == "PROPN" and doc[m.start - 2].ent_type_ not in ("GPE", "LOC", "FAC", "ORG")
            ))
            and (m.end >= len(doc) or doc[m.end].text in (",", ".", ")"))
            and m.value is not None and m.value < 120 and cand.qualifier == "exact"
        )

    def partitive_one(self, doc: Doc, cand: Candidate, m: NumberMatch) -> bool:
        """ "one of the soldiers", "the one who", "in one case", "One man I spoke to": counting
        words and indefinites, not counts; "only one", "at least one" and "one person was
        killed" do count."""
        first = doc[m.start]
        if m.end - m.start != 1 or first.lower_ not in self.partitive:
            return False
        nxt = doc[m.end] if m.end < len(doc) else None
        if nxt is not None and nxt.lower_ == "of":
            return True
        if cand.qualifier != "exact" or cand.start != m.start:
            return False  # "only one", "at least one" count
        if not (first.dep_ == "nummod" and first.head.i > first.i) and first.dep_ != "nsubjpass":
            return True
        noun = first.head
        return noun.dep_ == "pobj" or any(c.dep_ in ("relcl", "acl", "appos") for c in noun.children)
