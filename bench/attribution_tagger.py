"""Experiment (measured, not shipped): numpy inference of the BiLSTM span tagger, and the
claims it would add beside the rule rows (issue 9; used by `bilstm_attribution.py`, whose
feature helpers also serve `crf_attribution.py`).

The BiLSTM (`bilstm_attribution.py`) reads every token (spaCy's tok2vec vector, a hashed
lemma and small embeddings of POS, dependency, the rule rows' tags, the lexicon's cue
class, quotation state, the head's cue class, entity type and sentence start) and tags it
B/I/O for cue, source and content. `SpanTagger` runs it with numpy alone (no torch): the
document is cut into chunks of `chunk` tokens, as in training, and all chunks and both
directions advance as one batch, one matrix product and one tanh per step. `tagged_frames`
turns the tags into attributions for the cues no rule row has.

Why it is not in the pipeline (session 7): wired into the attribution stage as an adder
(threshold 0.85; a cue of the cue lexicon, a colon, a deed or hedging verb, or a source that
cannot speak left to the rules), it moved PolNeAR dev raw by +0.006 source, +0.006 cue and
+0.004 content overlap, left the gold clusters unchanged, and cost 139 ms per PolNeAR dev
document (LSTM 79 ms, features 47 ms): `bench/throughput.py` fell from 0.83 to 0.51 of bare
spaCy, below issue 9's 0.65.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from claimledger.errors import ModelError
from claimledger.nlp.attribution.frames import CueLexicon

LAYERS = ("cue", "source", "content")
#: rule rows are read through these fields, one tag layer each
ROW_FIELDS = {"cue": "cue", "source": "source_mention", "content": "content"}
QUOTE_CHARS = frozenset('“”"«»„')
TAGS = ("O", "B", "I")
TokSpan = tuple[int, int]  # token range [start, end)


def bio(n: int, spans: Iterable[TokSpan]) -> list[str]:
    """B/I/O tags of `n` tokens for spans; a span nested in or crossing an earlier-tagged
    (longer first) one is left out: a tag sequence holds one label per token."""
    tags = ["O"] * n
    for s, e in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if e <= s or any(t != "O" for t in tags[s:e]):
            continue
        tags[s] = "B"
        for k in range(s + 1, e):
            tags[k] = "I"
    return tags


def spans_of(tags: Sequence[str]) -> list[TokSpan]:
    """The token spans of a B/I/O sequence (an I after O opens a span)."""
    out: list[TokSpan] = []
    start = None
    for k, t in enumerate(tags):
        if t == "B" or (t == "I" and start is None):
            if start is not None:
                out.append((start, k))
            start = k
        elif t == "O" and start is not None:
            out.append((start, k))
            start = None
    if start is not None:
        out.append((start, len(tags)))
    return out


def char_to_tokens(doc: Doc, pair: Sequence[int] | None) -> TokSpan | None:
    """The tokens a character span covers (expanded to token edges)."""
    if not pair or pair[1] <= pair[0]:
        return None
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return (span.start, span.end)


def rule_tags(doc: Doc, rows: Sequence[dict]) -> dict[str, list[str]]:
    """B/I/O per layer from the rule rows (narrative rows are no attributions)."""
    out: dict[str, list[str]] = {}
    for layer in LAYERS:
        spans = []
        for row in rows:
            if row.get("kind") == "narrative":
                continue
            tok = char_to_tokens(doc, row.get(ROW_FIELDS[layer]))
            if tok is not None:
                spans.append(tok)
        out[layer] = bio(len(doc), spans)
    return out


def quote_state(doc: Doc) -> list[str]:
    """Per token: "q" inside quotation marks (parity of marks since the paragraph began), "m"
    a mark itself, "o" outside."""
    out: list[str] = []
    inside = False
    for tok in doc:
        if "\n" in tok.text:
            inside = False
            out.append("o")
            continue
        if tok.text in QUOTE_CHARS or (tok.text and tok.text[0] in QUOTE_CHARS):
            out.append("m")
            inside = not inside
            continue
        out.append("q" if inside else "o")
    return out


def cue_class(lemma: str, lex: CueLexicon) -> str:
    """The lexicon's group of a lemma: S(peech), W(eak), N(oun) cue, or "-"."""
    if lemma in lex.speech:
        return "S"
    if lemma in lex.weak:
        return "W"
    if lemma in lex.nouns:
        return "N"
    return "-"


def lemma_bucket(lemma: str, buckets: int) -> int:
    return zlib.crc32(lemma.encode()) % buckets


