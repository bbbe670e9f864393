"""Ingest: idempotent, resumable after kill -9, bad items skipped, copies linked, reextract."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from ledger_articles import gold_articles

from claimledger.documents import PIPELINE_VERSION
from claimledger.ledger.ingest import CHUNK_SIZE, ingest, reextract
from claimledger.ledger.store import Store


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _record(a: dict, **override: object) -> dict:
    rec = {k: a.get(k) for k in ("text", "published", "url", "title", "outlet")}
    rec.update(override)
    return rec


@pytest.fixture(scope="module")
def articles(shared) -> list[dict]:
    return gold_articles(shared, "olenivka") + gold_articles(shared, "kramatorsk")


def _counts(db: Path) -> dict[str, int]:
    with Store(db, readonly=True) as s:
        return s.counts()


def test_ingest_directory_then_rerun_stores_nothing_twice(tmp_path, shared, extractor):
    db = tmp_path / "ledger.db"
    first = ingest([str(shared / "gold" / "dev")], db, extractor=extractor, detect_copies=False)
    # seed.txt is the text of seed.json's article: stored once
    assert first.failed == 0 and first.known == 1 and first.new == _counts(db)["documents"]
    again = ingest([str(shared / "gold" / "dev")], db, extractor=extractor, detect_copies=False)
    assert (again.new, again.failed, again.known) == (0, 0, first.new + first.known)
    assert _counts(db)["documents"] == first.new
    with Store(db, readonly=True) as s:
        runs = s.runs()
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[1]["documents_new"] == first.new and runs[0]["documents_known"] == again.known


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"title": "no text"}', 'missing "text"'),
        ('{"text": "Kyiv said 40 were killed.", "published": "29 July"}', "not an ISO 8601"),
        ('{"text": "   "}', "empty text"),
    ],
)
def test_ingest_bad_jsonl_line_is_reported_and_skipped(tmp_path, articles, extractor, bad_line, message):
    good = [json.dumps(_record(a)) for a in articles[:2]]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([good[0], bad_line, good[1]]) + "\n", encoding="utf-8")
    errors: list[str] = []
    report = ingest([str(path)], tmp_path / "l.db", extractor=extractor, on_error=errors.append)
    assert (report.new, report.failed) == (2, 1)
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2") and message in errors[0]


@pytest.mark.parametrize("missing", ["no-such-file.jsonl", "no-such-dir/"])
def test_ingest_missing_source_fails_alone(tmp_path, articles, extractor, missing):
    path = _write_jsonl(tmp_path / "ok.jsonl", [_record(articles[0])])
    report = ingest([str(tmp_path / missing), str(path)], tmp_path / "l.db", extractor=extractor,
                    on_error=lambda line: None)
    assert (report.new, report.failed) == (1, 1)
    assert "no such file" in report.errors[0]


def test_ingest_same_text_twice_in_one_batch_is_one_document(tmp_path, articles, extractor):
    a = articles[3]
    recs = [_record(a), _record(a, text=a["text"].replace("\n\n", "\n"), url=None), _record(articles[4])]
    report = ingest([str(_write_jsonl(tmp_path / "b.jsonl", recs))], tmp_path / "l.db", extractor=extractor)
    assert (report.new, report.known) == (2, 1)


def test_ingest_links_a_republished_copy_to_its_original(tmp_path, articles, extractor):
    original = articles[1]  # The Straits Times (Reuters), 2022-07-29
    copy = _record(
        original,
        text=original["text"] + "\n\nThis story was republished from a wire service.",
        published="2022-07-30",
        url="https://example.org/republished/olenivka",
        outlet="A republisher",
    )
    path = _write_jsonl(tmp_path / "b.jsonl", [copy, _record(original), _record(articles[0])])
    db = tmp_path / "l.db"
    report = ingest([str(path)], db, extractor=extractor)
    assert report.new == 3
    with Store(db, readonly=True) as s:
        docs = {d["outlet"]: d for d in s.documents(limit=None)}
    # the copy arrived first; the earlier original re-links it when it comes
    assert docs["A republisher"]["copy_of"] == docs[original["outlet"]]["id"]
    assert docs["A republisher"]["copy_similarity"] > 0.8
    assert docs[original["outlet"]]["copy_of"] is None and docs[articles[0]["outlet"]]["copy_of"] is None


def test_ingest_writer_links_copies_with_the_signatures_the_engine_made(tmp_path, articles, extractor, monkeypatch):
    """The copy signature is made where the extraction is (a worker, a Ray actor), beside
    the rows: the single writer only queries and verifies, so it never signs a text."""
    from claimledger.ledger import copies

    def no_signing_in_the_writer(*args, **kwargs):
        raise AssertionError("the writer signed a text the engine had signed")

    monkeypatch.setattr(copies, "signature", no_signing_in_the_writer)
    original = articles[1]
    copy = _record(original, text=original["text"] + "\n\nThis story was republished from a wire service.",
                   published="2022-07-30", url="https://example.org/republished/olenivka", outlet="A republisher")
    path = _write_jsonl(tmp_path / "b.jsonl", [_record(original), copy])
    db = tmp_path / "l.db"
    report = ingest([str(path)], db, extractor=extractor)
    assert report.new == 2 and report.copies == 1 and report.failed == 0
    with Store(db, readonly=True) as s:
        docs = {d["outlet"]: d for d in s.documents(limit=None)}
    assert docs["A republisher"]["copy_of"] == docs[original["outlet"]]["id"]


@pytest.mark.slow  # spawns two processes that each load the pipeline (~20 s)
def test_ingest_two_workers_store_the_same_rows_as_one(tmp_path, articles, extractor):
    # 18 articles: several chunks, so both workers get some and the writer interleaves them
    path = _write_jsonl(tmp_path / "b.jsonl", [_record(a) for a in articles])
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(path)], one, extractor=extractor)
    report = ingest([str(path)], two, workers=2)
    assert report.new == len(articles) > 2 * CHUNK_SIZE and report.failed == 0

    def rows(db: Path) -> list[tuple]:
        con = sqlite3.connect(db)
        out = con.execute("SELECT * FROM claims ORDER BY id").fetchall()
        out += con.execute("SELECT * FROM figures ORDER BY id").fetchall()
        con.close()
        return out

    assert rows(one) == rows(two)


def test_reextract_updates_only_older_pipeline_versions(tmp_path, articles, extractor):
    db = tmp_path / "l.db"
    ingest([str(_write_jsonl(tmp_path / "b.jsonl", [_record(a) for a in articles[:3]]))], db, extractor=extractor)
    before = _counts(db)
    with Store(db) as s, s.batch():
        doc_id = s.documents(limit=1)[0]["id"]
        s.conn.execute("UPDATE documents SET pipeline_version = '0.0.1' WHERE id = ?", (doc_id,))
    report = reextract(db, extractor=extractor)
    assert (report.new, report.known, report.failed) == (1, 2, 0)
    assert _counts(db)["claims"] == before["claims"]
    with Store(db, readonly=True) as s:
        assert s.document(doc_id)["pipeline_version"] == PIPELINE_VERSION
    assert reextract(db, extractor=extractor).new == 0


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimledger.cli", *args]


def test_ingest_killed_after_a_commit_resumes_without_loss_or_duplicates(tmp_path, articles):
    # 30 distinct documents: the 18 dev articles, and 12 of them as updated versions
    recs = [_record(a) for a in articles]
    recs += [
        _record(a, text=a["text"] + f"\n\nUpdate {i}: this story has been updated.", url=None)
        for i, a in enumerate(articles[:12])
    ]
    assert len(recs) == 30
    path = _write_jsonl(tmp_path / "batch.jsonl", recs)
    db = tmp_path / "ledger.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        _cli("ingest", str(path), "--db", str(db), "--commit-every", "2", "--no-progress", "--no-copies"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            committed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.OperationalError:
            committed = 0  # schema not created yet
        if committed >= 2:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before the kill: test is void"

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = con.execute("SELECT id, extraction_json FROM documents").fetchall()
    for doc_id, ej in kept:  # every committed document is whole
        n = con.execute("SELECT count(*) FROM claims WHERE document_id = ?", (doc_id,)).fetchone()[0]
        assert n == len(json.loads(zlib.decompress(ej)).get("claims", []))
    con.close()
    assert 2 <= len(kept) < 30

    done = subprocess.run(
        _cli("ingest", str(path), "--db", str(db), "--no-progress", "--no-copies"),
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"{30 - len(kept)} new, {len(kept)} already known" in done.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT text_hash) FROM documents").fetchone() == (30, 30)
    assert {r[0] for r in kept} <= {r[0] for r in con.execute("SELECT id FROM documents")}
    # the killed run is not left 'running': the resuming run marked it interrupted
    assert con.execute("SELECT status FROM runs ORDER BY id").fetchall() == [("interrupted",), ("done",)]
    con.close()


def test_ingest_cli_exits_non_zero_when_an_item_failed(tmp_path, articles):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(_record(articles[0])) + "\n{broken\n", encoding="utf-8")
    db = tmp_path / "l.db"
    done = subprocess.run(
        _cli("ingest", str(path), str(tmp_path / "absent.txt"), "--db", str(db), "--no-progress"),
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert any(f"{path}:2" in line for line in errors) and any("absent.txt" in line for line in errors)
    assert "1 new, 0 already known, 0 copies, 2 failed" in done.stdout
    assert _counts(db)["documents"] == 1


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_ingest_unloadable_pipeline_is_one_error_not_a_hang(tmp_path, articles, workers):
    from claimledger.errors import ModelError

    path = _write_jsonl(tmp_path / "b.jsonl", [_record(a) for a in articles[:2]])
    db = tmp_path / "l.db"
    with pytest.raises(ModelError):
        ingest([str(path)], db, workers=workers, model="xx_no_such_pipeline")
    with Store(db, readonly=True) as s:
        assert s.runs()[0]["status"] == "interrupted"
        assert s.counts()["documents"] == 0
