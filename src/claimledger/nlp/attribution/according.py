"""According-to, nominal and adverbial attribution frames (the verb frames are in `reported`).

* "according to X, <content>" / "<content>, as per X": X is the source (or, for "a statement by
  X", X), the content is the rest of the clause the phrase modifies;
* "the figure given by X was N", "X's estimate of N": nouns of the `figure_nouns` group with a
  source, whose value is the content;
* "30 civilians were reportedly killed": an attributing adverb with no named source;
* "Kiev’s claims that a Russian missile hit Kramatorsk", "allegations by the Ukrainian side
  that …": a speech noun (`nouns` group) with a that-clause, the possessor or by-phrase as
  source.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.frames import (
    Acceptor,
    CueLexicon,
    Frame,
    Scan,
    overlaps,
    scan,
    subtree,
    trim,
)
from claimledger.nlp.attribution.reported import agent_range


def find_adverbial(
    doc: Doc, lex: CueLexicon, skip: Sequence[bool], scanned: Scan | None = None
) -> list[Frame]:
    """"30 civilians were reportedly killed": an unnamed source, the clause is the content."""
    frames: list[Frame] = []
    for tok in (scanned or scan(doc, lex)).adverbs:
        if skip[tok.i] or tok.dep_ != "advmod":
            continue
        head = tok.head
        content = trim(doc, *subtree(head))
        if content is None or head is tok:
            continue
        frames.append(Frame("indirect", content, (tok.i, tok.i + 1), None, tok.i, None))
    return frames


def find_according(
    doc: Doc, lex: CueLexicon, skip: Sequence[bool], scanned: Scan | None = None
) -> list[Frame]:
    """"according to X" / "as per X": source X, content the rest of the clause it modifies."""
    frames: list[Frame] = []
    for k in (scanned or scan(doc, lex)).according:
        first, second = doc[k], doc[k + 1]
        if skip[k] or not lex.according_at(doc, k):
            continue
        obj = next((c for c in second.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in first.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        source = _document_source(obj, lex) or trim(doc, *subtree(obj))
        phrase_end = max(subtree(first)[1], subtree(obj)[1], k + 2)
        comma = _figure_apposition(doc, source)
        if comma is not None and source is not None:
            source, phrase_end = trim(doc, source[0], comma), comma + 1
        head = first.head if first.head is not first else None
        if head is None or head.i in range(k, phrase_end):
            content = trim(doc, phrase_end, first.sent.end)
        elif head.i < k:
            # "killing 104 and wounding 700 according to X": X's phrase hangs on the last
            # conjunct but speaks for the whole coordination
            while head.dep_ == "conj" and head.head.i < head.i:
                head = head.head
            content = trim(doc, subtree(head)[0], k)
        else:
            content = trim(doc, phrase_end, subtree(head)[1])
        if content is None or source is None:
            continue
        frames.append(Frame("according_to", content, (k, k + 2), source, k, (k, phrase_end)))
    return frames


def _figure_apposition(doc: Doc, source: tuple[int, int] | None) -> int | None:
    """The comma before a figure the parse put in the source: "According to the police, 61
    people, including 7 children, were killed" read as an apposition "police, 61 people" —
    a count is never the speaker's name, it is what the speaker says."""
    if source is None:
        return None
    lo, hi = doc[source[0]].idx, doc[source[1] - 1].idx + len(doc[source[1] - 1])
    starts = [f["start"] for f in doc._.figures or [] if lo <= f["start"] < hi]
    if not starts:
        return None
    commas = [i for i in range(source[0] + 1, source[1]) if doc[i].text == "," and doc[i].idx < starts[0]]
    return commas[-1] if commas else None  # the last: "the governor, Ivan Petrov, 61 people"


