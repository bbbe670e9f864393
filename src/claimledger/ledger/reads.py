"""Reading the ledger: the query helpers of `Store`, each returning plain dicts.

Kept apart from the writer so the read side (CLI listings, web UI, exports, series) can
grow without touching how rows are written. Every helper orders its rows by a total key
(publication date, document id, position in the text), so listings are deterministic,
and joins in the context a reader needs (source name, outlet, date, url).
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from claimledger.errors import StoreError
from claimledger.model import Extraction, plain_number

#: the most rows a read helper returns when no limit is given
DEFAULT_LIMIT = 1000


#: control characters (C0, DEL, C1): never part of a search word
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: a token as FTS5's unicode61 tokenizer cuts one: a run of letters and digits
_TOKEN = re.compile(r"[^\W_]+")


def fts_query(search: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must occur (AND).

    Each word is cut into the tokens the index holds ("al-Ahli" -> "al" "Ahli", all of which
    must occur) and each token is quoted, so FTS5 operators and punctuation in user input
    cannot raise a syntax error. Why tokens and not the word as one phrase: the indexes keep
    no positions (`detail=none`, schema 6), so a phrase of two tokens cannot be asked for;
    a word's tokens must then co-occur in the row, not stand side by side. A trailing `*` on
    a word keeps its prefix meaning ("surrend*"). Control characters separate words: a NUL
    would end SQLite's string early and leave the phrase unterminated.
    """
    terms = []
    for word in _CONTROL.sub(" ", search).split():
        tokens = _TOKEN.findall(word)
        terms += [f'"{t}"' for t in tokens]
        if tokens and word.endswith("*"):
            terms[-1] += "*"
    return " ".join(terms)


def compress_text(text: str) -> bytes:
    """The stored form of a document's text (schema 6): zlib, about a third of the size.

    Why: the text is the largest thing a ledger holds, and it is only ever read whole, by id
    or row (documents, the spans sliced from it); searching goes through `documents_fts`.
    """
    return zlib.compress(text.encode("utf-8"), 9)


@lru_cache(maxsize=64)
def _inflate(stored: bytes) -> str:
    return zlib.decompress(stored).decode("utf-8")


def stored_text(stored: str | bytes | None) -> str | None:
    """A document's text from its stored form: compressed bytes since schema 6, the text
    itself in an older ledger a reader opens without migrating. Registered on every
    connection as the SQL function `ledger_text`, which every SQL read of
    `documents.text` goes through (a page's spans slice one text many times: the last
    texts inflated are kept)."""
    return _inflate(stored) if isinstance(stored, bytes) else stored


def register_functions(conn: sqlite3.Connection) -> None:
    """The ledger's SQL functions on a connection (`ledger_text`); views and triggers use it."""
    conn.create_function("ledger_text", 1, stored_text, deterministic=True)


#: SQL for the text of the document `d`
DOCUMENT_TEXT = "ledger_text(d.text)"


def _span_sql(row: str, start: str, end: str, text: str = DOCUMENT_TEXT) -> str:
    """SQL for the text of a stored span: `text[start:end]`, NULL when the span is."""
    return f"substr({text}, {row}.{start} + 1, {row}.{end} - {row}.{start})"


#: a claim's spans (offset columns `{name}_start`, `{name}_end`) and their texts' keys
_CLAIM_SPANS = (("content", "content_text"), ("cue", "cue_text"),
                ("source_mention", "source_mention_text"),
                ("verification_evidence", "verification_evidence"))
_TEXT_BEFORE = {f"{name}_start": key for name, key in _CLAIM_SPANS}
#: the texts of a claim's spans, sliced from its document's text (`d`): the ledger stores
#: their offsets only (schema 6). SQLite's substr counts characters, as Python's offsets do.
CLAIM_TEXTS = ", ".join(
    f"{_span_sql('c', f'{name}_start', f'{name}_end')} AS {key}" for name, key in _CLAIM_SPANS
)


def same_document(row: str, other: str) -> str:
    """SQL: row `row` (claims, figures, sources) belongs to the document of row `other` (which
    has a `document_id`): a range of `row`'s primary key, as `of_document`."""
    return (f"{row}.id > {other}.document_id || ':' AND {row}.id < {other}.document_id || ';'"
            f" AND {row}.document_id = {other}.document_id")


def of_document(table: str, document_id: str, alias: str | None = None) -> tuple[str, tuple]:
    """The condition "a row of this document" on claims, figures or sources, with its
    parameters.

    Why not `document_id = ?` alone: those tables keep no index on `document_id` (schema 6);
    their ids begin with it ("{document_id}:c2"), so a range of the primary key finds the
    rows, and the exact test keeps out a document whose id extends this one's with a colon.
    """
    col = f"{alias}." if alias else ""
    return (f"{col}id > ? AND {col}id < ? AND {col}document_id = ?",
            (f"{document_id}:", f"{document_id};", document_id))


