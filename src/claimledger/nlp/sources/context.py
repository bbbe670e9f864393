"""What the sources stage knows before it looks at mentions: its vocabulary and the document.

`Vocabulary` turns the `sources` lexicon into set and dict lookups; `DocContext` is built once
per document (sentence starts, entity index, where countries are named) so that per-mention
work never rescans the Doc.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.sources.actors import NameKeys, straighten

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
EDGE_PUNCT = frozenset({",", ";", ":", "-", "–", "—", "(", ")", '"', "“", "”", "'"})


def name_form(word: str) -> str:
    """A name word folded for spelling variants of one transliteration (Zelenskiy/Zelenskyy/Zelensky)."""
    w = unicodedata.normalize("NFKD", straighten(word.lower()))
    w = "".join(c for c in w if not unicodedata.combining(c))
    for tail in ("iy", "yy", "ii", "yi", "ij"):
        if w.endswith(tail) and len(w) > 4:
            return w[: -len(tail)] + "y"
    return w


class Vocabulary:
    """The `sources` lexicon turned into the lookups the mention finder needs."""

    def __init__(self, lex: dict[str, Any]) -> None:
        self.head_kind: dict[str, str] = {}
        for kind, words in lex["org_heads"].items():
            for w in words:
                self.head_kind.setdefault(w, kind)
        self.ambiguous = frozenset(lex["ambiguous_heads"]["words"])
        self.modifier_kind: dict[str, str] = {}
        for kind, words in lex["kind_modifiers"].items():
            for w in words:
                self.modifier_kind.setdefault(w, kind)
        self.titles = frozenset(lex["person_titles"]["words"])
        self.plural_kind: dict[str, str] = {}
        for kind, words in lex["plural_bodies"].items():
            for w in words:
                self.plural_kind.setdefault(w, kind)
        self.gender: dict[str, str] = {}
        for g, words in lex["gendered_titles"].items():
            for w in words:
                self.gender.setdefault(w, g)
        p = lex["pronouns"]
        self.pronoun_class: dict[str, str] = {}
        for cls in ("male", "female", "plural", "neuter"):
            for w in p[cls]:
                self.pronoun_class.setdefault(w, cls)
        self.subject_pronouns = frozenset(p["subject"])
        self.deictic = frozenset(p["deictic"])
        self.expletive_copulas = frozenset(lex["expletive_heads"]["copulas"])
        self.expletive_passives = frozenset(lex["expletive_heads"]["passives"])
        self.report_nouns = frozenset(lex["report_nouns"]["words"])
        self.agent_preps = frozenset(lex["report_nouns"]["agent_preps"])
        self.np_preps = frozenset(lex["np_preps"]["words"])
        self.country_nouns = frozenset(lex["country_nouns"]["words"])
        self.generic_heads: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in lex["generic_heads"].items()
        }
        self.title_abbrev: dict[str, str] = dict(lex["title_abbreviations"])
        self.possessive_as: dict[str, str] = dict(lex["possessive_pronouns"])
        self.nominal_heads = (
            frozenset(self.head_kind) | self.titles | frozenset(self.plural_kind)
        )

    def title_words(self, title: str) -> set[str]:
        """Words of a title, lower-cased, hyphens split, abbreviations spelled out."""
        words = strip_det(title).lower().replace("-", " ").split()
        return {self.title_abbrev.get(w, w) for w in words}

    def is_title(self, tok: Token) -> bool:
        return tok.lower_ in self.titles or tok.lemma_.lower() in self.titles


def strip_det(text: str) -> str:
    """'the Russian Defense Ministry' -> 'Russian Defense Ministry' (names are shown without it)."""
    first, _, rest = text.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else text


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without punctuation or determiners at its edges, within one paragraph
    (what precedes the last line break goes: "Baghdad\n\nForeign Office Minister")."""
    for i in range(end - 1, start - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text:
            start = i + 1
            break
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].lower_ in DETERMINERS):
        start += 1
    while end > start and doc[end - 1].text in EDGE_PUNCT:
        if doc[end - 1].text in ('"', "”") and any(t.text in ('"', "“") for t in doc[start : end - 1]):
            break
        end -= 1
    return start, end


class DocContext:
    """Per-document lookups built once: sentence starts, where countries are named."""

    def __init__(self, doc: Doc, keys: NameKeys) -> None:
        self.doc = doc
        self.sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        self.country_at: dict[int, str] = {}
        self.ents: list[Span] = list(doc.ents)
        self.ent_at: dict[int, Span] = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        words = [t.text for t in doc]
        covered: set[int] = set()
        for ent in self.ents:
            if ent.label_ in ("GPE", "NORP") or (ent.label_ == "ORG" and len(ent) <= 3):
                # read in the document's words, so "Russian-backed" is seen as blocked
                country, size = keys.country(words, ent.start)
                if size == len(ent):
                    covered.update(range(ent.start, ent.end))
                    if country is not None:
                        for i in range(ent.start, ent.end):
                            self.country_at[i] = country
        for tok in doc:
            if tok.i in covered or not (tok.is_title or tok.is_upper):
                continue
            country, _ = keys.country(words, tok.i)
            if country is not None:
                self.country_at[tok.i] = country
        self._country_positions = sorted(self.country_at)

    def sent_of(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def country_before(self, i: int) -> str | None:
        """The country named nearest before token `i` ("the country's military" -> Ukraine)."""
        k = bisect_right(self._country_positions, i - 1) - 1
        return self.country_at[self._country_positions[k]] if k >= 0 else None
