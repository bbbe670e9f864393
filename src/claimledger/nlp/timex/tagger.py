"""Time expressions (TIMEX3) detected and resolved against doc._.published.

The stage finds ("Thursday", "earlier this week", "the past 24 hours", "May 16") with the
class-string scanner of `scan`, reads each into a frame and resolves it with `resolve`
(calendar arithmetic in `calendar`), then writes plain rows on `doc._.times` (see
`nlp/extensions.py`). Figures
and claims later look their dates up in these rows ("as of Thursday", "since May 16").

Conventions follow TempEval-3: prepositions ("since", "on") stay outside the span; mod
words ("about", "nearly", "early", "the end of") are inside it and become the TIMEX3 mod;
ages ("a 6-year-old") and bare counts ("1,908") are never tagged.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from claimledger.data import load_lexicon
from claimledger.nlp.timex.resolve import Frame, Resolved, build_frame, resolve
from claimledger.nlp.timex.scan import choose_spans, classify
from claimledger.nlp.timex.vocab import TimexVocab
from claimledger.nlp.tokens import sentence_bounds

#: classes a TIMEX3 quantity modifier ("about", "more than") may stand before
_QUANTITY_START = frozenset("DNak")
#: classes "around"/"about" may stand before as an approximate date ("around May 20")
_APPROX_START = frozenset("MWRYCO")
#: the letters that carry a unit, so that an "old" after them marks an age
_UNIT_CLASSES = frozenset("U")
#: a quantity's mod, said of a point counted back from now ("more than 20 years ago")
_POINT_MODS = {
    "MORE_THAN": "BEFORE",
    "LESS_THAN": "AFTER",
    "EQUAL_OR_MORE": "ON_OR_BEFORE",
    "EQUAL_OR_LESS": "ON_OR_AFTER",
}


def published_day(published: str | None) -> date | None:
    """The calendar day of an ISO date or date-time, None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


