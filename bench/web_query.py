"""Time the web UI's main queries on a synthetic 100,000-claim ledger (prints; never asserts).

Usage: python bench/web_query.py [--claims N] [--db PATH] [--keep]

The ledger is generated deterministically: documents of 20 claims each, every claim with one
figure, attributed to one of a few hundred claimants on a few sides, about a handful of
events and places over a year, so that series, discrepancies and full-text search have real
work to do. The whole-ledger summaries (claimants, series, discrepancies) are computed first
and timed apart: the server caches them until the ledger changes. Then each page is fetched
through the app with the default 1 s query limit: once cold, then warm (median of 3).
Target: < 1 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from claimledger.documents import PIPELINE_VERSION
from claimledger.ledger.store import Store
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, When

CLAIMS_PER_DOC = 20
SIDES = ["Side A", "Side B", "Side C", "Observers"]
EVENTS = ["killed", "wounded", "evacuation", "detention", "surrender", "displacement"]
UNITS = {"killed": "people", "wounded": "people", "evacuation": "civilians",
         "detention": "prisoners", "surrender": "soldiers", "displacement": "people"}
PLACES = [f"Town {i:02d}" for i in range(12)]
VERBS = ["said", "told reporters", "claimed", "reported", "announced"]


def synthetic_extraction(i: int, rng: random.Random, claimants: list[tuple[str, str]]) -> Extraction:
    """Document number `i`: CLAIMS_PER_DOC sentences 'NAME VERB that N UNIT were EVENT in PLACE.'"""
    day = date(2022, 1, 1) + timedelta(days=i % 365)
    parts: list[str] = [f"Report {i} from the front\n\n"]
    sources: dict[str, Source] = {}
    claims, figures = [], []
    offset = len(parts[0])
    for k in range(1, CLAIMS_PER_DOC + 1):
        name, side = claimants[rng.randrange(len(claimants))]
        event = EVENTS[rng.randrange(len(EVENTS))]
        place = PLACES[rng.randrange(len(PLACES))]
        value = rng.randrange(1, 5000)
        verb = VERBS[rng.randrange(len(VERBS))]
        sentence_start = offset
        head = f"{name} {verb} that "
        number = f"{value:,}"
        tail = f" {UNITS[event]} were {event} in {place} by {day:%B %d}. "
        text = head + number + tail
        parts.append(text)
        offset += len(text)
        full = "".join(parts)
        if name not in sources:
            sources[name] = Source(id=f"s{len(sources) + 1}", name=name, kind="government",
                                   affiliation=side, mentions=[])
        src = sources[name]
        n0 = sentence_start + len(head)
        content = Span.of(full, n0, sentence_start + len(text) - 2)
        claims.append(Claim(
            id=f"c{k}", kind="indirect", content=content, source_id=src.id,
            source_mention=Span.of(full, sentence_start, sentence_start + len(name)),
            cue=Span.of(full, sentence_start + len(name) + 1, sentence_start + len(name) + 1 + len(verb)),
            stated_on=When(date=day.isoformat(), precision="day"), figure_ids=[f"f{k}"],
        ))
        figures.append(Figure(
            id=f"f{k}", claim_id=f"c{k}", span=Span.of(full, n0, n0 + len(number)),
            value=value, low=value, high=value, qualifier="exact", unit=UNITS[event],
            event=event, location=place, as_of=When(date=day.isoformat(), precision="day"),
            cumulative=True,
        ))
    text = "".join(parts)
    doc = Document(id=f"doc-bench-{i:06d}", url=f"https://news.example/{i}",
                   title=f"Report {i} from the front", outlet=f"Outlet {i % 40:02d}",
                   published=day.isoformat(), text=text)
    # re-cut spans against the final text (they were built on prefixes of it)
    fix = lambda s: Span.of(text, s.start, s.end)  # noqa: E731
    claims = [c.model_copy(update={"content": fix(c.content), "source_mention": fix(c.source_mention),
                                   "cue": fix(c.cue)}) for c in claims]
    figures = [f.model_copy(update={"span": fix(f.span)}) for f in figures]
    return Extraction(document=doc, sources=list(sources.values()), claims=claims, figures=figures)


def build(path: Path, n_claims: int) -> float:
    rng = random.Random(20220520)
    claimants = [(f"Spokesperson {j:03d}", SIDES[j % len(SIDES)]) for j in range(300)]
    started = time.perf_counter()
    with Store(path) as store, store.batch():
        for i in range(n_claims // CLAIMS_PER_DOC):
            store.add_extraction(synthetic_extraction(i, rng, claimants), PIPELINE_VERSION)
    return time.perf_counter() - started


def timed(client, url: str, repeat: int = 3) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(url)
        warm.append(time.perf_counter() - t0)
    return cold, statistics.median(warm), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the generated ledger")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    tmp = Path(tempfile.mkdtemp(prefix="claimledger-bench-"))
    path = args.db or tmp / "bench.db"
    if not path.exists():
        seconds = build(path, args.claims)
        print(f"built {args.claims:,} claims in {seconds:.1f} s -> {path}")
    client = TestClient(create_app(path))
    from claimledger.web.routes import discrepancies, sources

    db = client.app.state.db  # type: ignore[attr-defined]
    for name, fill in (("claimant index", sources.claimants),
                       ("series + discrepancies", discrepancies.all_disputes)):
        t0 = time.perf_counter()
        fill(db)
        print(f"{name}: computed in {time.perf_counter() - t0:.1f} s (once per ledger change;"
              " `serve` does it in the background at start)")
    docs = client.get("/documents.json?size=1").json()["documents"]
    doc_id = docs[0]["id"]
    source_id = client.get("/sources.json?size=1").json()["sources"][0]["id"]
    pages = [
        "/documents.json", "/documents.json?page=100", "/documents.json?q=Town+07+wounded",
        "/documents.json?outlet=Outlet+03&since=2022-06-01", f"/documents/{doc_id}.json",
        f"/documents/{doc_id}", "/sources.json", f"/sources/{source_id}.json",
        "/series.json", "/series", None, "/discrepancies.json", "/discrepancies", "/reviews.json",
    ]
    print(f"{'page':58} {'cold s':>8} {'warm s':>8}  status")
    worst = 0.0
    for url in pages:
        if url is None:  # one series page, once the list exists
            url = "/series/" + client.get("/series.json?size=1").json()["series"][0]["id"] + ".json"
        cold, warm, status = timed(client, url)
        worst = max(worst, warm)
        print(f"{url:58} {cold:8.3f} {warm:8.3f}  {status}")
    print(f"slowest warm page: {worst:.3f} s (target < 1 s)")
    if args.keep:
        print(f"ledger kept at {path}")
    else:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
