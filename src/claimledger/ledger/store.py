"""The ledger database: one SQLite file holding every document, source, claim and figure.

Why SQLite: one file to copy, open with `datasette`, or query from any language; WAL lets
readers (the web UI) work while one writer ingests. The schema lives in `ledger/schema.py`.

Contract for the other ledger parts:

- `Store(path, readonly=False)`: a writer opens read-write (creating the schema), a reader
  opens `mode=ro` and never locks the writer out.
- `add_extraction(extraction, pipeline_version, copy_of=None)` stores one document with all
  its rows and returns `(document_id, is_new)`. A document whose normalised text hash or
  canonical URL is already present is not stored again (`is_new` False, the known id).
- `prepare(extraction, pipeline_version)` turns an extraction into those rows without a
  database (a worker process does it); `add_prepared(prepared, copy_of=None)` inserts them.
  `add_extraction` is the two in one.
- Writes are grouped with `with store.batch():` (one transaction, committed on exit); a write
  outside a batch commits by itself. Killing the process loses at most the open batch.
- Read helpers return plain dicts (JSON-ready), ordered deterministically.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import sqlite3
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from claimledger.documents import lone_surrogate, normalise_for_hash
from claimledger.errors import InputError, StoreError
from claimledger.ingest.urls import canonical_url
from claimledger.ledger.reads import (
    DEFAULT_LIMIT,
    ROW_COLUMNS,
    ROWS_KEY,
    STORED_ONLY,
    StoreReads,
    compress_text,
    fts_query,
    item_differences,
    of_document,
    register_functions,
    row_items,
)
from claimledger.ledger.schema import (
    CLAIM_KINDS,
    FIGURE_COLUMNS,
    MIGRATIONS,
    SCHEMA,
    SCHEMA_VERSION,
)
from claimledger.model import Extraction, Figure

__all__ = ["DEFAULT_LIMIT", "PreparedDocument", "Store", "check_document", "fts_query", "now_iso", "prepare", "printable", "text_hash"]

#: the page size of a new ledger file (SQLite's default is 4096)
PAGE_SIZE = 2048

#: SQLite's INTEGER range: a larger Python int makes the driver raise OverflowError
_INT64 = range(-(2**63), 2**63)

#: the fields of a document (`DocumentInput` or `model.Document`) stored as text
_DOCUMENT_FIELDS = ("id", "url", "title", "outlet", "published", "text")


def text_hash(text: str) -> str:
    """sha256 of the normalised text: copies differing only in spacing/Unicode form collide."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def now_iso() -> str:
    """The current UTC time, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (signal 0 checks, sends nothing)."""
    if sys.platform == "win32":  # os.kill there terminates the process: never judge a run
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours (EPERM), or the platform cannot tell: assume live
        return True
    return True


