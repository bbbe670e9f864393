"""The ledger database: one SQLite file holding every document, source, claim and figure.

Why SQLite: one file to copy, open with `datasette`, or query from any language; WAL lets
readers (the web UI) work while one writer ingests. The schema lives in `ledger/schema.py`.

Contract for the other ledger parts:

- `Store(path, readonly=False)`: a writer opens read-write (creating the schema), a reader
  opens `mode=ro` and never locks the writer out.
- `add_extraction(extraction, pipeline_version, copy_of=None)` stores one document with all
  its rows and returns `(document_id, is_new)`. A document whose normalised text hash or
  canonical URL is already present is not stored again (`is_new` False, the known id).
- Writes are grouped with `with store.batch():` (one transaction, committed on exit); a write
  outside a batch commits by itself. Killing the process loses at most the open batch.
- Read helpers return plain dicts (JSON-ready), ordered deterministically.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimledger.errors import StoreError
from claimledger.extract import normalise_for_hash
from claimledger.ingest.urls import canonical_url
from claimledger.ledger.schema import SCHEMA, SCHEMA_VERSION
from claimledger.model import Extraction

#: the most rows a read helper returns when no limit is given
DEFAULT_LIMIT = 1000


def text_hash(text: str) -> str:
    """sha256 of the normalised text: copies differing only in spacing/Unicode form collide."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def now_iso() -> str:
    """The current UTC time, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def fts_query(search: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must occur (AND).

    Each word is quoted, so FTS5 operators and punctuation in user input cannot raise a syntax
    error; a trailing `*` on a word keeps its prefix meaning ("surrend*").
    """
    terms = []
    for word in search.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _gid(document_id: str, local: str | None) -> str | None:
    return f"{document_id}:{local}" if local is not None else None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans(spans: list) -> str:
    return _dumps([[s.text, s.start, s.end] for s in spans])


