"""Republished copies, excerpts, edited copies, mixes of two wires and close rewrites.

A figure repeated by ten outlets that republish one wire story is one report, so the ledger
links each republication to its original and counts distinct originals. Real republications
are rarely whole: an outlet trims the wire text, puts its own headline and standfirst on top,
edits words and units, or takes paragraphs from two wires. Measured on 5-word shingles they
share from about 0.3 (a mix) to 0.95 (a copy) of the shorter text, so a Jaccard threshold
finds only the closest: the measure here is *containment*, the share of one text's shingles
found in the other.

Three steps, kept apart so that a batch engine can run the first as a map stage:

1. `signature(text, published, publisher)`: everything the later steps need from one
   document (shingle sets, quotations, numbers, a MinHash), computed once, picklable;
2. `candidate_pairs(signatures)` / `CopyDetector`: MinHash LSH proposes pairs that share
   wording (no pair is compared that shares none);
3. `verify(copy, original)`: exact containment on the shingle sets decides, and gives the
   kind (`copy`, `edited`, `mix`, `rewrite`); `shared_passages(text_a, text_b)` gives the
   evidence (character offsets in both texts) of a confirmed link.

Why the verifier is strict about quotations: reports of one story by different wires quote
the same officials word for word, so shared quotations alone are no sign of copying. The
wording that decides is the reporter's own (`narrative`: outside quotation marks). A text that
rewrites another's sentences but keeps its quotations and figures (a `rewrite`) is linked only
on a strong, combined signal (see `verify`).

A near-duplicate whose numbers differ from its original is still a copy of the *text*, but
not of those figures: the series count a copy's figure that its original does not state as
an independent report (`series.build`, the `changed_copy` flag).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from datasketch import LeanMinHash, MinHash, MinHashLSH

#: a number as written in digits ("1,908", "1.37", "40"); separators are dropped for comparison
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")
#: a token of the shingles: a number as written (one token with its separators) or a word
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+")
#: double quotation marks of any style; within a paragraph they open and close in turn, so a
#: quotation opened with a curly mark and closed with a straight one (as pages print) is one
_DOUBLE_QUOTE = re.compile(r"[\"“”„«»]")
#: a quotation in single marks ("‘…’", British style): an opening mark after a non-word
#: character, closing before one (so apostrophes in "Russia’s" never open or close one)
_SINGLE_QUOTED = re.compile(r"(?<!\w)‘[^\n‘’]*?’(?!\w)")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")

SHINGLE_SIZE = 5

#: A link on the reporter's own wording needs this share of the contained text's narrative
#: shingles (5-word runs outside quotation marks) in the other text. Why 0.2: independently
#: written reports of one story repeat only set phrases of five words ("the death toll rose
#: to", titles and names), under a tenth of a text; a republication keeps whole sentences of
#: its wire, and even a mix of two wires takes a quarter or more of its text from each.
COPY_CONTAINMENT = 0.2
#: ...and at least this many shared narrative shingles (a sentence of about 15 words): a
#: text of two sentences sharing one set phrase with another must not become its copy.
MIN_SHARED = 10
#: A kind `copy` (the same text, trimmed or with its own headline and standfirst) shares
#: this much of all its shingles; below it the text was edited or mixed.
COPY_KIND = 0.8
#: In a `mix`, whole paragraphs come from another wire: paragraphs sharing less than
#: `FRESH_PARAGRAPH` of their shingles with the original hold at least `MIX_FRESH` of the
#: text, while at least `MIX_TAKEN` paragraphs share half of theirs or more. An edited copy
#: adds a paragraph at most and changes words inside the others.
FRESH_PARAGRAPH = 0.1
MIX_FRESH = 1 / 3
MIX_TAKEN = 2
#: A `rewrite` repeats the same quotations and figures in new sentences within days. It is
#: linked only when everything agrees, because reports of one press conference by two wires
#: share its quotations and figures too: at least `REWRITE_QUOTES` quotations of
#: `MIN_QUOTE_WORDS` words or more, at least `REWRITE_NUMBERS` numbers (years left out), some
#: of the wording kept (`REWRITE_CONTAINMENT`, half the copy threshold) and published at most
#: `REWRITE_DAYS` apart.
REWRITE_QUOTES = 3
MIN_QUOTE_WORDS = 6
REWRITE_NUMBERS = 3
REWRITE_CONTAINMENT = COPY_CONTAINMENT / 2
REWRITE_DAYS = 3
#: a quotation counts as shared when this share of its shingles is in the other's quotations
#: (one text may cut a quotation short or straighten its words)
QUOTE_SHARED = 0.8

#: MinHash LSH with bands of one row: a pair becomes a candidate when one of the
#: `NUM_PERM` minima agrees. Why one row: the containment of a short copy in a long original
#: is a low Jaccard similarity (0.2 of a text in one four times longer is J = 0.05), which a
#: band of r rows finds with probability 1 - (1 - J^r)^b: with 128 bands of one row 0.9986,
#: with 64 bands of two rows 0.15. The cost is more candidates among reports of one story;
#: each is rejected by one set intersection.
NUM_PERM = 128
LSH_BANDS = 128
LSH_ROWS = 1
SEED = 1

KINDS = ("copy", "edited", "mix", "rewrite")


class CopyMatch(NamedTuple):
    """The original a document copies, the share of its wording found there, and the kind.

    `similarity` is the containment that decided (see `verify`): of all the shorter text's
    shingles for the same text, else of its narrative ones; `kind` one of `KINDS`.
    """

    original_id: str
    similarity: float
    kind: str = "copy"


def normalise_text(text: str) -> str:
    """NFKC, case-folded, numbers without thousands separators, punctuation dropped.

    Why: copies differ in typography (curly vs straight quotes, dashes, spacing, "1,908" vs
    "1908") far more often than in words; none of that should lower their similarity.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NUMBER.sub(lambda m: m.group(0).replace(",", ""), text)
    return " ".join(_WORD.findall(text))


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Word `size`-grams of the normalised text (the whole text when it is shorter)."""
    words = normalise_text(text).split()
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """Exact Jaccard similarity of two shingle sets (0.0 for two empty sets)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset, b: frozenset) -> float:
    """The share of `a` found in `b` (0.0 for an empty `a`)."""
    return len(a & b) / len(a) if a else 0.0


