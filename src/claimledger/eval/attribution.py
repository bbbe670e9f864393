"""Attribution suite: who said what, scored on PolNeAR dev against gold source/cue/content spans.

Each component of an attribution (source, cue, content) is scored on its own, as a span,
CofeNet-style, in two views, every system (ours and the peer) going through the same one:

* **raw** (rows ``…_raw``): the spans exactly as each side writes them: no normalisation, no
  grouping, no mapping of any kind. A gold span is a prediction's equal only when both
  offsets are the same. Every claim row we emit (narrative rows excepted: the outlet's own
  statements are not attributions) and every peer triple gives its spans. A discontinuous
  gold content (PolNeAR gives its hull plus ``fragments``) is scored as its fragments, each
  one gold span, never as its hull. A component is scored as the document's *distinct*
  spans of that component, as a tag sequence holds them: PolNeAR is univocal (every token
  has one label and belongs to at most one attribution), so the published anchors are
  scores of tag sequences, in which a span is found once or not at all. "“A,” he said,
  “B.”" is two claim rows in our contract; its cue "said" is one span found, not one found
  and one spurious. The anchors sit beside these rows. (Until session 7 the raw view
  counted a span once per row; the notes give both counts.)
* **mapped** (rows without a suffix, and the ``/direct`` ``/indirect`` splits): the same
  spans after a convention mapping that makes the two annotation styles comparable, applied
  alike to the gold, to our rows and to the peer's triples:

  - *normalisation*: surrounding whitespace, quotation marks and ``.,;:`` are trimmed off
    both ends of every span, and a leading complementiser ("said [that] …"); a cue that is
    only punctuation (PolNeAR's ":" cues) is then empty and not scored;
  - *one attribution per cue*: PolNeAR annotates one attribution per cue (no two gold
    attributions of a document share a cue span), while our contract writes one claim row
    per quoted stretch ("“A,” he said, “B.”" → two rows, one cue) and textacy one triple
    per quote. A system's rows that share the same cue span and the same source span are
    therefore one attribution whose content is their contents' fragments. This groups only
    what the system itself says is one act of speech; it never extends a span;
  - *fragments*: a content is the list of its fragments (gold: PolNeAR's ``fragments``;
    grouped rows: each row's content), each normalised; fragments that overlap, or that only
    whitespace and the trimmed marks separate, are one fragment. Two contents are equal
    when their fragment lists are.

  Nothing else is mapped: a rule that would repair what the parse found (extend a content to
  the end of a quote, join a quote that follows a colon) belongs in the pipeline, where it
  is an improvement every user sees, not in the scorer.

Measures, per view:

* **exact F1** of a component: per document, the multiset of predicted spans (content: of
  fragment lists in the mapped view; in the raw view the set of distinct single spans)
  against the gold; a true positive is a predicted item equal to a gold item (each gold used once).
  Precision = TP / predicted, recall = TP / gold, summed over documents.
* **overlap F1** (token overlap): an item becomes the set of its word tokens (``\\w+`` runs,
  over all its fragments); predicted and gold items are paired one-to-one, greedily by
  largest overlap; a prediction earns |pred ∩ gold| / |pred| of precision credit and its gold
  |pred ∩ gold| / |gold| of recall credit (unpaired items earn 0). P = precision credit /
  predicted items, R = recall credit / gold items.
* **precision and recall** of every raw row (``…_p_raw``, ``…_r_raw``): reported beside its
  F1 so that missed or spurious attributions (detection) can be told from wrong extents
  (boundaries); they score nothing the F1 does not.
* **by type** (mapped view): gold attributions split by PolNeAR's `type` (``direct``;
  ``indirect`` includes ``mixed``), predicted attributions by kind (all of a group's rows
  ``direct_quote`` → direct, otherwise indirect); each split is scored on its own.

The scorer keeps its own frozen word lists (below) and never reads the pipeline's lexicons:
a lexicon edit must not move the score. The peer is textacy's `direct_quotations` on the
same parsed Docs; it only finds direct quotes and raises on an odd number of quotation marks
(textacy#379): such a document counts as zero predictions, and the count is in the notes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from claimledger.eval.base import PRF, Metric, SuiteResult, read_jsonl

CORPUS = "attribution/polnear_dev.jsonl"
COMPONENTS = ("source", "cue", "content")
# Published exact-span F1 on PolNeAR (../shared/data/README.md): beside the raw exact rows.
ANCHORS = {"source": "CofeNet 83.2; rules 10.7", "cue": "CofeNet 75.3; rules 22.8", "content": "CofeNet 72.9; rules 5.6"}
# Floors on the whole dev split (tests/eval): issue 3's in the mapped view, content overlap
# re-measured once when the mapping stopped repairing parses (issue 9: 0.75 → 0.745), and the
# raw rows at their first measurement, source and cue re-set when the raw view began to count
# each distinct span once (session 7; issue 9's targets: 0.75 / 0.70 / 0.80).
FLOORS = {
    "source_exact_f1": 0.65,
    "cue_exact_f1": 0.60,
    "content_overlap_f1": 0.745,
    "source_exact_f1_raw": 0.733,
    "cue_exact_f1_raw": 0.674,
    "content_overlap_f1_raw": 0.725,
}
_WORD = re.compile(r"\w+")

# Frozen (issue 9): the scorer's own copies of the marks and words its normalisation trims,
# as the pipeline's lexicon had them when the scorer stopped reading it. Never import them from
# claimledger.data or claimledger.nlp; change them only with a commit that re-measures.
EDGE_MARKS = frozenset("“«„”»\"‘’'" + ".,;:")  # quotation marks (double, single, straight), final punctuation
LEADING_WORDS = ("that",)  # complementisers: "said [that] …"

Span = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One attribution as spans: `content` is its fragments in text order (usually one)."""

    type: str  # "direct" | "indirect"
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]


