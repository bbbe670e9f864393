"""Ingest rate, CPU per document and ledger size on a synthetic news mix, per engine setting.

Usage: python bench/ingest.py [--n 2000] [--workers 1 2] [--engine local ray] [--rounds 1]
                              [--sizes] [--keep DIR]

Builds a JSONL of N articles from the shared texts (dev gold articles, PolNeAR train
articles, TempEval-3 TimeBank/AQUAINT articles; read from ../shared, never committed):
about 80% distinct articles (paragraphs of two real articles spliced, so texts are unique
but read like news), 12% republished copies (an earlier article with an outlet's boilerplate
line and a later date: part B links them), and 8% reposts (an earlier article with changed
spacing, or its URL with tracking parameters: ingest skips them as already known). The mix
is seeded, so every run ingests the same bytes.

Then ingests the JSONL into a fresh ledger once per setting (engine x worker count), the
settings alternating round after round (`--rounds`) so a change of machine load hits them
alike, and prints one line per run: new documents/s, CPU-seconds per new document (this
process, the writer, and its worker processes apart), and bytes per document in SQLite and
in Parquet (the four tables `claimledger export` writes). The summary gives each setting's
median rate, its speedup over the first setting and efficiency per worker (speedup /
workers), and its CPU efficiency: CPU-s per document of the first setting / this one's, the
share of the work the parallel path does not waste. On a loaded machine only the CPU
figures mean anything; wall-clock speedup needs an idle one.

An engine is one function (`ENGINES`): it ingests the JSONL into a ledger with N workers and
returns the run's `RunReport` and the CPU-seconds of any workers that are not child
processes of this one (None: the rusage of reaped children counts them).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + sys) of this process, and of its reaped children (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


#: an engine: (jsonl, ledger path, workers) -> (the run's report, CPU-s of workers that are
#: not children of this process, or None)
Engine = Callable[[Path, Path, int], tuple[Any, float | None]]


def run_local(jsonl: Path, db: Path, workers: int) -> tuple[Any, float | None]:
    """`claimledger ingest --workers N`: the local process pool (or this process for N = 1)."""
    from claimledger.ledger.ingest import ingest

    report = ingest([str(jsonl)], db, workers=workers, commit_every=200, progress=sys.stderr.isatty())
    return report, None


def run_ray(jsonl: Path, db: Path, workers: int) -> tuple[Any, float | None]:
    """`claimledger ingest --engine ray` on a local Ray of `workers` CPUs (started once per
    worker count and reused, as a standing cluster would be; its start is not timed).

    The actors are not child processes of this one, so their CPU-seconds are what they
    report per batch (`RayEngine.map_cpu_seconds`: extraction and row preparation, not the
    actors' pipeline load)."""
    import ray

    from claimledger.ledger.ingest import ingest
    from claimledger.ledger.ray_engine import RayEngine

    if not ray.is_initialized() or int(ray.cluster_resources().get("CPU", 0)) != workers:
        if ray.is_initialized():
            ray.shutdown()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
    engines: list[RayEngine] = []

    def make() -> RayEngine:
        engines.append(RayEngine(concurrency=workers))
        return engines[-1]

    report = ingest([str(jsonl)], db, commit_every=200, engine=make)
    return report, engines[0].map_cpu_seconds if engines else 0.0


ENGINES: dict[str, Engine] = {"local": run_local, "ray": run_ray}


@dataclass
class Run:
    """One ingest of the mix: what it did, what it cost, what it left on disk."""

    engine: str
    workers: int
    new: int
    known: int
    copies: int
    failed: int
    wall: float
    cpu_parent: float
    cpu_workers: float
    write_seconds: float
    sqlite_bytes: int
    text_bytes: int
    parquet_bytes: int

    @property
    def label(self) -> str:
        return f"{self.engine} workers={self.workers}"

    @property
    def rate(self) -> float:
        return self.new / self.wall if self.wall > 0 else 0.0

    @property
    def cpu_per_doc(self) -> float:
        return (self.cpu_parent + self.cpu_workers) / max(self.new, 1)

    def line(self) -> str:
        n = max(self.new, 1)
        return (
            f"{self.label}: {self.rate:6.2f} new docs/s ({self.new} new, {self.known} known, "
            f"{self.copies} copies, {self.failed} failed in {self.wall:.1f}s); CPU-s/doc "
            f"{self.cpu_per_doc:.3f} (writer process {self.cpu_parent / n:.3f}, workers "
            f"{self.cpu_workers / n:.3f}); writer busy {100 * self.write_seconds / self.wall:.0f}% "
            f"of wall; SQLite {self.sqlite_bytes / n / 1000:.1f} KB/doc = "
            f"{self.sqlite_bytes / max(self.text_bytes, 1):.2f}x the text; Parquet "
            f"{self.parquet_bytes / n / 1000:.1f} KB/doc"
        )


def parquet_bytes(db: Path, workdir: Path) -> int:
    """The size of the ledger's four tables exported to Parquet (0 without pyarrow)."""
    from claimledger.errors import ClaimledgerError
    from claimledger.ledger.export import export
    from claimledger.ledger.store import Store

    total = 0
    with Store(db, readonly=True) as store:
        for table in ("documents", "sources", "claims", "figures"):
            out = workdir / f"{db.stem}-{table}.parquet"
            try:
                export(store, "parquet", out, table=table)
            except ClaimledgerError:
                return 0
            total += out.stat().st_size
            out.unlink()
    return total


def table_sizes(db: Path) -> dict[str, dict[str, int]]:
    """Bytes on disk (SQLite's `dbstat`) per table, with its indexes and, for a full-text
    index, its shadow tables: {table: {part: bytes}}, largest table first."""
    con = sqlite3.connect(db)
    try:
        owner = dict(con.execute("SELECT name, tbl_name FROM sqlite_master"))
        groups: dict[str, dict[str, int]] = {}
        for name, size in con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC, 1"):
            table = owner.get(name, name)
            if "_fts" in table:
                table = table[: table.index("_fts") + 4]
            groups.setdefault(table, {})[name] = size
    finally:
        con.close()
    return dict(sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))


