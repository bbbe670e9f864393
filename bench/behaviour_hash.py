"""One SHA-256 over the extraction of every gold dev article and every PolNeAR dev document.

Why: a refactor that promises "behaviour unchanged" proves it with this hash, printed before
and after (and per corpus, so a difference says where to look). `--dump DIR` also writes one
JSON file per document, so two runs can be diffed document by document.

    python bench/behaviour_hash.py [--shared ../shared] [--dump /tmp/before]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from claimledger import DocumentInput, Extractor


def gold_inputs(shared: Path) -> list[DocumentInput]:
    """Every article of every dev cluster, in file and article order."""
    items: list[DocumentInput] = []
    for path in sorted((shared / "gold" / "dev").glob("*.json")):
        for art in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            items.append(
                DocumentInput(
                    text=art["text"],
                    published=art.get("published"),
                    url=art.get("url"),
                    title=art.get("title"),
                    outlet=art.get("outlet"),
                    id=art.get("id"),
                )
            )
    return items


def polnear_inputs(shared: Path) -> list[DocumentInput]:
    """Every PolNeAR dev document, with no publication date (as the attribution suite runs it)."""
    path = shared / "data" / "attribution" / "polnear_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [DocumentInput(text=r["text"], id=r["id"]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared")
    ap.add_argument("--dump", type=Path, default=None, help="write one JSON file per document here")
    args = ap.parse_args()
    extractor = Extractor()
    total = hashlib.sha256()
    for corpus, items in (("gold-dev", gold_inputs(args.shared)), ("polnear-dev", polnear_inputs(args.shared))):
        digest = hashlib.sha256()
        for i, result in enumerate(extractor.extract_many(items)):
            payload = result.to_json().encode("utf-8")
            digest.update(payload)
            total.update(payload)
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{corpus}-{i:03d}.json").write_bytes(payload)
        print(f"{corpus}: {len(items)} documents, sha256 {digest.hexdigest()}")
    print(f"all: sha256 {total.hexdigest()}")


if __name__ == "__main__":
    main()