class _Normaliser:
    """Trim a span to the words both annotation styles agree on (see the module docstring)."""

    def __init__(self) -> None:
        self.strip = EDGE_MARKS
        self.lead = tuple(w + " " for w in LEADING_WORDS)

    def __call__(self, text: str, span: Span | None) -> Span | None:
        if span is None:
            return None
        s, e = span
        changed = True
        while changed and e > s:
            changed = False
            while s < e and (text[s].isspace() or text[s] in self.strip):
                s, changed = s + 1, True
            while e > s and (text[e - 1].isspace() or text[e - 1] in self.strip):
                e, changed = e - 1, True
            low = text[s:e].lower()
            for lead in self.lead:
                if low.startswith(lead):
                    s, changed = s + len(lead), True
        return (s, e) if e > s else None

    def fragments(self, text: str, spans: Iterable[Span]) -> tuple[Span, ...]:
        """Normalised fragments in text order, overlapping ones or ones that only trimmed
        characters separate merged into one."""
        out: list[Span] = []
        for s, e in sorted(n for n in (self(text, sp) for sp in spans) if n is not None):
            if out and (s <= out[-1][1] or self._only_trimmed(text[out[-1][1] : s])):
                out[-1] = (out[-1][0], max(out[-1][1], e))
            else:
                out.append((s, e))
        return tuple(out)

    def _only_trimmed(self, gap: str) -> bool:
        return all(ch.isspace() or ch in self.strip for ch in gap)


def _words(text: str, spans: Sequence[Span]) -> set[int]:
    return {m.start() + s for s, e in spans for m in _WORD.finditer(text[s:e])}


def _items(attrs: Sequence[Attribution], comp: str, split: bool) -> list[tuple[Span, ...]]:
    """The scored items of one component: a span each, or (content) a fragment list each;
    `split` (the raw view) scores the distinct spans, every content fragment an item of its own."""
    if split:
        spans = (f for a in attrs for f in a.content) if comp == "content" else (getattr(a, comp) for a in attrs)
        return [(sp,) for sp in dict.fromkeys(spans) if sp is not None]
    if comp != "content":
        return [(sp,) for a in attrs if (sp := getattr(a, comp)) is not None]
    return [a.content for a in attrs if a.content]


