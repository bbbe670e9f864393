"""Train the source-choice model from PolNeAR TRAIN (never dev, never the gold clusters).

Usage (from the repo root, with the project's virtualenv)::

    .venv/bin/python bench/train_source_choice.py train    # fit and write data/weights/source_choice.json
    .venv/bin/python bench/train_source_choice.py report   # held-out tenth: rules vs model

The train split is taken through every claimledger stage before `claimledger_sources` once
(minutes on two cores) and cached in the temporary directory, keyed by the corpus size and the
pipeline version, so that the candidates the model learns from are exactly those the stage
sees at run time.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin

from claimledger.paths import shared_dir


def load_train() -> tuple[list[dict], list[Doc], object]:
    """PolNeAR train records, their Docs after attribution and hedges, and the pipeline."""
    import hashlib

    from claimledger.data import data_path
    from claimledger.nlp.pipeline import build_pipeline

    path = shared_dir() / "data" / "attribution" / "polnear_train.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    nlp = build_pipeline(config={"claimledger_sources": {"choice": None}})  # the rules alone
    # keyed by what the stages before `claimledger_sources` read (not by the pipeline version:
    # that covers these weights too, and writing them must not invalidate the cache)
    digest = hashlib.sha256()
    for f in [*sorted(data_path("lexicons").glob("*.toml")), data_path("weights") / "attribution_cues.json"]:
        digest.update(f.read_bytes())
    key = f"{path.stat().st_size}_{digest.hexdigest()[:12]}"
    cache = Path(tempfile.gettempdir()) / f"claimledger_choice_train_{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        def make():
            for r in records:
                doc = nlp.make_doc(r["text"])
                doc._.published = (r.get("meta") or {}).get("publication_date")
                yield doc

        with nlp.select_pipes(disable=["claimledger_sources"]):
            docs = list(nlp.pipe(make(), batch_size=16))
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return records, docs, nlp


def _chooser(nlp):
    from claimledger.nlp.sources.choice import ChoiceModel, SourceChooser

    resolver = nlp.get_pipe("claimledger_sources")
    return SourceChooser(resolver.vocab, ChoiceModel(weights={}, margin=0.0))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_gold(text: str, claims: list[dict], gold: list, norm) -> dict[int, int]:
    """Claim index -> the gold attribution it stands for: the one sharing its cue, else the
    one whose content covers most of the claim's (at least half)."""
    from claimledger.eval.attribution import _pair

    out: dict[int, int] = {}
    for ci, c in enumerate(claims):
        cue = norm(text, _pair(c.get("cue")))
        content = norm(text, _pair(c.get("content")))
        best, best_key = None, (0, 0)
        for gi, g in enumerate(gold):
            cue_ov = _overlap(cue, g.cue) if cue and g.cue else 0
            con_ov = sum(_overlap(content, part) for part in g.content) if content else 0
            if not cue_ov and (not content or con_ov * 2 < content[1] - content[0]):
                continue
            key = (cue_ov > 0, con_ov)
            if key > best_key:
                best, best_key = gi, key
        if best is not None:
            out[ci] = best
    return out


def instances(records: list[dict], docs: list[Doc], nlp) -> list[tuple[int, int, list[tuple[list[str], int, str]]]]:
    """(document, claim, [(features, label, origin)]) for every claim matched to a gold
    attribution; a candidate is positive when its span equals the gold source after the
    suite's normalisation (no source at all is positive when the gold has none)."""
    from claimledger.eval.attribution import _Normaliser, gold_attributions
    from claimledger.nlp.sources.choice import _Page

    norm = _Normaliser()
    chooser = _chooser(nlp)
    out = []
    for k, (record, doc) in enumerate(zip(records, docs, strict=True)):
        claims = doc._.claims or []
        gold = gold_attributions(record, norm)
        matched = match_gold(doc.text, claims, gold, norm)
        page = _Page(doc, claims)
        for ci in range(len(claims)):
            rule = claims[ci].get("source_mention")
            page.chosen[ci] = (int(rule[0]), int(rule[1])) if rule else None
            if ci not in matched:
                continue
            target = gold[matched[ci]].source
            rows = []
            for cand in chooser.candidates(page, ci):
                got = norm(doc.text, cand.span) if cand.span else None
                rows.append((cand.features, int(got == target), cand.origin))
            out.append((k, ci, rows))
    return out


