"""The SQLite schema of the ledger, kept as data so `Store` and the docs read the same text.

Plain, well-named tables (one row per document, source, claim, figure) so that `datasette
ledger.db` is useful without claimledger -- but for texts: since schema 6 a document's text
is stored zlib-compressed and spans as offsets into it, which claimledger reads through the
SQL function `ledger_text` it registers (`reads.register_functions`). Ids are global:
"{document_id}:{local id}" (e.g. "doc-0123abcd:c2"), so a claim id alone finds its document:
a row's `document_id`, a claim's `source_id` and a figure's `claim_id` are VIRTUAL generated
columns computed from the id and the local id stored (schema 6), read like any other column.

Full-text search uses external-content FTS5 tables (`claims_fts` over claim content,
`documents_fts` over title and text) kept in sync by triggers: the text is stored once, and
so is every span of it (rows keep offsets; readers slice `documents.text`).
The version is kept in `PRAGMA user_version`. A change of the schema is one step of
`MIGRATIONS` (version k to k + 1, run by `Store` in one transaction) *and* the same change in
`SCHEMA` below (what a new ledger is created with), so an old ledger file opens after an
upgrade and ends up with the tables a new one has. A read-only opener (`serve`, `claims`,
`export`) cannot migrate: the read helpers use only columns every version has.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from typing import NamedTuple

from claimledger.ledger.reads import compress_text


def _v1_runs_record_their_process(conn: sqlite3.Connection) -> None:
    """v2: a run records the process and host it ran in, so a later start can tell a run
    killed with -9 (process gone) from one still running, and mark it interrupted."""
    conn.execute("ALTER TABLE runs ADD COLUMN pid INTEGER")
    conn.execute("ALTER TABLE runs ADD COLUMN host TEXT")


#: the kind and evidence of each copy link (`ledger.copies.record_link`): one row per copy,
#: beside `documents.copy_of`, which stays the link every reader uses. `passages_json` holds
#: the shared passages as [start, end, original_start, original_end] character offsets.
COPY_LINKS_TABLE = """
CREATE TABLE IF NOT EXISTS copy_links (
    document_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    original_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    containment   REAL NOT NULL,
    passages_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS copy_links_original ON copy_links(original_id);
"""


def _v2_copy_links_keep_kind_and_evidence(conn: sqlite3.Connection) -> None:
    """v3: a copy link keeps its kind (copy, edited, mix, rewrite) and the passages it shares
    with its original, so the document page shows why two reports count as one. Links made
    before keep no row: the page compares the two texts for those."""
    # statement by statement: `executescript` would commit the migration's transaction
    for statement in COPY_LINKS_TABLE.split(";"):
        if statement.strip():
            conn.execute(statement)


_REVIEWS_TABLE = """CREATE TABLE IF NOT EXISTS reviews (
    id           INTEGER PRIMARY KEY,
    target_type  TEXT NOT NULL CHECK (target_type IN ('claim', 'figure', 'source')),
    target_id    TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('confirm', 'reject', 'correct')),
    changes_json TEXT,
    note         TEXT,
    reviewer     TEXT,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(target_type, target_id);"""


def _v3_reviews_of_claimants(conn: sqlite3.Connection) -> None:
    """v4: a review may target a source row, to merge or split claimants (`ledger.reviews`).

    SQLite cannot change a CHECK constraint in place: the table is rebuilt, ids kept."""
    conn.execute("ALTER TABLE reviews RENAME TO reviews_v2")
    conn.execute("DROP INDEX IF EXISTS reviews_target")
    for statement in _REVIEWS_TABLE.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO reviews SELECT id, target_type, target_id, verdict, changes_json,"
                 " note, reviewer, created_at, undone_at FROM reviews_v2")
    conn.execute("DROP TABLE reviews_v2")


def _v4_smaller_ledger(conn: sqlite3.Connection) -> None:
    """v5: `documents.extraction_json` holds the compact JSON zlib-compressed (a BLOB), about
    5x smaller: it was 2.3x the size of the text, the largest part of a ledger. Rows already
    compressed (a BLOB) are left alone. The index on `sources.name` goes: names are only
    matched with `LIKE '%...%'`, which no index serves. The pages freed are reused by later
    inserts (`VACUUM` gives them back to the file system)."""
    conn.execute("DROP INDEX IF EXISTS sources_name")
    rows = conn.execute(
        "SELECT rowid, extraction_json FROM documents WHERE typeof(extraction_json) = 'text'"
    )
    conn.executemany(
        "UPDATE documents SET extraction_json = ? WHERE rowid = ?",
        [(zlib.compress(js.encode("utf-8"), 6), rowid) for rowid, js in rows.fetchall()],
    )


#: Full-text search over claim contents and document titles/texts. `documents.text` holds
#: the text zlib-compressed (`reads.compress_text`): views, triggers and readers read it
#: through the SQL function `ledger_text` that `Store` registers (`reads.register_functions`).
#: `detail=none` and `columnsize=0`: the index keeps which rows hold a word, not where, nor row lengths (no
#: ranking, no phrases: `reads.fts_query` only ever asks for words, ANDed) -- about 4x
#: smaller. A claim's content is not stored (it is its span of the document text):
#: `claims_fts` reads it through the view `claim_texts` (for 'rebuild', 'integrity-check'),
#: and its triggers slice it from the document. Deleting a document deletes its claims
#: first, so their index entries go while the text they were made from is still there.
FTS_TABLES = """
CREATE VIEW IF NOT EXISTS claim_texts AS
    SELECT c.rowid AS rowid,
           substr(ledger_text(d.text), c.content_start + 1, c.content_end - c.content_start) AS content_text
    FROM claims c JOIN documents d ON d.id = c.document_id;
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    content_text, content='claim_texts', content_rowid='rowid', detail=none, columnsize=0,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, content_text)
        SELECT new.rowid, substr(ledger_text(text), new.content_start + 1, new.content_end - new.content_start)
        FROM documents WHERE id = new.document_id;
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        SELECT 'delete', old.rowid, substr(ledger_text(text), old.content_start + 1, old.content_end - old.content_start)
        FROM documents WHERE id = old.document_id;
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF content_start, content_end, document_id ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        SELECT 'delete', old.rowid, substr(ledger_text(text), old.content_start + 1, old.content_end - old.content_start)
        FROM documents WHERE id = old.document_id;
    INSERT INTO claims_fts(rowid, content_text)
        SELECT new.rowid, substr(ledger_text(text), new.content_start + 1, new.content_end - new.content_start)
        FROM documents WHERE id = new.document_id;
