"""What a figure counts and where/when it holds: unit, location, dates, cumulative.

Split from `finder.py` because finding a number and reading its clause are separate
concerns: this module only walks the dependency parse around an already found figure.
The clause of a figure is the verb that governs it (with its conjuncts): "40 prisoners were
killed and 75 wounded in Thursday's attack" puts both figures in one event clause.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.tokens import sentence_bounds

_NOUNISH = ("NOUN", "PROPN")
_MODIFIER_DEPS = ("amod", "compound", "nmod", "nummod", "quantmod", "advmod", "npadvmod", "punct")
_SKIP_LEADING = ("DET", "PRON", "PUNCT", "CCONJ", "NUM", "SPACE", "ADV")
_DEFAULT_DEPTH = 8


@dataclass
class DocView:
    """Per-doc values computed once (Doc.text and Token.sent are O(n) on every call)."""

    doc: Doc
    text: str
    sent_start: list[int]
    sent_end: list[int]
    ents: list[Span]
    #: (start char, index in doc._.times) of every time row, by start: the rows of one
    #: sentence are found by bisection, not by reading every row of the doc per figure
    time_starts: list[tuple[int, int]]

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        starts, ends = sentence_bounds(doc)
        times = sorted((row["start"], i) for i, row in enumerate(doc._.times or []))
        return cls(doc, doc.text, starts, ends, list(doc.ents), times)

    def times_within(self, start: int, end: int) -> list[dict[str, Any]]:
        """The time rows inside chars [start, end), in the order of `doc._.times`."""
        rows = self.doc._.times or []
        lo = bisect_left(self.time_starts, (start, -1))
        hi = bisect_right(self.time_starts, (end, len(rows)))
        picked = sorted(i for _, i in self.time_starts[lo:hi])
        return [rows[i] for i in picked if rows[i]["end"] <= end]

    def sent_chars(self, i: int) -> tuple[int, int]:
        """Character bounds of the sentence of token i."""
        last = self.doc[self.sent_end[i] - 1]
        return self.doc[self.sent_start[i]].idx, last.idx + len(last.text)


def governing_verb(tok: Token, depth: int = _DEFAULT_DEPTH) -> Token:
    """The nearest verb (or auxiliary) above `tok`, or the sentence root."""
    cur = tok
    for _ in range(depth):
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def clause_verbs(verb: Token) -> set[int]:
    """The verb and its coordinated verbs ("were killed and 75 wounded")."""
    out = {verb.i}
    for c in verb.conjuncts:
        out.add(c.i)
    return out


class FigureContext:
    """Reads a figure's unit, location, dates and cumulative flag from the parse."""

    def __init__(self, lex: dict[str, Any]) -> None:
        units = lex["units"]
        self.currency = {k.lower(): v for k, v in units["currency_symbols"].items()}
        self.percent_unit = units["percent"]["unit"][0]
        self.drop_leading = {w.lower() for w in units["drop_leading"]["words"]}
        self.complement_preps = {w.lower() for w in units["complement_preps"]["words"]}
        self.borrow_words = {w.lower() for w in units["borrow"]["words"]}
        self.measures = {w.lower() for w in units["measures"]["words"]}
        self.subset_markers = {w.lower() for w in units["subset_markers"]["words"]}
        self.time_units = {w.lower() for w in lex["exclude"]["time_units"]["words"]}
        ctx = lex["context"]
        self.location_preps = {w.lower() for w in ctx["location_preps"]["words"]}
        self.location_labels = set(ctx["location_labels"]["labels"])
        self.org_after = {w.lower() for w in ctx["location_labels"]["org_after"]}
        self.not_places = set(ctx["location_labels"]["not_places"])
        self.place_nouns = {w.lower() for w in ctx["place_nouns"]["words"]}
        self.since = {w.lower() for w in ctx["since"]["words"]}
        self.cum_true = _index(ctx["cumulative_true"]["phrases"])
        self.cum_false = _index(ctx["cumulative_false"]["phrases"])

    # ------------------------------------------------------------------ one row
    def row(self, view: DocView, cand: Candidate) -> dict[str, Any]:
        """The plain `doc._.figures` row of a candidate (event/predicate left to events)."""
        doc = view.doc
        span = doc[cand.start : cand.end]
        unit, unit_span = self.unit(view, cand)
        anchor = self.anchor(doc, cand)
        verb = governing_verb(anchor)
        verbs = clause_verbs(verb)
        as_of, period_start, since_seen = self.dates(view, anchor, verbs)
        cumulative = self.cumulative(view, verb, anchor)
        if cumulative is None and since_seen:
            cumulative = True
        return {
            "start": span.start_char,
            "end": span.end_char,
            "value": cand.value,
            "low": cand.low,
            "high": cand.high,
            "qualifier": cand.qualifier,
            "unit": unit,
            "unit_span": unit_span,
            "predicate": None,
            "event": None,
            "location": self.location(view, anchor, verbs),
            "as_of": as_of,
            "period_start": period_start,
            "cumulative": cumulative,
        }

    def anchor(self, doc: Doc, cand: Candidate) -> Token:
        """The token that stands for the figure in the parse: its counted noun, else its number."""
        last = doc[cand.num_end - 1]
        cur = last
        for _ in range(3):
            if cur.dep_ in ("nummod", "quantmod", "compound") and cur.head.i > cur.i:
                cur = cur.head
            elif cur.head.i > cur.i and (
                (cur.dep_ == "amod" and cur.lower_ in self.drop_leading)
                or (cur.dep_ == "npadvmod" and cur.head.lower_ in self.drop_leading)
            ):
                cur = cur.head  # "771 more militants" (771 -npadvmod-> more -amod-> militants)
            else:
                break
        return cur

    # ------------------------------------------------------------------ unit
    def unit(self, view: DocView, cand: Candidate) -> tuple[str | None, list[int] | None]:
        """What is counted, as written, and its character offsets."""
        doc = view.doc
        if cand.currency and cand.currency_tok is not None:
            t = doc[cand.currency_tok]
            return cand.currency, [t.idx, t.idx + len(t.text)]
        if cand.percent:
            s, e = cand.percent
            return self.percent_unit, [doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)]
        if cand.glued_unit is not None:
            t = doc[cand.glued_unit]
            return t.text, [t.idx, t.idx + len(t.text)]
        if cand.suffix_unit is not None:
            s, e = cand.suffix_unit
            return view.text[s:e], [s, e]
        n = len(doc)
        end = cand.num_end
        sent_end = view.sent_end[cand.num_start]
        # "hundreds of soldiers", "40 of the prisoners"
        if end + 1 < sent_end and doc[end].lower_ == "of":
            return self._of_phrase(view, end)
        last = doc[end - 1]
        head = self.anchor(doc, cand)
        if (head.i != last.i and head.lower_ in self.time_units
                and any(doc[k].like_num for k in range(end, head.i))):
            return None, None  # "risen to 17 one week after": the week is another number's
        if head.i != last.i and head.pos_ in _NOUNISH and head.i - end <= 6:
            # a measure modifying a noun: "40 yard line", "8.5 kW system", "12 page document"
            first = doc[end]
            if (
                first.i < head.i and first.tag_ in ("NN", "NNP") and head.tag_ in ("NN", "NNP")
                and (first.lower_ in self.measures or len(first.text) <= 3)
                and first.dep_ in ("compound", "nmod", "npadvmod") and first.pos_ in _NOUNISH
                and (cand.value is None or cand.value != 1)
            ):
                return first.text, [first.idx, first.idx + len(first.text)]
            return self._noun_phrase(view, end, head.i)
        # parse missed the nummod: take an adjacent noun run ("50 Killed" stays verbal)
        if end < n and doc[end].pos_ in _NOUNISH and doc[end].lower_ not in self.time_units:
            k = end
            while k + 1 < sent_end and k - end < 4 and doc[k].dep_ in ("compound", "amod") and doc[k + 1].pos_ in _NOUNISH + ("ADJ",):
                k += 1
            return self._noun_phrase(view, end, k)
        return None, None

    def _of_phrase(self, view: DocView, of_i: int) -> tuple[str | None, list[int] | None]:
        doc = view.doc
        of_tok = doc[of_i]
        pobj = next((c for c in of_tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in _NOUNISH:
            return None, None
        start = of_i + 1
        while start < pobj.i and doc[start].pos_ in _SKIP_LEADING:
            start += 1
        return self._noun_phrase(view, start, pobj.i)

    def _noun_phrase(self, view: DocView, start: int, head_i: int) -> tuple[str | None, list[int] | None]:
        """Tokens start..head_i as the unit, minus leading event words, plus "of war"."""
        doc = view.doc
        if any("\n" in doc[k].text for k in range(start, head_i + 1)):
            return None, None  # a headline runs into the next paragraph: no unit across it
        for k in range(start + 1, head_i + 1):
            # a spaced dash ends the phrase: "30 trucks - witnesses put ..." counts trucks,
            # whatever compound the parser ran across the dash
            if doc[k].is_punct and doc[k - 1].whitespace_ and doc[k].whitespace_:
                if doc[k - 1].pos_ in _NOUNISH:
                    head_i = k - 1
                break
        while start < head_i and (
            doc[start].lower_ in self.drop_leading or doc[start].pos_ in _SKIP_LEADING
        ):
            start += 1
        for k in range(start, head_i):
            if doc[k].dep_ not in _MODIFIER_DEPS and doc[k].head.i != head_i:
                start = k + 1  # only modifiers of the head belong to the unit
        end = head_i
        # "prisoners of war", "barrels of oil": a bare noun complement
        if (
            end + 2 < len(doc)
            and doc[end + 1].lower_ in self.complement_preps
            and doc[end + 1].head.i == end
            and doc[end + 2].pos_ == "NOUN"
            and doc[end + 2].head.i == end + 1
        ):
            end += 2
        first, last = doc[start], doc[end]
        return view.text[first.idx : last.idx + len(last.text)], [first.idx, last.idx + len(last.text)]

    def borrow_units(self, view: DocView, rows: list[dict[str, Any]]) -> None:
        """A figure with no noun ("and 75 wounded") or a stand-in ("36 others") counts what
        the figure before it counts.

        Only within one sentence, and never a currency or percent: those are written out.
        """
        prev: dict[str, Any] | None = None
        prev_sent = -1
        for row in sorted(rows, key=lambda r: r["start"]):
            tok = view.doc.char_span(row["start"], row["end"], alignment_mode="expand")
            sent_start = view.sent_start[tok.start] if tok is not None else -1
            if (
                (row["unit"] is None or row["unit"].lower() in self.borrow_words)
                and prev is not None
                and prev_sent == sent_start
                and prev["unit"] is not None
                and prev["unit"] != self.percent_unit
                and prev["unit"] not in self.currency.values()
            ):
                row["unit"] = prev["unit"]
                row["unit_span"] = prev["unit_span"]
            # "At least 39 people, including four children, ... and nearly 100 wounded": a
            # subset named inside "including ..." is not what the next figure counts
            if tok is not None:
                counted = tok.root.head if tok.root.dep_ in ("nummod", "quantmod") else tok.root
                if counted.head.lemma_.lower() in self.subset_markers:
                    continue
            prev, prev_sent = row, sent_start

    # ------------------------------------------------------------------ where
    def location(self, view: DocView, anchor: Token, verbs: set[int]) -> str | None:
        """A place named in the figure's clause: "at Azovstal", "in Olenivka", "in the Olenivka
        detention center", "hit the Kramatorsk railway station".

        A place is a location entity (or a proper noun en_core_web_sm mislabels, e.g.
        Kramatorsk as PRODUCT) that is the object of a location preposition, or the proper
        name compounded onto a place noun ("station", "prison") that the clause acts on.
        """
        doc = view.doc
        lo, hi = view.sent_start[anchor.i], view.sent_end[anchor.i]
        best: tuple[int, str] | None = None
        for k in range(lo, hi):
            t = doc[k]
            name: Span | None = None
            holder: Token | None = None
            if t.dep_ == "pobj" and t.head.lower_ in self.location_preps:
                name = self._place_name(t, t.head.lower_)
                holder = t.head.head
            elif t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.lemma_.lower() in self.place_nouns:
                name = self._proper_modifier(t)
                holder = t.head
            elif t.i == anchor.i:
                # "2,439 Mariupol defenders": a place name on the counted noun itself
                name = next(
                    (_entity_of(c) for c in t.lefts
                     if c.dep_ in ("compound", "nmod") and c.ent_type_ in self.location_labels),
                    None,
                )
                holder = t
            if name is None or holder is None:
                continue
            if holder.i != anchor.i and holder.i not in verbs and governing_verb(holder).i not in verbs:
                continue
            dist = abs(t.i - anchor.i)
            if best is None or dist < best[0]:
                best = (dist, _strip_det(name))
        return best[1] if best else None

    def _place_name(self, t: Token, prep: str) -> Span | None:
        """The place a prepositional object names, if it names one."""
        label = t.ent_type_
        if label in self.location_labels or (label == "ORG" and prep in self.org_after):
            return _entity_of(t)
        if t.pos_ == "PROPN" and label not in self.not_places and t.text[:1].isupper():
            return _entity_of(t) if label else t.doc[_compound_start(t) : t.i + 1]
        if t.lemma_.lower() in self.place_nouns:
            return self._proper_modifier(t)
        return None

    def _proper_modifier(self, noun: Token) -> Span | None:
        """ "Olenivka" in "the Olenivka pretrial detention center"."""
        for c in noun.lefts:
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.ent_type_ not in self.not_places:
                return _entity_of(c) if c.ent_type_ else c.doc[c.i : c.i + 1]
        return None

    # ------------------------------------------------------------------ when
    def dates(
        self, view: DocView, anchor: Token, verbs: set[int]
    ) -> tuple[dict[str, Any] | None, str | None, bool]:
        """(as_of, period_start, whether a "since" date governs the clause)."""
        doc = view.doc
        s_start, s_end = view.sent_chars(anchor.i)
        as_of: dict[str, Any] | None = None
        period_start: str | None = None
        since_seen = False
        for row in view.times_within(s_start, s_end):
            span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            holder = governing_verb(root)
            if holder.i not in verbs and root.head.i != anchor.i:
                continue
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            if before in self.since or span[0].lower_ in self.since:
                since_seen = True
                if row.get("date") and period_start is None:
                    period_start = row["date"]
                continue
            if row.get("type") == "DATE" and row.get("date") and as_of is None:
                as_of = {
                    "date": row["date"],
                    "precision": row.get("precision") or "day",
                    "text": view.text[row["start"] : row["end"]],
                }
        return as_of, period_start, since_seen

    def cumulative(self, view: DocView, verb: Token, anchor: Token) -> bool | None:
        """True for running totals, False for per-period counts, None when the clause is silent."""
        doc = view.doc
        lo = max(view.sent_start[anchor.i], min(verb.left_edge.i, anchor.i))
        hi = min(view.sent_end[anchor.i], max(verb.right_edge.i, anchor.i) + 1)
        if _has_phrase(doc, lo, hi, self.cum_false):
            return False
        if _has_phrase(doc, lo, hi, self.cum_true):
            return True
        return None


def _index(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases keyed by their first word, for one dict lookup per token."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(p.lower().split())
        out.setdefault(words[0], []).append(words)
    return out


def _has_phrase(doc: Doc, lo: int, hi: int, index: dict[str, list[tuple[str, ...]]]) -> bool:
    for i in range(lo, hi):
        for phrase in index.get(doc[i].lower_, ()):
            k = len(phrase)
            if i + k <= hi and all(doc[i + j].lower_ == phrase[j] for j in range(k)):
                return True
    return False


def _entity_of(t: Token) -> Span:
    """The entity span a token belongs to (the token alone when it has none)."""
    doc = t.doc
    if not t.ent_type_:
        return doc[t.i : t.i + 1]
    start = t.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _compound_start(t: Token) -> int:
    """First token of the proper-noun compound ending at t ("Donetsk People's Republic")."""
    start = t.i
    for c in t.lefts:
        if c.dep_ == "compound" and c.pos_ == "PROPN":
            start = min(start, c.i)
    return start


def _strip_det(ent: Span) -> str:
    """Entity text without a leading determiner or trailing junk ("Azovstal – Russia" -> "Azovstal").

    en_core_web_sm sometimes runs an entity across a dash; the place is what precedes it.
    """
    start = 1 if len(ent) > 1 and ent[0].pos_ == "DET" else 0
    end = len(ent)
    for k in range(start + 1, len(ent)):
        # a spaced dash ends the name ("Azovstal – Russia"); a hyphen inside it does not ("Al-Ahli")
        if ent[k].is_punct and (ent[k - 1].whitespace_ or ent[k].whitespace_):
            end = k
            break
    return ent[start:end].text
