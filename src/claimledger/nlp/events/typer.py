"""The conflict event type and predicate of each figure (the `claimledger_events` stage).

`EventTyper.__call__` reads the figures the figures stage wrote, finds for each the word that
governs it in the parse (`Triggers.find` in `triggers.py`), lets a restated figure carry the
event before it (`carry_over`), and writes `event` and `predicate` back on the same rows
(`set_annotations`). When nothing governs a figure, the counted noun may itself be the
event ("193 detainees", "two rockets"). A figure whose clause says nothing of a conflict
event keeps `event` null -- a population size or a price is not an event.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.events.triggers import Triggers


class EventTyper(Pipe):
    """The conflict event type and predicate of each figure."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str = "events") -> None:
        """`lexicon` (the one config knob) names the TOML vocabulary under `data/lexicons`."""
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.triggers = Triggers(lex)
        pol = lex["policy"]
        self.cumulative_events = set(pol["cumulative_events"])
        self.figure_nouns = {w.lower() for w in pol["figure_nouns"]}
        self.default_units: dict[str, str] = dict(lex["default_units"])

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        """Type every figure row of the doc (find), then write the rows back (set_annotations)."""
        if doc._.figures is None:
            doc._.figures = []
        found = [self.triggers.find(doc, row) for row in doc._.figures]
        self.carry_over(doc, found)
        self.set_annotations(doc, found)
        return doc

    def carry_over(self, doc: Doc, found: list[tuple[str | None, str | None]]) -> None:
        """ "The previous figure given by the ministry was 1,730 soldiers": a figure that a
        figure-noun subject restates takes the event of the nearest earlier figure that has one.
        So does, within its paragraph, an elliptical figure that names nothing it counts
        ("31 people killed so far. 29 are from Kherson", "of whom around 200 were still
        there") and a figure of a sentence without a verb ("Twelve people in Oleshky, 13 in
        Hola Prystan") -- a breakdown of the count before it.
        """
        last_event: str | None = None
        last_end = 0
        for k, row in enumerate(doc._.figures):
            event, predicate = found[k]
            if event is None and last_event is not None:
                same_paragraph = "\n" not in doc.text[last_end : row["start"]]
                if self._restates(doc, row) or (same_paragraph and self._elliptical(doc, row)):
                    found[k] = (last_event, predicate)
            elif event is not None:
                last_event = event
                last_end = row["end"]

    def _restates(self, doc: Doc, row: dict[str, Any]) -> bool:
        """Does a figure noun ("figure", "number") restate the figure: "the previous figure
        ... was 1,730 soldiers", "witnesses put the number at about 18"?"""
        anchor = self.triggers.anchor(doc, row)
        if anchor is None:
            return False
        verb = anchor.head
        if anchor.dep_ == "pobj":
            verb = verb.head
        elif anchor.dep_ not in ("attr", "acomp"):
            return False
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        return any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != anchor.i
            and c.lemma_.lower() in self.figure_nouns
            for c in verb.children
        )

    def _elliptical(self, doc: Doc, row: dict[str, Any]) -> bool:
        """A bare number as subject ("29 are from Kherson"), or a figure in a verbless sentence."""
        anchor = self.triggers.anchor(doc, row)
        if anchor is None:
            return False
        if anchor.pos_ == "NUM" and anchor.dep_ in ("nsubj", "nsubjpass"):
            return True
        return not any(t.pos_ == "VERB" for t in anchor.sent)

    def set_annotations(self, doc: Doc, found: list[tuple[str | None, str | None]]) -> None:
        """Write (event, predicate) onto the figure rows, in the same order."""
        rows = []
        for row, (event, predicate) in zip(doc._.figures, found, strict=True):
            new = dict(row)
            new["event"] = event
            new["predicate"] = predicate
            if new.get("cumulative") is None and event in self.cumulative_events:
                new["cumulative"] = True
            if new.get("unit") is None and event in self.default_units:
                new["unit"] = self.default_units[event]  # inferred, so no unit_span
            rows.append(new)
        doc._.figures = rows

    def doc_event(self, doc: Doc) -> str | None:
        """One event for a whole text: the most frequent event of its figures (first on ties),
        else the first trigger verb or noun of the text. Used for document-level labels
        (CASE 2021 snippets); the stage itself never calls it.
        """
        events = [r["event"] for r in doc._.figures or [] if r.get("event")]
        if events:
            counts: dict[str, int] = {}
            for e in events:
                counts[e] = counts.get(e, 0) + 1
            best = max(counts.values())
            return next(e for e in events if counts[e] == best)
        found = self.trigger_events(doc)
        return found[0] if found else None

    def trigger_events(self, doc: Doc) -> list[str]:
        """Events named by the text's trigger verbs and nouns, in text order (with repeats)."""
        return self.triggers.named_in(doc)
