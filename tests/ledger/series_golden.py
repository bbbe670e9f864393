"""Golden series: ledgers whose series JSON must not change when the series code is optimised.

Two ledgers, both rebuilt at test time (no article text is committed):

- the dev gold clusters (olenivka, kramatorsk) stored as their gold (oracle) extraction,
  with an edited republication (a changed figure: `changed_copy`), a plain copy, and a few
  reviews (a rejection, a correction, a re-attribution), so that grouping, copies, flags,
  reconciliation and reviews are all exercised; its series JSON is committed in full in
  `golden/series_gold_clusters.json` so a difference can be read;
- a synthetic ledger from `bench/web_query.py` (hundreds of claimants on four sides, many
  same-day discrepancies): only the SHA-256 of its series JSON is committed.

The goldens were computed from the series code as it was before the performance rewrite.
Regenerate (only when an output change is intended): `python tests/ledger/series_golden.py`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
from pathlib import Path

from claimledger.documents import PIPELINE_VERSION
from claimledger.ledger.reviews import add_review
from claimledger.ledger.series.build import series_from_store
from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from gold_oracle import load_cluster, oracle_extraction, side_names, store_extractions  # noqa: E402

GOLDEN_DIR = Path(__file__).parent / "golden"
GOLD_JSON = GOLDEN_DIR / "series_gold_clusters.json"
SYNTHETIC_SHA = GOLDEN_DIR / "series_synthetic.sha256"
#: claims in the synthetic ledger (20 per document): enough for many sides per quantity/day
SYNTHETIC_CLAIMS = 3000
EDITED_ID = "ol-straitstimes-2022-07-29"


def _republished(article: dict, suffix: str, old: str | None = None, new: str | None = None) -> dict:
    """A republication a day later under another outlet; optionally one figure edited."""
    text = article["text"].replace("\n\n", "\n\n ") + "\n\nRead more: subscribe to our newsletter."
    figures = article["figures"]
    if old and new:
        text = text.replace(f" {old} ", f" {new} ", 1)
        figures = [
            {**f, "text": new, "value": int(new), "low": int(new), "high": int(new)}
            if f["text"] == old and f.get("occurrence", 1) == 1 else f
            for f in figures
        ]
    day = str(int(article["published"][8:10]) + 1).zfill(2)
    return {**article, "id": article["id"] + suffix, "outlet": "Aggregator", "text": text,
            "url": f"https://aggregator.example/{article['id']}{suffix}", "figures": figures,
            "published": article["published"][:8] + day + article["published"][10:]}


def build_gold_ledger(store: Store, shared: Path) -> None:
    """The gold clusters as oracle extractions, two republications and three reviews."""
    extractions = []
    for name in ("olenivka", "kramatorsk"):
        cluster = load_cluster(shared / "gold" / "dev" / f"{name}.json")
        sides = side_names(cluster)
        articles = list(cluster["articles"])
        if name == "olenivka":
            original = next(a for a in articles if a["id"] == EDITED_ID)
            articles += [_republished(original, "-copy"),
                         _republished(original, "-edited", "40", "45")]
        extractions += [oracle_extraction(a, sides) for a in articles]
    store_extractions(store, extractions)
    figures = store.figures(limit=None)
    sources = store.sources(limit=None)
    stamp = "2026-01-01T00:00:00+00:00"
    # reject one figure, correct another's value, re-attribute a third figure's claim
    add_review(store.conn, "figure", figures[0]["id"], "reject", created_at=stamp)
    add_review(store.conn, "figure", figures[5]["id"], "correct", {"value": 1234},
               created_at=stamp)
    claimed = [f for f in figures if f["claim_id"]]
    add_review(store.conn, "claim", claimed[len(claimed) // 2]["claim_id"], "correct",
               {"source_id": sources[-1]["id"]}, created_at=stamp)
    store.conn.commit()


def _bench_module():
    path = Path(__file__).parents[2] / "bench" / "web_query.py"
    spec = importlib.util.spec_from_file_location("claimledger_bench_web_query", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def build_synthetic_ledger(store: Store, claims: int = SYNTHETIC_CLAIMS) -> None:
    """The benchmark's synthetic ledger at a test-sized scale (same generator, same seed)."""
    bench = _bench_module()
    rng = random.Random(20220520)
    claimants = [(f"Spokesperson {j:03d}", bench.SIDES[j % len(bench.SIDES)]) for j in range(300)]
    with store.batch():
        for i in range(claims // bench.CLAIMS_PER_DOC):
            store.add_extraction(bench.synthetic_extraction(i, rng, claimants), PIPELINE_VERSION)


def series_json(store: Store) -> str:
    """The ledger's series (reviews applied, reconciled) as the JSON the CLI writes."""
    series = series_from_store(store)
    return json.dumps([s.to_dict() for s in series], ensure_ascii=False, indent=1) + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> None:
    """Write the goldens from the current code (run only when an output change is intended)."""
    import tempfile

    from claimledger.paths import shared_dir

    GOLDEN_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "gold.db") as store:
            build_gold_ledger(store, shared_dir())
            GOLD_JSON.write_text(series_json(store), encoding="utf-8")
        with Store(Path(tmp) / "synthetic.db") as store:
            build_synthetic_ledger(store)
            SYNTHETIC_SHA.write_text(sha256(series_json(store)) + "\n", encoding="utf-8")
    print(f"wrote {GOLD_JSON} and {SYNTHETIC_SHA}")


if __name__ == "__main__":
    main()
