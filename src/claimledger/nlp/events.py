"""The conflict event type and predicate of each figure.

`EventTyper.__call__` reads the figures the figures stage wrote, finds for each the word that
governs it in the parse (`find`), and writes `event` and `predicate` back on the same rows
(`set_annotations`). The search climbs from the counted noun ("prisoners" in "40 prisoners
were killed") up the dependency tree, inside its own clause, and takes the first trigger of
the `events` lexicon: a verb phrase ("laid down their arms"), a verb ("were killed"), a
noun ("death toll"), or an adjective on the way ("53 dead Ukrainians", "leaving 75
wounded"). When nothing governs it, the counted noun may itself be the event ("193
detainees", "two rockets"). A figure whose clause says nothing of a conflict event keeps
`event` null -- a population size or a price is not an event.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, Token

from claimledger.data import load_lexicon

#: how many heads above the counted noun a trigger may stand
MAX_DEPTH = 4
#: dependency labels that open a new clause: the search stops there (reported speech)
_CLAUSE_BOUNDARY = ("ccomp", "parataxis")
_COMPLEMENT_DEPS = (
    "acomp", "xcomp", "oprd", "attr", "dobj", "ccomp", "advcl", "nsubj", "nsubjpass", "prep",
)
_CHILD_DEPS = ("acl", "amod", "relcl", "conj", "appos", "prep")


def _lemma_table(groups: dict[str, list[str]]) -> dict[str, str]:
    """lemma -> event; the first event listing a lemma wins (lexicon order is priority)."""
    out: dict[str, str] = {}
    for event, words in groups.items():
        for w in words:
            out.setdefault(w.lower(), event)
    return out


class EventTyper(Pipe):
    """The conflict event type and predicate of each figure."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str, **config: object) -> None:
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        trig = lex["triggers"]
        self.verbs = _lemma_table(trig["verbs"])
        self.nouns = _lemma_table(trig["nouns"])
        self.adjectives = _lemma_table(trig["adjectives"])
        self.units = _lemma_table(trig["units"])
        self.phrases: list[tuple[tuple[str, ...], str]] = sorted(
            (
                (tuple(p.lower().split()), event)
                for event, items in trig["phrases"].items()
                for p in items
            ),
            key=lambda x: (-len(x[0]), x[0]),
        )
        pol = lex["policy"]
        self.light = {w.lower() for w in pol["light_verbs"]}
        self.weak = {w.lower() for w in pol["weak_verbs"]}
        self.pred_left = set(pol["predicate_left"])
        self.pred_right = set(pol["predicate_right"])
        self.cumulative_events = set(pol["cumulative_events"])
        self._figure_chars: tuple[int, int] = (-1, -1)
        self.no_event_units = {w.lower() for w in pol["no_event_units"]}
        self.figure_nouns = {w.lower() for w in pol["figure_nouns"]}
        self.subset_heads = {w.lower() for w in pol["subset_heads"]}
        self.default_units: dict[str, str] = dict(lex["default_units"])

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        """Type every figure row of the doc (find), then write the rows back (set_annotations)."""
        if doc._.figures is None:
            doc._.figures = []
        found = [self.find(doc, row) for row in doc._.figures]
        self.carry_over(doc, found)
        self.set_annotations(doc, found)
        return doc

    def carry_over(self, doc: Doc, found: list[tuple[str | None, str | None]]) -> None:
        """ "The previous figure given by the ministry was 1,730 soldiers": a figure that a
        figure-noun subject restates takes the event of the nearest earlier figure that has one.
        """
        last_event: str | None = None
        for k, row in enumerate(doc._.figures):
            event, predicate = found[k]
            if event is None and last_event is not None and self._restates(doc, row):
                found[k] = (last_event, predicate)
            elif event is not None:
                last_event = event

    def _restates(self, doc: Doc, row: dict[str, Any]) -> bool:
        anchor = self.anchor(doc, row)
        if anchor is None:
            return False
        verb = anchor.head
        if verb.lemma_.lower() != "be" or anchor.dep_ not in ("attr", "acomp"):
            return False
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.figure_nouns
            for c in verb.children
        )

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
        out: list[str] = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.verbs and lemma not in self.light and lemma not in self.weak:
                out.append(self.verbs[lemma])
            elif tok.pos_ == "NOUN" and lemma in self.nouns:
                out.append(self.nouns[lemma])
        return out

    # ------------------------------------------------------------------ finding
    def anchor(self, doc: Doc, row: dict[str, Any]) -> Token | None:
        """The token standing for the figure: its counted noun when it follows the number."""
        span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
        if span is None:
            return None
        us = row.get("unit_span")
        if us and row["end"] <= us[0] <= row["end"] + 80:
            unit = doc.char_span(us[0], us[1], alignment_mode="expand")
            if unit is not None:
                return unit.root
        return span.root

    def find(self, doc: Doc, row: dict[str, Any]) -> tuple[str | None, str | None]:
        """(event, predicate) of one figure row."""
        anchor = self.anchor(doc, row)
        if anchor is None:
            return None, None
        if (row.get("unit") or "").lower() in self.no_event_units:
            return None, None
        # words of the figure itself never join the predicate ("kidnapped up to 16")
        self._figure_chars = (row["start"], row["end"])
        # modifiers of the counted noun: "53 dead Ukrainians", "30 killed", "the death of 40"
        hit = self._on_children(anchor, exclude=None)
        if hit:
            return hit
        fallback_pred: str | None = None
        lemma = anchor.lemma_.lower()
        if anchor.dep_ == "pobj" and anchor.head.lower_ != "of" and lemma in self.units:
            # "killed 48 people in two separate attacks": the counted noun is the event
            return self.units[lemma], None
        cur = anchor
        for depth in range(1, MAX_DEPTH + 1):
            if cur.head.i == cur.i or cur.dep_ in _CLAUSE_BOUNDARY:
                break
            if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and depth > 1:
                break  # "... were killed and 199 hostages were taken": a clause of its own
            child, cur = cur, cur.head
            hit = self._trigger(cur, direct=(depth == 1 or child.dep_ == "prep"), came_from=child)
            if hit:
                return hit
            if cur.pos_ in ("VERB", "AUX") and fallback_pred is None:
                fallback_pred = self.predicate(cur)
        lemma = anchor.lemma_.lower()
        if lemma in self.units:
            return self.units[lemma], fallback_pred
        return None, fallback_pred

    def _trigger(self, tok: Token, direct: bool, came_from: Token) -> tuple[str, str] | None:
        """The event `tok` names, with the predicate as written, or None."""
        lemma = tok.lemma_.lower()
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            phrase = self._phrase(tok)
            if phrase:
                return phrase
            if lemma in self.verbs and lemma not in self.light and (direct or lemma not in self.weak):
                return self.verbs[lemma], self.predicate(tok)
            if lemma in self.light or lemma in self.weak or pos == "AUX":
                # "left 75 wounded", "50 are dead", "reported 53 dead"
                return self._on_children(tok, exclude=came_from, deps=_COMPLEMENT_DEPS)
            return None
        if pos in ("NOUN", "PROPN"):
            phrase = self._phrase(tok)
            if phrase:
                return phrase
            if lemma in self.nouns:
                return self.nouns[lemma], tok.text
            return None
        if pos == "ADJ" and (tok.lower_ in self.adjectives or lemma in self.adjectives):
            return self.adjectives.get(tok.lower_) or self.adjectives[lemma], tok.text
        return None

    def _on_children(
        self, tok: Token, exclude: Token | None, deps: tuple[str, ...] = _CHILD_DEPS
    ) -> tuple[str, str] | None:
        for c in tok.children:
            if exclude is not None and c.i == exclude.i:
                continue
            if exclude is None and c.lemma_.lower() in self.subset_heads:
                continue  # "1,730, including 80 wounded": the subset's event is not the total's
            if c.dep_ not in deps:
                continue
            low, lemma = c.lower_, c.lemma_.lower()
            if c.pos_ in ("ADJ", "VERB") and (low in self.adjectives or lemma in self.adjectives):
                event = self.adjectives.get(low) or self.adjectives[lemma]
                return event, c.text if c.pos_ == "ADJ" else self.predicate(c)
            if c.pos_ == "VERB" and lemma in self.verbs and lemma not in self.light and lemma not in self.weak:
                return self.verbs[lemma], self.predicate(c)
            if c.pos_ == "NOUN" and lemma in self.nouns and c.dep_ in ("attr", "dobj", "nsubj", "nsubjpass"):
                # "received injuries", "the death toll climbed to 57"
                lo = min([c.i] + [g.i for g in c.children if g.dep_ == "compound"])
                return self.nouns[lemma], c.doc[lo : c.i + 1].text
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    # "$6 billion in aid", "2,000 tonnes of relief"
                    if exclude is None and g.pos_ == "NOUN" and g.lemma_.lower() in self.nouns:
                        return self.nouns[g.lemma_.lower()], g.text
                    # "among those killed were five children"
                    if exclude is not None:
                        for v in g.children:
                            vl = v.lemma_.lower()
                            if v.dep_ in ("acl", "relcl") and vl in self.verbs and vl not in self.weak:
                                return self.verbs[vl], self.predicate(v)
        return None

    def _phrase(self, tok: Token) -> tuple[str, str] | None:
        """Multiword triggers over a head and its particle/object: "laid down their arms"."""
        parts = [tok] + [
            c for c in tok.children if c.dep_ in ("prt", "dobj", "compound", "acomp", "xcomp", "oprd", "prep")
        ]
        parts.sort(key=lambda t: t.i)
        lemmas = [t.lemma_.lower() for t in parts]
        for phrase, event in self.phrases:
            if phrase[0] not in lemmas or tok.lemma_.lower() not in phrase:
                continue
            if _subsequence(phrase, lemmas):
                used = [t for t in parts if t.lemma_.lower() in phrase]
                if tok.pos_ in ("VERB", "AUX"):
                    return event, self.predicate(tok, extra=used)
                lo = min(t.i for t in used)
                hi = max(t.i for t in used)
                return event, tok.doc[lo : hi + 1].text
        return None

    def _in_figure(self, tok: Token) -> bool:
        start, end = self._figure_chars
        return start <= tok.idx < end

    def predicate(self, verb: Token, extra: list[Token] | None = None) -> str:
        """The verb phrase as written: auxiliaries, the verb, particles (and phrase objects)."""
        lo = hi = verb.i
        for c in verb.children:
            if c.dep_ in self.pred_left and c.i < verb.i:
                lo = min(lo, c.i)
            if c.dep_ in self.pred_right and c.i > verb.i and not self._in_figure(c):
                hi = max(hi, c.i)
        for t in extra or []:
            if t.i == verb.i:
                continue
            sub_hi = t.right_edge.i if t.dep_ == "dobj" else t.i
            lo, hi = min(lo, t.i), max(hi, sub_hi)
        span: Span = verb.doc[lo : hi + 1]
        return span.text


def _subsequence(needle: tuple[str, ...], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)