# -- tokens, quotations, shingles -----------------------------------------------------------


class Token(NamedTuple):
    """One word or number of a text: its normalised form and its character offsets."""

    norm: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words and numbers of `text`, normalised as `normalise_text`, with exact offsets."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        # NFKC leaves ASCII as it is, and casefold is lower there: the common case, cheaply
        word = word.lower() if word.isascii() else unicodedata.normalize("NFKC", word).casefold()
        if word[:1].isdigit():
            word = word.replace(",", "")
        out.append(Token(word, m.start(), m.end()))
    return out


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in `text`, quotation marks included.

    Double marks open and close in turn within a paragraph; one left open ends with its
    paragraph (a quotation running on into the next paragraph opens again there, as
    newspapers print it).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        opened: int | None = None
        for m in _DOUBLE_QUOTE.finditer(text, start, para_end):
            if opened is None:
                opened = m.start()
            else:
                spans.append((opened, m.end()))
                opened = None
        if opened is not None:
            spans.append((opened, para_end))
        spans.extend(m.span() for m in _SINGLE_QUOTED.finditer(text, start, para_end))
        start = para_end
    return sorted(spans)


def _hash(words: Iterable[str]) -> int:
    """A stable 64-bit hash of a shingle (Python's `hash` of a str changes per process)."""
    return int.from_bytes(
        hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest(), "little")


def _paragraph_ids(text: str, toks: list[Token]) -> list[int]:
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    out, p = [], 0
    for t in toks:
        while p < len(breaks) and breaks[p] < t.start:
            p += 1
        out.append(p)
    return out


def _quoted_flags(toks: list[Token], spans: list[tuple[int, int]]) -> list[bool]:
    out, q = [], 0
    for t in toks:
        while q < len(spans) and spans[q][1] <= t.start:
            q += 1
        out.append(q < len(spans) and spans[q][0] <= t.start)
    return out