END;
CREATE TRIGGER IF NOT EXISTS documents_claims_first BEFORE DELETE ON documents BEGIN
    DELETE FROM claims WHERE document_id = old.id;
END;

CREATE VIEW IF NOT EXISTS document_texts AS
    SELECT rowid, title, ledger_text(text) AS text FROM documents;
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='document_texts', content_rowid='rowid', detail=none, columnsize=0,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, ledger_text(new.text));
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, ledger_text(old.text));
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, ledger_text(old.text));
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, ledger_text(new.text));
END;
"""

_V5_FTS = ("claims_fts_insert", "claims_fts_delete", "claims_fts_update", "documents_fts_insert",
           "documents_fts_delete", "documents_fts_update")


#: a claim's kind, stored as its index here (`claims.kind_code`: one byte, or none for the
#: first two, where the name took 8-12) and read as the name (`claims.kind`, computed).
#: Append only: a stored code must keep its meaning (`model.ClaimKind` lists the same).
CLAIM_KINDS = ("direct_quote", "indirect", "according_to", "headline", "narrative")
_CLAIM_KIND_SQL = ("TEXT GENERATED ALWAYS AS (CASE kind_code "
                   + " ".join(f"WHEN {i} THEN '{k}'" for i, k in enumerate(CLAIM_KINDS))
                   + " END) VIRTUAL NOT NULL")

#: in a v5 table, the value of each stored-only column (`reads.STORED_ONLY`): local ids, kind code
_V5_GLOBAL = {"source_local": "substr(source_id, length(document_id) + 2)",
              "kind_code": "CASE kind " + " ".join(
                  f"WHEN '{k}' THEN {i}" for i, k in enumerate(CLAIM_KINDS)) + " END",
              "claim_local": "substr(claim_id, length(document_id) + 2)"}


def _v5_spans_not_stored_twice(conn: sqlite3.Connection) -> None:
    """v6: a ledger about 2x smaller, nothing lost that cannot be sliced again.

    - claims keep the offsets of their content, cue, source mention and verification
      evidence, not the texts: each is `documents.text[start:end]` (the contract's rule for
      every span), sliced on read (`reads.CLAIM_TEXTS`).
    - no `times` table: no query ever selected time expressions across documents; a
      document's are read from its stored extraction, which holds them whole
      (`StoreReads.times`).
    - `documents.text` zlib-compressed: about a third of its size.
    - full-text indexes without positions (`detail=none`, `columnsize=0`), rebuilt here.
    - no index on `document_id` in claims, figures and sources: their ids begin with it
      ("{document_id}:c2"), so the primary key serves "this document's rows"
      (`reads.of_document`). Nor on `claims.source_id` and `figures.claim_id`, which lose
      their foreign keys (`_CLAIMS_TABLE`): a source's claims are a document's.
    - no stored `document_id` in claims, figures and sources: a VIRTUAL column computed from
      the id (`DOCUMENT_OF_ID`), which begins with it; nor a global `claims.source_id` and
      `figures.claim_id`: the local id is stored (`reads.STORED_ONLY`), the global one
      computed from it; nor a claim's kind by name: its index (`CLAIM_KINDS`).
    The pages freed go back to the file system when the store VACUUMs after migrating
    (`Store._reclaim`), or are reused by later inserts where it could not.
    """
    for trigger in _V5_FTS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS claims_fts")
    conn.execute("DROP TABLE IF EXISTS documents_fts")
    for index in ("claims_document", "figures_document", "sources_document", "claims_source",
                  "figures_claim", "figures_event_location"):
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    # figures, then claims, rebuilt without the foreign keys between them (their rowids
    # kept): dropping the old claims table first would null every figure's claim_id; all
    # three with `document_id` computed from the id (`DOCUMENT_OF_ID`), not stored
    for table, ddl in (("figures", _FIGURES_TABLE), ("claims", _CLAIMS_TABLE),
                       ("sources", _SOURCES_TABLE)):
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_v5")
        conn.execute(ddl)
        names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        # a local id column is filled from the global id v5 stored ("{document_id}:s1")
        values = [_V5_GLOBAL.get(n, n) for n in names]
        conn.execute(f"INSERT INTO {table} (rowid, {', '.join(names)})"
                     f" SELECT rowid, {', '.join(values)} FROM {table}_v5 ORDER BY rowid")
        conn.execute(f"DROP TABLE {table}_v5")
    conn.execute("CREATE INDEX figures_event_location ON figures(event, location)")
    conn.execute("DROP TABLE times")
    rows = conn.execute("SELECT rowid, text FROM documents WHERE typeof(text) = 'text'")
    conn.executemany("UPDATE documents SET text = ? WHERE rowid = ?",
                     [(compress_text(text), rowid) for rowid, text in rows.fetchall()])
    # statement by statement (`executescript` would commit): split on the ends of statements
    for statement in _statements(FTS_TABLES):
        conn.execute(statement)
    conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def _statements(script: str) -> list[str]:
    """The statements of a script, a trigger's body kept whole (`sqlite3.complete_statement`)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s.rstrip(";").strip()]


