"""Derive the attribution cue lexicon and train the cue model from PolNeAR TRAIN (never dev).

Usage (from the repo root, with the project's virtualenv)::

    .venv/bin/python bench/train_attribution.py lexicon   # rewrite the generated cue groups
    .venv/bin/python bench/train_attribution.py train     # fit and write the cue model weights

Why derive and not write from memory: PolNeAR's cues are far broader than "said" (about 20%),
and a verb that often introduces speech ("call", "show") is also often plain narration. For
each verb lemma we count how often it heads a gold cue and how often it occurs as a verb at
all; the ratio ("reliability") decides its group:

* ``speech``  — heads a cue at least `MIN_SPEECH` times and in ≥ `R_SPEECH` of its uses;
* ``weak``    — frequent but less reliable cues, accepted only with a clausal complement;
* ``nouns``   — nouns heading a cue ("claims", "allegation"), used only with a that-clause.

The train split is parsed once with the same spaCy model the pipeline loads (a few minutes on
two cores) and cached in a temporary directory keyed by the corpus size.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

from claimledger.data import lexicon_path
from claimledger.nlp.pipeline import load_base
from claimledger.paths import shared_dir

MIN_SPEECH, R_SPEECH = 5, 0.40
MIN_WEAK, R_WEAK = 10, 0.12
MIN_NOUN, R_NOUN = 4, 0.10
BEGIN, END = "# BEGIN generated cues", "# END generated cues"


def load_train() -> tuple[list[dict], list[Doc]]:
    """PolNeAR train records and their parses (cached: parsing takes minutes)."""
    path = shared_dir() / "data" / "attribution" / "polnear_train.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    nlp = load_base()
    cache = Path(tempfile.gettempdir()) / f"claimledger_polnear_train_{path.stat().st_size}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return records, docs


def cue_heads(record: dict, doc: Doc) -> set[int]:
    """Token indices of the syntactic heads of the gold cue spans."""
    heads: set[int] = set()
    for attr in record["attributions"]:
        cue = attr.get("cue")
        if not cue:
            continue
        span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    return heads


def gold_contents(record: dict, doc: Doc) -> dict[int, list[tuple[int, int]]]:
    """Gold content token ranges by the token index of their cue's syntactic head."""
    out: dict[int, list[tuple[int, int]]] = {}
    for attr in record["attributions"]:
        cue, content = attr.get("cue"), attr.get("content")
        if not cue or not content:
            continue
        span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        body = doc.char_span(content["start"], content["end"], alignment_mode="expand")
        if span is not None and len(span) and body is not None:
            out.setdefault(span.root.i, []).append((body.start, body.end))
    return out


def _right_content(pred: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    """A candidate is positive when its verb heads a gold cue and at least half of the content
    the rules give it lies in that attribution's gold content: the model then learns which
    frames come out right, not only which verbs are cues."""
    size = pred[1] - pred[0]
    return any(size and (min(pred[1], e) - max(pred[0], s)) * 2 >= size for s, e in gold)


def derive_lexicon(records: list[dict], docs: list[Doc]) -> dict[str, list[tuple[str, int, int]]]:
    """Cue lemmas by group with (lemma, times a cue, times a verb)."""
    as_cue: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    noun_cue: Counter[str] = Counter()
    as_noun: Counter[str] = Counter()
    for record, doc in zip(records, docs, strict=True):
        heads = cue_heads(record, doc)
        for tok in doc:
            if tok.pos_ == "NOUN" and tok.lemma_.isalpha():
                as_noun[tok.lemma_.lower()] += 1
                if tok.i in heads:
                    noun_cue[tok.lemma_.lower()] += 1
            if tok.pos_ != "VERB" or not tok.lemma_.isalpha():
                continue
            lemma = tok.lemma_.lower()
            as_verb[lemma] += 1
            if tok.i in heads:
                as_cue[lemma] += 1
    groups: dict[str, list[tuple[str, int, int]]] = {"speech": [], "weak": [], "nouns": []}
    for lemma in sorted(as_cue):
        n, total = as_cue[lemma], as_verb[lemma]
        r = n / total
        if n >= MIN_SPEECH and r >= R_SPEECH:
            groups["speech"].append((lemma, n, total))
        elif n >= MIN_WEAK and r >= R_WEAK:
            groups["weak"].append((lemma, n, total))
    for lemma in sorted(noun_cue):
        n, total = noun_cue[lemma], as_noun[lemma]
        if n >= MIN_NOUN and n / total >= R_NOUN:
            groups["nouns"].append((lemma, n, total))
    return groups


def write_lexicon(groups: dict[str, list[tuple[str, int, int]]]) -> None:
    """Replace the generated block of attribution.toml (hand-written groups stay)."""
    lines = [BEGIN, "# from PolNeAR train by bench/train_attribution.py lexicon; lemma: cue/verb uses"]
    lines.append("[cues]")
    for name, rows in groups.items():
        lines.append(f"{name} = [")
        for lemma, n, total in rows:
            lines.append(f'  "{lemma}",  # {n}/{total}')
        lines.append("]")
    lines.append(END)
    path = lexicon_path("attribution")
    text = path.read_text(encoding="utf-8")
    block = "\n".join(lines)
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text + "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def candidates(records: list[dict], docs: list[Doc]) -> list[tuple[int, list[str], int]]:
    """(document index, features, label) for every candidate frame the broad rules find."""
    from claimledger.nlp.attribution import AttributionFinder
    from claimledger.nlp.attribution.according import find_noun_frames
    from claimledger.nlp.attribution.cue_model import frame_features
    from claimledger.nlp.attribution.reported import find_verb_frames

    finder = AttributionFinder(None, "train", lexicon="attribution", model=None)  # type: ignore[arg-type]
    rows: list[tuple[int, list[str], int]] = []
    for k, (record, doc) in enumerate(zip(records, docs, strict=True)):
        contents = gold_contents(record, doc)
        _quotes, in_quote = finder.quotes(doc)

        def collect(tok, frame, how, k=k, contents=contents) -> bool:
            label = _right_content(frame.content, contents.get(tok.i, []))
            rows.append((k, frame_features(tok, frame, how, finder.cues), int(label)))
            return False

        find_verb_frames(doc, finder.cues, in_quote, collect)
        find_noun_frames(doc, finder.cues, in_quote, None, collect)
    return rows


def _fit(rows: list[tuple[int, list[str], int]], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats} for _k, feats, _y in rows])
    x.indices = x.indices.astype("int32")  # liblinear refuses 64-bit sparse indices
    x.indptr = x.indptr.astype("int32")
    y = [label for _k, _f, label in rows]
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(x, y)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])
    return weights