class Store:
    """A ledger database file. Use one writer per file; any number of readers."""

    def __init__(self, path: str | Path, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._depth = 0
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such ledger database")
                self.conn = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    timeout=timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"{self.path}: directory {self.path.parent} does not exist")
                self.conn = sqlite3.connect(
                    self.path, timeout=timeout, isolation_level=None, check_same_thread=False
                )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if readonly:
                self.conn.execute("PRAGMA query_only = ON")
                self._check_version()
            else:
                self._init_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open ledger database ({exc})") from None

    # -- lifecycle -------------------------------------------------------------------------

    def _init_schema(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a killed process loses nothing committed; only power loss may cost
        # the last transactions, which a re-run of the ingest restores.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: ledger schema {version} is newer than this claimledger "
                f"({SCHEMA_VERSION}); upgrade claimledger"
            )
        self.conn.executescript(SCHEMA)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _check_version(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise StoreError(f"{self.path}: not a claimledger database (no schema)")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: ledger schema {version} is newer than this claimledger")

    def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """One transaction around many writes.

        A nested batch is a savepoint: when it fails, only its own writes are undone and the
        outer transaction (other documents of the same commit) stays intact.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        name = f"sp{self._depth}"
        self.conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        self.conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {name}")

    # -- writes ----------------------------------------------------------------------------

    def known(self, text: str | None = None, url: str | None = None) -> str | None:
        """The id of a stored document with this normalised text or canonical URL, if any.

        Ingest asks this *before* running the pipeline, so a re-run skips known documents
        cheaply.
        """
        if text is not None:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE text_hash = ?", (text_hash(text),)
            ).fetchone()
            if row:
                return row[0]
        canon = canonical_url(url)
        if canon is not None:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE canonical_url = ?", (canon,)
            ).fetchone()
            if row:
                return row[0]
        return None

    def add_extraction(
        self,
        extraction: Extraction,
        pipeline_version: str,
        copy_of: str | None = None,
        copy_similarity: float | None = None,
    ) -> tuple[str, bool]:
        """Store a document and its rows; `(id, False)` when the ledger already holds it.

        A different text arriving under an id that is already taken is a `StoreError`
        (ids in a JSONL batch are the caller's promise of identity).
        """
        doc = extraction.document
        existing = self.known(doc.text, doc.url)
        if existing is not None:
            return existing, False
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row:
            raise StoreError(f"document id {doc.id!r} is already used by a different text")
        with self.batch():
            self._insert_document(extraction, pipeline_version, copy_of, copy_similarity)
            self._insert_rows(extraction)
        return doc.id, True

    def replace_extraction(self, extraction: Extraction, pipeline_version: str) -> None:
        """Swap a stored document's rows for a newer extraction of the same text (reextract).

        Copy links, first_seen and reviews are kept; reviews point at global ids, which stay
        stable when a newer pipeline finds the same items in the same order.
        """
        doc_id = extraction.document.id
        with self.batch():
            for table in ("figures", "claims", "sources", "times"):
                self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
            cur = self.conn.execute(
                "UPDATE documents SET pipeline_version = ?, extraction_json = ? WHERE id = ?",
                (pipeline_version, self._extraction_json(extraction), doc_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"document {doc_id!r} is not in the ledger")
            self._insert_rows(extraction)

    def set_copy(self, document_id: str, copy_of: str | None, similarity: float | None) -> None:
        """Mark a document as a copy of another (or clear the mark)."""
        with self.batch():
            self.conn.execute(
                "UPDATE documents SET copy_of = ?, copy_similarity = ? WHERE id = ?",
                (copy_of, similarity, document_id),
            )

    @staticmethod
    def _extraction_json(extraction: Extraction) -> str:
        # the text is stored once, in documents.text; `extraction()` puts it back
        data = extraction.model_dump(mode="json")
        data["document"].pop("text", None)
        return _dumps(data)

    def _insert_document(
        self,
        extraction: Extraction,
        pipeline_version: str,
        copy_of: str | None,
        copy_similarity: float | None,
    ) -> None:
        d = extraction.document
        self.conn.execute(
            "INSERT INTO documents (id, url, canonical_url, title, outlet, published, text,"
            " text_hash, first_seen, copy_of, copy_similarity, pipeline_version, extraction_json)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                d.id,
                d.url,
                canonical_url(d.url),
                d.title,
                d.outlet,
                d.published,
                d.text,
                text_hash(d.text),
                now_iso(),
                copy_of,
                copy_similarity if copy_of else None,
                pipeline_version,
                self._extraction_json(extraction),
            ),
        )

    def _insert_rows(self, extraction: Extraction) -> None:
        did = extraction.document.id
        self.conn.executemany(
            "INSERT INTO sources (id, document_id, name, kind, title, affiliation, mentions_json)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                (_gid(did, s.id), did, s.name, s.kind, s.title, s.affiliation, _spans(s.mentions))
                for s in extraction.sources
            ],
        )
        source_ids = {s.id for s in extraction.sources}
        claim_rows = []
        for c in extraction.claims:
            ver = c.verification
            ev = ver.evidence if ver else None
            claim_rows.append(
                (
                    _gid(did, c.id),
                    did,
                    c.kind,
                    _gid(did, c.source_id) if c.source_id in source_ids else None,
                    c.content.text,
                    c.content.start,
                    c.content.end,
                    c.cue.text if c.cue else None,
                    c.cue.start if c.cue else None,
                    c.cue.end if c.cue else None,
                    c.source_mention.text if c.source_mention else None,
                    c.source_mention.start if c.source_mention else None,
                    c.source_mention.end if c.source_mention else None,
                    c.stated_on.date if c.stated_on else None,
                    c.stated_on.precision if c.stated_on else None,
                    ver.status if ver else None,
                    ev.text if ev else None,
                    ev.start if ev else None,
                    ev.end if ev else None,
                    _spans(c.hedges),
                    _spans(c.insertions),
                )
            )
        self.conn.executemany(
            f"INSERT INTO claims VALUES ({','.join('?' * 21)})", claim_rows
        )
        claim_ids = {c.id for c in extraction.claims}
        self.conn.executemany(
            f"INSERT INTO figures VALUES ({','.join('?' * 18)})",
            [
                (
                    _gid(did, f.id),
                    did,
                    _gid(did, f.claim_id) if f.claim_id in claim_ids else None,
                    f.span.text,
                    f.span.start,
                    f.span.end,
                    f.value,
                    f.low,
                    f.high,
                    f.qualifier,
                    f.unit,
                    f.event,
                    f.predicate,
                    f.location,
                    f.as_of.date if f.as_of else None,
                    f.as_of.precision if f.as_of else None,
                    f.period_start,
                    None if f.cumulative is None else int(f.cumulative),
                )
                for f in extraction.figures
            ],
        )
        self.conn.executemany(
            "INSERT INTO times VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    _gid(did, t.id or f"t{i}"),
                    did,
                    t.span.text,
                    t.span.start,
                    t.span.end,
                    t.type,
                    t.value,
                    t.mod,
                )
                for i, t in enumerate(extraction.times, 1)
            ],
        )

    # -- runs ------------------------------------------------------------------------------

    def start_run(
        self, pipeline_version: str, sources: list[str], workers: int = 1, command: str = "ingest"
    ) -> int:
        """Record the start of an ingest (or reextract) run; returns its id."""
        with self.batch():
            cur = self.conn.execute(
                "INSERT INTO runs (started, pipeline_version, command, sources_json, workers)"
                " VALUES (?,?,?,?,?)",
                (now_iso(), pipeline_version, command, _dumps(sources), workers),
            )
        return int(cur.lastrowid)

    def update_run(self, run_id: int, status: str | None = None, **counts: int) -> None:
        """Write a run's counts (documents_new, documents_known, copies, failed, claims,
        figures); a `status` other than 'running' also stamps `finished`."""
        allowed = {"documents_new", "documents_known", "copies", "failed", "claims", "figures"}
        sets = [f"{k} = ?" for k in counts if k in allowed]
        values: list[Any] = [v for k, v in counts.items() if k in allowed]
        if status is not None:
            sets += ["status = ?"]
            values.append(status)
            if status != "running":
                sets += ["finished = ?"]
                values.append(now_iso())
        if not sets:
            return
        with self.batch():
            self.conn.execute(f"UPDATE runs SET {', '.join(sets)} WHERE id = ?", (*values, run_id))

    def runs(self, limit: int = 20) -> list[dict]:
        """The latest runs, newest first."""
        rows = self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    # -- reads -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, plus how many documents are copies."""
        out = {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sources", "claims", "figures", "times", "reviews", "runs")
        }
        out["copies"] = self.conn.execute(
            "SELECT count(*) FROM documents WHERE copy_of IS NOT NULL"
        ).fetchone()[0]
        return out

    def _select(self, sql: str, where: list[str], params: list[Any], order: str,
                limit: int | None, offset: int) -> list[dict]:
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"query failed: {exc}") from None

    def documents(
        self,
        outlet: str | None = None,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_copies: bool = True,
        with_text: bool = False,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[dict]:
        """Documents (without text unless `with_text`), by publication date then id."""
        cols = (
            "d.id, d.url, d.canonical_url, d.title, d.outlet, d.published, d.text_hash,"
            " d.first_seen, d.copy_of, d.copy_similarity, d.pipeline_version"
            + (", d.text" if with_text else "")
        )
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            where.append("d.outlet = ?")
            params.append(outlet)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("substr(d.published, 1, 10) <= ?")
            params.append(until)
        if not include_copies:
            where.append("d.copy_of IS NULL")
        if search and fts_query(search):
            where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(fts_query(search))
        return self._select(
            f"SELECT {cols} FROM documents d", where, params,
            "d.published IS NULL, d.published, d.id", limit, offset,
        )

    def document(self, document_id: str) -> dict | None:
        """One document with its text, or None."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out.pop("extraction_json", None)
        return out

    def extraction(self, document_id: str) -> Extraction | None:
        """The stored extraction of a document, as the JSON contract model."""
        row = self.conn.execute(
            "SELECT text, extraction_json FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None
        data = json.loads(row["extraction_json"])
        data["document"]["text"] = row["text"]
        return Extraction.model_validate(data)

    def iter_texts(self) -> Iterator[dict]:
        """Every document's id, text and metadata, in id order (for reextract / exports)."""
        cur = self.conn.execute(
            "SELECT id, url, title, outlet, published, text, pipeline_version, copy_of"
            " FROM documents ORDER BY id"
        )
        for row in cur:
            yield dict(row)

    def sources(
        self,
        document_id: str | None = None,
        name: str | None = None,
        kind: str | None = None,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[dict]:
        """Sources; `name` matches case-insensitively anywhere in the name."""
        where: list[str] = []
        params: list[Any] = []
        if document_id:
            where.append("s.document_id = ?")
            params.append(document_id)
        if name:
            where.append("s.name LIKE ?")
            params.append(f"%{name}%")
        if kind:
            where.append("s.kind = ?")
            params.append(kind)
        rows = self._select(
            "SELECT s.*, d.outlet, d.published FROM sources s JOIN documents d"
            " ON d.id = s.document_id",
            where, params, "d.published IS NULL, d.published, s.document_id, s.rowid",
            limit, offset,
        )
        for r in rows:
            r["mentions"] = json.loads(r.pop("mentions_json"))
        return rows

    def claims(
        self,
        document_id: str | None = None,
        source: str | None = None,
        search: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_copies: bool = True,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[dict]:
        """Claims with their source's name/kind and the document's outlet, date and url.

        `source` matches the source name (case-insensitive substring) or a source id;
        `search` is a full-text query over claim content (all words must occur).
        """
        where: list[str] = []
        params: list[Any] = []
        if document_id:
            where.append("c.document_id = ?")
            params.append(document_id)
        if source:
            where.append("(s.name LIKE ? OR c.source_id = ?)")
            params += [f"%{source}%", source]
        if kind:
            where.append("c.kind = ?")
            params.append(kind)
        if since:
            where.append("coalesce(c.stated_on, d.published) >= ?")
            params.append(since)
        if until:
            where.append("substr(coalesce(c.stated_on, d.published), 1, 10) <= ?")
            params.append(until)
        if not include_copies:
            where.append("d.copy_of IS NULL")
        if search and fts_query(search):
            where.append("c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
            params.append(fts_query(search))
        rows = self._select(
            "SELECT c.*, s.name AS source_name, s.kind AS source_kind, d.outlet, d.published,"
            " d.url, d.title, d.copy_of FROM claims c JOIN documents d ON d.id = c.document_id"
            " LEFT JOIN sources s ON s.id = c.source_id",
            where, params,
            "d.published IS NULL, d.published, c.document_id, c.content_start, c.rowid",
            limit, offset,
        )
        for r in rows:
            r["hedges"] = json.loads(r.pop("hedges_json"))
            r["insertions"] = json.loads(r.pop("insertions_json"))
        return rows

    def figures(
        self,
        document_id: str | None = None,
        claim_id: str | None = None,
        event: str | None = None,
        location: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_copies: bool = True,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[dict]:
        """Figures with their claim's source and the document's outlet and date.

        `location` matches case-insensitively; `since`/`until` compare the figure's `as_of`
        (else the publication date).
        """
        where: list[str] = []
        params: list[Any] = []
        if document_id:
            where.append("f.document_id = ?")
            params.append(document_id)
        if claim_id:
            where.append("f.claim_id = ?")
            params.append(claim_id)
        if event:
            where.append("f.event = ?")
            params.append(event)
        if location:
            where.append("f.location = ? COLLATE NOCASE")
            params.append(location)
        if since:
            where.append("coalesce(f.as_of, d.published) >= ?")
            params.append(since)
        if until:
            where.append("substr(coalesce(f.as_of, d.published), 1, 10) <= ?")
            params.append(until)
        if not include_copies:
            where.append("d.copy_of IS NULL")
        rows = self._select(
            "SELECT f.*, c.kind AS claim_kind, c.source_id, s.name AS source_name,"
            " s.kind AS source_kind, d.outlet, d.published, d.url, d.copy_of"
            " FROM figures f JOIN documents d ON d.id = f.document_id"
            " LEFT JOIN claims c ON c.id = f.claim_id LEFT JOIN sources s ON s.id = c.source_id",
            where, params,
            "d.published IS NULL, d.published, f.document_id, f.span_start, f.rowid",
            limit, offset,
        )
        for r in rows:
            for key in ("value", "low", "high"):
                if isinstance(r[key], float) and r[key].is_integer():
                    r[key] = int(r[key])
            if r["cumulative"] is not None:
                r["cumulative"] = bool(r["cumulative"])
        return rows

    def times(self, document_id: str) -> list[dict]:
        """A document's time expressions, in text order."""
        rows = self.conn.execute(
            "SELECT * FROM times WHERE document_id = ? ORDER BY span_start, span_end, id",
            (document_id,),
        )
        return [dict(r) for r in rows]

    def reviews(self, target_id: str | None = None, include_undone: bool = False) -> list[dict]:
        """Reviews (the review logic lives with the web UI; this only reads the table)."""
        where = [] if include_undone else ["undone_at IS NULL"]
        params: list[Any] = []
        if target_id:
            where.append("target_id = ?")
            params.append(target_id)
        return self._select("SELECT * FROM reviews", where, params, "id", None, 0)

    def rebuild_fts(self) -> None:
        """Rebuild both full-text indexes (after a VACUUM, which may renumber rowids)."""
        with self.batch():
            self.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
            self.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
