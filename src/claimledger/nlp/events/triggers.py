"""Which word of the parse governs a figure, and the conflict event it names.

The search of the events stage, apart from the component that writes the rows: from the
counted noun ("prisoners" in "40 prisoners were killed") up the dependency tree, inside its
own clause, to the first trigger of the `events` lexicon -- a verb phrase ("laid down their
arms"), a verb ("were killed"), a noun ("death toll") or an adjective on the way ("53 dead
Ukrainians", "leaving 75 wounded"). Everything one figure needs (its character span, which
keeps its own words out of the predicate) is passed down the calls, never kept on `self`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

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


class Triggers:
    """The triggers of the `events` lexicon and the search from a figure up to one of them."""

    def __init__(self, lex: dict[str, Any]) -> None:
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
        self.no_event_units = {w.lower() for w in pol["no_event_units"]}
        self.subset_heads = {w.lower() for w in pol["subset_heads"]}

    def named_in(self, doc: Doc) -> list[str]:
        """Events named by the text's trigger verbs and nouns, in text order (with repeats)."""
        out: list[str] = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.verbs and lemma not in self.light and lemma not in self.weak:
                out.append(self.verbs[lemma])
            elif tok.pos_ == "NOUN" and lemma in self.nouns:
                out.append(self.nouns[lemma])
        return out

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
        figure = (row["start"], row["end"])
        # modifiers of the counted noun: "53 dead Ukrainians", "30 killed", "the death of 40"
        hit = self._on_children(anchor, figure, exclude=None)
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
            hit = self._trigger(
                cur, figure, direct=(depth == 1 or child.dep_ == "prep"), came_from=child
            )
            if hit:
                return hit
            if cur.pos_ in ("VERB", "AUX") and fallback_pred is None:
                fallback_pred = self.predicate(cur, figure)
        lemma = anchor.lemma_.lower()
        if lemma in self.units:
            return self.units[lemma], fallback_pred
        return None, fallback_pred

    def _trigger(
        self, tok: Token, figure: tuple[int, int], direct: bool, came_from: Token
    ) -> tuple[str, str] | None:
        """The event `tok` names, with the predicate as written, or None."""
        lemma = tok.lemma_.lower()
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            phrase = self._phrase(tok, figure)
            if phrase:
                return phrase
            if lemma in self.verbs and lemma not in self.light and (direct or lemma not in self.weak):
                return self.verbs[lemma], self.predicate(tok, figure)
            if lemma in self.light or lemma in self.weak or pos == "AUX":
                # "left 75 wounded", "50 are dead", "reported 53 dead"
                return self._on_children(tok, figure, exclude=came_from, deps=_COMPLEMENT_DEPS)
            return None
        if pos in ("NOUN", "PROPN"):
            phrase = self._phrase(tok, figure)
            if phrase:
                return phrase
            if lemma in self.nouns:
                return self.nouns[lemma], tok.text
            return None
        if pos == "ADJ" and (tok.lower_ in self.adjectives or lemma in self.adjectives):
            return self.adjectives.get(tok.lower_) or self.adjectives[lemma], tok.text
        return None

    def _on_children(
        self,
        tok: Token,
        figure: tuple[int, int],
        exclude: Token | None,
        deps: tuple[str, ...] = _CHILD_DEPS,
    ) -> tuple[str, str] | None:
        """The event a child of `tok` names: an adjective, a verb, a noun or a prepositional
        object; `exclude` is the child the search came up from (None on the counted noun)."""
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
                return event, c.text if c.pos_ == "ADJ" else self.predicate(c, figure)
            if c.pos_ == "VERB" and lemma in self.verbs and lemma not in self.light and lemma not in self.weak:
                return self.verbs[lemma], self.predicate(c, figure)
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
                                return self.verbs[vl], self.predicate(v, figure)
        return None

    def _phrase(self, tok: Token, figure: tuple[int, int]) -> tuple[str, str] | None:
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
                    return event, self.predicate(tok, figure, extra=used)
                lo = min(t.i for t in used)
                hi = max(t.i for t in used)
                return event, tok.doc[lo : hi + 1].text
        return None

    def predicate(
        self, verb: Token, figure: tuple[int, int], extra: list[Token] | None = None
    ) -> str:
        """The verb phrase as written: auxiliaries, the verb, particles (and phrase objects).

        `figure` is the character span of the figure itself, whose words never join the
        predicate on the right ("kidnapped up to 16" is "kidnapped").
        """
        lo = hi = verb.i
        for c in verb.children:
            if c.dep_ in self.pred_left and c.i < verb.i:
                lo = min(lo, c.i)
            if c.dep_ in self.pred_right and c.i > verb.i and not figure[0] <= c.idx < figure[1]:
                hi = max(hi, c.i)
        for t in extra or []:
            if t.i == verb.i:
                continue
            sub_hi = t.right_edge.i if t.dep_ == "dobj" else t.i
            lo, hi = min(lo, t.i), max(hi, sub_hi)
        span: Span = verb.doc[lo : hi + 1]
        return span.text


def _subsequence(needle: tuple[str, ...], hay: list[str]) -> bool:
    """Do the words of `needle` occur in `hay` in order (not necessarily adjacent)?"""
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)