def printable(text: str) -> str:
    """`text` with lone surrogates written as `\\udXXX` escapes, so it can be printed and stored.

    Why: a file name with undecodable bytes (surrogateescape) or a JSON string with a lone
    surrogate would make `print` or SQLite raise UnicodeEncodeError in an error message.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def check_document(doc: Any) -> None:
    """Refuse a document whose text fields cannot be stored: one `InputError` naming the field.

    A lone surrogate (U+D800..U+DFFF, from a JSON escape such as "\\ud800") is not Unicode
    text: SQLite, hashing and every reader would fail on it later, one item at a time, so it
    is refused here, before any work is done on it.
    """
    fields = {name: getattr(doc, name, None) for name in _DOCUMENT_FIELDS}
    if problem := lone_surrogate({k: v for k, v in fields.items() if isinstance(v, str)}):
        raise InputError(f"document {problem}")


def _sql_number(value: int | float | None, what: str) -> int | float | None:
    """A figure's number as SQLite holds it: an int64 as is, a larger finite number as REAL.

    A non-finite number (or an integer beyond any float) is refused: it is no count, and it
    would be `Infinity` in every JSON answer built from the ledger.
    """
    if value is None or (isinstance(value, int) and value in _INT64):
        return value
    try:
        real = float(value)
    except OverflowError:
        real = math.inf
    if not math.isfinite(real):
        raise InputError(f"figure {what} is not a finite number")
    return real


def _check_storable(extraction: Extraction) -> None:
    """Refuse, before any row is written, an extraction the ledger cannot hold: text that is
    not valid Unicode, a figure that is no finite number (`InputError`, one line)."""
    check_document(extraction.document)
    for f in extraction.figures:
        for name in ("value", "low", "high"):
            _sql_number(getattr(f, name), f"{f.id} {name}")


def _gid(document_id: str, local: str | None) -> str | None:
    return f"{document_id}:{local}" if local is not None else None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _drop_span_texts(value: Any) -> Any:
    if isinstance(value, dict):
        if value.keys() == {"text", "start", "end"}:
            return {"start": value["start"], "end": value["end"]}
        return {k: _drop_span_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_span_texts(v) for v in value]
    return value


def _spans(spans: list) -> str:
    if not spans:  # the common case: no hedges, no insertions
        return "[]"
    return _dumps([[s.text, s.start, s.end] for s in spans])


#: a claim row as `prepare` makes it (`reads.ROW_COLUMNS`, the local source id where the
#: global one is read): `document_id` and `source_id` are computed
_CLAIM_STORED = tuple({"source_id": "source_local", "kind": "kind_code"}.get(c, c)
                      for c in ROW_COLUMNS["claims"])
_KIND_CODES = {k: i for i, k in enumerate(CLAIM_KINDS)}
_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(_CLAIM_STORED)})"
    f" VALUES ({','.join('?' * len(ROW_COLUMNS['claims']))})")
_STORED_FIGURE_COLUMNS = [c.name for c in FIGURE_COLUMNS if not c.generated] + ["claim_local"]
_INSERT_FIGURE = (
    f"INSERT INTO figures ({', '.join(_STORED_FIGURE_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in _STORED_FIGURE_COLUMNS)})"
)


def _figure_row(document_id: str, f: Figure, claim_ids: set[str]) -> dict[str, Any]:
    """A contract figure as a row of the figures table (`schema.FIGURE_COLUMNS`)."""
    return {
        "id": _gid(document_id, f.id),
        "claim_local": f.claim_id if f.claim_id in claim_ids else None,
        "span_text": f.span.text,
        "span_start": f.span.start,
        "span_end": f.span.end,
        "value": _sql_number(f.value, f"{f.id} value"),
        "low": _sql_number(f.low, f"{f.id} low"),
        "high": _sql_number(f.high, f"{f.id} high"),
        "qualifier": f.qualifier,
        "unit": f.unit,
        "event": f.event,
        "predicate": f.predicate,
        "location": f.location,
        "as_of": f.as_of.date if f.as_of else None,
        "as_of_precision": f.as_of.precision if f.as_of else None,
        "period_start": f.period_start,
        "cumulative": None if f.cumulative is None else int(f.cumulative),
    }


class PreparedDocument(NamedTuple):
    """One extraction as the ledger's rows, ready to insert: what a worker hands the writer.

    Why: the single writer is the serial part of a parallel ingest. Everything that depends
    only on the extraction (checking it can be stored, hashing the text, flattening it into
    rows, the compressed extraction) is done by `prepare` where the extraction was made, so
    the writer only looks the document up and inserts. A tuple of plain values pickles fast
    and crosses a process boundary without a JSON round trip and a re-validation.
    """

    #: the `documents` row without first_seen and the copy link (known only to the writer),
    #: the plain text where the row holds it compressed, which follows at the end
    document: tuple
    sources: list[tuple]
    claims: list[tuple]
    figures: list[dict[str, Any]]
    #: the text's copy-detection signature (`copies.Signature`), computed by the engine
    #: beside the rows so that the writer only queries and verifies; None: the writer signs
    signature: Any = None

    @property
    def id(self) -> str:
        return self.document[0]

    @property
    def text(self) -> str:
        return self.document[6]

    @property
    def published(self) -> str | None:
        return self.document[5]

    @property
    def url(self) -> str | None:
        return self.document[1]

    @property
    def outlet(self) -> str | None:
        return self.document[4]

    @property
    def text_hash(self) -> str:
        return self.document[7]

    @property
    def canonical_url(self) -> str | None:
        return self.document[2]

    def rows_as_read(self, table: str) -> list[dict[str, Any]]:
        """The rows of `table` ("sources", "claims", "figures") with the columns a reader
        of the ledger sees (`document_id` and global ids, computed where the ledger stores
        local ones): what the Ray engine's Parquet shards hold."""
        did = self.id
        if table == "figures":
            return [{**{c: r[c] for c in r if c not in STORED_ONLY},
                     "document_id": did, "claim_id": _gid(did, r["claim_local"])}
                    for r in self.figures]
        return [{"document_id": did, **dict(zip(ROW_COLUMNS[table], _as_read(did, table, r),
                                                strict=True))}
                for r in getattr(self, table)]