def _document_source(obj: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """"a statement by X": X is the source, not the statement."""
    if obj.lemma_.lower() not in lex.document_nouns:
        return None
    return _by_phrase(obj, lex)


def _by_phrase(noun: Token, lex: CueLexicon, before: int | None = None) -> tuple[int, int] | None:
    """X of the first "by X" / "from X" (`source_preps`) on `noun`, left of token `before`."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.source_preps and (before is None or prep.i < before):
            inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if inner is not None:
                return trim(noun.doc, *subtree(inner))
    return None


def find_nominal(
    doc: Doc, lex: CueLexicon, skip: Sequence[bool], scanned: Scan | None = None
) -> list[Frame]:
    """"The figure given by X was N", "X's estimate of N", "the toll from X is N"."""
    frames: list[Frame] = []
    for tok in (scanned or scan(doc, lex)).nouns:
        if skip[tok.i]:
            continue
        source: tuple[int, int] | None = None
        cue: tuple[int, int] | None = None
        for child in tok.children:
            if child.dep_ == "acl":
                agent = agent_range(child)
                if agent is not None:
                    source, cue = agent, (child.i, child.i + 2)
            elif child.dep_ == "poss":
                source, cue = trim(doc, child.left_edge.i, child.i + 1), (tok.i, tok.i + 1)
        if source is None:
            source, cue = _by_phrase(tok, lex), (tok.i, tok.i + 1)
        if source is None:
            stated = _stated_by_subject(tok, lex)
            if stated is not None:
                frames.append(stated)
            continue
        content = _nominal_content(tok, lex)
        if content is None or not any(t.like_num for t in doc[content[0] : content[1]]):
            continue
        scope = subtree(tok.head) if tok.head.lemma_.lower() in lex.copulas else subtree(tok)
        frames.append(Frame("according_to", content, cue, source, tok.i, scope))
    return frames


def _stated_by_subject(noun: Token, lex: CueLexicon) -> Frame | None:
    """"The ministry put the death toll at 70", "… raised the toll to at least 112": a
    figure noun that is the object of a verb whose subject is someone, the value in a
    `verb_value_preps` phrase on that verb holding a number: the subject states the value.
    (A subject that cannot speak, "The strike raised the toll to 50", is dropped later, as
    for every frame.)"""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    subj = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    value = next(
        (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in lex.verb_value_preps and c.i > noun.i),
        None,
    )
    if subj is None or value is None:
        return None
    doc = noun.doc
    content = trim(doc, noun.left_edge.i, subtree(value)[1])
    source = trim(doc, *subtree(subj))
    if content is None or source is None or not any(t.like_num for t in doc[value.i : subtree(value)[1]]):
        return None
    return Frame("indirect", content, (verb.i, verb.i + 1), source, verb.i, subtree(verb))


def _nominal_content(noun: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """What the figure noun is said to be: the copula's complement, or its "of"/"at" object."""
    head = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass"} and head.lemma_ in lex.copulas:
        for child in head.rights:
            if child.dep_ in {"attr", "acomp"}:
                return trim(noun.doc, *subtree(child))
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in lex.value_preps:
            return trim(noun.doc, *subtree(child))
    return None


def find_noun_frames(
    doc: Doc,
    lex: CueLexicon,
    skip: Sequence[bool],
    scanned: Scan | None = None,
    accept: Acceptor | None = None,
) -> list[Frame]:
    """A speech noun (`nouns` group) and what it says or is about.

    With a that-clause ("Kiev's claims that X") the frame is taken as it is. With a
    to-infinitive ("his promise to withdraw") or a content preposition ("Russia's criticism
    of the report", "calls for a ceasefire") it is only a candidate, which `accept` (the cue
    model) decides, as for verbs: "support for X" is a claim in one sentence and a tally in
    the next. The source is the possessor, a by/from phrase, or the subject of the verb whose
    object the noun is ("the ministry voiced criticism of …").
    """
    frames: list[Frame] = []
    for tok in (scanned or scan(doc, lex)).speech_nouns:
        if skip[tok.i]:
            continue
        clause = next(
            (
                c
                for c in tok.rights
                if c.dep_ in {"acl", "ccomp"}
                and any(m.dep_ == "mark" and m.lower_ in lex.complementizers for m in c.children)
            ),
            None,
        )
        if clause is not None:
            content = trim(doc, *subtree(clause), drop=lex.complementizers)
            if content is not None:
                source = _noun_source(tok, lex, clause.i, holder=False)
                frames.append(Frame("indirect", content, (tok.i, tok.i + 1), source, tok.i, subtree(tok)))
            continue
        if accept is None:
            continue
        found = _noun_complement(tok, lex)
        if found is None:
            continue
        content, cue_end, how = found
        source = _noun_source(tok, lex, content[0], holder=True)
        if source is not None and overlaps(source, content):
            continue
        frame = Frame("indirect", content, (tok.i, cue_end), source, tok.i, subtree(tok))
        if accept(tok, frame, how):
            frames.append(frame)
    return frames


def _noun_complement(noun: Token, lex: CueLexicon) -> tuple[tuple[int, int], int, str] | None:
    """(content, end of cue, how): an infinitive clause ("promise [to withdraw]") or the
    object of a content preposition ("criticism of [X]"), right of the noun."""
    doc = noun.doc
    for c in noun.rights:
        if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            rng = trim(doc, *subtree(c))
            return (rng, noun.i + 1, "noun_inf") if rng is not None else None
        if c.dep_ == "prep" and c.lower_ in lex.content_preps:
            obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is None:
                return None
            rng = trim(doc, *subtree(obj))
            return (rng, c.i + 1, "noun_prep") if rng is not None else None
    return None


def _noun_source(noun: Token, lex: CueLexicon, before: int, holder: bool) -> tuple[int, int] | None:
    """The possessor, a by/from phrase before `before`, or (when `holder`) the subject of
    the verb whose direct object the noun is."""
    doc = noun.doc
    source = _by_phrase(noun, lex, before)
    if source is None:
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        source = trim(doc, poss.left_edge.i, poss.i + 1) if poss is not None else None
    if source is None and holder and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        subj = next((c for c in noun.head.children if c.dep_ in lex.subject_deps), None)
        if subj is not None:
            source = trim(doc, *subtree(subj))
    return source
