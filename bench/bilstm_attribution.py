"""Experiment: a BiLSTM tagger of attribution spans over spaCy's tok2vec vectors (issue 9).

Usage (from the repo root; torch is not a project dependency: ``pip install torch==2.13.0``,
CPU, and ``pip uninstall torch`` afterwards: thinc imports torch whenever it is installed, which
adds ~180 MB to every pipeline and skews `bench/throughput.py`; run
``bench/crf_attribution.py parse`` first, whose cache this reads)::

    .venv/bin/python bench/bilstm_attribution.py train   # 12 epochs, ~1 min each on 2 cores
    .venv/bin/python bench/bilstm_attribution.py merge   # tagged rows beside the rule rows, docs 0..99
    .venv/bin/python bench/bilstm_attribution.py check   # numpy inference (attribution_tagger.py) vs torch

Why: the stacked CRF (`crf_attribution.py`) only matched the rules, and its window features
cannot see a sentence's structure beyond two tokens. This feeds each token's tok2vec vector
(96 floats, contextual over about four tokens each side), a hashed lemma embedding and small
embeddings of POS, dependency, rule-row tags, cue class, quotation state, head cue class,
entity type and sentence start to a two-layer BiLSTM with one B/I/O softmax per layer (cue,
source, content). Train documents 100..839 train it; 0..99 are held out; dev is never read.

What it measured (session 6; exact spans per layer on the held-out documents, as sets; this
script's output):

    epoch   cue P / R / F         source P / R / F      content P / R / F
    3       0.670 0.661 0.666     0.762 0.685 0.722     0.490 0.528 0.509
    5       0.693 0.679 0.686     0.783 0.702 0.740     0.543 0.539 0.541
    8       0.671 0.683 0.677     0.770 0.738 0.754     0.575 0.555 0.565
    rules   0.730 0.601 0.659     0.791 0.663 0.721     0.300 0.232 0.262

    12      0.687 0.694 0.691     0.767 0.759 0.763     0.527 0.592 0.557   (session 7)

(An earlier run that shuffled with numpy's global generator ended at cue 0.696, source 0.750,
content 0.572: the order of the batches moves a layer by about 0.02.)

`merge` (session 7, the 12-epoch model) turns the tags into attributions the way the claim
rows are scored (the raw view of `claimledger.eval.attribution`: distinct exact spans, no
mapping): each tagged cue takes the nearest tagged source of its sentence and the tagged
contents within three tokens of the two. Added beside the rule rows only where no rule cue
overlaps the tagged one (``--threshold``: the cue's mean non-O probability), or alone
(``--alone``), on the held-out train documents 0..99:

    system                         source    cue       content overlap (P / R / F)
    rules (the pipeline)           0.727     0.666     0.737 0.652 0.692
    rules + tagged cues, p >= 0    0.751     0.676     0.652 0.771 0.707   (767 rows added)
    rules + tagged cues, p >= .70  0.747     0.688     0.679 0.736 0.706   (470)
    rules + tagged cues, p >= .85  0.742     0.687     0.712 0.690 0.701   (177)
    tagger alone                   0.764     0.690     0.760 0.737 0.749

Added rows buy recall with as much precision: content overlap moves 0.01-0.015. The tagger
alone is the better PolNeAR system (content overlap +0.057), but its edges are PolNeAR's, and
taking the tagged edges cost the gold clusters strict F1 0.918 -> 0.899 (the CRF's merge,
`crf_attribution.py`).

In the pipeline (session 7; the model retrained on all 840 train documents, `train --all`,
run by the numpy `attribution_tagger.SpanTagger`, whose fp32 form equals torch to 3e-7 and
whose fp16 chunked form gives the same tag to 99.7% of tokens: `check`): an adder at p >= .85
in the attribution stage, leaving to the rules the cues of the cue lexicon (whose frames the
rules find and the cue model judges), colons, deeds and hedges, and sources that cannot
speak, moved PolNeAR dev raw source 0.738 -> 0.744, cue 0.679 -> 0.685, content overlap
0.735 -> 0.739 and left the gold clusters unchanged (one claim added on 51 articles).
Without the lexicon deferral it reached 0.749-0.752 / 0.689-0.695 / 0.741-0.743 but broke
two tested conventions (a passive without a count is no claim; "Halvek:" is a place). Its
cost decided it: 139 ms per PolNeAR dev document (LSTM 79 ms, features 47 ms), and
`bench/throughput.py` fell from 0.83 to 0.51 of bare spaCy (issue 9 asks >= 0.65). It is
not in the pipeline and no weights ship (3.1 MB as fp16).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import torch
from spacy.tokens import DocBin
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
import attribution_tagger as T  # noqa: E402
import crf_attribution as C  # noqa: E402

from claimledger.data import load_lexicon  # noqa: E402
from claimledger.nlp.attribution.frames import CueLexicon  # noqa: E402
from claimledger.nlp.pipeline import load_base  # noqa: E402

NB = 20000  # hashed lemma buckets
EPOCHS, EVAL_AT, BATCH, CHUNK = 12, (7, 11), 16, 256
THRESHOLD = 0.85  # least mean cue probability of an added attribution (chosen on docs 0..99)
TAG = {"O": 0, "B": 1, "I": 2}
INV = {v: k for k, v in TAG.items()}


class Data:
    """The cached parses, rule rows, tok2vec vectors and gold of PolNeAR train, encoded."""

    def __init__(self) -> None:
        cache = C._cache()
        self.recs = C.records()
        self.docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(load_base().vocab))
        self.rows = pickle.loads((cache / "rows.pkl").read_bytes())
        lengths = np.load(cache / "lengths.npy")
        self.ends = np.cumsum(lengths)
        self.starts = self.ends - lengths
        self.tensors = np.load(cache / "tensors.npy")
        self.lex = CueLexicon.from_lexicon(load_lexicon("attribution"))
        self.vocab: dict[tuple[str, str], int] = {}
        self.items = [self.encode(k) for k in range(len(self.docs))]

    def _id(self, kind: str, value: str) -> int:
        return self.vocab.setdefault((kind, value), len(self.vocab) + 1)

    def encode(self, k: int):
        doc = self.docs[k]
        lemmas, cats = T.features(doc, self.rows[k], self.lex, self._id, NB)
        gold = C.gold_tags(doc, self.recs[k]["attributions"])
        y = np.array([[TAG[gold[layer][i]] for layer in C.LAYERS] for i in range(len(doc))])
        return self.tensors[self.starts[k] : self.ends[k]], lemmas, cats, y


class Tagger(nn.Module):
    def __init__(self, n_vocab: int) -> None:
        super().__init__()
        self.lemma = nn.Embedding(NB, 48)
        self.cat = nn.Embedding(n_vocab, 16)
        self.inp = nn.Linear(96 + 48 + 16 * 8, 160)
        self.lstm = nn.LSTM(160, 128, num_layers=2, bidirectional=True, batch_first=True, dropout=0.2)
        self.out = nn.Linear(256, 9)
        self.drop = nn.Dropout(0.25)

    def forward(self, x, lemma, cat):
        z = torch.cat([x, self.lemma(lemma), self.cat(cat).flatten(2)], -1)
        o, _ = self.lstm(self.drop(torch.relu(self.inp(z))))
        return self.out(self.drop(o)).view(o.shape[0], o.shape[1], 3, 3)


def batchify(items):
    n = max(len(i[0]) for i in items)
    x = np.zeros((len(items), n, 96), "float32")
    lem = np.zeros((len(items), n), "int64")
    cat = np.zeros((len(items), n, 8), "int64")
    y = np.full((len(items), n, 3), -100, "int64")
    for b, (xi, li, ci, yi) in enumerate(items):
        k = len(xi)
        x[b, :k], lem[b, :k], cat[b, :k], y[b, :k] = xi, li, ci, yi
    return torch.tensor(x), torch.tensor(lem), torch.tensor(cat), torch.tensor(y)


def evaluate(model: Tagger, data: Data) -> None:
    model.eval()
    st: dict[tuple[str, str], list[int]] = {}
    with torch.no_grad():
        for k in range(C.HOLDOUT):
            item = data.items[k]
            x, lem, cat, _ = batchify([item])
            pred = model(x, lem, cat).argmax(-1)[0].numpy()
            rules = C.rule_tags(data.docs[k], data.rows[k])
            for j, layer in enumerate(C.LAYERS):
                gold = set(C.spans_of([INV[int(v)] for v in item[3][:, j]]))
                mine = set(C.spans_of([INV[int(v)] for v in pred[:, j]]))
                for name, spans in (("bilstm", mine), ("rules", set(C.spans_of(rules[layer])))):
                    acc = st.setdefault((layer, name), [0, 0, 0])
                    acc[0] += len(gold & spans)
                    acc[1] += len(spans)
                    acc[2] += len(gold)
    model.train()
    for (layer, name), (tp, p, g) in sorted(st.items()):
        prec, rec = tp / max(p, 1), tp / max(g, 1)
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"  {layer:8s} {name:7s} P {prec:.3f} R {rec:.3f} F {f:.3f}", flush=True)


def _model_path(everything: bool = False) -> Path:
    return C._cache() / ("bilstm_all.pt" if everything else "bilstm.pt")


def train(everything: bool = False) -> None:
    """Train on train documents 100..839 (0..99 held out), or on all of train
    (`everything`: the shipped model), saving the model after each epoch."""
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    data = Data()
    first = 0 if everything else C.HOLDOUT
    train = [
        tuple(part[a : a + CHUNK] for part in data.items[k])
        for k in range(first, len(data.items))
        for a in range(0, len(data.items[k][0]), CHUNK)
    ]
    model = Tagger(len(data.vocab) + 2)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        order, total, t0 = rng.permutation(len(train)), 0.0, time.time()
        for b in range(0, len(order), BATCH):
            x, lem, cat, y = batchify([train[i] for i in order[b : b + BATCH]])
            loss = loss_fn(model(x, lem, cat).reshape(-1, 3), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: loss {total:.2f}, {time.time() - t0:.0f}s", flush=True)
        if epoch in EVAL_AT and not everything:
            evaluate(model, data)
        torch.save({"state": model.state_dict(), "vocab": data.vocab}, _model_path(everything))


def numpy_tagger(everything: bool) -> T.SpanTagger:
    """The saved torch model as a numpy tagger (float16 weights, as they would ship)."""
    arrays, meta = _numpy_parts(torch.load(_model_path(everything)))
    return T.SpanTagger(arrays, meta)


def _numpy_parts(saved: dict) -> tuple[dict[str, np.ndarray], dict]:
    arrays = {k: v.numpy().astype(np.float16) for k, v in saved["state"].items()}
    meta = {
        "buckets": NB,
        "chunk": CHUNK,
        "layers": 2,
        "hidden": 128,
        "threshold": THRESHOLD,
        "vocab": sorted([kind, value, i] for (kind, value), i in saved["vocab"].items()),
    }
    return arrays, meta


def check() -> None:
    """The numpy tagger against torch on three held-out documents: fp32 weights on the whole
    document must agree to rounding; the fp16, chunked form gives the same tags almost
    everywhere. Prints the numpy inference time too."""
    from claimledger.nlp.pipeline import build_pipeline  # noqa: PLC0415

    saved = torch.load(_model_path(False))
    arrays, meta = _numpy_parts(saved)
    exact = T.SpanTagger({k: v.numpy() for k, v in saved["state"].items()}, {**meta, "chunk": 10**9})
    shipped = T.SpanTagger(arrays, meta)
    model = Tagger(len(saved["vocab"]) + 2)
    model.load_state_dict(saved["state"])
    model.eval()
    lex = CueLexicon.from_lexicon(load_lexicon("attribution"))
    nlp = build_pipeline()
    for rec in C.records()[:3]:
        doc = nlp(rec["text"])
        rows = [{k: c.get(k) for k in ("kind", "cue", "source_mention", "content")} for c in doc._.claims]
        lemmas, cats = T.features(doc, rows, lex, exact.ids, NB)
        with torch.no_grad():
            x = torch.tensor(doc.tensor[None].astype("float32"))
            ref = torch.softmax(model(x, torch.tensor(lemmas[None]), torch.tensor(cats[None]))[0], -1).numpy()
        t0 = time.perf_counter()
        got = shipped.probabilities(doc.tensor, lemmas, cats)
        ms = (time.perf_counter() - t0) * 1000
        diff = float(np.abs(ref - exact.probabilities(doc.tensor, lemmas, cats)).max())
        agree = float((ref.argmax(-1) == got.argmax(-1)).mean())
        print(f"{len(doc)} tokens: fp32 max |diff| {diff:.1e}; fp16 chunked tags agree {agree:.4f}; {ms:.0f} ms")


def merge(threshold: float, alone: bool) -> None:
    """Score rules, and rules with the tagged attributions (the numpy tagger the pipeline
    runs, from the held-out model), on the held-out train documents."""
    from claimledger.eval import attribution as A  # noqa: PLC0415
    from claimledger.nlp.pipeline import build_pipeline  # noqa: PLC0415

    tagger = numpy_tagger(everything=False)
    lex = CueLexicon.from_lexicon(load_lexicon("attribution"))
    recs = C.records()[: C.HOLDOUT]
    nlp = build_pipeline()
    base, merged, added = A.Scorer(split=True), A.Scorer(split=True), 0

    def chars(doc, sp):
        return (doc[sp[0]].idx, doc[sp[1] - 1].idx + len(doc[sp[1] - 1].text))

    for rec, doc in zip(recs, nlp.pipe((r["text"] for r in recs), batch_size=8), strict=True):
        rows = [{k: c.get(k) for k in ("kind", "cue", "source_mention", "content")} for c in doc._.claims]
        tagged = tagger(doc, rows, lex)
        extra = [
            A.Attribution("indirect", chars(doc, src) if src else None, chars(doc, cue), (chars(doc, c),))
            for cue, src, contents in T.tagged_frames(doc, tagged, [] if alone else rows, threshold)
            for c in contents
        ]
        added += len(extra)
        gold, pred = A.raw_gold(rec), A.raw_claims(doc._.claims)
        base.add(doc.text, gold, pred)
        merged.add(doc.text, gold, extra if alone else pred + extra)
    print(f"{added} tagged attributions{' (alone)' if alone else ' added'}")
    for comp in A.COMPONENTS:
        for exact in (True, False):
            line = f"{comp:8s} {'exact  ' if exact else 'overlap'}"
            for name, sc in (("rules", base), ("tagged", merged)):
                line += f"  {name} P {sc.precision(comp, exact):.3f} R {sc.recall(comp, exact):.3f} F {sc.f1(comp, exact):.3f}"
            print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", choices=["train", "merge", "check"])
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="merge: least mean cue probability")
    ap.add_argument("--alone", action="store_true", help="merge: score the tagged attributions alone")
    ap.add_argument("--all", action="store_true", help="train: on every train document")
    args = ap.parse_args()
    if args.step == "train":
        train(args.all)
    elif args.step == "check":
        check()
    else:
        merge(args.threshold, args.alone)


if __name__ == "__main__":
    main()