class Scorer:
    """Accumulates exact and overlap counts per component (and per gold type).

    `split` (the raw view) scores each content fragment as its own item.
    """

    def __init__(self, split: bool = False) -> None:
        self.split = split
        self.exact: dict[str, PRF] = {}
        self.soft: dict[str, PRF] = {}
        self.gold_n: Counter[str] = Counter()

    def add(self, text: str, gold: Sequence[Attribution], pred: Sequence[Attribution], tag: str = "") -> None:
        for comp in COMPONENTS:
            g = _items(gold, comp, self.split)
            p = _items(pred, comp, self.split)
            key = f"{comp}{tag}"
            self.gold_n[key] += len(g)
            ex = self.exact.setdefault(key, PRF())
            tp = sum((Counter(g) & Counter(p)).values())
            ex.tp += tp
            ex.fp += len(p) - tp
            ex.fn += len(g) - tp
            prec, rec = _soft(text, g, p)
            so = self.soft.setdefault(key, PRF())
            # store soft precision/recall as credit sums over counts
            so.tp += prec  # precision credit
            so.fp += len(p)  # predicted items
            so.fn += rec  # recall credit (numerator); gold count is in gold_n

    def f1(self, key: str, exact: bool) -> float:
        p, r = self.precision(key, exact), self.recall(key, exact)
        return 2 * p * r / (p + r) if p + r else 0.0

    def precision(self, key: str, exact: bool) -> float:
        """Exact: TP / predicted; overlap: precision credit / predicted items."""
        if exact:
            return self.exact.get(key, PRF()).precision
        so = self.soft.get(key)
        return so.tp / so.fp if so is not None and so.fp else 0.0

    def recall(self, key: str, exact: bool) -> float:
        """Exact: TP / gold; overlap: recall credit / gold items."""
        if exact:
            return self.exact.get(key, PRF()).recall
        so = self.soft.get(key)
        return so.fn / self.gold_n[key] if so is not None and self.gold_n[key] else 0.0