def compress_extraction(compact_json: str) -> bytes:
    """The stored form of an extraction's compact JSON: zlib, about 5x smaller again.

    Why: the compact JSON was 2.3x the size of the text it describes, the largest part of a
    ledger; it is read one document at a time (`Store.extraction`, exports), never searched.
    """
    return zlib.compress(compact_json.encode("utf-8"), 6)


def _as_read(document_id: str, table: str, row: tuple | dict) -> tuple:
    """A row as SQLite will give it back: `reads.ROW_COLUMNS` in order, REAL as float, the
    global source / claim id computed from the local one stored."""
    if isinstance(row, dict):
        row = {**row, "claim_id": _gid(document_id, row["claim_local"])}
        return tuple(
            float(row[c]) if c in ("value", "low", "high") and row[c] is not None else row[c]
            for c in ROW_COLUMNS[table]
        )
    if table == "claims":
        return (row[0], CLAIM_KINDS[row[1]], _gid(document_id, row[2]), *row[3:])
    return tuple(row)  # the tuples of `prepare`


def _extraction_blob(extraction: Extraction, rows: dict[str, list]) -> bytes:
    # Compact form: the document text is stored once (documents.text), span texts are
    # dropped (a span's text is always text[start:end]) and so are fields at their
    # default; sources, claims and figures keep only their ids and where they differ from
    # what their rows say (`reads.row_items`; most claims: the words of their date, their
    # figure ids). `reads.expand_extraction` restores it all. Then compressed.
    data = extraction.model_dump(mode="json", exclude_defaults=True)
    data["document"].pop("text", None)
    data = _drop_span_texts(data)
    did = extraction.document.id
    for table, stored in rows.items():
        rebuilt = row_items(did, table, [_as_read(did, table, r) for r in stored])
        data[table] = item_differences(data.get(table, []), rebuilt)
    data[ROWS_KEY] = 1
    return compress_extraction(_dumps(data))


def prepare(extraction: Extraction, pipeline_version: str) -> PreparedDocument:
    """An extraction as the rows `Store.add_prepared` inserts; an `InputError` (one line) when
    the ledger cannot hold it (text that is not Unicode, a figure that is no finite number).

    Needs no database: a worker process calls it on the extraction it has just made.
    """
    _check_storable(extraction)
    d = extraction.document
    did = d.id
    sources = [
        (_gid(did, s.id), s.name, s.kind, s.title, s.affiliation, _spans(s.mentions))
        for s in extraction.sources
    ]
    source_ids = {s.id for s in extraction.sources}
    claims = []
    for c in extraction.claims:
        ver = c.verification
        ev = ver.evidence if ver else None
        claims.append(
            (
                _gid(did, c.id),
                _KIND_CODES[c.kind],
                c.source_id if c.source_id in source_ids else None,
                c.content.start,
                c.content.end,
                c.cue.start if c.cue else None,
                c.cue.end if c.cue else None,
                c.source_mention.start if c.source_mention else None,
                c.source_mention.end if c.source_mention else None,
                c.stated_on.date if c.stated_on else None,
                c.stated_on.precision if c.stated_on else None,
                ver.status if ver else None,
                ev.start if ev else None,
                ev.end if ev else None,
                _spans(c.hedges),
                _spans(c.insertions),
            )
        )
    claim_ids = {c.id for c in extraction.claims}
    figures = [_figure_row(did, f, claim_ids) for f in extraction.figures]
    document = (
        did, d.url, canonical_url(d.url), d.title, d.outlet, d.published, d.text,
        text_hash(d.text), pipeline_version,
        _extraction_blob(extraction, {"sources": sources, "claims": claims, "figures": figures}),
        compress_text(d.text),
    )
    return PreparedDocument(document, sources, claims, figures)


