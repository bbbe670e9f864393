"""Experiment (kept as a measured negative result): a stacked CRF tagger of attribution spans.

Usage (from the repo root; python-crfsuite comes with the dev extra)::

    .venv/bin/python bench/crf_attribution.py parse     # the rule pipeline over PolNeAR TRAIN, cached
    .venv/bin/python bench/crf_attribution.py cluster   # k-means word classes of the tok2vec vectors
    .venv/bin/python bench/crf_attribution.py train     # three CRFs on train docs 100.. (~8 min, 2 cores)
    .venv/bin/python bench/crf_attribution.py layers    # span P/R/F per layer, CRF vs rules, docs 0..99

Why it exists: issue 9 asks for trained components learned from PolNeAR train. This tags every
token B/I/O for cues, sources and contents with three linear-chain CRFs (python-crfsuite,
L-BFGS) whose features are the parse, the attribution lexicon's cue classes, cluster ids of
spaCy's tok2vec vectors *and the rule rows of the same document* (stacking: the model can
learn where the rules are right and what they miss). Only train is read; the held-out part
is train documents 0..99, never dev.

What it measured (session 6, held-out train docs 0..99; exact spans per layer, as sets; this
script's `layers` output):

    layer    CRF P / R / F        rules P / R / F
    cue      0.703 0.637 0.668    0.730 0.601 0.659
    source   0.750 0.667 0.706    0.791 0.663 0.721
    content  0.559 0.492 0.524    0.300 0.232 0.262   (token level: CRF 0.878/0.866, rules 0.911/0.801)

Merged into the attribution stage (measured with the first model, before the cluster features
added 0.007 cue F1 to the layer above: a tagged cue no rule row has became a new row; a row whose
cue the tagger also found took the tagged edges), PolNeAR raw exact on the same held-out docs
moved cue 0.611 -> 0.620 and source 0.651 -> 0.648, content exact 0.247 -> 0.471 with content
overlap unchanged (0.690 -> 0.689), while the gold dev clusters lost strict F1 0.918 -> 0.899
and indirect recall 0.933 -> 0.878 (PolNeAR's content edges are not the ledger's). Adding
rows only, or dropping rule rows the tagger did not confirm, moved nothing by more than 0.01.
So the pipeline does not use it: the detection PolNeAR misses (a third of its attributions:
"support", "vote", "defend", "have blocked", "is endorsing") is not learnable from these
features, and the weights (19 MB) are not shipped.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from multiprocessing import Process
from pathlib import Path

import numpy as np
from attribution_tagger import (  # noqa: E402  (the tagger's feature helpers, beside this script)
    LAYERS,
    char_to_tokens,
    cue_class,
    rule_tags,
    spans_of,
)
from attribution_tagger import bio as _bio  # noqa: E402
from attribution_tagger import quote_state as _quote_state  # noqa: E402
from spacy.tokens import Doc, DocBin

from claimledger.data import load_lexicon
from claimledger.nlp.attribution.frames import CueLexicon
from claimledger.nlp.pipeline import build_pipeline, load_base
from claimledger.paths import shared_dir

HOLDOUT = 100  # train documents 0..HOLDOUT-1 are held out for `layers`
PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}
CLUSTERS = (64, 256, 1024)


def cluster_ids(tensor, centroids: Sequence) -> list[list[int]]:
    """Per token, the nearest centroid (cosine) of each clustering of the tok2vec vectors."""
    import numpy as np

    if tensor is None or not len(tensor):
        return []
    x = np.asarray(tensor, dtype="float32")
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
    cols = [np.argmax(x @ c.T, axis=1) for c in centroids]
    return [list(map(int, ids)) for ids in zip(*cols, strict=True)]


def token_features(
    doc: Doc, rows: Sequence[dict], lex: CueLexicon, clusters: list[list[int]] | None = None
) -> list[list[str]]:
    """Sparse string features of every token of `doc` (one list per token); `clusters` are
    the tokens' tok2vec cluster ids (`cluster_ids`), where the model was trained with them."""
    n = len(doc)
    if clusters is not None and len(clusters) != n:
        clusters = None
    rules = rule_tags(doc, rows)
    rc, rs, rq = rules["cue"], rules["source"], rules["content"]
    quote = _quote_state(doc)
    lower = [t.lower_ for t in doc]
    pos = [t.pos_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]

    cls = [cue_class(lem, lex) for lem in lemma]
    sent_start = [False] * n
    sent_end = [False] * n
    sent_len = [0] * n
    sent_pos = [0] * n
    for sent in doc.sents:
        sent_start[sent.start] = True
        sent_end[sent.end - 1] = True
        for k in range(sent.start, sent.end):
            sent_len[k] = sent.end - sent.start
            sent_pos[k] = k - sent.start
    feats: list[list[str]] = []
    for k, tok in enumerate(doc):
        head = tok.head
        f = [
            "b",
            "w=" + lower[k],
            "l=" + lemma[k],
            "p=" + pos[k],
            "t=" + tok.tag_,
            "d=" + tok.dep_,
            "sh=" + tok.shape_[:4],
            "s3=" + lower[k][-3:],
            "e=" + (tok.ent_iob_ + tok.ent_type_ if tok.ent_type_ else "O"),
            "hl=" + lemma[head.i],
            "hp=" + pos[head.i],
            "dhp=" + tok.dep_ + "|" + pos[head.i],
            "dhl=" + tok.dep_ + "|" + lemma[head.i],
            "dir=" + ("L" if head.i > k else "R" if head.i < k else "0"),
            "c=" + cls[k],
            "hc=" + cls[head.i],
            "dhc=" + tok.dep_ + "|" + cls[head.i],
            "q=" + quote[k],
            "ss=" + str(sent_start[k]),
            "se=" + str(sent_end[k]),
            "sp="
            + (
                "0"
                if sent_pos[k] == 0
                else "1"
                if sent_pos[k] < 3
                else "2"
                if sent_pos[k] < 8
                else "3"
            ),
            "rc=" + rc[k],
            "rs=" + rs[k],
            "rq=" + rq[k],
            "r=" + rc[k] + rs[k] + rq[k],
            "rcw=" + rc[k] + "|" + lemma[k],
        ]
        # the chain of heads up to the root: under which cue class and relation the token sits
        anc, depth, path = head, 0, tok.dep_
        while anc.i != anc.head.i and depth < 4 and cls[anc.i] == "-":
            path = anc.dep_
            anc, depth = anc.head, depth + 1
        if cls[anc.i] != "-" and anc.i != k:
            f.append("ac=" + cls[anc.i] + "|" + path)
            f.append("acd=" + str(min(depth, 3)))
            f.append("acs=" + ("L" if anc.i > k else "R"))
        if tok.n_lefts + tok.n_rights:
            f.append("kids=" + "|".join(sorted({c.dep_ for c in tok.children}))[:40])
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f.append(f"{off}w={lower[j]}")
                f.append(f"{off}p={pos[j]}")
                f.append(f"{off}r={rc[j]}{rs[j]}{rq[j]}")
                f.append(f"{off}c={cls[j]}")
                f.append(f"{off}q={quote[j]}")
            else:
                f.append(f"{off}w=<pad>")
        if clusters is not None:
            for g, cid in enumerate(clusters[k]):
                f.append(f"k{g}={cid}")
                f.append(f"k{g}r={cid}|{rc[k]}{rs[k]}{rq[k]}")
            for off in (-1, 1):
                j = k + off
                if 0 <= j < n:
                    f.append(
                        f"{off}k1={clusters[j][1] if len(clusters[j]) > 1 else clusters[j][0]}"
                    )
        if k > 0:
            f.append("bw=" + lower[k - 1] + "|" + lower[k])
        if k + 1 < n:
            f.append("wb=" + lower[k] + "|" + lower[k + 1])
        if sent_len[k] and sent_pos[k] == sent_len[k] - 1:
            f.append("last")
        feats.append(f)
    return feats