# -- signatures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """What copy detection needs of one document, computed once from its text.

    Plain and picklable, so a batch engine can compute signatures in a map stage and hand
    them to `candidate_pairs` and `verify`; the text itself is not kept.
    """

    #: every 5-word shingle (hashed)
    all: frozenset[int]
    #: shingles of the reporter's own words: runs outside quotation marks, within a paragraph
    narrative: frozenset[int]
    #: each paragraph's shingles (those starting in it), for the kind of a link; tuples of
    #: the same int objects as `all` (a second set per paragraph would double the memory)
    paragraphs: tuple[tuple[int, ...], ...]
    #: each quotation of `MIN_QUOTE_WORDS` words or more, as its shingles
    quotes: tuple[frozenset[int], ...]
    #: numbers written in digits, separators dropped, years (1900-2099) left out
    numbers: frozenset[str]
    published: str | None = None
    #: the publisher (`publisher_key`): an outlet reusing its own paragraphs is not a copy
    publisher: str | None = None
    minhash: LeanMinHash | None = None

    @property
    def quote_shingles(self) -> frozenset[int]:
        return frozenset().union(*self.quotes) if self.quotes else frozenset()


_TEMPLATE: dict[tuple[int, int], MinHash] = {}


def _minhash(hashes: Iterable[int], num_perm: int = NUM_PERM, seed: int = SEED) -> LeanMinHash:
    # the permutations are drawn once per (num_perm, seed): per document they would dominate
    template = _TEMPLATE.get((num_perm, seed))
    if template is None:
        template = _TEMPLATE[(num_perm, seed)] = MinHash(num_perm=num_perm, seed=seed)
    # the shingles are hashed already (`_hash`): their low 32 bits go in as they are
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_low32,
                permutations=template.permutations, scheme=template.scheme)
    m.update_batch(sorted(hashes))
    return LeanMinHash(m)


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


def publisher_key(outlet: str | None = None, url: str | None = None) -> str | None:
    """Who published a document, comparable across its pages: the outlet's name without
    bracketed notes, a "via ..." tail or a leading "the" ("The Times of Israel (liveblog)" ->
    "times of israel"); without an outlet, the URL's host without "www."."""
    if outlet and outlet.strip():
        name = _BRACKETED.sub(" ", unicodedata.normalize("NFKC", outlet).casefold())
        name = re.split(r",|\bvia\b", name)[0]
        words = _WORD.findall(name)
        if words and words[0] == "the":
            words = words[1:]
        if words:
            return " ".join(words)
    if url:
        try:
            host = (urlsplit(url.strip()).hostname or "").rstrip(".")
        except ValueError:
            host = ""
        for prefix in ("www.", "amp.", "m."):
            host = host.removeprefix(prefix)
        if host:
            return host
    return None


