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
        self.partitive_heads = {w.lower() for w in pol["partitive_heads"]}
        self.speech = {w.lower() for w in pol["speech_verbs"]}
        self.tally_nouns = {w.lower() for w in pol["tally_nouns"]}
        self.crowd_verbs = {w.lower() for w in pol["crowd_verbs"]}
        self.crowd_events: list[str] = list(pol["crowd_events"])
        self.descriptive = set(pol["descriptive_events"])
        self.fates = set(pol["fate_events"])
        self.presence_preps = {w.lower() for w in pol["presence_preps"]}
        self.presence_not = {w.lower() for w in pol["presence_not_places"]}
        self.presence_event: str = pol["presence_event"]
        self.strong_units = _lemma_table(trig["strong_units"])
        self.place_units = {w.lower() for w in pol["place_units"]}
        self.place_preps = {w.lower() for w in pol["place_preps"]}
        self.combined = {w.lower() for w in pol["combined_casualties"]}
        self.combined_event: str = pol["combined_event"]

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
        # "61 people, including 7 children, were killed": a subset counts what its whole counts
        owner = self._subset_owner(anchor)
        if owner is not None:
            if owner.pos_ in ("VERB", "AUX", "ADJ"):
                # "42 people are considered missing, including seven children"
                hit = self._trigger(owner, figure, direct=True, came_from=owner)
                if hit:
                    return hit
            event, pred = self._search(owner, figure)
            if event is not None:
                return event, pred
        span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
        quantity = span.root if span is not None else anchor
        counted = quantity.head if quantity.dep_ == "nummod" else anchor
        event, pred = self._search(anchor, figure, counted, quantity)
        if event is None and span is not None:
            after = self._state_after(span)
            if after is not None:
                return after
        return event, pred

    def _state_after(self, span: Span) -> tuple[str, str] | None:
        """ "reported 53 dead Ukrainians and 75 wounded": a state word right after a bare
        number is what it counts, however the parser attached it (often as a verb of its
        own); not when a noun follows it ("75 wounded soldiers" is the noun's business)."""
        doc = span.doc
        k = span.end
        if k >= len(doc) or doc[k].lower_ not in self.adjectives:
            return None
        if k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            return None
        return self.adjectives[doc[k].lower_], doc[k].text

    def _search(
        self,
        anchor: Token,
        figure: tuple[int, int],
        counted: Token | None = None,
        quantity: Token | None = None,
    ) -> tuple[str | None, str | None]:
        """(event, predicate) from the counted noun `anchor`: its modifiers, then up the parse.
        `counted` is the noun the number itself modifies, when the parse says another;
        `quantity` the figure's own head word ("dozens" of "dozens of Gazans killed")."""
        counted = counted or anchor
        # modifiers of the counted noun: "53 dead Ukrainians", "30 killed", "the death of 40"
        hit = self._on_children(anchor, figure, exclude=None)
        if hit and hit[0] in self.descriptive:
            # "50 prisoners held in the colony were killed": who they are, not what befell them
            fate = self._fate(anchor, figure)
            if fate:
                return fate
        if hit:
            return hit
        if quantity is not None and quantity.i != anchor.i and quantity.pos_ in ("NOUN", "NUM"):
            # "dozens of Gazans killed and injured": the participle hangs on the quantity
            hit = self._on_children(quantity, figure, exclude=None, deps=("acl", "amod", "relcl"))
            if hit:
                return hit
        lemma = anchor.lemma_.lower()
        if lemma in self.strong_units:
            # "caused no more than 10 casualties", "dozens of deaths and injuries": the noun
            # names what is counted whatever verb governs it
            return self._combine(anchor, self.strong_units[lemma], figure), None
        if self._is_place_in(anchor):
            return None, None
        for c in anchor.children:
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.crowd_verbs:
                # "thousands of people swarming around": aid or evacuation when the sentence
                # says so; else (None: no such word) the search goes on up the parse
                hit = self._crowd(c, anchor, figure)
                if hit:
                    return hit
        if anchor.dep_ == "nummod" and anchor.head.pos_ in ("NOUN", "PROPN"):
            # the number before a noun the figures stage did not take as its unit:
            # "120 others injured" -- the noun's own modifiers name the event
            hit = self._on_children(anchor.head, figure, exclude=None)
            if hit:
                return hit
        if self._population(anchor, figure):
            return None, None
        fallback_pred: str | None = None
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
            if (child.dep_ == "pobj" and cur.lower_ == "of" and cur.head.i != cur.i
                    and not figure[0] <= cur.head.idx < figure[1]
                    and (cur.head.pos_ == "NUM" or cur.head.lower_ in self.partitive_heads)):
                break  # "a quarter of Gaza's 2.3 million Palestinians face ...": the part's verb
            if child.dep_ == "compound" and _dash_between(child, cur):
                break  # "30 trucks - witnesses put ...": a compound across a dash is a misparse
            if child.dep_ == "conj" and cur.pos_ in ("NOUN", "PROPN"):
                continue  # "the floods and 31 people": a coordinated noun is no governor
            if cur.pos_ in ("VERB", "AUX"):
                hit = self._tally_subject(cur, child) or self._crowd(cur, child, figure)
                if hit:
                    return hit
            hit = self._trigger(
                cur, figure, direct=(depth == 1 or child.dep_ == "prep"), came_from=child
            )
            if hit and hit[0] in self.descriptive and depth == 1 and child.dep_ == "nsubj":
                # "50 servicemen held captive there were killed", parsed with "held" as the
                # main verb and "were killed" hanging on it: the fate is the clause below
                fate = self._fate_below(cur, figure)
                if fate:
                    return fate
            if hit:
                return hit
            if depth == 1 and cur.pos_ in ("VERB", "AUX"):
                hit = self._presence(cur, child, figure)
                if hit:
                    return hit
            if cur.pos_ in ("VERB", "AUX") and fallback_pred is None:
                fallback_pred = self.predicate(cur, figure)
            if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in self.speech:
                break  # "said 70 people were killed and 120 others ...": not its reported clause
        for c in anchor.children:
            # "two people who had gone missing": a phrase on the counted noun, when no
            # governing word named the event ("evacuate 15 observers who were taken hostage")
            if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl"):
                phrase = self._phrase(c, figure)
                if phrase:
                    return phrase
        for noun in (anchor, counted):
            if noun.lemma_.lower() in self.units:
                return self.units[noun.lemma_.lower()], fallback_pred
        return None, fallback_pred

    def _is_place_in(self, anchor: Token) -> bool:
        """ "The death toll from flooding in two towns": a count of places after a preposition
        of place says where, not what was counted."""
        return (
            anchor.lemma_.lower() in self.place_units
            and anchor.dep_ == "pobj"
            and anchor.head.lower_ in self.place_preps
        )

    def _subset_owner(self, anchor: Token) -> Token | None:
        """The noun a subset belongs to: "people" in "61 people, including 7 children"."""
        tok = anchor
        while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            tok = tok.head  # "including 474 children and 80 immobile residents"
        if tok.dep_ == "pobj" and tok.head.lemma_.lower() in self.subset_heads:
            owner = tok.head.head
            return owner if owner.i != tok.head.i else None
        return None

    def _population(self, anchor: Token, figure: tuple[int, int]) -> bool:
        """A place's own population ("Gaza's 2.3 million Palestinians") counts no event."""
        if anchor.pos_ not in ("NOUN", "PROPN"):
            return False
        owns = any(
            c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC") for c in anchor.children
        )
        number = any(
            c.dep_ == "nummod" and figure[0] <= c.idx < figure[1] for c in anchor.children
        )
        return owns and number

    def _tally_subject(self, verb: Token, came_from: Token) -> tuple[str, str] | None:
        """ "The number of dead has risen to 41", "Flood Toll Hits 41", "pushed the death toll
        to 30,228": a figure that a tally noun reaches takes the event of the tally, whatever
        the verb of reaching ("hit", "top") would otherwise name."""
        for c in verb.children:
            if c.i == came_from.i or c.dep_ not in ("nsubj", "nsubjpass", "dobj", "compound"):
                continue
            if c.lemma_.lower() not in self.tally_nouns:
                continue
            # the tally itself ("toll"), its compound ("death toll"), its adjective or
            # participle ("the number injured") or its "of" object ("number of dead victims")
            parts = [c, *(t for t in c.children if t.dep_ in ("compound", "amod", "acl"))]
            parts += [g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            for t in parts:
                for cand in (t, *(a for a in t.children if a.dep_ == "amod")):
                    cl, cm = cand.lower_, cand.lemma_.lower()
                    if cl in self.adjectives or cm in self.adjectives:
                        return self.adjectives.get(cl) or self.adjectives[cm], cand.text
                lem = t.lemma_.lower()
                if lem in self.nouns:
                    lo = min([t.i] + [g.i for g in t.children if g.dep_ == "compound"])
                    return self.nouns[lem], t.doc[lo : t.i + 1].text
        return None

    def _crowd(
        self, verb: Token, came_from: Token, figure: tuple[int, int]
    ) -> tuple[str, str] | None:
        """ "Thousands of people rushed towards aid trucks": a crowd's size counts what it
        gathers for (FORMAT.md: crowd sizes -> aid) -- the first aid or evacuation word under
        its verb, else in its sentence; a crowd at a rally, with neither, names no event."""
        if verb.lemma_.lower() not in self.crowd_verbs:
            return None
        if came_from.dep_ not in ("nsubj", "nsubjpass") and came_from.i != verb.head.i:
            return None
        return self._crowd_word(verb, figure)

    def _fate(self, anchor: Token, figure: tuple[int, int]) -> tuple[str, str] | None:
        """The event of the verb a counted noun is the subject of, when it names another
        event than a descriptive one."""
        verb = anchor.head
        if anchor.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return None
        hit = self._trigger(verb, figure, direct=True, came_from=anchor)
        return hit if hit and hit[0] in self.fates else None

    def _fate_below(self, verb: Token, figure: tuple[int, int]) -> tuple[str, str] | None:
        """A trigger verb hanging on `verb` as a clause without a subject of its own, or
        the one `verb` hangs on so ("… held captive there were killed" either way round)."""
        near = [c for c in verb.children if c.dep_ in ("advcl", "conj", "ccomp")]
        if verb.dep_ in ("advcl", "ccomp") and verb.head.i != verb.i:
            near.append(verb.head)
        for c in near:
            if c.pos_ not in ("VERB", "AUX"):
                continue
            if any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue
            lemma = c.lemma_.lower()
            if lemma in self.verbs and lemma not in self.light and lemma not in self.weak:
                event = self.verbs[lemma]
                if event in self.fates:
                    return self._combine(c, event, figure), self.predicate(c, figure)
        return None

    def _presence(
        self, verb: Token, came_from: Token, figure: tuple[int, int]
    ) -> tuple[str, str] | None:
        """ "Around 4,000 people were at the station when …": people present at a place are
        not its victims (FORMAT.md: crowd sizes -> aid, people sheltering -> other). A count
        that is the subject of "be" at a place takes the crowd's aid or evacuation word as a
        crowd does, else `presence_event`, so that no casualty event is inferred for it."""
        if verb.lemma_ != "be" or came_from.dep_ != "nsubj":
            return None
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in self.presence_preps:
                continue
            place = next((g for g in c.children if g.dep_ == "pobj"), None)
            if place is None or place.pos_ not in ("NOUN", "PROPN"):
                continue
            if place.lemma_.lower() in self.presence_not or place.lemma_.lower() in self.nouns:
                continue  # "are in hospital", "in captivity": a state, not a place
            found = self._crowd_word(verb, figure)
            return found or (self.presence_event, self.predicate(verb, figure))
        return None

    def _crowd_word(self, verb: Token, figure: tuple[int, int]) -> tuple[str, str] | None:
        """The first aid or evacuation word under a crowd's verb, else in its sentence."""
        for scope in (verb.subtree, verb.sent):
            for t in scope:
                if t.i == verb.i or figure[0] <= t.idx < figure[1]:
                    continue
                lem = t.lemma_.lower()
                event = (
                    self.nouns.get(lem) if t.pos_ == "NOUN"
                    else self.verbs.get(lem) if t.pos_ == "VERB" else None
                )
                if event in self.crowd_events:  # "waiting for the evacuation train"
                    return event, self.predicate(verb, figure)
        return None

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
                return self._combine(tok, self.verbs[lemma], figure), self.predicate(tok, figure)
            if tok.lower_ in self.adjectives and lemma not in self.verbs:
                # "31 are missing": a participle the tagger reads as the verb "miss"
                return self.adjectives[tok.lower_], self.predicate(tok, figure)
            if lemma in self.light or lemma in self.weak or pos == "AUX":
                # "left 75 wounded", "50 are dead", "reported 53 dead"
                return self._on_children(tok, figure, exclude=came_from, deps=_COMPLEMENT_DEPS)
            return None
        if pos in ("NOUN", "PROPN"):
            phrase = self._phrase(tok, figure)
            if phrase:
                return phrase
            if lemma in self.nouns:
                return self._combine(tok, self.nouns[lemma], figure), tok.text
            return None
        if pos == "ADJ" and (tok.lower_ in self.adjectives or lemma in self.adjectives):
            event = self.adjectives.get(tok.lower_) or self.adjectives[lemma]
            return self._combine(tok, event, figure), tok.text
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
            if exclude is None and c.dep_ == "relcl" and tok.lemma_.lower() in self.units and any(
                g.dep_ == "nsubj" for g in c.children
            ):
                continue  # "dozens of strikes that killed four": what the strikes did, not are
            if c.pos_ in ("ADJ", "VERB") and (low in self.adjectives or lemma in self.adjectives):
                event = self._combine(c, self.adjectives.get(low) or self.adjectives[lemma], figure)
                return event, c.text if c.pos_ == "ADJ" else self.predicate(c, figure)
            if c.pos_ == "VERB" and lemma in self.verbs and lemma not in self.light and (
                lemma not in self.weak or (exclude is None and c.dep_ in ("acl", "relcl"))
            ):
                # a weak verb too when it modifies the counted noun: "patients being treated"
                return self._combine(c, self.verbs[lemma], figure), self.predicate(c, figure)
            if c.pos_ == "VERB" and exclude is None and c.dep_ in ("acl", "relcl") and lemma in self.light:
                # "5.3 million people needing assistance": the light verb's object names it
                for o in c.children:
                    if o.dep_ == "dobj" and o.pos_ == "NOUN" and o.lemma_.lower() in self.nouns:
                        return self._combine(o, self.nouns[o.lemma_.lower()], figure), o.text
            if c.pos_ == "NOUN" and lemma in self.nouns and c.dep_ in ("attr", "dobj", "nsubj", "nsubjpass"):
                # "received injuries", "the death toll climbed to 57"
                lo = min([c.i] + [g.i for g in c.children if g.dep_ == "compound"])
                return self._combine(c, self.nouns[lemma], figure), c.doc[lo : c.i + 1].text
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    # "$6 billion in aid", "2,000 tonnes of relief"
                    if exclude is None and g.pos_ == "NOUN" and g.lemma_.lower() in self.nouns:
                        return self._combine(g, self.nouns[g.lemma_.lower()], figure), g.text
                    # "16,000 people are in need of assistance", "are in captivity"
                    if exclude is not None and tok.lemma_ == "be" and g.lemma_.lower() in self.nouns:
                        return self.nouns[g.lemma_.lower()], g.text
                    # "among those killed were five children"
                    if exclude is not None:
                        for v in g.children:
                            vl = v.lemma_.lower()
                            if v.dep_ in ("acl", "relcl") and vl in self.verbs and vl not in self.weak:
                                return self.verbs[vl], self.predicate(v, figure)
        return None

    def _combine(self, tok: Token, event: str, figure: tuple[int, int]) -> str:
        """ "Dozens were killed and injured", "deaths and injuries": a count of the dead and
        the hurt together is one count of casualties, not of either (FORMAT.md: `other`).
        A conjunct with a number of its own ("40 were killed and 75 wounded", "killed 17
        people and injured 36 others", "90 wounded and three dead") is another count.
        """
        if event not in self.combined:
            return event
        partners = [c for c in tok.children if c.dep_ == "conj"]
        if tok.dep_ == "conj":
            partners.append(tok.head)
        for p in partners:
            if p.pos_ not in ("VERB", "ADJ", "NOUN") or _has_count(p, tok, figure):
                continue
            other = (
                self.adjectives.get(p.lower_)
                or self.adjectives.get(p.lemma_.lower())
                or (self.verbs.get(p.lemma_.lower()) if p.pos_ == "VERB" else None)
                or (self.nouns.get(p.lemma_.lower()) if p.pos_ == "NOUN" else None)
            )
            if other in self.combined and other != event:
                return self.combined_event
        return event

    def _phrase(self, tok: Token, figure: tuple[int, int]) -> tuple[str, str] | None:
        """Multiword triggers over a head and its particle/object: "laid down their arms"."""
        parts = [tok] + [
            c for c in tok.children if c.dep_ in ("prt", "dobj", "compound", "acomp", "xcomp", "oprd", "prep")
        ]
        # and the object of a preposition: "brought to safety", "claimed the lives of"
        parts += [g for c in parts[1:] if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
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


_NUMBER_WORDS = ("dozen", "hundred", "thousand", "million", "score")


def _dash_between(a: Token, b: Token) -> bool:
    """Is there a spaced dash (or other spaced punctuation) between two tokens?"""
    lo, hi = sorted((a.i, b.i))
    doc = a.doc
    return any(doc[k].is_punct and doc[k - 1].whitespace_ and doc[k].whitespace_
               for k in range(lo + 1, hi))


def _is_number(t: Token) -> bool:
    return t.like_num or t.pos_ == "NUM" or t.lemma_.lower() in _NUMBER_WORDS


def _has_count(partner: Token, tok: Token, figure: tuple[int, int]) -> bool:
    """Does `partner` (a conjunct of `tok`) carry a number or a subject other than the figure's?"""
    theirs = set(range(tok.left_edge.i, tok.right_edge.i + 1)) if tok.head.i == partner.i else set()
    if partner.i > tok.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in partner.children):
        return True  # "three were killed and several more were wounded" (an earlier one's is shared)
    for t in partner.subtree:
        if t.i not in theirs and not figure[0] <= t.idx < figure[1] and _is_number(t):
            return True
    # "90 wounded and three dead": the earlier conjunct's number may hang elsewhere in the parse
    if partner.i < tok.i and partner.i > 0:
        prev = partner.doc[partner.i - 1]
        return _is_number(prev) and not figure[0] <= prev.idx < figure[1]
    return False


def _subsequence(needle: tuple[str, ...], hay: list[str]) -> bool:
    """Do the words of `needle` occur in `hay` in order (not necessarily adjacent)?"""
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)
