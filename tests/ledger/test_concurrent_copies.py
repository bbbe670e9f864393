"""Two ingests writing one ledger at the same time still link every copy to its original.

The audit: two runs on disjoint halves of a set kept every row but 0 of 10 copy links (one
run: 10), because each run's copy detector is primed from the ledger once, before the other
run's documents are there.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_articles import gold_articles

import claimledger.ledger.ingest as ingest_module
from claimledger.extract import Extractor
from claimledger.ledger.ingest import ingest

PAIRS = 6


def _republish(article: dict, i: int) -> dict:
    """An aggregator's copy, a day later: the same story with its own boilerplate line."""
    return {"text": article["text"] + f"\n\nThis story was republished by aggregator {i}.",
            "published": "2022-08-30", "url": f"https://aggregator{i}.example/story",
            "outlet": f"Aggregator {i}"}


def _original(article: dict) -> dict:
    return {k: article.get(k) for k in ("text", "published", "url", "title", "outlet")}


@pytest.fixture(scope="module")
def halves(shared, tmp_path_factory) -> tuple[Path, Path]:
    """Two JSONL files, each holding one side of every (original, copy) pair."""
    articles = gold_articles(shared, "olenivka")[:PAIRS]
    first, second = [], []
    for i, art in enumerate(articles):
        pair = (_original(art), _republish(art, i))
        first.append(pair[i % 2])
        second.append(pair[1 - i % 2])
    folder = tmp_path_factory.mktemp("halves")
    paths = folder / "a.jsonl", folder / "b.jsonl"
    for path, recs in zip(paths, (first, second), strict=True):
        path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return paths


def _links(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT c.outlet, o.outlet FROM documents c JOIN documents o"
                       " ON o.id = c.copy_of").fetchall()
    con.close()
    return dict(rows)


def _expected(shared) -> dict[str, str]:
    articles = gold_articles(shared, "olenivka")[:PAIRS]
    return {f"Aggregator {i}": a["outlet"] for i, a in enumerate(articles)}


class _RunsTheOtherIngestMidway(Extractor):
    """The session extractor; on its second chunk, the other half is ingested to the end:
    the interleaving of two concurrent runs, made deterministic."""

    def __init__(self, extractor: Extractor, other: Path, db: Path) -> None:
        super().__init__(nlp=extractor.nlp)
        self.extractor, self.other, self.db, self.calls = extractor, other, db, 0

    def extract_many(self, docs, batch_size: int = 16):
        self.calls += 1
        if self.calls == 2:
            ingest([str(self.other)], self.db, extractor=self.extractor)
        return self.extractor.extract_many(docs, batch_size)


def test_copies_are_linked_across_two_interleaved_ingests(tmp_path, halves, extractor, shared,
                                                          monkeypatch):
    monkeypatch.setattr(ingest_module, "CHUNK_SIZE", 1)  # one document per extraction call
    db = tmp_path / "l.db"
    first = ingest([str(halves[0])], db, commit_every=1,
                   extractor=_RunsTheOtherIngestMidway(extractor, halves[1], db))
    assert first.failed == 0
    assert _links(db) == _expected(shared)


@pytest.mark.slow  # two processes that each load the pipeline (~15 s)
def test_copies_are_linked_across_two_concurrent_ingest_processes(tmp_path, halves, shared):
    db = tmp_path / "l.db"
    runs = [
        subprocess.Popen([sys.executable, "-m", "claimledger.cli", "ingest", str(half), "--db",
                          str(db), "--no-progress", "--commit-every", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for half in halves
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert _links(db) == _expected(shared)