def signature(
    text: str,
    published: str | None = None,
    publisher: str | None = None,
    *,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
) -> Signature:
    """The signature of one document (see `Signature`); deterministic, no shared state."""
    toks = tokens(text)
    words = [t.norm for t in toks]
    k = SHINGLE_SIZE
    para = _paragraph_ids(text, toks)
    quoted = _quoted_flags(toks, quotation_spans(text))
    all_: set[int] = set()
    narrative: set[int] = set()
    by_para: dict[int, set[int]] = {}
    for i in range(len(words) - k + 1):
        h = _hash(words[i : i + k])
        all_.add(h)
        by_para.setdefault(para[i], set()).add(h)
        if para[i] == para[i + k - 1] and not any(quoted[i : i + k]):
            narrative.add(h)
    if 0 < len(words) < k:  # a text shorter than a shingle is one shingle
        all_.add(_hash(words))
        narrative.add(_hash(words))
        by_para.setdefault(para[0], set()).add(_hash(words))
    quotes: list[frozenset[int]] = []
    i = 0
    while i < len(words):  # runs of quoted tokens within one paragraph
        if not quoted[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and quoted[j + 1] and para[j + 1] == para[i]:
            j += 1
        run = words[i : j + 1]
        if len(run) >= MIN_QUOTE_WORDS:
            quotes.append(frozenset(_hash(run[s : s + k]) for s in range(len(run) - k + 1)))
        i = j + 1
    numbers = frozenset(
        w for w in words
        if w[:1].isdigit() and not (len(w) == 4 and w.isdigit() and w[:2] in ("19", "20"))
    )
    return Signature(
        all=frozenset(all_),
        narrative=frozenset(narrative),
        paragraphs=tuple(tuple(sorted(by_para[p])) for p in sorted(by_para)),
        quotes=tuple(quotes),
        numbers=numbers,
        published=published,
        publisher=publisher,
        minhash=_minhash(all_, num_perm, seed) if all_ else None,
    )


# -- verification ---------------------------------------------------------------------------


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def _kind(copy: Signature, original: Signature) -> str:
    """`copy`, `edited` or `mix`, from how the copy's paragraphs are found in the original."""
    # trimmed (the copy inside its original) or topped with its own headline and standfirst
    # (the original inside the copy)
    if max(containment(copy.all, original.all), containment(original.all, copy.all)) >= COPY_KIND:
        return "copy"
    theirs = original.all
    sized = [(len(p), sum(1 for h in p if h in theirs) / len(p)) for p in copy.paragraphs if p]
    total = sum(n for n, _ in sized)
    fresh = sum(n for n, share in sized if share < FRESH_PARAGRAPH)
    taken = sum(1 for _, share in sized if share >= 0.5)
    if total and fresh / total >= MIX_FRESH and taken >= MIX_TAKEN:
        return "mix"
    return "edited"


def shared_quotes(a: Signature, b: Signature) -> int:
    """How many of `a`'s quotations `b` quotes too (`QUOTE_SHARED` of their shingles)."""
    theirs = b.quote_shingles
    return sum(1 for q in a.quotes if containment(q, theirs) >= QUOTE_SHARED)


def verify(copy: Signature, original: Signature) -> CopyMatch | None:
    """Whether `copy` republishes `original` (wording, then a rewrite's combined signal).

    The result's `original_id` is empty: the caller knows the ids. Two documents of one
    publisher link only as the same text (`COPY_KIND` of all the shingles of the shorter, e.g.
    one story under two URLs): an outlet reusing some of its own paragraphs (a live blog's
    recap, a follow-up's background) republishes nothing.
    """
    # the same text (quotations included) is a copy whoever published it: a statement's
    # full text, nearly all quotation, republished by two outlets too
    same = len(copy.all & original.all)
    if same >= MIN_SHARED and (whole := same / min(len(copy.all), len(original.all))) >= COPY_KIND:
        return CopyMatch("", round(whole, 4), "copy")
    if copy.publisher is not None and copy.publisher == original.publisher:
        return None
    a, b = copy.narrative, original.narrative
    if not a or not b:
        return None
    shared = len(a & b)
    # the share of the smaller text: an excerpt is wholly inside its original, and an
    # original is wholly inside a copy that added its own headline and standfirst
    share = shared / min(len(a), len(b))
    if shared >= MIN_SHARED and share >= COPY_CONTAINMENT:
        return CopyMatch("", round(share, 4), _kind(copy, original))
    if share < REWRITE_CONTAINMENT:
        return None
    days = _days_apart(copy.published, original.published)
    if days is None or days > REWRITE_DAYS:
        return None
    if (shared_quotes(copy, original) >= REWRITE_QUOTES
            and len(copy.numbers & original.numbers) >= REWRITE_NUMBERS):
        return CopyMatch("", round(share, 4), "rewrite")
    return None


# -- candidates -----------------------------------------------------------------------------


def new_lsh(num_perm: int = NUM_PERM) -> MinHashLSH:
    """The LSH index of the candidate stage (see `LSH_BANDS`)."""
    return MinHashLSH(num_perm=num_perm, params=(LSH_BANDS * num_perm // NUM_PERM, LSH_ROWS))


def candidate_pairs(signatures: dict[str, Signature]) -> Iterator[tuple[str, str]]:
    """Every pair of ids (sorted, each pair once, in id order) the LSH index proposes.

    For a batch engine: signatures from a map stage go in, pairs to `verify` come out;
    `link` does both and picks originals.
    """
    lsh = new_lsh()
    ids = sorted(signatures)
    for doc_id in ids:
        mh = signatures[doc_id].minhash
        if mh is not None:
            lsh.insert(doc_id, mh)
    for doc_id in ids:
        mh = signatures[doc_id].minhash
        if mh is None:
            continue
        for other in sorted(lsh.query(mh)):
            if other > doc_id:
                yield doc_id, other


def link(signatures: dict[str, Signature], order: Iterable[str] | None = None) -> dict[str, CopyMatch]:
    """Copy links among signed documents: copy id -> its original (the earliest verified).

    `order` gives the documents' first-seen order (default: their id order); publication
    dates come first, as in `CopyDetector.rebuild`, which gives the same links.
    """
    det = CopyDetector()
    ids = list(order) if order is not None else sorted(signatures)
    det.add_signatures((i, signatures[i]) for i in ids)
    return det.links()


# -- incremental detector -------------------------------------------------------------------


@dataclass
class _Entry:
    seq: int
    sig: Signature
    original: str | None = None
    similarity: float | None = None
    kind: str | None = None


Row = tuple[str, str, str | None] | tuple[str, str, str | None, str | None]


class CopyDetector:
    """Finds copies incrementally (during ingest) or over a whole store (rebuild).

    >>> det = CopyDetector()
    >>> det.add("a", wire_text, "2022-05-20")
    >>> det.check("b", wire_text + "\\nRead more on our site.", "2022-05-21")
    CopyMatch(original_id='a', similarity=1.0, kind='copy')

    The original of a copy is the earliest published of the documents it is verified
    against (ties and undated: the first seen); a document that predates every match is
    itself an original, and the later ones it matches are re-linked to it (`add`).
    """

    def __init__(self, threshold: float = COPY_CONTAINMENT, num_perm: int = NUM_PERM,
                 shingle_size: int = SHINGLE_SIZE, seed: int = SEED) -> None:
        if shingle_size != SHINGLE_SIZE:
            raise ValueError(f"shingles are {SHINGLE_SIZE} words")
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self._lsh = new_lsh(num_perm)
        self._entries: dict[str, _Entry] = {}
        self._last: tuple[str, str, Signature, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._entries

    @staticmethod
    def _key(published: str | None, seq: int) -> tuple[int, str, int]:
        # dated documents first (earliest wins), undated ones in the order they were seen
        return (0, published, seq) if published else (1, "", seq)

    def _order(self, document_id: str) -> tuple[int, str, int]:
        e = self._entries[document_id]
        return self._key(e.sig.published, e.seq)

    def _mine(self, document_id: str, published: str | None) -> tuple[int, str, int]:
        seq = self._entries[document_id].seq if document_id in self._entries else len(self._entries)
        return self._key(published, seq)

    def _verify(self, copy: Signature, original: Signature) -> CopyMatch | None:
        match = verify(copy, original)
        if match is not None and match.kind != "rewrite" and match.similarity < self.threshold:
            return None
        return match

    def _candidates(self, document_id: str, sig: Signature) -> list[str]:
        if sig.minhash is None or not self._entries:
            return []
        found = [c for c in self._lsh.query(sig.minhash) if c != document_id]
        return sorted(found, key=self._order)

    def fits(self, sig: Signature | None) -> bool:
        """Whether a signature made elsewhere (an engine's worker) was made with this
        detector's MinHash settings, so that it can stand for the text's own."""
        if sig is None:
            return False
        return sig.minhash is None or (sig.minhash.seed == self.seed and len(sig.minhash) == self.num_perm)

    def _analyse(self, document_id: str, text: str, published: str | None,
                 publisher: str | None, sig: Signature | None = None) -> tuple[Signature, list[str]]:
        """Signature and LSH candidates (earliest first) of a text, computed once.

        Why the memo: ingest calls `check` and then `add` with the same text; the signature
        is the dominant cost, so the second call reuses the first's work. `sig`, when it
        `fits`, is the text's signature made by the engine's worker (never recomputed here).
        """
        memo = self._last
        if (memo is not None and memo[0] == document_id and memo[1] == text
                and memo[2].published == published and memo[2].publisher == publisher):
            return memo[2], memo[3]
        if not (self.fits(sig) and sig.published == published and sig.publisher == publisher):
            sig = signature(text, published, publisher, num_perm=self.num_perm, seed=self.seed)
        candidates = self._candidates(document_id, sig)
        self._last = (document_id, text, sig, candidates)
        return sig, candidates

    def _decide(self, document_id: str, sig: Signature, candidates: list[str]) -> CopyMatch | None:
        """The earliest verified candidate that predates the document, if any.

        Candidates come earliest first, so verification stops at the first confirmed one: a
        story with a hundred republications costs one comparison, not 100.
        """
        mine = self._mine(document_id, sig.published)
        for cand in candidates:
            if self._order(cand) > mine:
                break
            match = self._verify(sig, self._entries[cand].sig)
            if match is not None:
                return match._replace(original_id=cand)
        return None

    def check(self, document_id: str, text: str, published: str | None,
              publisher: str | None = None, sig: Signature | None = None) -> CopyMatch | None:
        """The original this text copies, or None when it is new (or older than its copies).

        `publisher` is `publisher_key(outlet, url)`: documents of one publisher never link.
        `sig`: the text's signature if an engine made it already.
        """
        sig, candidates = self._analyse(document_id, text, published, publisher, sig)
        return self._decide(document_id, sig, candidates)

    def add(self, document_id: str, text: str, published: str | None,
            publisher: str | None = None, sig: Signature | None = None) -> list[tuple[str, CopyMatch]]:
        """Index a document; return the earlier-seen documents that now copy it.

        Why a return value: when an older original arrives after its republications, those
        must be re-linked to it (the store updates their links).
        """
        if document_id in self._entries:
            return []
        sig, candidates = self._analyse(document_id, text, published, publisher, sig)
        self._last = None  # the index changes: candidates computed before are stale
        return self._add(document_id, sig, candidates)

    def add_signature(self, document_id: str, sig: Signature) -> list[tuple[str, CopyMatch]]:
        """`add` for a signature computed elsewhere (a map stage)."""
        if document_id in self._entries:
            return []
        self._last = None
        return self._add(document_id, sig, self._candidates(document_id, sig))

    def _add(self, document_id: str, sig: Signature, candidates: list[str]) -> list[tuple[str, CopyMatch]]:
        match = self._decide(document_id, sig, candidates)
        mine = self._mine(document_id, sig.published)
        entry = _Entry(seq=len(self._entries), sig=sig)
        if match is not None:
            entry.original, entry.similarity, entry.kind = match
        relinks: list[tuple[str, CopyMatch]] = []
        if match is None:
            # the document predates its near-duplicates: those that copied a later original
            # (or none) now copy this one
            for other in sorted(c for c in candidates if self._order(c) > mine):
                cur = self._entries[other]
                if cur.original is not None and self._order(cur.original) < mine:
                    continue
                found = self._verify(cur.sig, sig)
                if found is not None:
                    found = found._replace(original_id=document_id)
                    cur.original, cur.similarity, cur.kind = found
                    relinks.append((other, found))
        self._entries[document_id] = entry
        if sig.minhash is not None:
            self._lsh.insert(document_id, sig.minhash)
        return relinks

    @classmethod
    def from_store(cls, store: Any, **kwargs: float | int) -> CopyDetector:
        """A detector holding every document of a ledger (`ledger.store.Store`)."""
        return cls.rebuild(
            ((d["id"], d["text"], d["published"], publisher_key(d.get("outlet"), d.get("url")))
             for d in store.iter_texts()),
            **kwargs,
        )

    def original_of(self, document_id: str) -> str | None:
        """The document this one copies (None for an original or an unknown id)."""
        e = self._entries.get(document_id)
        return e.original if e else None

    def links(self) -> dict[str, CopyMatch]:
        """Every copy and its original, sorted by copy id (deterministic)."""
        return {
            doc: CopyMatch(e.original, e.similarity or 0.0, e.kind or "copy")
            for doc, e in sorted(self._entries.items())
            if e.original is not None
        }

    @classmethod
    def rebuild(cls, documents: Iterable[Row], **kwargs: float | int) -> CopyDetector:
        """Build a detector from (id, text, published[, publisher]) rows, oldest first.

        Why sorted: the result must not depend on the order documents were ingested in,
        only on their dates (undated ones keep their given order, after the dated ones).
        """
        det = cls(**kwargs)  # type: ignore[arg-type]
        det.add_many(documents)
        return det

    def add_many(self, documents: Iterable[Row]) -> dict[str, CopyMatch]:
        """Index (id, text, published[, publisher]) rows oldest first; return every link
        that results: each added document's own link and each earlier-indexed document
        re-linked to one of them, by document id. That is what a writer must store for
        documents another writer stored meanwhile (`ingest` at the end of a run).
        """
        return self.add_signatures(
            (row[0], signature(row[1], row[2], row[3] if len(row) > 3 else None,  # type: ignore[misc]
                               num_perm=self.num_perm, seed=self.seed))
            for row in documents if row[0] not in self._entries
        )

    def add_signatures(self, signed: Iterable[tuple[str, Signature]]) -> dict[str, CopyMatch]:
        """`add_many` for signatures computed elsewhere (a map stage)."""
        rows = list(signed)
        order = sorted(range(len(rows)), key=lambda i: self._key(rows[i][1].published, i))
        links: dict[str, CopyMatch] = {}
        for i in order:
            doc_id, sig = rows[i]
            if doc_id in self._entries:
                continue
            links.update(self.add_signature(doc_id, sig))
            entry = self._entries[doc_id]
            if entry.original is not None:
                links[doc_id] = CopyMatch(entry.original, entry.similarity or 0.0, entry.kind or "copy")
        return links


def original_key(document_id: str, copy_of: str | None) -> str:
    """The report key of a document: its original's id, or its own when it is an original."""
    return copy_of or document_id


# -- evidence and storage --------------------------------------------------------------------


class Passage(NamedTuple):
    """A passage two texts share word for word (after normalisation): offsets in both."""

    start: int
    end: int
    other_start: int
    other_end: int


def shared_passages(text: str, other: str, min_words: int = SHINGLE_SIZE) -> list[Passage]:
    """The passages of `text` found in `other`, in `text` order, each as long as it runs.

    Greedy: at each position of `text` the longest run of equal normalised words starting
    at one of `other`'s positions of the same shingle (the earliest of equals), then on
    after it. Paragraphs moved around in a mix are found wherever they are.
    """
    a, b = tokens(text), tokens(other)
    wa, wb = [t.norm for t in a], [t.norm for t in b]
    k = min_words
    where: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - k + 1):
        where.setdefault(tuple(wb[j : j + k]), []).append(j)
    out: list[Passage] = []
    i = 0
    while i <= len(wa) - k:
        starts = where.get(tuple(wa[i : i + k]))
        if not starts:
            i += 1
            continue
        best_len, best_j = 0, starts[0]
        for j in starts:
            n = k
            while i + n < len(wa) and j + n < len(wb) and wa[i + n] == wb[j + n]:
                n += 1
            if n > best_len:
                best_len, best_j = n, j
        out.append(Passage(a[i].start, a[i + best_len - 1].end,
                           b[best_j].start, b[best_j + best_len - 1].end))
        i += best_len
    return out


def _text_of(store: Any, document_id: str) -> str | None:
    row = store.conn.execute("SELECT ledger_text(text) FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def record_link(store: Any, document_id: str, match: CopyMatch | None) -> None:
    """Store a document's link (or its absence): `documents.copy_of` and the `copy_links`
    row with the kind and the shared passages (offsets in the copy, then in the original).

    Why here and not at read time: the evidence is what the link was decided on; a page
    shows it without comparing texts again.
    """
    with store.batch():
        store.set_copy(document_id, match.original_id if match else None,
                       match.similarity if match else None)
        store.conn.execute("DELETE FROM copy_links WHERE document_id = ?", (document_id,))
        if match is None:
            return
        text, original = _text_of(store, document_id), _text_of(store, match.original_id)
        passages = shared_passages(text, original) if text is not None and original is not None else []
        store.conn.execute(
            "INSERT INTO copy_links (document_id, original_id, kind, containment, passages_json)"
            " VALUES (?,?,?,?,?)",
            (document_id, match.original_id, match.kind, match.similarity,
             json.dumps([list(p) for p in passages], separators=(",", ":"))),
        )
