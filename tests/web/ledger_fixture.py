"""The web tests' ledger: what it holds, its known ids, and how it is built.

Contents: the dev-gold clusters olenivka and kramatorsk stored as their gold (oracle)
extraction, so series, sides and discrepancies are known; the founding seed article run
through the real pipeline, so documents carry cues, source mentions and hedges; a copy of
one kramatorsk report under another outlet (linked by the copy detector); and a hostile
article (the seed's sentences with script, event-handler and javascript: payloads spliced in,
one source renamed to markup) to prove the UI never runs what an article contains.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from claimledger.documents import DocumentInput
from claimledger.extract import Extractor
from claimledger.ledger.store import Store
from claimledger.model import Extraction

sys.path.insert(0, str(Path(__file__).parents[1] / "ledger"))
from gold_oracle import (  # noqa: E402
    load_cluster,
    oracle_extraction,
    side_names,
    store_extractions,
)

TOKEN = "test-review-token-5f1c"
CLUSTERS = ("olenivka", "kramatorsk")
SEED_ID = "seed-azovstal-2022-05-20"
HOSTILE_ID = "hostile-2022-05-21"
COPIED_ID = "kr-cbsnews-2022-04-08"
COPY_ID = "kr-copy-of-cbsnews-2022-04-09"

#: each payload, if it ever ran, would set window.__pwned or change the title
PAYLOADS = [
    "<script>window.__pwned = 'script'; document.title = 'PWNED';</script>",
    '<img src=x onerror="window.__pwned=\'img\'; document.title=\'PWNED\'">',
    '<a href="javascript:window.__pwned=\'link\'">read more</a>',
    '<svg onload="window.__pwned=\'svg\'"></svg>',
    '"><script>window.__pwned="attr"</script>',
    "</mark></div><script>window.__pwned='close'</script>",
]


def hostile_text(seed: str) -> str:
    """The seed's paragraphs with one payload after each (and inside the first quote)."""
    paragraphs = seed.split("\n\n")
    out = []
    for i, para in enumerate(paragraphs):
        payload = PAYLOADS[i % len(PAYLOADS)]
        if "“" in para:  # inside a direct quote, so it lands in a claim's highlighted content
            para = para.replace("“", "“" + payload + " ", 1)
        out.append(f"{para} {payload}")
    return "\n\n".join(out)


def build_ledger(path: Path, shared: Path, extractor: Extractor) -> Path:
    """Write the test ledger to `path` (seed, hostile article, two gold clusters)."""
    seed = (shared / "gold" / "dev" / "seed.txt").read_text(encoding="utf-8")
    seed_meta = load_cluster(shared / "gold" / "dev" / "seed.json")["articles"][0]
    seed_ex, hostile_ex = extractor.extract_many(
        [
            DocumentInput(text=seed, published="2022-05-20", url=seed_meta.get("url"),
                          title=seed_meta.get("title"), outlet="Seed Outlet", id=SEED_ID),
            DocumentInput(text=hostile_text(seed), published="2022-05-21",
                          url="javascript:window.__pwned='url'", title=PAYLOADS[0],
                          outlet=PAYLOADS[1], id=HOSTILE_ID),
        ]
    )
    if hostile_ex.sources:
        renamed = hostile_ex.sources[0].model_copy(update={"name": PAYLOADS[1]})
        hostile_ex = hostile_ex.model_copy(update={"sources": [renamed, *hostile_ex.sources[1:]]})
    extractions = [seed_ex, hostile_ex]
    for name in CLUSTERS:
        cluster = load_cluster(shared / "gold" / "dev" / f"{name}.json")
        sides = side_names(cluster)
        extractions += [oracle_extraction(a, sides) for a in cluster["articles"]]
        if name == "kramatorsk":  # a syndicated copy of one report, found by the copy detector
            original = next(a for a in cluster["articles"] if a["id"] == COPIED_ID)
            extractions.append(oracle_extraction(
                {**original, "id": COPY_ID, "outlet": "Syndicator", "url": None,
                 "published": "2022-04-09", "text": original["text"] + "\n\nSyndicated."},
                sides,
            ))
    with Store(path) as store:
        store_extractions(store, extractions)
    return path


LONG_ID = "long-seed-azovstal"


def _renumber(value: Any, copy: int, shift: int) -> Any:
    """`value` (a dumped extraction) moved `shift` characters on, local ids made unique."""
    if isinstance(value, dict):
        out = {k: _renumber(v, copy, shift) for k, v in value.items()}
        if {"start", "end"} <= value.keys() and isinstance(value["start"], int):
            out["start"], out["end"] = value["start"] + shift, value["end"] + shift
        return out
    if isinstance(value, list):
        return [_renumber(v, copy, shift) for v in value]
    if isinstance(value, str) and (m := re.fullmatch(r"([a-z])(\d+)", value)):
        return f"{m[1]}{int(m[2]) + 1000 * copy}"
    return value


def long_extraction(seed: Extraction, chars: int, doc_id: str = LONG_ID) -> Extraction:
    """The seed article repeated to at least `chars` characters, its claims, figures and
    sources repeated with it: a long article (issue 12) without running the pipeline on it."""
    block = seed.document.text + "\n\n"
    copies = -(-chars // len(block))
    data = seed.model_dump(mode="json")
    document = {**data["document"], "id": doc_id, "url": None, "text": block * copies}
    out = {**data, "document": document}
    for key in ("sources", "claims", "figures", "times"):
        if key in data:
            out[key] = [
                _renumber(row, k, k * len(block)) for k in range(copies) for row in data[key]
            ]
    return Extraction.model_validate(out)