def _with_span_texts(value: Any, text: str) -> Any:
    if isinstance(value, dict):
        if value.keys() == {"start", "end"}:
            return {"text": text[value["start"] : value["end"]], **value}
        return {k: _with_span_texts(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_span_texts(v, text) for v in value]
    return value


def decompress_extraction(stored: str | bytes) -> str:
    """The compact JSON of a stored extraction: a BLOB is compressed (`store.compress_extraction`),
    a TEXT one was stored before schema 5 and never rewritten."""
    return zlib.decompress(stored).decode("utf-8") if isinstance(stored, bytes) else stored


#: the columns `row_items` reads, in the order of the tuples `store.prepare` makes
ROW_COLUMNS = {
    "sources": ("id", "name", "kind", "title", "affiliation", "mentions_json"),
    "claims": ("id", "kind", "source_id", "content_start", "content_end", "cue_start", "cue_end",
               "source_mention_start", "source_mention_end", "stated_on", "stated_on_precision",
               "verification_status", "verification_evidence_start",
               "verification_evidence_end", "hedges_json", "insertions_json"),
    "figures": ("id", "claim_id", "span_start", "span_end", "value", "low", "high", "qualifier",
                "unit", "event", "predicate", "location", "as_of", "as_of_precision",
                "period_start", "cumulative"),
}
#: the blob key marking a compact extraction whose sources, claims and figures are the rows'
#: items corrected by the differences it lists (`store.prepare`); its value is the version
ROWS_KEY = "rows"
#: in a difference: the fields the row's item has and the extraction had not
_GONE = "~"


def _local(document_id: str, global_id: str | None) -> str | None:
    return None if global_id is None else global_id[len(document_id) + 1:]


def _span(start: int | None, end: int | None) -> dict | None:
    return None if start is None else {"start": start, "end": end}


def _when(date: str | None, precision: str | None) -> dict | None:
    return None if date is None else {"date": date, "precision": precision}


def _spans_of(stored: str) -> list[dict]:
    return [{"start": s[-2], "end": s[-1]} for s in json.loads(stored)]


def _compact(item: dict, defaults: dict) -> dict:
    """An item as `model_dump(exclude_defaults=True)` gives it: fields at their default out."""
    return {k: v for k, v in item.items() if k not in defaults or defaults[k] != v}


_SOURCE_DEFAULTS = {"title": None, "affiliation": None, "mentions": []}
_CLAIM_DEFAULTS = {"source_mention": None, "cue": None, "stated_on": None, "verification": None,
                   "hedges": [], "insertions": [], "figure_ids": []}
_FIGURE_DEFAULTS = {k: None for k in ("unit", "event", "predicate", "location", "as_of",
                                      "period_start", "cumulative")}


def row_items(document_id: str, table: str, rows: list[tuple]) -> list[dict]:
    """The compact extraction items (no span texts, no default fields) that a document's
    rows of `table` say, each row a tuple of `ROW_COLUMNS[table]` as SQLite gives it back.

    Why: the stored extraction keeps only where it differs from these (`store.prepare`),
    so what the rows hold is stored once. The same function reads both sides: what the
    writer compares against is what a reader rebuilds.
    """
    out = []
    for r in rows:
        if table == "sources":
            sid, name, kind, title, affiliation, mentions = r
            item = {"id": _local(document_id, sid), "name": name, "kind": kind, "title": title,
                    "affiliation": affiliation, "mentions": _spans_of(mentions)}
            out.append(_compact(item, _SOURCE_DEFAULTS))
        elif table == "claims":
            (cid, kind, source_id, cs, ce, cus, cue_end, ms, me, stated_on, precision, status,
             es, ee, hedges, insertions) = r
            verification = None
            if status is not None:
                verification = {"status": status}
                if es is not None:
                    verification["evidence"] = _span(es, ee)
            item = {"id": _local(document_id, cid), "kind": kind, "content": _span(cs, ce),
                    "source_id": _local(document_id, source_id),
                    "source_mention": _span(ms, me), "cue": _span(cus, cue_end),
                    "stated_on": _when(stated_on, precision), "verification": verification,
                    "hedges": _spans_of(hedges), "insertions": _spans_of(insertions)}
            out.append(_compact(item, _CLAIM_DEFAULTS))
        else:
            (fid, claim_id, ss, se, value, low, high, qualifier, unit, event, predicate,
             location, as_of, as_of_precision, period_start, cumulative) = r
            item = {"id": _local(document_id, fid), "claim_id": _local(document_id, claim_id),
                    "span": _span(ss, se), "value": plain_number(value),
                    "low": plain_number(low), "high": plain_number(high),
                    "qualifier": qualifier, "unit": unit, "event": event,
                    "predicate": predicate, "location": location,
                    "as_of": _when(as_of, as_of_precision), "period_start": period_start,
                    "cumulative": None if cumulative is None else bool(cumulative)}
            out.append(_compact(item, _FIGURE_DEFAULTS))
    return out


def item_differences(actual: list[dict], rebuilt: list[dict]) -> list[dict]:
    """Per item, the fields where `actual` differs from the row's `rebuilt` item (a field the
    row has and the item has not is listed under "~"), with the item's id when there are
    any (`series.rows` reads a figure's date words by id): {} where they agree."""
    out = []
    for a, b in zip(actual, rebuilt, strict=True):
        # compared as JSON: 12 == 12.0 in Python, yet they are two different extractions
        diff = {k: v for k, v in a.items() if k not in b or json.dumps(b[k]) != json.dumps(v)}
        if gone := [k for k in b if k not in a]:
            diff[_GONE] = gone
        out.append({"id": a["id"], **diff} if diff else {})
    return out


def _corrected(rebuilt: list[dict], differences: list[dict]) -> list[dict]:
    out = []
    for item, diff in zip(rebuilt, differences, strict=True):
        item = {**item, **{k: v for k, v in diff.items() if k != _GONE}}
        for k in diff.get(_GONE, ()):
            item.pop(k, None)
        out.append(item)
    return out


def expand_extraction(extraction_json: str | bytes, text: str,
                      rows: dict[str, list[dict]] | None = None) -> Extraction:
    """The full extraction from its compact stored form (see `store.prepare`): zlib-compressed
    bytes since schema 5, the JSON text itself in a ledger a reader opens without migrating.
    Since schema 6 its sources, claims and figures are the rows' items (`rows`, from
    `row_items`) corrected by the differences it keeps."""
    data = json.loads(decompress_extraction(extraction_json))
    if data.pop(ROWS_KEY, None):
        if rows is None:
            raise StoreError("this extraction is stored with its rows: read it from the ledger")
        for table in ROW_COLUMNS:
            data[table] = _corrected(rows[table], data.get(table, []))
    data = _with_span_texts(data, text)
    data["document"]["text"] = text
    return Extraction.model_validate(data)


def _fts(alias: str, table: str, search: str | None) -> tuple[str, str | None]:
    """A full-text condition on `table` (all words must occur), None when nothing to match."""
    return (f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)",
            fts_query(search) if search else None)