def gold_tags(doc: Doc, attributions: Sequence[dict]) -> dict[str, list[str]]:
    """B/I/O per layer from PolNeAR gold (a discontinuous content as its fragments)."""
    out: dict[str, list[str]] = {}
    for layer in LAYERS:
        spans = []
        for a in attributions:
            x = a.get(layer)
            if not x:
                continue
            for frag in (x.get("fragments") or [x]) if layer == "content" else [x]:
                tok = char_to_tokens(doc, (frag["start"], frag["end"]))
                if tok is not None:
                    spans.append(tok)
        out[layer] = _bio(len(doc), spans)
    return out


def _cache() -> Path:
    path = shared_dir() / "data" / "attribution" / "polnear_train.jsonl"
    return Path(tempfile.gettempdir()) / f"claimledger_crf_{path.stat().st_size}"


def records() -> list[dict]:
    path = shared_dir() / "data" / "attribution" / "polnear_train.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def parse() -> None:
    """Run the whole pipeline over train; keep the parses, tok2vec vectors and claim rows."""
    recs = records()
    nlp = build_pipeline()
    attrs = [
        "ORTH",
        "LEMMA",
        "POS",
        "TAG",
        "DEP",
        "HEAD",
        "ENT_IOB",
        "ENT_TYPE",
        "SENT_START",
        "SPACY",
    ]
    bin_, tensors, rows = DocBin(attrs=attrs), [], []
    t0 = time.time()
    for doc in nlp.pipe((r["text"] for r in recs), batch_size=8):
        bin_.add(doc)
        tensors.append(doc.tensor.astype("float32"))
        rows.append(
            [
                {k: c.get(k) for k in ("kind", "cue", "source_mention", "content")}
                for c in doc._.claims
            ]
        )
    cache = _cache()
    cache.mkdir(exist_ok=True)
    bin_.to_disk(cache / "docs.spacy")
    (cache / "rows.pkl").write_bytes(pickle.dumps(rows))
    np.save(cache / "tensors.npy", np.concatenate(tensors))
    np.save(cache / "lengths.npy", np.array([len(t) for t in tensors]))
    print(f"parsed {len(recs)} documents in {time.time() - t0:.0f}s -> {cache}")


