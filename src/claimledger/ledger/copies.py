"""Republished and lightly edited copies: MinHash-LSH over word shingles, confirmed exactly.

Wire stories are republished word for word, or with a new boilerplate line, a changed
headline, different spacing. A figure repeated by ten copies of one story is one report, so
the ledger links each copy to its original (the earliest published, else the first seen) and
counts distinct originals. LSH only proposes candidates; every link is confirmed by the exact
Jaccard similarity of the shingle sets, so the result does not depend on hash collisions.

A near-duplicate whose numbers differ from its original is still a copy of the *text*, but
not of those figures: the series count a copy's figure that its original does not state as
an independent report (`series.build`, the `changed_copy` flag).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from datasketch import MinHash, MinHashLSH

#: a number as written in digits ("1,908", "1.37", "40"); separators are dropped for comparison
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")


class CopyMatch(NamedTuple):
    """The original a document copies, and their exact shingle Jaccard similarity."""

    original_id: str
    similarity: float


def normalise_text(text: str) -> str:
    """NFKC, case-folded, numbers without thousands separators, punctuation dropped.

    Why: copies differ in typography (curly vs straight quotes, dashes, spacing, "1,908" vs
    "1908") far more often than in words; none of that should lower their similarity.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NUMBER.sub(lambda m: m.group(0).replace(",", ""), text)
    return " ".join(_WORD.findall(text))


def shingles(text: str, size: int = 5) -> frozenset[str]:
    """Word `size`-grams of the normalised text (the whole text when it is shorter)."""
    words = normalise_text(text).split()
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0.0 for two empty sets)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class _Entry:
    published: str | None
    seq: int
    shingles: frozenset[str]
    original: str | None = None
    similarity: float | None = None