def _filters(
    *conditions: tuple[str, Any], dated: str, since: str | None, until: str | None,
    include_copies: bool,
) -> tuple[list[str], list[Any]]:
    """The WHERE conditions of a listing, with their parameters (one `?` each).

    Why one builder: every listing filters alike. A condition counts when its value was
    given; `since`/`until` bound the `dated` column (`until` compares its calendar day, so
    "2022-05-20" includes that whole day); without `include_copies`, originals only.
    """
    conditions += ((f"{dated} >= ?", since), (f"substr({dated}, 1, 10) <= ?", until))
    where = [sql for sql, value in conditions if value]
    params = [value for _, value in conditions if value]
    if not include_copies:
        where.append("d.copy_of IS NULL")
    return where, params


#: columns a row stores and no reader sees: the local ids ("s1", "c3") its global
#: `claims.source_id` and `figures.claim_id` are computed from (schema 6), the code
#: `claims.kind` is computed from (`schema.CLAIM_KINDS`). The one list of them.
STORED_ONLY = ("source_local", "claim_local", "kind_code")


def without_stored_only(row: sqlite3.Row) -> dict:
    """A row as a dict, without the `STORED_ONLY` columns (`SELECT c.*` returns them)."""
    out = dict(row)
    for key in STORED_ONLY:
        out.pop(key, None)
    return out