def size_lines(db: Path, text_bytes: int) -> list[str]:
    """One line per table: its bytes as a multiple of the text, and its largest parts."""
    out = []
    for table, parts in table_sizes(db).items():
        total = sum(parts.values())
        if total * 100 < text_bytes:  # under 0.01x the text
            continue
        detail = ", ".join(f"{name} {size / text_bytes:.2f}x" for name, size in parts.items())
        out.append(f"    {table:14} {total / text_bytes:5.2f}x the text ({detail})")
    return out


def run(engine: str, jsonl: Path, workdir: Path, workers: int) -> Run:
    """Ingest the mix into a fresh ledger with one engine setting and measure it."""
    from claimledger.ledger.store import Store

    db = workdir / f"ledger-{engine}-w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    own0, kids0 = _cpu()
    start = time.perf_counter()
    report, remote_cpu = ENGINES[engine](jsonl, db, workers)
    wall = time.perf_counter() - start
    own1, kids1 = _cpu()
    with Store(db) as store:  # closing checkpoints the WAL into the file
        text_bytes = store.conn.execute(
            "SELECT coalesce(sum(length(CAST(ledger_text(text) AS BLOB))), 0) FROM documents").fetchone()[0]
    return Run(
        engine=engine, workers=workers, new=report.new, known=report.known,
        copies=report.copies, failed=report.failed, wall=wall, cpu_parent=own1 - own0,
        cpu_workers=(kids1 - kids0) + (remote_cpu or 0.0), write_seconds=report.write_seconds,
        sqlite_bytes=db.stat().st_size, text_bytes=text_bytes,
        parquet_bytes=parquet_bytes(db, workdir),
    )


def summary(runs: list[Run]) -> list[str]:
    """Per setting: median rate, speedup and efficiency per worker against the first
    setting, and CPU efficiency (its CPU-s per document / this setting's)."""
    settings: dict[str, list[Run]] = {}
    for r in runs:
        settings.setdefault(r.label, []).append(r)
    first = next(iter(settings.values()))
    base_rate = statistics.median(r.rate for r in first)
    base_cpu = statistics.median(r.cpu_per_doc for r in first)
    out = []
    for label, rs in settings.items():
        rate = statistics.median(r.rate for r in rs)
        cpu = statistics.median(r.cpu_per_doc for r in rs)
        speedup = rate / base_rate if base_rate else 0.0
        out.append(
            f"{label}: median {rate:.2f} new docs/s over {len(rs)} run(s); x{speedup:.2f} of "
            f"{next(iter(settings))}, efficiency per worker {speedup / rs[0].workers:.2f}; "
            f"CPU-s/doc {cpu:.3f}, CPU efficiency {base_cpu / cpu if cpu else 0.0:.2f}"
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2_000, help="articles in the synthetic mix")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engine", nargs="+", default=["local"], choices=sorted(ENGINES),
                    help="engines to measure, each with every --workers count")
    ap.add_argument("--rounds", type=int, default=1, help="runs per setting, alternating")
    ap.add_argument("--sizes", action="store_true", help="print bytes per table/index of each ledger")
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
        runs: list[Run] = []
        for _ in range(max(1, args.rounds)):
            for engine in args.engine:
                for w in args.workers:
                    runs.append(run(engine, jsonl, workdir, w))
                    print(runs[-1].line(), flush=True)
                    if args.sizes:
                        db = workdir / f"ledger-{engine}-w{w}.db"
                        print("\n".join(size_lines(db, runs[-1].text_bytes)))
        print("summary:")
        for line in summary(runs):
            print("  " + line)


if __name__ == "__main__":
    main()
