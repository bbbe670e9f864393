"""What every attribution finder shares: the lexicon view, the `Frame` it returns, the one
pass over the Doc the finders read, and token-range helpers.

The bottom of the stage: `complements`, `reported`, `according`, `speakers` and `finder` build
on it, and it imports none of them. A frame is token ranges, not yet offsets, so that the
stage can weigh frames against direct quotes and resolve dates before it writes rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class CueLexicon:
    """Frozen views of the attribution lexicon, for O(1) membership per token."""

    speech: frozenset[str]
    weak: frozenset[str]
    nouns: frozenset[str]
    deeds: frozenset[str]
    light_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    channel_verbs: frozenset[str]
    topic_preps: frozenset[str]
    according: tuple[tuple[str, str], ...]
    according_set_off: tuple[tuple[str, str], ...]
    adjunct_entities: frozenset[str]
    content_conjunctions: frozenset[str]
    complementizers: frozenset[str]
    question_marks: frozenset[str]
    for_to_marks: frozenset[str]
    cue_modifiers: frozenset[str]
    cue_right_deps: frozenset[str]
    cue_excluded_tags: frozenset[str]
    adverb_cues: frozenset[str]
    cut_source_deps: frozenset[str]
    subject_deps: frozenset[str]
    clause_deps: frozenset[str]
    object_deps: frozenset[str]
    complement_deps: frozenset[str]
    object_tail_deps: frozenset[str]
    inherit_deps: frozenset[str]
    as_markers: frozenset[str]
    figure_nouns: frozenset[str]
    value_preps: frozenset[str]
    verb_value_preps: frozenset[str]
    copulas: frozenset[str]
    source_preps: frozenset[str]
    content_preps: frozenset[str]
    document_nouns: frozenset[str]
    inverted_subject_deps: frozenset[str] = frozenset()
    quote_tail_verbs: frozenset[str] = frozenset()
    non_speakers: frozenset[str] = frozenset()
    continuation_deps: frozenset[str] = frozenset()
    continuation_tags: frozenset[str] = frozenset()
    contrast_marks: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    relative_phrase_max_tokens: int = 0
    partitive_preps: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lex: dict) -> CueLexicon:
        frame, nominal = lex["frame"], lex["nominal"]
        deeds = frozenset(lex["deeds"]["verbs"]) | frozenset(lex["hedge_verbs"]["verbs"])
        return cls(
            speech=frozenset(lex["cues"]["speech"]) - deeds,
            weak=frozenset(lex["cues"]["weak"]) - deeds,
            nouns=frozenset(lex["cues"]["nouns"]),
            deeds=deeds,
            light_verbs=frozenset(lex["light_verbs"]["verbs"]),
            addressee_verbs=frozenset(lex["addressee_verbs"]["verbs"]),
            naming_verbs=frozenset(lex["naming_verbs"]["verbs"]),
            channel_verbs=frozenset(lex["channel_verbs"]["verbs"]),
            topic_preps=frozenset(lex["channel_verbs"]["topic_preps"]),
            according=tuple((a.lower(), b.lower()) for a, b in lex["according"]["phrases"]),
            according_set_off=tuple(
                (a.lower(), b.lower()) for a, b in lex["according"]["set_off_phrases"]
            ),
            adjunct_entities=frozenset(frame["adjunct_entities"]),
            content_conjunctions=frozenset(frame["content_conjunctions"]),
            complementizers=frozenset(frame["complementizers"]),
            question_marks=frozenset(frame["question_marks"]),
            for_to_marks=frozenset(frame["for_to_marks"]),
            cue_modifiers=frozenset(frame["cue_modifiers"]),
            cue_right_deps=frozenset(frame["cue_right_deps"]),
            cue_excluded_tags=frozenset(frame["cue_excluded_tags"]),
            adverb_cues=frozenset(lex["adverb_cues"]["words"]),
            cut_source_deps=frozenset(frame["cut_source_deps"]),
            subject_deps=frozenset(frame["subject_deps"]),
            clause_deps=frozenset(frame["clause_deps"]),
            object_deps=frozenset(frame["object_deps"]),
            complement_deps=frozenset(frame["complement_deps"]),
            object_tail_deps=frozenset(frame["object_tail_deps"]),
            inherit_deps=frozenset(frame["inherit_deps"]),
            as_markers=frozenset(frame["as_markers"]),
            figure_nouns=frozenset(nominal["figure_nouns"]),
            value_preps=frozenset(nominal["value_preps"]),
            verb_value_preps=frozenset(nominal["verb_value_preps"]),
            copulas=frozenset(nominal["copulas"]),
            source_preps=frozenset(nominal["source_preps"]),
            content_preps=frozenset(nominal["content_preps"]),
            document_nouns=frozenset(nominal["document_nouns"]),
            inverted_subject_deps=frozenset(lex["quote_speakers"]["inverted_subject_deps"]),
            quote_tail_verbs=frozenset(lex["quote_speakers"]["tail_verbs"]),
            non_speakers=frozenset(lex["non_speakers"]["nouns"]),
            continuation_deps=frozenset(frame["continuation_deps"]),
            continuation_tags=frozenset(frame["continuation_tags"]),
            contrast_marks=frozenset(frame["contrast_marks"]),
            relative_pronouns=frozenset(frame["relative_pronouns"]),
            relative_phrase_max_tokens=int(frame["relative_phrase_max_tokens"]),
            partitive_preps=frozenset(frame["partitive_preps"]),
        )

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.weak

    def according_at(self, doc: Doc, k: int) -> bool:
        """Whether an according-to phrase starts at token `k`: "according to X" anywhere,
        "as per X" only set off, at the start of its sentence or after a comma (elsewhere
        "as per" also means "as for")."""
        if k + 1 >= len(doc):
            return False
        pair = (doc[k].lower_, doc[k + 1].lower_)
        if pair in self.according:
            return True
        set_off = k == doc[k].sent.start or (k > 0 and doc[k - 1].is_punct)
        return pair in self.according_set_off and set_off


@dataclass
class Frame:
    """One attribution as token ranges [i, j) into the Doc; `anchor` is the cue's head token."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    anchor: int | None
    frame: tuple[int, int] | None = None  # tokens that may carry the statement's date