class StoreReads:
    """Read helpers mixed into `Store`; they need only `self.conn` (an sqlite3 connection)."""

    conn: sqlite3.Connection

    # -- reads -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (time expressions: per stored extraction, a pass over them all),
        plus how many documents are copies."""
        out = {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sources", "claims", "figures", "reviews", "runs")
        }
        # time expressions live in the stored extractions (schema 6): counted there
        out["times"] = sum(
            len(json.loads(decompress_extraction(blob)).get("times", ()))
            for (blob,) in self.conn.execute("SELECT extraction_json FROM documents")
        )
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
            return [without_stored_only(r) for r in self.conn.execute(sql, params)]
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
            + (f", {DOCUMENT_TEXT} AS text" if with_text else "")
        )
        where, params = _filters(
            ("d.outlet = ?", outlet), _fts("d", "documents", search),
            dated="d.published", since=since, until=until, include_copies=include_copies,
        )
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
        out["text"] = stored_text(out["text"])
        return out

    def extraction(self, document_id: str) -> Extraction | None:
        """The stored extraction of a document, as the JSON contract model."""
        row = self.conn.execute(
            "SELECT text, extraction_json FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None
        rows = {
            table: row_items(document_id, table, [tuple(r) for r in self.conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE {cond} ORDER BY rowid", params)])
            for table, columns in ROW_COLUMNS.items()
            for cond, params in [of_document(table, document_id)]
        }
        return expand_extraction(row["extraction_json"], stored_text(row["text"]), rows)

    def iter_texts(self) -> Iterator[dict]:
        """Every document's id, text and metadata, in id order (for reextract / exports)."""
        cur = self.conn.execute(
            "SELECT id, url, title, outlet, published, ledger_text(text) AS text,"
            " pipeline_version, copy_of FROM documents ORDER BY id"
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
            cond, values = of_document("sources", document_id, "s")
            where.append(cond)
            params += values
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
        where, params = _filters(
            ("c.kind = ?", kind),
            _fts("c", "claims", search),
            dated="coalesce(c.stated_on, d.published)", since=since, until=until,
            include_copies=include_copies,
        )
        if document_id:
            cond, values = of_document("claims", document_id, "c")
            where.append(cond)
            params += values
        if source:
            where.append("(s.name LIKE ? OR c.source_id = ?)")
            params += [f"%{source}%", source]
        rows = self._select(
            "SELECT c.*, s.name AS source_name, s.kind AS source_kind, d.outlet, d.published,"
            " d.url, d.title, d.copy_of FROM claims c JOIN documents d ON d.id = c.document_id"
            " LEFT JOIN sources s ON s.id = c.source_id",
            where, params,
            "d.published IS NULL, d.published, c.document_id, c.content_start, c.rowid",
            limit, offset,
        )
        self._add_claim_texts(rows)
        for r in rows:
            r["hedges"] = json.loads(r.pop("hedges_json"))
            r["insertions"] = json.loads(r.pop("insertions_json"))
        return rows

    def _add_claim_texts(self, rows: list[dict]) -> None:
        """Slice each claim's span texts (`CLAIM_TEXTS`) from its document's text, once per
        document and after the ordering and paging: in SQL, the sort would slice every
        claim the query matched, not only the page's."""
        ids = sorted({r["document_id"] for r in rows})
        texts = {i: stored_text(t) for i, t in self.conn.execute(
            "SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),))}
        for i, r in enumerate(rows):
            text = texts[r["document_id"]]
            out: dict = {}
            for k, v in r.items():  # each text before its offsets, where schema 5 had it
                if (key := _TEXT_BEFORE.get(k)) is not None:
                    end = r[k.removesuffix("_start") + "_end"]
                    out[key] = None if v is None else text[v:end]
                if k not in out:
                    out[k] = v
            rows[i] = out

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
        if claim_id:  # a claim's figures are its document's (`figures.claim_id` has no index)
            document_id = document_id or claim_id.rpartition(":")[0]
        where, params = _filters(
            ("f.claim_id = ?", claim_id),
            ("f.event = ?", event), ("f.location = ? COLLATE NOCASE", location),
            dated="coalesce(f.as_of, d.published)", since=since, until=until,
            include_copies=include_copies,
        )
        if document_id:
            cond, values = of_document("figures", document_id, "f")
            where.append(cond)
            params += values
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
                r[key] = plain_number(r[key])
            if r["cumulative"] is not None:
                r["cumulative"] = bool(r["cumulative"])
        return rows

    def times(self, document_id: str) -> list[dict]:
        """A document's time expressions, in text order, as rows (global ids, span texts).

        Read from the stored extraction (schema 6 keeps no `times` table: nothing ever
        queried time expressions across documents)."""
        extraction = self.extraction(document_id)
        if extraction is None:
            return []
        rows = [
            {"id": f"{document_id}:{t.id or f't{i}'}", "document_id": document_id,
             "span_text": t.span.text, "span_start": t.span.start, "span_end": t.span.end,
             "type": t.type, "value": t.value, "mod": t.mod}
            for i, t in enumerate(extraction.times, 1)
        ]
        return sorted(rows, key=lambda r: (r["span_start"], r["span_end"], r["id"]))

    def reviews(self, target_id: str | None = None, include_undone: bool = False) -> list[dict]:
        """Reviews (the review logic lives with the web UI; this only reads the table)."""
        where = [] if include_undone else ["undone_at IS NULL"]
        params: list[Any] = []
        if target_id:
            where.append("target_id = ?")
            params.append(target_id)
        return self._select("SELECT * FROM reviews", where, params, "id", None, 0)

