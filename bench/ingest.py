"""Ingest rate and ledger size on a synthetic news mix with copies, one worker vs several.

Usage: python bench/ingest.py [--n 10000] [--workers 1 2] [--keep DIR]

Builds a JSONL of N articles from the shared texts (dev gold articles, PolNeAR train
articles, TempEval-3 TimeBank/AQUAINT articles; read from ../shared, never committed):
about 80% distinct articles (paragraphs of two real articles spliced, so texts are unique
but read like news), 12% republished copies (an earlier article with an outlet's boilerplate
line and a later date: part B links them), and 8% reposts (an earlier article with changed
spacing, or its URL with tracking parameters: ingest skips them as already known). The mix
is seeded, so every run ingests the same bytes.

Then, for each worker count, ingests the JSONL into a fresh ledger through the same code as
`claimledger ingest` and prints one line: documents/s (all items and new documents), the
new/known/copies counts, and the SQLite size per 1,000 stored documents.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

BOILERPLATE = (
    "This article was republished from a wire service.",
    "Read more: our live coverage continues.",
    "Subscribe to our newsletter for the latest updates.",
    "(Reporting by our correspondents; editing by the desk.)",
)


def base_articles() -> list[dict]:
    """Real news texts with a publication date where the corpus has one."""
    from claimledger.paths import shared_dir

    shared = shared_dir()
    out: list[dict] = []
    for path in sorted((shared / "gold" / "dev").glob("*.json")):
        for a in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            out.append({"text": a["text"], "published": a["published"], "outlet": a.get("outlet")})
    sources = [
        ("data/attribution/polnear_train.jsonl", lambda r: (r.get("meta") or {}).get("publication_date"),
         lambda r: (r.get("meta") or {}).get("publisher")),
        ("data/timex/tempeval3_timebank.jsonl", lambda r: r.get("dct"), lambda r: "TimeBank"),
        ("data/timex/tempeval3_aquaint.jsonl", lambda r: r.get("dct"), lambda r: "AQUAINT"),
    ]
    for rel, date_of, outlet_of in sources:
        with (shared / rel).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                published = date_of(rec)
                out.append({
                    "text": rec["text"],
                    "published": published[:10] if published else None,
                    "outlet": outlet_of(rec),
                })
    return out


def _paragraphs(text: str) -> list[str]:
    paras = [p for p in text.split("\n\n") if p.strip()]
    return paras if len(paras) > 1 else [s for s in text.split("\n") if s.strip()] or [text]


def build_mix(n: int, seed: int = 7) -> list[dict]:
    """N JSONL records: spliced originals, republished copies and reposts (see module doc)."""
    rng = random.Random(seed)
    bases = base_articles()
    records: list[dict] = []
    originals: list[dict] = []
    for i in range(n):
        roll = rng.random()
        if originals and roll < 0.12:
            src = rng.choice(originals)
            extra = rng.choice(BOILERPLATE)
            records.append({
                "text": src["text"] + "\n\n" + extra,
                "published": src["published"],
                "url": f"https://republisher{i % 17}.example/news/{i}",
                "outlet": f"Republisher {i % 17}",
            })
        elif originals and roll < 0.20:
            src = rng.choice(originals)
            if rng.random() < 0.5:
                records.append({**src, "text": src["text"].replace(". ", ".  ")})
            else:
                records.append({**src, "text": src["text"] + " ", "url": src["url"] + "?utm_source=rss#top"})
        else:
            a, b = rng.sample(bases, 2)
            pa, pb = _paragraphs(a["text"]), _paragraphs(b["text"])
            text = "\n\n".join(pa[: max(1, len(pa) // 2)] + pb[len(pb) // 2 :])
            rec = {
                "text": text,
                "published": a["published"],
                "url": f"https://outlet{i % 23}.example/story/{i}",
                "outlet": a["outlet"] or f"Outlet {i % 23}",
            }
            originals.append(rec)
            records.append(rec)
    return records


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(jsonl: Path, workdir: Path, workers: int) -> str:
    from claimledger.ledger.ingest import ingest
    from claimledger.ledger.store import Store

    db = workdir / f"ledger-w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cpu0 = _cpu()
    start = time.perf_counter()
    report = ingest([str(jsonl)], db, workers=workers, commit_every=200, progress=sys.stderr.isatty())
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu0
    with Store(db) as store:  # closing checkpoints the WAL into the file
        docs = store.counts()["documents"]
    size = db.stat().st_size
    return (
        f"workers={workers}: {report.seen / elapsed:6.1f} items/s, {report.new / elapsed:6.1f} new docs/s "
        f"({report.new} new, {report.known} known, {report.copies} copies, {report.failed} failed "
        f"in {elapsed:.1f}s); {report.new / cpu:.2f} new docs per CPU-second (load-independent); "
        f"writer {100 * report.write_seconds / elapsed:.0f}% of wall time; "
        f"SQLite {size / max(docs, 1) * 1000 / 2**20:.1f} MB per 1,000 documents"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the synthetic mix")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, default=None, help="write the JSONL and ledgers here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        jsonl = workdir / f"mix-{args.n}.jsonl"
        records = build_mix(args.n)
        with jsonl.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        chars = sum(len(r["text"]) for r in records)
        print(f"mix: {len(records)} articles, {chars / len(records):.0f} chars on average, {jsonl.stat().st_size / 2**20:.1f} MB")
        for w in args.workers:
            print(run(jsonl, workdir, w), flush=True)


if __name__ == "__main__":
    main()
