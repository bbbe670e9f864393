"""The actor registry and the name keys that let two wordings of one body meet.

Articles name one claimant many ways: "Russia’s Defense Ministry", "the Russian Defence
Ministry", "the Ministry of Defense of Russia". Comparing them word by word fails, so every
name is reduced to a *signature*: the country or bloc it speaks for (from demonyms,
possessives and "of Russia") plus the set of its other content words, folded for case,
apostrophes and British/American spelling. Two names with the same signature are one body.

The registry (`data/actors.toml`, or the user's file, read by `claimledger.actors`) lists well-known institutions with
aliases, kind and affiliation; it is matched through the same signatures, so its aliases
need not be written in every spelling. Names of people and bodies live only in that data
file, never in code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# the registry is read without spaCy (the ledger reads it too); re-exported for the stage
from claimledger.actors import (  # noqa: F401
    SOURCE_KINDS,
    Actor,
    default_registry_path,
    load_actors,
    registry_path,
)

Signature = tuple[str | None, frozenset[str]]


def straighten(text: str) -> str:
    """Curly apostrophes and quotes to straight ones: "Russia’s" and "Russia's" compare equal."""
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("“", '"').replace("”", '"')


class NameKeys:
    """Folds names to signatures with the `sources` lexicon (countries, spelling, stopwords)."""

    def __init__(self, lex: dict[str, Any]) -> None:
        self.stopwords = frozenset(straighten(w) for w in lex["name_stopwords"]["words"])
        self.spelling = {k: v for k, v in lex["spelling"].items()}
        self.country_of: dict[str, str] = {}
        self.max_form_words = 1
        for country, forms in lex["countries"].items():
            for form in forms:
                form = straighten(form.lower())
                self.country_of.setdefault(form, country)
                self.max_form_words = max(self.max_form_words, len(form.split()))
        self.acronym_country = {
            form: country for country, forms in lex["country_acronyms"].items() for form in forms
        }
        blockers = lex["affiliation_blockers"]
        self.block_prefixes = frozenset(blockers["prefixes"])
        self.block_suffixes = frozenset(blockers["suffixes"])

    def fold(self, word: str) -> str:
        """One word, lower-cased, straightened and spelled the American way."""
        w = straighten(word.lower())
        return self.spelling.get(w, w)

    def country(self, words: Sequence[str], i: int) -> tuple[str | None, int]:
        """The country that the words starting at `i` name, and how many words it takes.

        Longest form first, so "Russian Federation" beats "Russian". A demonym joined to a
        blocker ("pro-Russian", "Russian-backed") names no country: the speaker is not the
        state itself.
        """
        n = len(words)
        if words[i] in self.acronym_country:
            return self.acronym_country[words[i]], 1
        for size in range(min(self.max_form_words, n - i), 0, -1):
            form = " ".join(straighten(w.lower()) for w in words[i : i + size])
            country = self.country_of.get(form)
            if country is None:
                continue
            before = words[i - 2].lower() if i >= 2 and words[i - 1] == "-" else ""
            after = words[i + size + 1].lower() if i + size + 1 < n and words[i + size] == "-" else ""
            if before in self.block_prefixes or after in self.block_suffixes:
                return None, size
            return country, size
        return None, 1

    def signature(self, words: Sequence[str], affiliation: str | None = None) -> Signature:
        """(affiliation, content words) of a name given as its words.

        `affiliation`, when given, is used instead of the first country found in the words
        (the caller resolved "the country's" to a country).
        """
        found: str | None = None
        content: set[str] = set()
        i = 0
        while i < len(words):
            country, size = self.country(words, i)
            if country is not None:
                found = found or country
                i += size
                continue
            w = self.fold(words[i])
            if w.endswith("'s") and len(w) > 2:
                w = w[:-2]
            if w and w not in self.stopwords:
                content.add(w)
            i += size
        return (affiliation or found, frozenset(content))


class Registry:
    """Looks actors up by signature (any wording) or by acronym (exact case)."""

    def __init__(self, actors: Iterable[Actor], keys: NameKeys, tokenize: Any) -> None:
        self.actors: list[Actor] = list(actors)
        self.keys = keys
        self._by_sig: dict[Signature, int] = {}
        self._by_acronym: dict[str, int] = {}
        ambiguous: set[Signature] = set()
        for idx, actor in enumerate(self.actors):
            for alias in (actor.name, *actor.aliases):
                words = [t for t in tokenize(alias)]
                if len(words) == 1 and alias.isupper() and len(alias) <= 6:
                    self._by_acronym.setdefault(alias, idx)
                    continue
                sig = keys.signature(words)
                if not sig[1] and sig[0] is None:
                    continue
                if self._by_sig.get(sig, idx) != idx:
                    ambiguous.add(sig)
                self._by_sig.setdefault(sig, idx)
        for sig in ambiguous:
            del self._by_sig[sig]
        # content words alone, for names written without their country ("the Red Cross")
        self._by_content: dict[frozenset[str], int] = {}
        clash: set[frozenset[str]] = set()
        for sig, idx in self._by_sig.items():
            if sig[1] and self._by_content.get(sig[1], idx) != idx:
                clash.add(sig[1])
            if sig[1]:
                self._by_content.setdefault(sig[1], idx)
        for content in clash:
            del self._by_content[content]

    def lookup(self, words: Sequence[str], sig: Signature) -> int | None:
        """Index of the actor these words name, or None (also when two actors could fit)."""
        if len(words) == 1 and words[0] in self._by_acronym:
            return self._by_acronym[words[0]]
        if not sig[1] and sig[0] is None:
            return None
        idx = self._by_sig.get(sig)
        if idx is not None:
            return idx
        if sig[0] is None and sig[1]:
            return self._by_content.get(sig[1])
        if sig[1]:
            idx = self._by_content.get(sig[1])
            if idx is not None and self.actors[idx].affiliation == sig[0]:
                return idx
        return None