#: MIGRATIONS[k - 1] upgrades a ledger at version k to k + 1; never edit a step once released
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_runs_record_their_process,
    _v2_copy_links_keep_kind_and_evidence,
    _v3_reviews_of_claimants,
    _v4_smaller_ledger,
    _v5_spans_not_stored_twice,
)

SCHEMA_VERSION = 1 + len(MIGRATIONS)


class Column(NamedTuple):
    """One column of a table: its name, its SQL declaration, and the value readers see."""

    name: str
    sql: str
    #: the Python type of a read value (`reads` gives INTEGER flags as bool, REAL as int or float)
    python: object
    #: whether every row has the field, null or not (a required `model.Figure` field, an id)
    required: bool = False

    @property
    def generated(self) -> bool:
        """Computed by SQLite from other columns: never written (`DOCUMENT_OF_ID`)."""
        return "GENERATED" in self.sql

    @property
    def nullable(self) -> bool:
        return "NOT NULL" not in self.sql and "PRIMARY KEY" not in self.sql


#: `document_id` of a claim, figure or source: not stored but computed from the row's id
#: ("{document_id}:{local id}", local ids have no colon), a VIRTUAL generated column. Why:
#: the id already holds it, and stored it was a fifth of those tables. `rtrim` with every
#: character of the id but ':' strips back to the last colon, which `substr` drops.
DOCUMENT_OF_ID = ("TEXT GENERATED ALWAYS AS (substr(rtrim(id, replace(id, ':', '')), 1,"
                  " length(rtrim(id, replace(id, ':', ''))) - 1)) VIRTUAL NOT NULL"
                  " REFERENCES documents(id) ON DELETE CASCADE")


