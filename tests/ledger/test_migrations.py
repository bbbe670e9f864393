"""An old ledger file opens after an upgrade: the `user_version` ladder of `ledger/schema.py`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger.errors import StoreError
from claimledger.ledger.schema import SCHEMA_VERSION
from claimledger.ledger.store import Store, fts_query

V1_DDL = Path(__file__).parent / "data" / "ledger_v1.sql"

TEXT = "Kyiv, 20 May. The governor said 12 people were killed when a shell hit the market."


def _v1_ledger(path: Path) -> Path:
    """A ledger as claimledger 0.1.0 (schema 1) left it: one document, claim and figure, and
    the run that stored them, killed before it finished."""
    con = sqlite3.connect(path)
    con.executescript(V1_DDL.read_text(encoding="utf-8"))
    con.execute("PRAGMA user_version = 1")
    con.execute(
        "INSERT INTO documents (id, title, published, text, text_hash, first_seen,"
        " pipeline_version, extraction_json) VALUES (?,?,?,?,?,?,?,?)",
        ("doc-1", "Market shelled", "2022-05-20", TEXT, "h1", "2022-05-20T10:00:00+00:00",
         "0.1.0", '{"document":{"id":"doc-1","published":"2022-05-20"},"schema_version":"1"}'),
    )
    con.execute(
        "INSERT INTO claims (id, document_id, kind, content_text, content_start, content_end)"
        " VALUES ('doc-1:c1', 'doc-1', 'indirect', ?, 32, 80)", (TEXT[32:80],),
    )
    con.execute(
        "INSERT INTO figures (id, document_id, claim_id, span_text, span_start, span_end, value,"
        " qualifier) VALUES ('doc-1:f1', 'doc-1', 'doc-1:c1', '12', 32, 34, 12, 'exact')"
    )
    con.execute("INSERT INTO runs (started, pipeline_version) VALUES ('2022-05-20T10:00:00+00:00', '0.1.0')")
    con.commit()
    con.close()
    return path


def test_a_version_1_ledger_opens_and_reads_back_after_an_upgrade(tmp_path):
    db = _v1_ledger(tmp_path / "old.db")
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [d["id"] for d in store.documents(limit=None)] == ["doc-1"]
        assert [c["content_text"] for c in store.claims()] == [TEXT[32:80]]
        assert store.counts()["figures"] == 1
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(runs)")}
        assert {"pid", "host"} <= columns
        store.start_run("0.1.0", [])
        # the killed run of the old version is closed when the next one starts
        assert [r["status"] for r in store.runs()] == ["running", "interrupted"]
    with Store(db, readonly=True) as reader:  # and a reader sees the upgraded file
        assert reader.counts()["claims"] == 1


def test_a_migrated_ledger_has_the_tables_of_a_new_one(tmp_path):
    def tables(db: Path) -> list[tuple]:
        con = sqlite3.connect(db)
        rows = con.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name").fetchall()
        rows += [(t, *c) for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 for c in con.execute(f"PRAGMA table_info({t})")]
        con.close()
        return sorted(rows, key=repr)

    Store(_v1_ledger(tmp_path / "old.db")).close()
    Store(tmp_path / "new.db").close()
    assert tables(tmp_path / "old.db") == tables(tmp_path / "new.db")


@pytest.mark.parametrize("readonly", [False, True])
def test_a_ledger_newer_than_the_code_is_refused_with_one_line(tmp_path, readonly):
    db = tmp_path / "future.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match=f"schema {SCHEMA_VERSION + 1} is newer") as err:
        Store(db, readonly=readonly)
    assert "\n" not in str(err.value)


def test_an_extraction_stored_as_json_reads_the_same_after_it_is_compressed(tmp_path):
    db = _v1_ledger(tmp_path / "old.db")
    with Store(db, readonly=True) as reader:  # a reader never migrates: it reads the JSON text
        before = reader.extraction("doc-1")
    assert before is not None and before.document.text == TEXT
    with Store(db) as store:
        kind = store.conn.execute("SELECT typeof(extraction_json) FROM documents").fetchone()[0]
        assert kind == "blob"
        assert store.extraction("doc-1") == before


V5_LEDGER = Path(__file__).parent / "data" / "ledger_v5.sql"

_V5_CLAIM_TEXTS = "content_text, cue_text, source_mention_text, verification_evidence"


def _v5_ledger(path: Path) -> Path:
    """A ledger as schema 5 left it: two example reports ingested by that version."""
    con = sqlite3.connect(path)
    con.executescript(V5_LEDGER.read_text(encoding="utf-8"))
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()
    return path


def _raw(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_version_5_ledger_keeps_every_span_text_and_search_hit_in_version_6(tmp_path):
    db = _v5_ledger(tmp_path / "v5.db")
    claim_texts = _raw(db, f"SELECT id, {_V5_CLAIM_TEXTS} FROM claims ORDER BY id")
    time_texts = _raw(db, "SELECT id, span_text, type, value FROM times ORDER BY id")
    figures = _raw(db, "SELECT * FROM figures ORDER BY id")
    sources = _raw(db, "SELECT * FROM sources ORDER BY id")
    # every v5 column reads the same after the upgrade, stored or computed (document_id, claim_id)
    v5_figure_columns = ", ".join(r[1] for r in _raw(db, "PRAGMA table_info(figures)"))
    words = ["Halvek", "market", "killed", "Drevnian", "40", "hospital*"]
    hits = {w: _raw(db, "SELECT c.id FROM claims c JOIN claims_fts f ON f.rowid = c.rowid"
                        f" WHERE claims_fts MATCH '{fts_query(w)}' ORDER BY c.id") for w in words}
    with Store(db, readonly=True) as reader:  # what the old rows give, before the upgrade
        doc_ids = [d["id"] for d in reader.documents(limit=None)]
        extractions = [reader.extraction(d) for d in doc_ids]
    assert len(claim_texts) > 10 and len(time_texts) > 5 and len(doc_ids) == 2
    assert all(hits.values()), hits

    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(claims)")}
        assert columns.isdisjoint(_V5_CLAIM_TEXTS.split(", "))  # the copies are gone
        claims = sorted(store.claims(limit=None), key=lambda c: c["id"])
        assert [(c["id"], c["content_text"], c["cue_text"], c["source_mention_text"],
                 c["verification_evidence"]) for c in claims] == claim_texts
        times = sorted((t for d in doc_ids for t in store.times(d)), key=lambda t: t["id"])
        assert [(t["id"], t["span_text"], t["type"], t["value"]) for t in times] == time_texts
        assert _raw(db, f"SELECT {v5_figure_columns} FROM figures ORDER BY id") == figures
        assert _raw(db, "SELECT * FROM sources ORDER BY id") == sources
        for word, ids in hits.items():
            assert [c["id"] for c in sorted(store.claims(search=word, limit=None),
                                            key=lambda c: c["id"])] == [i for (i,) in ids], word
        assert [store.extraction(d) for d in doc_ids] == extractions
        store.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
        store.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_migrated_ledger_gives_the_pages_it_freed_back_to_the_file_system(tmp_path, monkeypatch):
    db = _v5_ledger(tmp_path / "v5.db")
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    # without the VACUUM the rewritten rows leave free pages behind (so this test can fail)
    monkeypatch.setattr(Store, "_reclaim", lambda self: None)
    kept = _v5_ledger(tmp_path / "v5-kept.db")
    with Store(kept) as store:
        assert store.conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    assert db.stat().st_size < kept.stat().st_size