def _soft(text: str, gold: list[tuple[Span, ...]], pred: list[tuple[Span, ...]]) -> tuple[float, float]:
    """Greedy one-to-one pairing by word overlap; returns (precision credit, recall credit)."""
    gw = [_words(text, s) for s in gold]
    pw = [_words(text, s) for s in pred]
    pairs = sorted(
        ((len(pw[i] & gw[j]), i, j) for i in range(len(pw)) for j in range(len(gw)) if pw[i] & gw[j]),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    prec = rec = 0.0
    for ov, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        prec += ov / len(pw[i]) if pw[i] else 0.0
        rec += ov / len(gw[j]) if gw[j] else 0.0
    return prec, rec


# --- the raw spans of each side ------------------------------------------------------------


def raw_gold(record: dict) -> list[Attribution]:
    """PolNeAR attributions as written (mixed counts as indirect; a discontinuous content as
    its fragments)."""
    out: list[Attribution] = []
    for a in record["attributions"]:
        content = a["content"]
        frags = content.get("fragments") or [content]
        out.append(
            Attribution(
                type="direct" if a.get("type") == "direct" else "indirect",
                source=_span(a.get("source")),
                cue=_span(a.get("cue")),
                content=tuple((f["start"], f["end"]) for f in frags),
            )
        )
    return out


def raw_claims(claims: Iterable[dict]) -> list[Attribution]:
    """Our claim rows as written, one attribution each; narrative rows are not attributions."""
    return [
        Attribution(
            type="direct" if c["kind"] == "direct_quote" else "indirect",
            source=_pair(c.get("source_mention")),
            cue=_pair(c.get("cue")),
            content=(sp,) if (sp := _pair(c.get("content"))) else (),
        )
        for c in claims
        if c["kind"] != "narrative"
    ]


def raw_textacy(doc) -> list[Attribution] | None:
    """textacy's direct quotations as written; None when it raises on the document."""
    from textacy.extract.triples import direct_quotations  # noqa: PLC0415 (dev extra)

    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises ValueError on odd quote counts; any error = no output
        return None
    return [
        Attribution(
            type="direct",
            source=_tokens_span(t.speaker),
            cue=_tokens_span(t.cue),
            content=((t.content.start_char, t.content.end_char),),
        )
        for t in triples
    ]


# --- the convention mapping, the same for every side ----------------------------------------


def per_cue(attrs: Sequence[Attribution]) -> list[Attribution]:
    """A system's rows that share cue span and source span as one attribution (PolNeAR's
    unit); its content is all their fragments, its type indirect if any row is. Rows without
    a cue stay as they are. Order: by first row."""
    groups: dict[tuple, list[Attribution]] = {}
    out: list[list[Attribution]] = []
    for a in attrs:
        if a.cue is None:
            out.append([a])
            continue
        key = (a.cue, a.source)
        if key not in groups:
            groups[key] = []
            out.append(groups[key])
        groups[key].append(a)
    return [
        Attribution(
            type="direct" if all(a.type == "direct" for a in group) else "indirect",
            source=group[0].source,
            cue=group[0].cue,
            content=tuple(f for a in group for f in a.content),
        )
        for group in out
    ]


def normalised(text: str, attrs: Sequence[Attribution], norm: _Normaliser) -> list[Attribution]:
    """Every span trimmed, every content's fragments trimmed and merged (module docstring)."""
    return [
        replace(a, source=norm(text, a.source), cue=norm(text, a.cue), content=norm.fragments(text, a.content))
        for a in attrs
    ]


def mapped(text: str, attrs: Sequence[Attribution], norm: _Normaliser, system: bool = True) -> list[Attribution]:
    """The mapped view of one side: a system's rows grouped per cue, then normalised; the
    gold, already one attribution per cue, is only normalised."""
    return normalised(text, per_cue(attrs) if system else attrs, norm)


# --- the entry points kept for bench/train_attribution.py -----------------------------------


def gold_attributions(record: dict, norm: _Normaliser) -> list[Attribution]:
    """PolNeAR attributions in the mapped view."""
    return mapped(record["text"], raw_gold(record), norm, system=False)


def predicted_attributions(doc, norm: _Normaliser) -> list[Attribution]:
    """Our claim rows (after the whole pipeline) in the mapped view."""
    return mapped(doc.text, raw_claims(doc._.claims or []), norm)


def textacy_attributions(doc, norm: _Normaliser) -> list[Attribution] | None:
    """textacy's direct quotations in the mapped view; None when it raises on the document."""
    raw = raw_textacy(doc)
    return None if raw is None else mapped(doc.text, raw, norm)


def _span(x: dict | None) -> Span | None:
    return (x["start"], x["end"]) if x else None


def _pair(x) -> Span | None:
    return (int(x[0]), int(x[1])) if x else None


def _tokens_span(tokens) -> Span | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return (min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def _score_all(
    items: Iterable[tuple[str, Sequence[Attribution], Sequence[Attribution]]], split: bool = False
) -> Scorer:
    sc = Scorer(split=split)
    for text, gold, pred in items:
        sc.add(text, gold, pred)
        for typ in ("direct", "indirect"):
            sc.add(
                text,
                [a for a in gold if a.type == typ],
                [a for a in pred if a.type == typ],
                tag=f"/{typ}",
            )
    return sc


@dataclass
class _Side:
    """One system's documents in both views: (text, gold, predictions) triples."""

    raw: list[tuple[str, list[Attribution], list[Attribution]]]
    mapped: list[tuple[str, list[Attribution], list[Attribution]]]
    rows: int = 0  # rows (claims or triples) written
    cues: int = 0  # distinct cue spans among them, per document (the raw view's cue items)
    attributions: int = 0  # predictions in the mapped view

    def add(self, text: str, gold_raw: list[Attribution], gold_mapped: list[Attribution],
            pred: list[Attribution], norm: _Normaliser) -> None:
        pm = mapped(text, pred, norm)
        self.raw.append((text, gold_raw, pred))
        self.mapped.append((text, gold_mapped, pm))
        self.rows += len(pred)
        self.cues += len({a.cue for a in pred if a.cue is not None})
        self.attributions += len(pm)


def run(extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score the extractor (and textacy) on PolNeAR dev; see the module docstring."""
    return evaluate(extractor, list(read_jsonl(CORPUS, limit)), peers=peers, corpus=CORPUS)


def evaluate(extractor, records: list[dict], peers: bool = True, corpus: str = CORPUS) -> SuiteResult:
    """Score on any PolNeAR-shaped records (the train split serves for error analysis)."""
    norm = _Normaliser()
    result = SuiteResult(suite="attribution", corpus=corpus, peer_name="textacy" if peers else None)
    result.records = len(records)
    ours, theirs = _Side([], []), _Side([], [])
    peer_fn = _load_peer(result) if peers else None
    failed = 0

    def docs():
        for r in records:
            doc = extractor.nlp.make_doc(r["text"])
            doc._.published = (r.get("meta") or {}).get("publication_date")
            yield doc

    for record, doc in zip(records, extractor.nlp.pipe(docs(), batch_size=8), strict=True):
        gold_raw = raw_gold(record)
        gold_mapped = mapped(doc.text, gold_raw, norm, system=False)
        ours.add(doc.text, gold_raw, gold_mapped, raw_claims(doc._.claims or []), norm)
        if peer_fn is not None:
            pred = peer_fn(doc)
            if pred is None:
                failed += 1
                pred = []
            theirs.add(doc.text, gold_raw, gold_mapped, pred, norm)
    result.metrics = _metrics(ours, theirs if peer_fn is not None else None)
    result.notes.append(
        f"claimledger: {ours.rows} claim rows, {ours.cues} distinct cue spans (raw view) → "
        f"{ours.attributions} attributions (mapped view: rows sharing cue and source are one)"
    )
    if peer_fn is not None:
        result.notes.append(
            f"textacy: {theirs.rows} triples, {theirs.cues} distinct cue spans → {theirs.attributions} attributions; "
            f"raised on {failed} of {len(records)} documents (scored as empty)"
        )
    return result


def _load_peer(result: SuiteResult) -> Callable | None:
    """The peer's raw triples (doc → attributions, None when it fails on the document), or
    None with a note when textacy is not installed."""
    try:
        import textacy.extract.triples  # noqa: F401, PLC0415
    except ImportError:
        result.notes.append("textacy not installed: peer skipped")
        result.peer_name = None
        return None
    return raw_textacy


def _metrics(ours: _Side, theirs: _Side | None) -> list[Metric]:
    """Raw and mapped rows side by side per component, then the mapped splits by type."""
    views = {"_raw": True, "": False}
    scores = {
        suffix: (_score_all(ours.raw if split else ours.mapped, split),
                 _score_all(theirs.raw if split else theirs.mapped, split) if theirs else None)
        for suffix, split in views.items()
    }
    rows: list[Metric] = []

    def row(comp: str, tag: str, suffix: str, exact: bool) -> None:
        sc, peer = scores[suffix]
        key = f"{comp}{tag}"
        rows.append(
            Metric(
                name=f"{comp}_{'exact' if exact else 'overlap'}_f1{tag}{suffix}",
                claimledger=round(sc.f1(key, exact), 4),
                peer=round(peer.f1(key, exact), 4) if peer else None,
                anchor=ANCHORS[comp] if exact and suffix == "_raw" else None,
                n=sc.gold_n[key],
            )
        )

    def pr(comp: str, exact: bool) -> None:
        """Precision and recall beside a raw F1 (reporting only: detection vs boundaries)."""
        sc, peer = scores["_raw"]
        kind = "exact" if exact else "overlap"
        for part, fn in (("p", Scorer.precision), ("r", Scorer.recall)):
            rows.append(
                Metric(
                    name=f"{comp}_{kind}_{part}_raw",
                    claimledger=round(fn(sc, comp, exact), 4),
                    peer=round(fn(peer, comp, exact), 4) if peer else None,
                    n=sc.gold_n[comp],
                )
            )

    for comp in COMPONENTS:
        for exact in (True, False):
            for suffix in views:
                row(comp, "", suffix, exact)
                if suffix == "_raw":
                    pr(comp, exact)
    for tag in ("/direct", "/indirect"):
        for comp in COMPONENTS:
            for exact in (True, False):
                row(comp, tag, "", exact)
    return rows