class TimexTagger(Pipe):
    """Time expressions (TIMEX3) detected and resolved against doc._.published."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str = "timex") -> None:
        """`lexicon` (the one config knob) names the TOML vocabulary under `data/lexicons`."""
        self.name = name
        self.lexicon = lexicon
        self.vocab = TimexVocab.from_lexicon(load_lexicon(lexicon))
        self._max_mod = max(len(k) for k in self.vocab.modifiers)

    def __call__(self, doc: Doc) -> Doc:
        """Find and resolve the doc's time expressions (find), then write them (set_annotations)."""
        self.set_annotations(doc, self.find(doc))
        return doc

    def set_annotations(self, doc: Doc, rows: list[dict]) -> None:
        """Write the time rows onto `doc._.times`."""
        doc._.times = rows

    def find(self, doc: Doc) -> list[dict]:
        """The time rows of `doc`, in text order (plain dicts: see `nlp/extensions.py`)."""
        pub = published_day(doc._.published)
        classes, found = self._frames(doc)
        text = doc.text  # joins every token: built once, not per expression
        rows: list[dict] = []
        for start, end, frame, tense in found:
            res = resolve(frame, pub, tense, self.vocab)
            if res is None:
                continue
            start, end, res = self._trim(doc, classes, start, end, res)
            if res.anaphor is not None:
                res = self._from_last_day(rows, res)
            start, end, res = self._widen(doc, classes, start, end, res)
            first, last = doc[start], doc[end - 1]
            if rows and self._clock_on_date(text, rows[-1], first.idx, res):
                prev = rows[-1]
                prev["value"] = res.date + prev["value"][10:]
                prev["date"] = res.date
            rows.append(
                {
                    "start": first.idx,
                    "end": last.idx + len(last.text),
                    "type": res.type,
                    "value": res.value,
                    "mod": res.mod,
                    "date": res.date,
                    "precision": res.precision,
                }
            )
        return rows

    def _frames(self, doc: Doc) -> tuple[str, list[tuple[int, int, Frame, int]]]:
        """The doc's class string, and (start, end, frame, tense) for each expression the
        scanner found that is a time: ages ("a 6-year-old") and a unit after "early"/"late"
        ("the early hours of Sunday") are not. A day and month without a year take the year
        their sentence states, not the publication's."""
        classes, payload = classify(doc, self.vocab)
        found: list[tuple[int, int, Frame, int]] = []
        for start, end, _name in choose_spans(classes):
            if self._is_age(classes, start, end):
                continue
            if start > 0 and classes[start - 1] in "EZI" and classes[start:end] == "U":
                continue  # "the early hours of Sunday": a part of the day, not a duration
            lowers = [t.lower_ for t in doc[start:end]]
            frame = build_frame(classes[start:end], payload[start:end], lowers, self.vocab)
            found.append((start, end, frame, self._tense(doc[start:end])))
        # without sentence boundaries (no parser) the whole doc counts as one sentence
        sent_of = sentence_bounds(doc)[0] if doc.has_annotation("SENT_START") else [0] * len(doc)
        years = self._sentence_years(found, sent_of)
        for start, _end, frame, _tense in found:
            if frame.month is not None and frame.day is not None and frame.year is None:
                frame.year = years.get(sent_of[start])
        return classes, found

    def _trim(
        self, doc: Doc, classes: str, start: int, end: int, res: Resolved
    ) -> tuple[int, int, Resolved]:
        """What the span leaves out, and a duration that is a rate: "the weeks" -> "weeks",
        "the eight-year war" -> "eight-year", "three days later" -> "three days" (the
        period, in a narrative), "300 shells a day" -> a SET."""
        if classes[start] == "h" and (
            (classes[start:end] == "hU" and doc[end - 1].tag_ == "NNS")
            or self._article_elsewhere(doc[start:end])
        ):
            start += 1
        if res.type == "DURATION" and self._is_rate(doc, classes, start, end):
            res = Resolved("SET", res.value)
        if res.type == "DURATION" and classes[end - 1] in "AJ":
            end -= 1
        return start, end, res

    @staticmethod
    def _from_last_day(rows: list[dict], res: Resolved) -> Resolved:
        """"On May 16 ... the next day": count from the last day named before, if any."""
        for row in reversed(rows):
            if row["precision"] == "day" and row["date"]:
                try:
                    day = date.fromisoformat(row["date"]) + timedelta(days=res.anaphor or 0)
                except OverflowError:  # "the next day" after 9999-12-31
                    return res
                return Resolved(res.type, day.isoformat(), res.mod, day.isoformat(), "day")
        return res

    def _clock_on_date(self, text: str, prev: dict, start_char: int, res: Resolved) -> bool:
        """"23:00 on July 28": a clock time followed closely by a day takes that day."""
        if prev["type"] != "TIME" or res.precision != "day" or not res.date:
            return False
        if not prev["value"] or "T" not in prev["value"] or not prev["value"][:1].isdigit():
            return False
        gap = text[prev["end"] : start_char].replace(",", " ").lower().split()
        return len(gap) <= 1 and all(w in self.vocab.clock_links for w in gap)

    @staticmethod
    def _sentence_years(
        found: list[tuple[int, int, Frame, int]], sent_of: list[int]
    ) -> dict[int, int]:
        """The year a sentence states with a full date ("between July 28 and July 29, 2022"):
        a day-and-month without a year in the same sentence takes it, not the publication's.
        `sent_of` maps a token to the first token of its sentence."""
        years: dict[int, int] = {}
        for start, _end, frame, _tense in found:
            if frame.year is not None and frame.month is not None:
                years.setdefault(sent_of[start], frame.year)
        return years

    @staticmethod
    def _is_rate(doc: Doc, classes: str, start: int, end: int) -> bool:
        """"a day" after a count ("300 shells a day", "60 hours a week") is a frequency."""
        if classes[start:end] != "aU" or start == 0:
            return False
        prev = doc[start - 1]
        return prev.pos_ in ("NOUN", "NUM") and prev.dep_ != "prep"

    def _article_elsewhere(self, span: Span) -> bool:
        """"the eight-year war", "the months-long battle": "the" belongs to the noun after."""
        head = span[0].head.i
        return not span.start <= head < span.end

    def _is_age(self, classes: str, start: int, end: int) -> bool:
        """"6-year-old", "52 years old", "an 8-month-old": an age, not a duration."""
        if not _UNIT_CLASSES.intersection(classes[start:end]):
            return False
        after = classes[end : end + 2]
        return after[:1] == "y" or after == "-y"

    def _widen(
        self, doc: Doc, classes: str, start: int, end: int, res: Resolved
    ) -> tuple[int, int, Resolved]:
        """Take a modifier before ("more than", "about") and "or so" after into the span."""
        mod = res.mod
        first = classes[start]
        if first in _QUANTITY_START or first in _APPROX_START:
            for size in range(self._max_mod, 0, -1):
                if start - size < 0:
                    continue
                words = tuple(t.lower_ for t in doc[start - size : start])
                found = self.vocab.modifiers.get(words)
                if found is None:
                    continue
                if first in _APPROX_START and found != "APPROX":
                    break
                if first in _APPROX_START and words in self.vocab.quantity_only_mods:
                    break
                start -= size
                if res.type == "DATE" and "A" in classes[start:end]:
                    found = _POINT_MODS.get(found, found)  # "more than 20 years ago"
                mod = mod or found
                break
        for phrase in self.vocab.approx_suffix:
            words = tuple(t.lower_ for t in doc[end : end + len(phrase)])
            if words == phrase:
                end += len(phrase)
                mod = mod or "APPROX"
        if mod != res.mod:
            res = Resolved(res.type, res.value, mod, res.date, res.precision)
        return start, end, res

    def _tense(self, span: Span) -> int:
        """-1 past, +1 future, 0 unknown: from the verb that governs the expression."""
        tok = span.root
        for _ in range(3):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return 0
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in self.vocab.future_aux for c in auxes):
            return 1
        if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return -1  # "attacked", "was shelled", "had left"
        if tok.tag_ == "VBN" and any(c.lemma_ in self.vocab.perfect_aux for c in auxes):
            return -1  # "has surrendered"
        return 0