def fit(groups, c: float) -> dict[str, float]:
    """Logistic regression over candidates (liblinear: deterministic on the same input)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(f, y) for _k, _ci, cands in groups if any(y for _f, y, _o in cands) for f, y, _o in cands]
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats} for feats, _y in rows])
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=5000, solver="liblinear")
    clf.fit(x, [y for _f, y in rows])
    weights = {n: float(w) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])
    weights["null"] = weights.get("null", 0.0) + float(clf.intercept_[0])
    return weights


def source_f1(records, docs, nlp, model) -> tuple[float, float, float]:
    """Source exact F1 (all, direct, indirect) of PolNeAR-shaped records, the claims' sources
    chosen by `model` (None: the rules'), scored as `claimledger eval attribution` does."""
    import copy

    from claimledger.eval.attribution import (
        _Normaliser,
        _score_all,
        gold_attributions,
        predicted_attributions,
    )
    from claimledger.nlp.sources.choice import SourceChooser

    norm = _Normaliser()
    resolver = nlp.get_pipe("claimledger_sources")
    chooser = SourceChooser(resolver.vocab, model)
    items = []
    for record, doc in zip(records, docs, strict=True):
        saved = doc._.claims
        doc._.claims = copy.deepcopy(saved or [])
        chooser.choose(doc, doc._.claims)
        items.append((doc.text, gold_attributions(record, norm), predicted_attributions(doc, norm)))
        doc._.claims = saved
    sc = _score_all(items)
    return sc.f1("source", True), sc.f1("source/direct", True), sc.f1("source/indirect", True)


MARGINS = [-0.5, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]
CS = (0.1, 0.3, 1.0)


def train_and_write(records, docs, nlp, head_only: bool = False) -> None:
    """Choose C and the margin on the last tenth of train by source exact F1, refit, write."""
    from claimledger.nlp.sources.choice import ChoiceModel

    groups = instances(records, docs, nlp)
    cut = int(len(records) * 0.9)
    head = [g for g in groups if g[0] < cut]
    base = source_f1(records[cut:], docs[cut:], nlp, None)
    print(f"rules alone: held-out source exact F1 {base[0]:.4f} (direct {base[1]:.4f}, indirect {base[2]:.4f})")
    best = None
    fitted = {}
    for c in CS:
        weights = fitted[c] = fit(head, c)
        for m in MARGINS:
            f1 = source_f1(records[cut:], docs[cut:], nlp, ChoiceModel(weights, m))
            print(f"C={c} margin={m}: held-out source exact F1 {f1[0]:.4f} (direct {f1[1]:.4f}, indirect {f1[2]:.4f})")
            if best is None or f1[0] > best[0][0]:
                best = (f1, c, m)
    assert best is not None
    f1, c, margin = best
    # then the margin for claims the rules left without a source, from the chosen one
    fill = margin
    for m in MARGINS:
        got = source_f1(records[cut:], docs[cut:], nlp, ChoiceModel(fitted[c], margin, m))
        print(f"C={c} margin={margin} fill_margin={m}: held-out source exact F1 {got[0]:.4f}")
        if got[0] > f1[0]:
            f1, fill = got, m
    final = fitted[c] if head_only else fit(groups, c)
    weights = {k: round(v, 4) for k, v in final.items() if abs(v) >= 1e-3}
    n_cands = sum(len(g[2]) for g in groups)
    payload = {
        "model": "source choice among a claim's candidate mentions, logistic regression over sparse features",
        "trained_on": (
            "PolNeAR train, first nine tenths" if head_only else "PolNeAR train (840 documents)"
        ) + "; C and margin chosen on its last tenth by source exact F1",
        "C": c,
        "margin": margin,
        "fill_margin": fill,
        "held_out_source_exact_f1": round(f1[0], 4),
        "held_out_source_exact_f1_rules": round(base[0], 4),
        "claims": len(groups),
        "candidates": n_cands,
        "weights": dict(sorted(weights.items())),
    }
    out = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "data" / "weights"
    (out / "source_choice.json").write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n")
    print(f"wrote {len(weights)} weights, C={c}, margin={margin}, fill_margin={fill}")


def report(records, docs, nlp) -> None:
    """Error classes of the rules' sources on the held-out tenth (train only)."""
    from collections import Counter

    groups = instances(records, docs, nlp)
    cut = int(len(records) * 0.9)
    counts: Counter[str] = Counter()
    for k, _ci, cands in groups:
        if k < cut:
            continue
        rule = next((c for c in cands if c[2] == "rule"), None)
        kept = rule if rule is not None else next(c for c in cands if c[2] == "none")
        if kept[1]:  # the rules' choice (a mention, or none) is the gold one
            counts["rule right"] += 1
        elif any(y for _f, y, _o in cands):
            pos = next(c for c in cands if c[1])
            counts[f"rule wrong, right one is a candidate ({pos[2]}, rule {'present' if rule else 'none'})"] += 1
        else:
            counts[f"no right candidate (rule {'present' if rule else 'none'})"] += 1
    for key, n in counts.most_common():
        print(f"{n:6d}  {key}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"train", "report", "cache"}:
        print(__doc__)
        return 2
    records, docs, nlp = load_train()
    if argv[0] == "report":
        report(records, docs, nlp)
    elif argv[0] == "train":
        train_and_write(records, docs, nlp, head_only="--head" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
