"""Attribution suite: who said what, scored on PolNeAR dev against gold source/cue/content spans.

Scoring, CofeNet-style (each component of an attribution is scored on its own, as a span):

* Spans are compared after the same normalisation on both sides, because PolNeAR and our
  contract write the same words differently: surrounding whitespace, quotation marks and
  final punctuation (``.,;:``) are dropped, and so is a leading complementiser ("said [that] …",
  from the attribution lexicon). Nothing else is changed.
* **exact F1** of a component (source, cue, content): per document, the multiset of predicted
  spans of that component (one per predicted claim that has it) against the multiset of gold
  spans; a true positive is a predicted span equal to a gold span (each gold used once).
  Precision = TP / predicted spans, recall = TP / gold spans, summed over documents.
* **overlap F1** (token overlap): spans become sets of word tokens (``\\w+`` runs); predicted
  and gold spans of the component are paired one-to-one, greedily by largest overlap; a
  prediction earns |pred ∩ gold| / |pred| of precision credit and its gold |pred ∩ gold| /
  |gold| of recall credit (unpaired spans earn 0). P = precision credit / predicted spans,
  R = recall credit / gold spans.
* **by type**: gold attributions split by PolNeAR's `type` (``direct``; ``indirect`` includes
  ``mixed``), predictions by our kind (``direct_quote`` → direct, every other kind → indirect);
  each split is scored as above on its own gold and predictions.

Convention mapping before scoring (our contract → PolNeAR's): the quoted stretches of one
quotation that share cue and source are one attribution (their hull), and a quoted stretch
inside the content of a reported claim is part of it (PolNeAR's "mixed"); see
`predicted_attributions`. Narrative claims (the outlet's own statements) are not
attributions and are not scored. The
peer is textacy's `direct_quotations` on the same parsed Docs; it only finds direct quotes and
raises on an odd number of quotation marks (textacy#379): such a document counts as zero
predictions, and the count is reported in the notes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from claimledger.data import load_lexicon
from claimledger.eval.base import PRF, Metric, SuiteResult, read_jsonl

CORPUS = "attribution/polnear_dev.jsonl"
COMPONENTS = ("source", "cue", "content")
ANCHORS = {"source": "CofeNet 83.2; rules 10.7", "cue": "CofeNet 75.3; rules 22.8", "content": "CofeNet 72.9; rules 5.6"}
FLOORS = {"source_exact_f1": 0.65, "cue_exact_f1": 0.60, "content_overlap_f1": 0.75}
_WORD = re.compile(r"\w+")
_CONJUNCTIONS = frozenset({"and", "but", "or"})

Span = tuple[int, int]
Attribution = dict[str, Span | str | None]  # source/cue/content spans and "type"


class _Normaliser:
    """Trim spans to the words both annotation styles agree on (see module docstring)."""

    def __init__(self) -> None:
        lex = load_lexicon("attribution")
        marks = lex["quote_marks"]
        self.strip = set("".join(marks["opening"] + marks["closing"] + marks["straight"]))
        self.strip |= set("".join(marks["single_open"] + marks["single_close"]) + "'")
        self.strip |= set(".,;:")
        self.lead = tuple(w.lower() + " " for w in lex["frame"]["complementizers"])

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


def _words(text: str, span: Span) -> set[int]:
    return {m.start() + span[0] for m in _WORD.finditer(text[span[0] : span[1]])}


class Scorer:
    """Accumulates exact and overlap counts per component (and per gold type)."""

    def __init__(self) -> None:
        self.exact: dict[str, PRF] = {}
        self.soft: dict[str, PRF] = {}
        self.gold_n: Counter[str] = Counter()

    def add(self, text: str, gold: list[Attribution], pred: list[Attribution], tag: str = "") -> None:
        for comp in COMPONENTS:
            g = [a[comp] for a in gold if a.get(comp)]
            p = [a[comp] for a in pred if a.get(comp)]
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
            so.fp += len(p)  # predicted spans
            so.fn += rec  # recall credit (numerator); gold count is in gold_n

    def f1(self, key: str, exact: bool) -> float:
        if exact:
            return self.exact.get(key, PRF()).f1
        so = self.soft.get(key)
        if so is None:
            return 0.0
        p = so.tp / so.fp if so.fp else 0.0
        r = so.fn / self.gold_n[key] if self.gold_n[key] else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _soft(text: str, gold: list[Span], pred: list[Span]) -> tuple[float, float]:
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


def gold_attributions(record: dict, norm: _Normaliser) -> list[Attribution]:
    """PolNeAR attributions as normalised spans with their type (mixed counts as indirect)."""
    text = record["text"]
    out: list[Attribution] = []
    for a in record["attributions"]:
        row: Attribution = {"type": "direct" if a.get("type") == "direct" else "indirect"}
        for comp in COMPONENTS:
            sp = a.get(comp)
            row[comp] = norm(text, (sp["start"], sp["end"])) if sp else None
        out.append(row)
    return out


def predicted_attributions(doc, norm: _Normaliser) -> list[Attribution]:
    """Our claim rows (after the whole pipeline) in the same shape.

    Our contract gives each quoted stretch of one quotation its own claim ("“A,” he said,
    “B.”" → two claims with one cue); PolNeAR annotates one attribution whose content runs
    from A to B. Direct quotes that share cue and source are therefore scored as one claim
    whose content is their hull — when they are adjacent: nothing but the attribution lies
    between them in one paragraph, or nothing but marks across a paragraph break. Likewise a
    quoted stretch inside the content of a reported claim ('called it “a war crime”') is part
    of that one attribution for PolNeAR (its "mixed" type), so it is not scored on its own; so
    is a quote of the same cue that opens inside a reported claim and runs on past the end the
    parse gave that clause, or follows it after only a colon or a conjunction ("is “a big
    problem” but “…”"): the claim's content then reaches the end of the quote.
    """
    text = doc.text
    out: list[Attribution] = []
    joined: dict[tuple, dict] = {}
    rows: list[dict] = []
    for c in doc._.claims or []:
        if c["kind"] == "direct_quote" and c.get("cue"):
            key = (tuple(c["cue"]), tuple(c.get("source_mention") or ()))
            hull = joined.get(key)
            if hull is not None and _adjacent(text, hull["content"], c["content"], _frame_of(hull)):
                hull["content"] = [hull["content"][0], max(hull["content"][1], c["content"][1])]
                continue
            joined[key] = dict(c)
            rows.append(joined[key])
        else:
            rows.append(c)
    # reported claims' normalised contents, grown by the quotes that belong to them
    contents = {
        k: norm(text, _pair(c["content"])) for k, c in enumerate(rows) if c["kind"] != "narrative"
    }
    reported = [k for k, c in enumerate(rows) if c["kind"] not in ("direct_quote", "narrative")]
    mixed: set[int] = set()
    for k, c in enumerate(rows):
        inner = contents.get(k)
        if c["kind"] != "direct_quote" or inner is None:
            continue
        for r in reported:
            span = contents[r]
            if span is None or inner[0] < span[0]:
                continue
            same_frame = rows[r].get("cue") == c.get("cue")
            inside = inner[0] < span[1] and (inner[1] <= span[1] or same_frame)
            if inside or (same_frame and _joined(text, span[1], inner[0])):
                # PolNeAR's "mixed" attribution (see the docstring)
                contents[r] = (span[0], max(span[1], inner[1]))
                mixed.add(k)
                break
    for k, c in enumerate(rows):
        if c["kind"] == "narrative" or k in mixed:
            continue
        out.append(
            {
                "type": "direct" if c["kind"] == "direct_quote" else "indirect",
                "source": norm(text, _pair(c.get("source_mention"))),
                "cue": norm(text, _pair(c.get("cue"))),
                "content": contents[k],
            }
        )
    return out


def textacy_attributions(doc, norm: _Normaliser) -> list[Attribution] | None:
    """textacy's direct quotations; None when it raises on the document."""
    from textacy.extract.triples import direct_quotations  # noqa: PLC0415 (dev extra)

    text = doc.text
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises ValueError on odd quote counts; any error = no output
        return None
    out: list[Attribution] = []
    for t in triples:
        out.append(
            {
                "type": "direct",
                "source": norm(text, _tokens_span(t.speaker)),
                "cue": norm(text, _tokens_span(t.cue)),
                "content": norm(text, (t.content.start_char, t.content.end_char)),
            }
        )
    return out


def _joined(text: str, end: int, start: int) -> bool:
    """Only a colon or a conjunction (with marks and spaces) between a claim's end and a
    quote's start ("… a bargain is possible: ''…''", "… is “a big problem” but “…”")."""
    gap = text[end:start]
    words = [w.lower() for w in _WORD.findall(gap)]
    if "\n" in gap or len(words) > 1 or (words and words[0] not in _CONJUNCTIONS):
        return False
    return ":" in gap or bool(words)


def _frame_of(claim: dict) -> list[Span]:
    return [_pair(claim[k]) for k in ("cue", "source_mention") if claim.get(k)]


def _adjacent(text: str, first: list[int], second: list[int], frame: list[Span] = ()) -> bool:
    """Whether two quoted stretches of one speaker are one PolNeAR attribution: nothing but
    their own attribution lies between them in one paragraph; across a paragraph break,
    nothing but marks and that attribution ("“A,” Carson continued. ¶ “B.”")."""
    if second[0] < first[1]:
        return False
    gap = text[first[1] : second[0]]
    if "\n" not in gap:
        return True
    chars = list(gap)
    for s, e in frame:
        for k in range(max(s, first[1]), min(e, second[0])):
            chars[k - first[1]] = " "
    return not _WORD.search("".join(chars))


def _pair(x) -> Span | None:
    return (int(x[0]), int(x[1])) if x else None


def _tokens_span(tokens) -> Span | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return (min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def _score_all(
    items: Iterable[tuple[str, list[Attribution], list[Attribution]]],
) -> Scorer:
    sc = Scorer()
    for text, gold, pred in items:
        sc.add(text, gold, pred)
        for typ in ("direct", "indirect"):
            sc.add(
                text,
                [a for a in gold if a["type"] == typ],
                [a for a in pred if a["type"] == typ],
                tag=f"/{typ}",
            )
    return sc


def run(extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score the extractor (and textacy) on PolNeAR dev; see the module docstring."""
    return evaluate(extractor, list(read_jsonl(CORPUS, limit)), peers=peers, corpus=CORPUS)


def evaluate(extractor, records: list[dict], peers: bool = True, corpus: str = CORPUS) -> SuiteResult:
    """Score on any PolNeAR-shaped records (the train split serves for error analysis)."""
    norm = _Normaliser()
    result = SuiteResult(suite="attribution", corpus=corpus, peer_name="textacy" if peers else None)
    result.records = len(records)
    ours: list[tuple[str, list[Attribution], list[Attribution]]] = []
    theirs: list[tuple[str, list[Attribution], list[Attribution]]] = []
    peer_fn: Callable | None = None
    if peers:
        try:
            import textacy.extract.triples  # noqa: F401, PLC0415

            peer_fn = textacy_attributions
        except ImportError:
            result.notes.append("textacy not installed: peer skipped")
            result.peer_name = None
    failed = 0

    def docs():
        for r in records:
            doc = extractor.nlp.make_doc(r["text"])
            doc._.published = (r.get("meta") or {}).get("publication_date")
            yield doc

    for record, doc in zip(records, extractor.nlp.pipe(docs(), batch_size=8), strict=True):
        gold = gold_attributions(record, norm)
        ours.append((doc.text, gold, predicted_attributions(doc, norm)))
        if peer_fn is not None:
            pred = peer_fn(doc, norm)
            if pred is None:
                failed += 1
                pred = []
            theirs.append((doc.text, gold, pred))
    sc = _score_all(ours)
    peer_sc = _score_all(theirs) if peer_fn is not None else None
    if peer_fn is not None:
        result.notes.append(f"textacy raised on {failed} of {len(records)} documents (scored as empty)")
    for tag in ("", "/direct", "/indirect"):
        for comp in COMPONENTS:
            key = f"{comp}{tag}"
            for exact in (True, False):
                name = f"{comp}_{'exact' if exact else 'overlap'}_f1{tag}"
                result.metrics.append(
                    Metric(
                        name=name,
                        claimledger=round(sc.f1(key, exact), 4),
                        peer=round(peer_sc.f1(key, exact), 4) if peer_sc else None,
                        anchor=ANCHORS[comp] if exact and not tag else None,
                        n=sc.gold_n[key],
                    )
                )
    return result
