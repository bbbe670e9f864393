"""Derive the attribution cue lexicon and train the cue model from PolNeAR TRAIN (never dev).

Usage (from the repo root, with the project's virtualenv)::

    .venv/bin/python bench/train_attribution.py lexicon   # rewrite the generated cue groups
    .venv/bin/python bench/train_attribution.py train     # fit and write the cue model weights

Why derive and not write from memory: PolNeAR's cues are far broader than "said" (about 20%),
and a verb that often introduces speech ("call", "show") is also often plain narration. For
each verb lemma we count how often it heads a gold cue and how often it occurs as a verb at
all; the ratio ("reliability") decides its group:

* ``speech``  — heads a cue at least `MIN_SPEECH` times and in ≥ `R_SPEECH` of its uses;
* ``weak``    — frequent but less reliable cues, accepted only with a clausal complement.

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

from claimledger.nlp.lexicon import lexicon_path
from claimledger.nlp.pipeline import load_base
from claimledger.paths import shared_dir

MIN_SPEECH, R_SPEECH = 5, 0.40
MIN_WEAK, R_WEAK = 10, 0.12
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


def derive_lexicon(records: list[dict], docs: list[Doc]) -> dict[str, list[tuple[str, int, int]]]:
    """Cue lemmas by group with (lemma, times a cue, times a verb)."""
    as_cue: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    for record, doc in zip(records, docs, strict=True):
        heads = cue_heads(record, doc)
        for tok in doc:
            if tok.pos_ != "VERB" or not tok.lemma_.isalpha():
                continue
            lemma = tok.lemma_.lower()
            as_verb[lemma] += 1
            if tok.i in heads:
                as_cue[lemma] += 1
    groups: dict[str, list[tuple[str, int, int]]] = {"speech": [], "weak": []}
    for lemma in sorted(as_cue):
        n, total = as_cue[lemma], as_verb[lemma]
        r = n / total
        if n >= MIN_SPEECH and r >= R_SPEECH:
            groups["speech"].append((lemma, n, total))
        elif n >= MIN_WEAK and r >= R_WEAK:
            groups["weak"].append((lemma, n, total))
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
    from cue_model import train_and_write  # noqa: PLC0415 (bench-local helper)

    train_and_write(records, docs)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main(sys.argv[1:]))