def features(
    doc: Doc, rows: Sequence[dict], lex: CueLexicon, ids: Callable[[str, str], int], buckets: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per token: the hashed lemma, and eight categorical ids (`ids(kind, value)`)."""
    rt, quote = rule_tags(doc, rows), quote_state(doc)
    lemmas = np.array([lemma_bucket(t.lemma_.lower(), buckets) for t in doc], dtype=np.int64)
    cats = np.array(
        [
            [
                ids("p", t.pos_),
                ids("d", t.dep_),
                ids("r", rt["cue"][i] + rt["source"][i] + rt["content"][i]),
                ids("c", cue_class(t.lemma_.lower(), lex)),
                ids("q", quote[i]),
                ids("hc", cue_class(t.head.lemma_.lower(), lex)),
                ids("e", t.ent_type_ or "O"),
                ids("ss", str(t.is_sent_start)),
            ]
            for i, t in enumerate(doc)
        ],
        dtype=np.int64,
    ).reshape(len(doc), 8)
    return lemmas, cats


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


@dataclass(frozen=True)
class Tagged:
    """Token spans per layer, and each tagged cue's mean probability of not being O."""

    spans: dict[str, list[TokSpan]]
    cue_p: dict[TokSpan, float]


class SpanTagger:
    """The BiLSTM's numpy inference (see the module docstring)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict) -> None:
        self.w = {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}
        self.vocab = {(k, v): i for k, v, i in meta["vocab"]}
        self.buckets = int(meta["buckets"])
        self.chunk = int(meta["chunk"])
        self.layers = int(meta["layers"])
        self.hidden = int(meta["hidden"])
        #: the least mean cue probability of an added claim (chosen on held-out train)
        self.threshold = float(meta["threshold"])
        self._weights = [self._layer_weights(k) for k in range(self.layers)]

    def ids(self, kind: str, value: str) -> int:
        return self.vocab.get((kind, value), 0)

    def _layer_weights(self, layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Both directions' weights stacked (forward, backward), gates reordered to (i, f, o,
        g) and the sigmoid gates halved, so that one tanh serves all four gates:
        sigmoid(x) = (tanh(x / 2) + 1) / 2."""
        h_n = self.hidden
        order = np.r_[0 : 2 * h_n, 3 * h_n : 4 * h_n, 2 * h_n : 3 * h_n]  # i f g o -> i f o g
        scale = np.r_[np.full(3 * h_n, 0.5), np.ones(h_n)].astype(np.float32)
        w_ih, w_hh, bias = [], [], []
        for suffix in ("", "_reverse"):
            w = self.w
            w_ih.append(w[f"lstm.weight_ih_l{layer}{suffix}"][order].T * scale)
            w_hh.append(w[f"lstm.weight_hh_l{layer}{suffix}"][order].T * scale)
            bias.append((w[f"lstm.bias_ih_l{layer}{suffix}"] + w[f"lstm.bias_hh_l{layer}{suffix}"])[order] * scale)
        # contiguous: a product with a transposed view is four times slower
        return (np.ascontiguousarray(np.stack(w_ih)), np.ascontiguousarray(np.stack(w_hh)),
                np.stack(bias)[:, None, :])

    def _lstm(self, x: np.ndarray, layer: int) -> np.ndarray:
        """One bidirectional layer over a batch of chunks `x` (B, T, D) → (B, T, 2H): both
        directions advance together, one matrix product and one tanh per step."""
        h_n = self.hidden
        b, t_n, _ = x.shape
        w_ih, w_hh, bias = self._weights[layer]
        # (T, 2, B, 4H): step t of the forward pass beside step T-1-t of the backward one
        xw = np.empty((t_n, 2, b, 4 * h_n), np.float32)
        xt = x.transpose(1, 0, 2)
        xw[:, 0] = xt @ w_ih[0] + bias[0]
        xw[:, 1] = xt[::-1] @ w_ih[1] + bias[1]
        h = np.zeros((2, b, h_n), np.float32)
        c = np.zeros((2, b, h_n), np.float32)
        out = np.empty((t_n, 2, b, h_n), np.float32)
        g = np.empty((2, b, 4 * h_n), np.float32)
        for t in range(t_n):
            np.matmul(h, w_hh, out=g)
            g += xw[t]
            np.tanh(g, out=g)
            gates = g[..., : 3 * h_n]
            gates *= 0.5
            gates += 0.5
            c *= g[..., h_n : 2 * h_n]
            c += g[..., :h_n] * g[..., 3 * h_n :]
            np.tanh(c, out=h)
            h *= g[..., 2 * h_n : 3 * h_n]
            out[t] = h
        fwd = out[:, 0].transpose(1, 0, 2)
        bwd = out[::-1, 1].transpose(1, 0, 2)
        return np.concatenate([fwd, bwd], axis=-1)

    def probabilities(self, vectors: np.ndarray, lemmas: np.ndarray, cats: np.ndarray) -> np.ndarray:
        """(n tokens, 3 layers, 3 tags) probabilities. Chunks of `chunk` tokens, as the model
        was trained on, run as one batch; the last chunk ends at the last token and overlaps
        the one before (no padding: a padded step would feed the backward pass what no token
        is), and gives only the tokens the others do not."""
        n = len(lemmas)
        if n == 0:
            return np.zeros((0, 3, 3), np.float32)
        w = self.w
        z = np.concatenate(
            [vectors.astype(np.float32), w["lemma.weight"][lemmas], w["cat.weight"][cats].reshape(n, -1)], axis=-1
        )
        z = np.maximum(z @ w["inp.weight"].T + w["inp.bias"], 0.0)
        k = -(-n // self.chunk)
        size = min(self.chunk, n)
        starts = [j * self.chunk for j in range(k - 1)] + [n - size]
        x = np.stack([z[s : s + size] for s in starts])
        for layer in range(self.layers):
            x = self._lstm(x, layer)
        logits = x @ w["out.weight"].T + w["out.bias"]
        tail = logits[-1, (k - 1) * self.chunk - starts[-1] :]
        logits = np.concatenate([*logits[:-1], tail]).reshape(n, 3, 3)
        logits -= logits.max(-1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(-1, keepdims=True)

    def __call__(self, doc: Doc, rows: Sequence[dict], lex: CueLexicon) -> Tagged:
        """The tagged spans of `doc`, given its rule rows."""
        lemmas, cats = features(doc, rows, lex, self.ids, self.buckets)
        vectors = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else None
        if vectors is None or vectors.shape[1] + self.w["lemma.weight"].shape[1] + 16 * 8 != self.w[
            "inp.weight"
        ].shape[1]:
            raise ModelError("the attribution tagger needs the pipeline's tok2vec vectors (doc.tensor)")
        prob = self.probabilities(vectors, lemmas, cats)
        best = prob.argmax(-1)
        spans = {layer: spans_of([TAGS[int(v)] for v in best[:, j]]) for j, layer in enumerate(LAYERS)}
        cue_p = {sp: float(1.0 - prob[sp[0] : sp[1], 0, 0].mean()) for sp in spans["cue"]}
        return Tagged(spans, cue_p)


def _gap(a: TokSpan, b: TokSpan) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def tagged_frames(
    doc: Doc, tagged: Tagged, rows: Sequence[dict], threshold: float, near: int = 3
) -> list[tuple[TokSpan, TokSpan | None, list[TokSpan]]]:
    """(cue, source, contents) of each tagged cue with a mean probability of at least
    `threshold` that no claim row in `rows` already has: its cue overlaps no row's cue and
    lies in no row's content (a frame inside what someone said is part of it). The source
    is the nearest tagged source of its sentence, the contents the tagged contents within
    `near` tokens of cue and source that overlap no row's content (words a row already
    attributes keep that row's speaker)."""
    taken = [
        (t, char_to_tokens(doc, r["content"]))
        for r in rows
        if r.get("kind") != "narrative" and (t := char_to_tokens(doc, r.get("cue"))) is not None
    ]
    out = []
    for cue in tagged.spans["cue"]:
        if tagged.cue_p[cue] < threshold:
            continue
        if any(not (cue[1] <= rc[0] or rc[1] <= cue[0]) for rc, _ in taken):
            continue
        if any(content and content[0] <= cue[0] and cue[1] <= content[1] for _, content in taken):
            continue
        sent = doc[cue[0]].sent
        srcs = [sp for sp in tagged.spans["source"] if doc[sp[0]].sent == sent]
        src = min(srcs, key=lambda sp: (_gap(sp, cue), sp[0])) if srcs else None
        block = (min(cue[0], src[0]), max(cue[1], src[1])) if src else cue
        contents = [
            t for t in tagged.spans["content"]
            if _gap(t, block) <= near
            and not any(rc and not (t[1] <= rc[0] or rc[1] <= t[0]) for _, rc in taken)
        ]
        if contents:
            out.append((cue, src, contents))
    return out
