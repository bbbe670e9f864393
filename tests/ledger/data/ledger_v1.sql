-- The ledger schema at version 1 (PRAGMA user_version = 1), as claimledger 0.1.0 created it:
-- `git show a080deb:src/claimledger/ledger/schema.py`. Test data for the migration ladder.
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

CREATE TABLE IF NOT EXISTS sources (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT,
    affiliation   TEXT,
    mentions_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS sources_document ON sources(document_id);
CREATE INDEX IF NOT EXISTS sources_name ON sources(name);

CREATE TABLE IF NOT EXISTS claims (
    id                    TEXT PRIMARY KEY,
    document_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL,
    source_id             TEXT REFERENCES sources(id) ON DELETE SET NULL,
    content_text          TEXT NOT NULL,
    content_start         INTEGER NOT NULL,
    content_end           INTEGER NOT NULL,
    cue_text              TEXT,
    cue_start             INTEGER,
    cue_end               INTEGER,
    source_mention_text   TEXT,
    source_mention_start  INTEGER,
    source_mention_end    INTEGER,
    stated_on             TEXT,
    stated_on_precision   TEXT,
    verification_status   TEXT,
    verification_evidence TEXT,
    verification_evidence_start INTEGER,
    verification_evidence_end   INTEGER,
    hedges_json           TEXT NOT NULL DEFAULT '[]',
    insertions_json       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_source ON claims(source_id);

CREATE TABLE IF NOT EXISTS figures (
    id               TEXT PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim_id         TEXT REFERENCES claims(id) ON DELETE SET NULL,
    span_text        TEXT NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    value            REAL,
    low              REAL,
    high             REAL,
    qualifier        TEXT NOT NULL,
    unit             TEXT,
    event            TEXT,
    predicate        TEXT,
    location         TEXT,
    as_of            TEXT,
    as_of_precision  TEXT,
    period_start     TEXT,
    cumulative       INTEGER
);
CREATE INDEX IF NOT EXISTS figures_document ON figures(document_id);
CREATE INDEX IF NOT EXISTS figures_claim ON figures(claim_id);
CREATE INDEX IF NOT EXISTS figures_event_location ON figures(event, location);

CREATE TABLE IF NOT EXISTS times (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_text    TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    value        TEXT,
    mod          TEXT
);
CREATE INDEX IF NOT EXISTS times_document ON times(document_id);

CREATE TABLE IF NOT EXISTS reviews (
    id           INTEGER PRIMARY KEY,
    target_type  TEXT NOT NULL CHECK (target_type IN ('claim', 'figure')),
    target_id    TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('confirm', 'reject', 'correct')),
    changes_json TEXT,
    note         TEXT,
    reviewer     TEXT,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(target_type, target_id);

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
    status           TEXT NOT NULL DEFAULT 'running'
);

CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    content_text, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, content_text) VALUES (new.rowid, new.content_text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        VALUES ('delete', old.rowid, old.content_text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF content_text ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        VALUES ('delete', old.rowid, old.content_text);
    INSERT INTO claims_fts(rowid, content_text) VALUES (new.rowid, new.content_text);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