#: decides whether a candidate frame is an attribution: (verb, frame, how it was found)
Acceptor = Callable[[Token, Frame, str], bool]


@dataclass
class Scan:
    """The tokens each finder looks at, collected in one pass over the Doc (creating spaCy
    Token objects is the main cost of a pass, so the finders share this one)."""

    verbs: list[Token]
    nouns: list[Token]  # figure nouns
    speech_nouns: list[Token]
    adverbs: list[Token]
    according: list[int]  # index of the first word of an according-to phrase


def scan(doc: Doc, lex: CueLexicon) -> Scan:
    verbs: list[Token] = []
    nouns: list[Token] = []
    speech_nouns: list[Token] = []
    adverbs: list[Token] = []
    according: list[int] = []
    prev = ""
    for tok in doc:
        pos = tok.pos_
        low = tok.lower_
        if pos == "VERB":
            verbs.append(tok)
        elif pos == "NOUN":
            lemma = tok.lemma_.lower()
            if lemma in lex.figure_nouns:
                nouns.append(tok)
            if lemma in lex.nouns:
                speech_nouns.append(tok)
        if low in lex.adverb_cues:
            adverbs.append(tok)
        if (prev, low) in lex.according or (prev, low) in lex.according_set_off:
            according.append(tok.i - 1)
        prev = low
    return Scan(verbs, nouns, speech_nouns, adverbs, according)


def is_edge_junk(tok: Token) -> bool:
    return tok.is_punct or tok.is_space or not tok.text.strip()


def trim(doc: Doc, i: int, j: int, drop: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Shrink [i, j) past punctuation/space at both ends and a leading word in `drop`."""
    while i < j and (is_edge_junk(doc[i]) or (doc[i].lower_ in drop and doc[i].dep_ == "mark")):
        i += 1
    while j > i and (is_edge_junk(doc[j - 1]) or doc[j - 1].dep_ == "cc"):
        j -= 1
    return (i, j) if j > i else None


def subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Page:
    """One document as the finders read it, made per call (a component keeps no document):
    the Doc, its text (built once: `doc.text` joins every token) and which tokens lie inside
    quotation marks that make claims."""

    doc: Doc
    text: str
    in_quote: list[bool]