class CopyDetector:
    """Finds copies incrementally (during ingest) or over a whole store (rebuild).

    >>> det = CopyDetector()
    >>> det.add("a", wire_text, "2022-05-20")
    >>> det.check("b", wire_text + "\\nRead more on our site.", "2022-05-21")
    CopyMatch(original_id='a', similarity=0.97...)
    """

    def __init__(
        self, threshold: float = 0.7, num_perm: int = 128, shingle_size: int = 5, seed: int = 1
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        # permutations are drawn once: building them per document would dominate the cost
        self._template = MinHash(num_perm=num_perm, seed=seed)
        self._entries: dict[str, _Entry] = {}
        self._last: tuple[str, str, tuple] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._entries

    def _minhash(self, sh: frozenset[str]) -> MinHash:
        m = MinHash(
            num_perm=self.num_perm,
            seed=self._template.seed,
            permutations=self._template.permutations,
            scheme=self._template.scheme,
        )
        m.update_batch([s.encode("utf-8") for s in sorted(sh)])
        return m

    def _order(self, document_id: str) -> tuple[int, str, int]:
        e = self._entries[document_id]
        # dated documents first (earliest wins), undated ones in the order they were seen
        return (0, e.published or "", e.seq) if e.published else (1, "", e.seq)

    def _analyse(self, document_id: str, text: str) -> tuple[frozenset[str], MinHash | None, list[str]]:
        """Shingles, MinHash and LSH candidates (earliest first) of a text, computed once.

        Why the memo: ingest calls `check` and then `add` with the same text; MinHash is the
        dominant cost, so the second call reuses the first's work.
        """
        if self._last is not None and self._last[0] == document_id and self._last[1] == text:
            return self._last[2]
        sh = shingles(text, self.shingle_size)
        mh = self._minhash(sh) if sh else None
        candidates: list[str] = []
        if mh is not None and self._entries:
            candidates = [c for c in self._lsh.query(mh) if c != document_id]
            candidates.sort(key=self._order)
        self._last = (document_id, text, (sh, mh, candidates))
        return sh, mh, candidates

    def _mine(self, document_id: str, published: str | None) -> tuple[int, str, int]:
        seq = self._entries[document_id].seq if document_id in self._entries else len(self._entries)
        return (0, published or "", seq) if published else (1, "", seq)

    def _decide(
        self, document_id: str, published: str | None, sh: frozenset[str], candidates: list[str]
    ) -> CopyMatch | None:
        """The earliest confirmed near-duplicate that predates the document, if any.

        Candidates come earliest first, so the exact Jaccard is computed only until the first
        confirmed one: a story with a hundred republications costs one comparison, not 100.
        """
        mine = self._mine(document_id, published)
        for cand in candidates:
            if self._order(cand) > mine:
                break
            sim = jaccard(sh, self._entries[cand].shingles)
            if sim >= self.threshold:
                return CopyMatch(cand, round(sim, 4))
        return None

    def check(self, document_id: str, text: str, published: str | None) -> CopyMatch | None:
        """The original this text copies, or None when it is new (or older than its copies).

        The original is the earliest published of the confirmed near-duplicates (ties and
        undated: the first seen). A document that predates every match is itself an original.
        """
        sh, _, candidates = self._analyse(document_id, text)
        return self._decide(document_id, published, sh, candidates)

    def add(self, document_id: str, text: str, published: str | None) -> list[tuple[str, CopyMatch]]:
        """Index a document; return the earlier-seen documents that now copy it.

        Why a return value: when an older original arrives after its republications, those
        must be re-linked to it (the store updates their `copy_of`).
        """
        if document_id in self._entries:
            return []
        sh, mh, candidates = self._analyse(document_id, text)
        match = self._decide(document_id, published, sh, candidates)
        self._last = None  # the index changes: candidates computed before are stale
        mine = self._mine(document_id, published)
        entry = _Entry(
            published=published,
            seq=len(self._entries),
            shingles=sh,
            original=match.original_id if match else None,
            similarity=match.similarity if match else None,
        )
        relinks: list[tuple[str, CopyMatch]] = []
        if match is None:
            # the document predates its near-duplicates: those that copied a later original
            # (or none) now copy this one
            for other in sorted(c for c in candidates if self._order(c) > mine):
                cur = self._entries[other]
                if cur.original is not None and self._order(cur.original) < mine:
                    continue
                sim = jaccard(sh, cur.shingles)
                if sim >= self.threshold:
                    cur.original, cur.similarity = document_id, round(sim, 4)
                    relinks.append((other, CopyMatch(document_id, round(sim, 4))))
        self._entries[document_id] = entry
        if mh is not None:
            self._lsh.insert(document_id, mh)
        return relinks

    @classmethod
    def from_store(cls, store: Any, **kwargs: float | int) -> CopyDetector:
        """A detector holding every document of a ledger (`ledger.store.Store`)."""
        return cls.rebuild(((d["id"], d["text"], d["published"]) for d in store.iter_texts()), **kwargs)

    def original_of(self, document_id: str) -> str | None:
        """The document this one copies (None for an original or an unknown id)."""
        e = self._entries.get(document_id)
        return e.original if e else None

    def links(self) -> dict[str, CopyMatch]:
        """Every copy and its original, sorted by copy id (deterministic)."""
        return {
            doc: CopyMatch(e.original, e.similarity or 0.0)
            for doc, e in sorted(self._entries.items())
            if e.original is not None
        }

    @classmethod
    def rebuild(
        cls, documents: Iterable[tuple[str, str, str | None]], **kwargs: float | int
    ) -> CopyDetector:
        """Build a detector from (id, text, published) rows, oldest first so no re-linking.

        Why sorted: the result must not depend on the order documents were ingested in,
        only on their dates (undated ones keep their given order, after the dated ones).
        """
        det = cls(**kwargs)  # type: ignore[arg-type]
        det.add_many(documents)
        return det

    def add_many(self, documents: Iterable[tuple[str, str, str | None]]) -> dict[str, CopyMatch]:
        """Index (id, text, published) rows oldest first; return every link that results.

        That is each added document's own link and each earlier-indexed document re-linked to
        one of them, by document id: what a writer must store for documents another writer
        stored meanwhile (`ingest` at the end of a run).
        """
        rows = list(documents)
        order = sorted(
            range(len(rows)),
            key=lambda i: (0, rows[i][2] or "", i) if rows[i][2] else (1, "", i),
        )
        links: dict[str, CopyMatch] = {}
        for i in order:
            doc_id, text, published = rows[i]
            if doc_id in self._entries:
                continue
            links.update(self.add(doc_id, text, published))
            entry = self._entries[doc_id]
            if entry.original is not None:
                links[doc_id] = CopyMatch(entry.original, entry.similarity or 0.0)
        return links


def original_key(document_id: str, copy_of: str | None) -> str:
    """The report key of a document: its original's id, or its own when it is an original."""
    return copy_of or document_id