class Store(StoreReads):
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
            register_functions(self.conn)
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
        # a new file only (a no-op once it has pages): 2 KB pages pack the documents' rows
        # (compressed text and extraction, 1-3 KB) with less left empty than 4 KB pages,
        # about 0.1x the text in all (measured with bench/ingest.py --sizes)
        self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a killed process loses nothing committed; only power loss may cost
        # the last transactions, which a re-run of the ingest restores.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        version = self._version()
        if version == 0:
            self.conn.executescript(SCHEMA)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return
        self._check_version()
        for step in range(version, SCHEMA_VERSION):
            self._migrate(step)
        self.conn.executescript(SCHEMA)  # IF NOT EXISTS: a no-op on a ledger that is current
        if version < SCHEMA_VERSION:
            self._reclaim()

    def _reclaim(self) -> None:
        """Give the pages a migration freed back to the file system (`VACUUM`): a migrated
        ledger is otherwise as large as before, its rewritten rows on new pages and the old
        ones free. Skipped, never failed, while another process holds the file: the
        migration itself is committed, and the free pages are reused by later inserts."""
        try:
            self.conn.execute("VACUUM")
        except sqlite3.OperationalError:
            pass

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, version: int) -> None:
        """Run the step from `version` to the next in one transaction, unless another writer
        opening the same file did it first (the version is read again under the lock)."""
        with self.batch():
            if self._version() == version:
                MIGRATIONS[version - 1](self.conn)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")

    def _check_version(self) -> None:
        version = self._version()
        if version == 0:
            raise StoreError(f"{self.path}: not a claimledger database (no schema)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: ledger schema {version} is newer than this claimledger "
                f"({SCHEMA_VERSION}); upgrade claimledger"
            )

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
        return self._known_keys(text_hash(text) if text is not None else None, canonical_url(url))

    def _known_keys(self, hashed: str | None, canon: str | None) -> str | None:
        """`known` for a text hash and canonical URL already computed (`PreparedDocument`)."""
        if hashed is not None:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE text_hash = ?", (hashed,)
            ).fetchone()
            if row:
                return row[0]
        if canon is not None:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE canonical_url = ?", (canon,)
            ).fetchone()
            if row:
                return row[0]
        return None

    def add_extraction(
        self,
        extraction: Extraction | PreparedDocument,
        pipeline_version: str,
        copy_of: str | None = None,
        copy_similarity: float | None = None,
    ) -> tuple[str, bool]:
        """Store a document and its rows; `(id, False)` when the ledger already holds it.

        Takes an `Extraction`, or the `PreparedDocument` a worker made of one (then
        `pipeline_version` is the one it was prepared with and this argument is not used).
        A different text arriving under an id that is already taken is a `StoreError`
        (ids in a JSONL batch are the caller's promise of identity); a document that cannot be
        stored (not valid Unicode, a non-finite figure) is an `InputError` and leaves no row.
        """
        if isinstance(extraction, Extraction):
            extraction = prepare(extraction, pipeline_version)
        return self.add_prepared(extraction, copy_of, copy_similarity)

    def add_prepared(
        self,
        prepared: PreparedDocument,
        copy_of: str | None = None,
        copy_similarity: float | None = None,
    ) -> tuple[str, bool]:
        """`add_extraction` for a document already turned into rows (`prepare`)."""
        # check and insert in one transaction (BEGIN IMMEDIATE holds the write lock), so a
        # second writer on the same file cannot slip the same document in between
        with self.batch():
            existing = self._known_keys(prepared.text_hash, prepared.canonical_url)
            if existing is not None:
                return existing, False
            row = self.conn.execute(
                "SELECT 1 FROM documents WHERE id = ?", (prepared.id,)).fetchone()
            if row:
                raise StoreError(f"document id {prepared.id!r} is already used by a different text")
            d = prepared.document
            self.conn.execute(
                "INSERT INTO documents (id, url, canonical_url, title, outlet, published, text,"
                " text_hash, first_seen, copy_of, copy_similarity, pipeline_version, extraction_json)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*d[:6], d[10], d[7], now_iso(), copy_of, copy_similarity if copy_of else None,
                 *d[8:10]),
            )
            self._insert_rows(prepared)
        return prepared.id, True

    def replace_extraction(
        self, extraction: Extraction | PreparedDocument, pipeline_version: str
    ) -> None:
        """Swap a stored document's rows for a newer extraction of the same text (reextract).

        Copy links, first_seen and reviews are kept; reviews point at global ids, which stay
        stable when a newer pipeline finds the same items in the same order.
        """
        if isinstance(extraction, Extraction):
            extraction = prepare(extraction, pipeline_version)
        doc_id = extraction.id
        with self.batch():
            for table in ("figures", "claims", "sources"):
                where, params = of_document(table, doc_id)
                self.conn.execute(f"DELETE FROM {table} WHERE {where}", params)
            cur = self.conn.execute(
                "UPDATE documents SET pipeline_version = ?, extraction_json = ? WHERE id = ?",
                (*extraction.document[8:10], doc_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"document {doc_id!r} is not in the ledger")
            self._insert_rows(extraction)

    def copy_of(self, document_id: str) -> str | None:
        """The original a stored document is linked to (None: an original, or not stored)."""
        row = self.conn.execute("SELECT copy_of FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        return found[0] if found else None

    def set_copy(self, document_id: str, copy_of: str | None, similarity: float | None) -> None:
        """Mark a document as a copy of another (or clear the mark)."""
        with self.batch():
            self.conn.execute(
                "UPDATE documents SET copy_of = ?, copy_similarity = ? WHERE id = ?",
                (copy_of, similarity, document_id),
            )

    def _insert_rows(self, prepared: PreparedDocument) -> None:
        self.conn.executemany(
            "INSERT INTO sources (id, name, kind, title, affiliation, mentions_json)"
            " VALUES (?,?,?,?,?,?)",
            prepared.sources,
        )
        self.conn.executemany(_INSERT_CLAIM, prepared.claims)
        self.conn.executemany(_INSERT_FIGURE, prepared.figures)

    # -- runs ------------------------------------------------------------------------------

    def start_run(
        self, pipeline_version: str, sources: list[str], workers: int = 1, command: str = "ingest"
    ) -> int:
        """Record the start of an ingest (or reextract) run; returns its id.

        Runs left 'running' by a process that is gone (killed with -9, a power cut) are
        marked 'interrupted' first, in the same transaction.
        """
        with self.batch():
            self._close_stale_runs()
            cur = self.conn.execute(
                "INSERT INTO runs (started, pipeline_version, command, sources_json, workers,"
                " pid, host) VALUES (?,?,?,?,?,?,?)",
                (now_iso(), pipeline_version, command, _dumps([printable(s) for s in sources]),
                 workers, os.getpid(), socket.gethostname()),
            )
        return int(cur.lastrowid)

    def _close_stale_runs(self) -> None:
        """Mark 'interrupted' the runs still 'running' whose process no longer exists.

        Only a run of this host can be judged (a pid means nothing elsewhere). A run recorded
        before runs kept their pid (schema 1) is taken as gone: an older claimledger refuses a
        migrated file, so only one already open during the upgrade could still be live, and
        its last write sets its status again.
        """
        host = socket.gethostname()
        stale = [
            r["id"]
            for r in self.conn.execute("SELECT id, pid, host FROM runs WHERE status = 'running'")
            if r["pid"] is None or (r["host"] == host and not _process_alive(r["pid"]))
        ]
        self.conn.executemany(
            "UPDATE runs SET status = 'interrupted', finished = ? WHERE id = ?",
            [(now_iso(), run_id) for run_id in stale],
        )

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