def cluster(sample: int = 200_000, iterations: int = 20) -> None:
    """Seeded k-means (cosine) of the train tokens' tok2vec vectors, one clustering per size."""
    x = np.load(_cache() / "tensors.npy").astype("float32")
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
    rng = np.random.default_rng(0)
    x = x[rng.choice(len(x), size=min(sample, len(x)), replace=False)]
    out = {}
    for k in CLUSTERS:
        c = x[rng.choice(len(x), size=k, replace=False)].copy()
        for _ in range(iterations):
            ids = np.argmax(x @ c.T, axis=1)
            for j in range(k):
                members = x[ids == j]
                if len(members):
                    m = members.sum(axis=0)
                    c[j] = m / max(np.linalg.norm(m), 1e-6)
        out[f"k{k}"] = c.astype("float32")
    np.savez(_cache() / "clusters.npz", **out)


def _load():
    cache = _cache()
    docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(load_base().vocab))
    rows = pickle.loads((cache / "rows.pkl").read_bytes())
    lengths = np.load(cache / "lengths.npy")
    ends = np.cumsum(lengths)
    tensors = np.load(cache / "tensors.npy")
    centroids = list(np.load(cache / "clusters.npz").values())
    lex = CueLexicon.from_lexicon(load_lexicon("attribution"))
    for k, (rec, doc, rr) in enumerate(zip(records(), docs, rows, strict=True)):
        ids = cluster_ids(tensors[ends[k] - lengths[k] : ends[k]], centroids)
        yield k, rec, doc, rr, token_features(doc, rr, lex, ids)


def _train_one(layer: str, xs: list, ys: list, out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y[layer])
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def train() -> None:
    xs, ys = [], []
    for k, rec, doc, _rows, feats in _load():
        if k >= HOLDOUT:
            xs.append(feats)
            ys.append(gold_tags(doc, rec["attributions"]))
    procs = [
        Process(target=_train_one, args=(layer, xs, ys, _cache() / f"{layer}.crfsuite"))
        for layer in LAYERS
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()


def layers() -> None:
    import pycrfsuite

    taggers = {}
    for layer in LAYERS:
        taggers[layer] = pycrfsuite.Tagger()
        taggers[layer].open(str(_cache() / f"{layer}.crfsuite"))
    st: Counter = Counter()
    for k, rec, doc, rows, feats in _load():
        if k >= HOLDOUT:
            break
        gold, rules = gold_tags(doc, rec["attributions"]), rule_tags(doc, rows)
        for layer in LAYERS:
            g = set(spans_of(gold[layer]))
            for name, pred in (("crf", taggers[layer].tag(feats)), ("rules", rules[layer])):
                p = set(spans_of(pred))
                st[layer, name, "tp"] += len(g & p)
                st[layer, name, "p"] += len(p)
                st[layer, name, "g"] += len(g)
    for layer in LAYERS:
        for name in ("crf", "rules"):
            tp, p, g = st[layer, name, "tp"], st[layer, name, "p"], st[layer, name, "g"]
            prec, rec_ = tp / max(p, 1), tp / max(g, 1)
            f = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
            print(f"{layer:8s} {name:6s} P {prec:.3f} R {rec_:.3f} F {f:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", choices=["parse", "cluster", "train", "layers"])
    {"parse": parse, "cluster": cluster, "train": train, "layers": layers}[ap.parse_args().step]()


if __name__ == "__main__":
    main()