#: the `figures` table: the one list of its columns, for the DDL below, the writer's INSERT
#: (`Store`) and the JSON API's figure rows (`web.schemas.FigureRow`). The columns are the
#: contract's `model.Figure` fields flattened (`span` -> span_text/start/end, `as_of` ->
#: as_of/as_of_precision) and placed in the ledger (document_id, global ids).
FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("id", "TEXT PRIMARY KEY", str, True),
    Column("document_id", DOCUMENT_OF_ID, str, True),
    Column("claim_id", "TEXT GENERATED ALWAYS AS (document_id || ':' || claim_local) VIRTUAL",
           str, True),
    Column("span_text", "TEXT NOT NULL", str, True),
    Column("span_start", "INTEGER NOT NULL", int, True),
    Column("span_end", "INTEGER NOT NULL", int, True),
    Column("value", "REAL", int | float, True),
    Column("low", "REAL", int | float, True),
    Column("high", "REAL", int | float, True),
    Column("qualifier", "TEXT NOT NULL", str, True),
    Column("unit", "TEXT", str),
    Column("event", "TEXT", str),
    Column("predicate", "TEXT", str),
    Column("location", "TEXT", str),
    Column("as_of", "TEXT", str),
    Column("as_of_precision", "TEXT", str),
    Column("period_start", "TEXT", str),
    Column("cumulative", "INTEGER", bool),
)

#: the `claims` table. Its `source_id` (like `figures.claim_id`) names a row of the same
#: document, computed from the local id stored (`source_local`: "s1"), and has no index: "a source's claims" is read as a range of the document's
#: claim ids (`reads.of_document`), and the rows of a document are only ever replaced
#: together (`Store.replace_extraction`), so no foreign-key action is needed either.
_CLAIMS_TABLE = """CREATE TABLE IF NOT EXISTS claims (
    id                    TEXT PRIMARY KEY,
    document_id           """ + DOCUMENT_OF_ID + """,
    kind                  """ + _CLAIM_KIND_SQL + """,
    source_id             TEXT GENERATED ALWAYS AS (document_id || ':' || source_local) VIRTUAL,
    content_start         INTEGER NOT NULL,
    content_end           INTEGER NOT NULL,
    cue_start             INTEGER,
    cue_end               INTEGER,
    source_mention_start  INTEGER,
    source_mention_end    INTEGER,
    stated_on             TEXT,
    stated_on_precision   TEXT,
    verification_status   TEXT,
    verification_evidence_start INTEGER,
    verification_evidence_end   INTEGER,
    hedges_json           TEXT NOT NULL DEFAULT '[]',
    insertions_json       TEXT NOT NULL DEFAULT '[]',
    source_local          TEXT,
    kind_code             INTEGER NOT NULL
);"""

_SOURCES_TABLE = """CREATE TABLE IF NOT EXISTS sources (
    id            TEXT PRIMARY KEY,
    document_id   """ + DOCUMENT_OF_ID + """,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT,
    affiliation   TEXT,
    mentions_json TEXT NOT NULL DEFAULT '[]'
);"""

_FIGURES_TABLE = "CREATE TABLE IF NOT EXISTS figures (\n" + ",\n".join(
    f"    {c.name:<16} {c.sql}" for c in FIGURE_COLUMNS) + ",\n    claim_local      TEXT\n);"

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id               TEXT PRIMARY KEY,
    url              TEXT,
    canonical_url    TEXT,
    title            TEXT,
    outlet           TEXT,
    published        TEXT,
    text             TEXT NOT NULL,
    text_hash        TEXT NOT NULL UNIQUE,
    first_seen       TEXT NOT NULL,
    copy_of          TEXT REFERENCES documents(id) ON DELETE SET NULL,
    copy_similarity  REAL,
    pipeline_version TEXT NOT NULL,
    extraction_json  TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_canonical_url
    ON documents(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_copy_of ON documents(copy_of);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);

""" + _SOURCES_TABLE + """

""" + _CLAIMS_TABLE + """

""" + _FIGURES_TABLE + COPY_LINKS_TABLE + """
CREATE INDEX IF NOT EXISTS figures_event_location ON figures(event, location);


""" + _REVIEWS_TABLE + """

CREATE TABLE IF NOT EXISTS runs (
    id               INTEGER PRIMARY KEY,
    started          TEXT NOT NULL,
    finished         TEXT,
    pipeline_version TEXT NOT NULL,
    command          TEXT NOT NULL DEFAULT 'ingest',
    sources_json     TEXT NOT NULL DEFAULT '[]',
    workers          INTEGER NOT NULL DEFAULT 1,
    documents_new    INTEGER NOT NULL DEFAULT 0,
    documents_known  INTEGER NOT NULL DEFAULT 0,
    copies           INTEGER NOT NULL DEFAULT 0,
    failed           INTEGER NOT NULL DEFAULT 0,
    claims           INTEGER NOT NULL DEFAULT 0,
    figures          INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'running',
    pid              INTEGER,
    host             TEXT
);

""" + FTS_TABLES + """
"""
