"""An old ledger file opens after an upgrade: the `user_version` ladder of `ledger/schema.py`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger.errors import StoreError
from claimledger.ledger.schema import SCHEMA_VERSION
from claimledger.ledger.store import Store

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