class HeldOut:
    """The held-out documents taken through the stages before attribution once, so that each
    (C, threshold) is scored by the suite's own metric — content token-overlap F1, as
    `claimledger eval attribution` computes it — by re-running only that stage. The cached
    parses are reused: only our own stages run here."""

    def __init__(self, records: list[dict], parsed: list[Doc]) -> None:
        from claimledger.eval.attribution import _Normaliser, gold_attributions
        from claimledger.nlp.pipeline import build_pipeline

        self.nlp = build_pipeline()
        self.finder = self.nlp.get_pipe("claimledger_attribution")
        names = self.nlp.pipe_names
        before = names[: names.index("claimledger_attribution")]
        stages = [self.nlp.get_pipe(n) for n in before if n.startswith("claimledger_")]
        self.docs = list(DocBin(docs=parsed).get_docs(self.nlp.vocab))  # into this vocab
        for doc in self.docs:
            for stage in stages:
                stage(doc)
        self.norm = _Normaliser()
        self.gold = [gold_attributions(r, self.norm) for r in records]

    def content_f1(
        self, weights: dict[str, float], threshold: float, by_family: dict[str, float] | None = None
    ) -> float:
        from claimledger.eval.attribution import _score_all, predicted_attributions
        from claimledger.nlp.attribution.cue_model import CueModel

        self.finder.model = CueModel(weights=weights, threshold=threshold, by_family=by_family or {})
        self.finder.threshold = None
        items = []
        for doc, gold in zip(self.docs, self.gold, strict=True):
            doc._.claims = []
            self.finder(doc)
            items.append((doc.text, gold, predicted_attributions(doc, self.norm)))
        return _score_all(items).f1("content", exact=False)


THRESHOLDS = [x / 100 for x in range(18, 55, 4)]


def train_and_write(records: list[dict], docs: list[Doc], head_only: bool = False) -> None:
    """Choose C and the threshold on the last tenth of train, refit, write.

    Both are chosen by content token-overlap F1 of the whole attribution stage on the
    held-out documents (candidate-level F1 favours a higher threshold than the metric the
    stage is judged by: a frame with part of the content right still earns credit). The
    committed weights are then refit on all of train; `head_only` (``train --head``) keeps
    the nine-tenths fit, so that the last tenth stays unseen for error analysis.
    """
    rows = candidates(records, docs)
    cut = int(len(records) * 0.9)
    fit_rows = [r for r in rows if r[0] < cut]
    held = HeldOut(records[cut:], docs[cut:])
    best: tuple[float, float, float] | None = None
    fitted: dict[float, dict[str, float]] = {}
    for c in (0.1, 0.3, 1.0):
        weights = fitted[c] = _fit(fit_rows, c)
        for t in THRESHOLDS:
            f1 = held.content_f1(weights, t)
            print(f"C={c} threshold={t:.2f}: held-out content overlap F1 {f1:.4f}")
            if best is None or f1 > best[0]:
                best = (f1, c, t)
    assert best is not None
    f1, c, threshold = best
    # then one threshold per rule family, one family at a time, from the shared one
    from claimledger.nlp.attribution.cue_model import all_families

    weights = fitted[c]
    by_family = dict.fromkeys(all_families(), threshold)
    for family in sorted(by_family):
        for t in THRESHOLDS:
            trial = dict(by_family, **{family: t})
            score = held.content_f1(weights, threshold, trial)
            if score > f1:
                f1, by_family = score, trial
        print(f"{family}: threshold {by_family[family]:.2f}, held-out content overlap F1 {f1:.4f}")
    final = weights if head_only else _fit(rows, c)
    weights = {k: round(v, 4) for k, v in final.items() if abs(v) >= 1e-3}
    out = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "data" / "weights"
    out.mkdir(exist_ok=True)
    payload = {
        "model": "attribution cue verbs and speech nouns, logistic regression over parse features",
        "trained_on": (
            "PolNeAR train, first nine tenths" if head_only else "PolNeAR train (840 documents)"
        )
        + "; C and threshold chosen on its last tenth by content token-overlap F1",
        "C": c,
        "held_out_content_overlap_f1": round(f1, 4),
        "candidates": len(rows),
        "positives": sum(r[2] for r in rows),
        "threshold": threshold,
        "thresholds_by_family": by_family,
        "weights": dict(sorted(weights.items())),
    }
    (out / "attribution_cues.json").write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n")
    print(f"wrote {len(weights)} weights, C={c}, threshold={threshold}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lexicon", "train"}:
        print(__doc__)
        return 2
    records, docs = load_train()
    if argv[0] == "lexicon":
        groups = derive_lexicon(records, docs)
        write_lexicon(groups)
        print({k: len(v) for k, v in groups.items()})
        return 0
    train_and_write(records, docs, head_only="--head" in argv)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main(sys.argv[1:]))
