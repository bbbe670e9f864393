"""Human reviews of claims and figures: stored beside the machine's rows, never over them.

A reviewer confirms or rejects a claim or a figure, corrects a figure's value, bounds,
qualifier, unit, event, location or date, re-attributes a claim to another source, or
merges or splits claimants (a review of a source row: `merge_into` another source's
claimant, or `split` its name out of the claimant the ledger filed it under). Each
review is one row of the `reviews` table (who, when, verdict, changes, note); the extracted
rows stay as the pipeline wrote them, so a re-extraction or an audit can always tell what the
machine said from what a person decided. Undoing a review stamps `undone_at`; nothing is
deleted. The web UI writes reviews (`add_review`, `undo_review`); everything else only reads.

Two ways to get the reviewed view, with one rule (`fold`): a target's live reviews fold in
the order they were made; the last verdict gives the status, corrections accumulate (a later
value replaces an earlier one), and a figure inherits its claim's review (a rejected claim
rejects its figures, a re-attributed claim re-attributes them).

- `apply_reviews(rows, reviews)`: for series and exports (`series/build.py` calls it on its
  `FigureRow` dataclasses with `Store.reviews()`); rejected rows are dropped.
- `review_rows(conn, rows, target_type)`: for dict rows from `Store.claims()` /
  `Store.figures()` (the web UI); each row gets a `review` key, rejected rows can be kept.

- `apply_claimant_reviews(rows, reviews)`: the merges and splits of claimants, on figure
  rows (series and exports, after `apply_reviews`); `claimant_merges` / `claimant_splits`
  give the same effects by source id for the claimant index (`ledger.claimants`).

A merge or split stores, beside the source ids it names, the claimants as the ledger saw
them when the reviewer decided (canonical name and side, `ledger.canon`), so applying it
needs no lookup and the log reads as what the reviewer saw.

Exports offer a flag to skip this step and show the raw extraction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from claimledger.errors import ClaimledgerError
from claimledger.ledger.canon import Canon, canonical, claimant_key, clean_name
from claimledger.model import EventType, Precision, Qualifier, plain_number

TargetType = Literal["claim", "figure", "source"]

#: the status a verdict gives its target
STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}

_NUMBER, _TEXT, _DATE, _BOOL = "number", "text", "date", "bool"

#: fields a review may change, per target, with the kind of value each takes (a tuple is
#: the list of allowed values)
EDITABLE: dict[str, dict[str, Any]] = {
    "figure": {
        "value": _NUMBER,
        "low": _NUMBER,
        "high": _NUMBER,
        "qualifier": get_args(Qualifier),
        "unit": _TEXT,
        "event": get_args(EventType),
        "location": _TEXT,
        "as_of": _DATE,
        "as_of_precision": get_args(Precision),
        "cumulative": _BOOL,
    },
    "claim": {
        "source_id": _TEXT,
        "stated_on": _DATE,
    },
    "source": {
        "merge_into": _TEXT,
        "split": _BOOL,
    },
}

#: the tables a review's target lives in
_TABLES = {"claim": "claims", "figure": "figures", "source": "sources"}

#: what a re-attribution stores beside `source_id`, copied from the new source's row
_SOURCE_COLUMNS = {"source_name": "name", "source_kind": "kind", "source_affiliation": "affiliation"}

#: claim changes as they land on a figure row (a figure is as old as its claim's statement)
_CLAIM_ON_FIGURE = {
    "source_id": "source_id",
    "source_name": "source_name",
    "source_kind": "source_kind",
    "source_affiliation": "source_affiliation",
    "stated_on": "as_of",
}


class ReviewError(ClaimledgerError):
    """A review that cannot be stored: unknown field or value, or a review undone twice."""

    code = "E050"
    exit_code = 2


class ReviewNotFound(ReviewError):
    """The claim, figure, source or review a request names is not in the ledger."""

    code = "E051"


def now_iso() -> str:
    """The current UTC time, to the second (when a review was made or undone)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# -- validation ----------------------------------------------------------------------------


def _check_value(field: str, kind: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, tuple):  # an enumeration, in the contract's order
        if value not in kind:
            raise ReviewError(f"{field} must be one of {', '.join(kind)}, not {value!r}")
        return value
    if kind == _NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                value = float(str(value).replace(",", ""))
            except ValueError:
                raise ReviewError(f"{field} must be a number, not {value!r}") from None
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e15:
            raise ReviewError(f"{field} must be a finite number")
        return plain_number(value)
    if kind == _BOOL:
        if isinstance(value, bool):
            return value
        word = str(value).lower()
        if word in ("true", "1", "yes"):
            return True
        if word in ("false", "0", "no"):
            return False
        raise ReviewError(f"{field} must be true or false, not {value!r}")
    if kind == _DATE:
        try:
            return datetime.fromisoformat(str(value)).date().isoformat()
        except ValueError:
            raise ReviewError(f"{field} must be an ISO date (YYYY-MM-DD), not {value!r}") from None
    text = str(value).strip()
    if not text or len(text) > 500:
        raise ReviewError(f"{field} must be non-empty text of at most 500 characters")
    return text


def validate_changes(
    conn: sqlite3.Connection, target_type: str, verdict: str, changes: dict[str, Any] | None
) -> dict[str, Any]:
    """The checked changes of a review; a `ReviewError` names the first bad field.

    Only a `correct` review carries changes. A re-attribution (`source_id`) must name a
    source in the ledger; its name, kind and affiliation are stored with the review, so that
    applying it needs no further lookup.
    """
    if verdict not in STATUS:
        raise ReviewError(f"verdict must be one of {', '.join(STATUS)}, not {verdict!r}")
    if changes is not None and not isinstance(changes, dict):
        raise ReviewError("changes must be an object of field: value")
    changes = dict(changes or {})
    if verdict != "correct":
        if changes:
            raise ReviewError(f"a {verdict!r} review carries no changes; use 'correct'")
        return {}
    if not changes:
        raise ReviewError("a 'correct' review needs at least one change")
    allowed = EDITABLE[target_type]
    out: dict[str, Any] = {}
    for field in sorted(changes):
        if field not in allowed:
            raise ReviewError(
                f"a {target_type} review cannot change {field!r}; it can change "
                + ", ".join(sorted(allowed))
            )
        out[field] = _check_value(field, allowed[field], changes[field])
    if target_type == "source":
        if ("merge_into" in out) == bool(out.get("split")):
            raise ReviewError("a claimant review either merges (merge_into a source id) or "
                              "splits (split: true), one of the two")
        if "split" in out and not out["split"]:
            raise ReviewError("split must be true; undo the split review to rejoin")
    if out.get("merge_into") is not None:
        into = _source_claimant(conn, out["merge_into"])
        out["into_name"], out["into_side"] = into.name, into.side
    if "source_id" in out:
        row = None
        if out["source_id"] is not None:
            row = conn.execute(
                "SELECT name, kind, affiliation FROM sources WHERE id = ?", (out["source_id"],)
            ).fetchone()
            if row is None:
                raise ReviewNotFound(f"no source {out['source_id']!r} in the ledger")
        for i, key in enumerate(_SOURCE_COLUMNS):
            out[key] = row[i] if row else None
    return out


def _source_claimant(conn: sqlite3.Connection, source_id: Any) -> Canon:
    """The canonical claimant of a source row (`ledger.canon`), as merges and splits
    record it; a `ReviewNotFound` when the ledger has no such source."""
    row = conn.execute("SELECT name, affiliation, kind, mentions_json FROM sources WHERE id = ?",
                       (source_id,)).fetchone()
    if row is None:
        raise ReviewNotFound(f"no source {source_id!r} in the ledger")
    mentions = tuple(m[0] if isinstance(m, list) else m.get("text", "")
                     for m in json.loads(row[3] or "[]"))
    canon = canonical(row[0], row[1], row[2], tuple(m for m in mentions if m))
    if canon.name is None:  # not a claimant by itself: the reviewer makes it one
        name = clean_name(row[0]) or row[0]
        canon = Canon(name, clean_name(row[1]) if row[1] else None, (name,))
    return canon


# -- storage -------------------------------------------------------------------------------

_COLS = (
    "id", "target_type", "target_id", "verdict", "changes_json", "note", "reviewer",
    "created_at", "undone_at",
)
_SELECT = f"SELECT {', '.join(_COLS)} FROM reviews"


def _row(row: Sequence[Any]) -> dict[str, Any]:
    out = dict(zip(_COLS, row, strict=True))
    out["changes"] = json.loads(out.pop("changes_json") or "{}")
    return out


def add_review(
    conn: sqlite3.Connection,
    target_type: str,
    target_id: str,
    verdict: str,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    created_at: str | None = None,
) -> dict[str, Any]:
    """Store one review and return it as `list_reviews` would; the caller commits."""
    table = _TABLES.get(target_type)
    if table is None:
        raise ReviewError(f"target_type must be claim, figure or source, not {target_type!r}")
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (target_id,)).fetchone() is None:
        raise ReviewNotFound(f"no {target_type} {target_id!r} in the ledger")
    if target_type == "source" and verdict != "correct":
        raise ReviewError("a claimant review is a 'correct' review that merges or splits")
    checked = validate_changes(conn, target_type, verdict, changes)
    if target_type == "source":
        own = _source_claimant(conn, target_id)
        if checked.get("merge_into") == target_id or (
                "into_name" in checked and claimant_key(checked["into_name"]) == claimant_key(own.name)):
            raise ReviewError("a claimant cannot be merged into itself")
        row = conn.execute("SELECT name FROM sources WHERE id = ?", (target_id,)).fetchone()
        checked["from_name"], checked["from_side"] = own.name, own.side
        checked["source_name"] = clean_name(row[0]) or row[0]
    if note is not None and len(note) > 5000:
        raise ReviewError("a note is at most 5000 characters")
    cur = conn.execute(
        "INSERT INTO reviews (target_type, target_id, verdict, changes_json, note, reviewer,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            target_type,
            target_id,
            verdict,
            json.dumps(checked, sort_keys=True, ensure_ascii=False) if checked else None,
            note or None,
            (reviewer or "").strip()[:200] or None,
            created_at or now_iso(),
        ),
    )
    return get_review(conn, int(cur.lastrowid or 0))  # type: ignore[return-value]


def get_review(conn: sqlite3.Connection, review_id: int) -> dict[str, Any] | None:
    """One review by id (undone or not), or None."""
    row = conn.execute(f"{_SELECT} WHERE id = ?", (review_id,)).fetchone()
    return _row(row) if row else None


def list_reviews(
    conn: sqlite3.Connection,
    target_type: str | None = None,
    target_ids: Iterable[str] | None = None,
    include_undone: bool = False,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    """Reviews in the order they were made (oldest first unless `newest_first`)."""
    where: list[str] = []
    params: list[Any] = []
    if not include_undone:
        where.append("undone_at IS NULL")
    if target_type:
        where.append("target_type = ?")
        params.append(target_type)
    if target_ids is not None:
        ids = sorted(set(target_ids))
        if not ids:
            return []
        where.append("target_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY id DESC" if newest_first else " ORDER BY id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return [_row(r) for r in conn.execute(sql, params)]


def undo_review(
    conn: sqlite3.Connection, review_id: int, undone_at: str | None = None
) -> dict[str, Any]:
    """Mark a review undone (kept for the record); undoing twice is an error."""
    review = get_review(conn, review_id)
    if review is None:
        raise ReviewNotFound(f"no review {review_id}")
    if review["undone_at"] is not None:
        raise ReviewError(f"review {review_id} was already undone at {review['undone_at']}")
    conn.execute(
        "UPDATE reviews SET undone_at = ? WHERE id = ?", (undone_at or now_iso(), review_id)
    )
    return get_review(conn, review_id)  # type: ignore[return-value]


# -- applying ------------------------------------------------------------------------------


def _changes(review: dict[str, Any]) -> dict[str, Any]:
    """A review's changes whether it came from `list_reviews` or raw from the table."""
    raw = review.get("changes")
    if raw is None:
        try:
            raw = json.loads(review.get("changes_json") or "{}")
        except json.JSONDecodeError:
            return {}
    return raw if isinstance(raw, dict) else {}


def fold(reviews: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The combined effect of one target's reviews (undone ones skipped), or None.

    `{"status": confirmed|rejected|corrected, "changes": {...}, "review_ids": [...]}`.
    """
    status = None
    changes: dict[str, Any] = {}
    ids: list[int] = []
    for review in sorted(reviews, key=lambda r: r["id"]):
        if review.get("undone_at"):
            continue
        status = STATUS[review["verdict"]]
        if review["verdict"] == "correct":
            changes.update(_changes(review))
        ids.append(review["id"])
    if status is None:
        return None
    return {"status": status, "changes": changes, "review_ids": ids}


def effects(reviews: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """`fold` of every target: {(target_type, target_id): effect}."""
    by_target: dict[tuple[str, str], list[dict]] = {}
    for review in reviews:
        by_target.setdefault((review["target_type"], review["target_id"]), []).append(review)
    folded = {key: fold(rs) for key, rs in by_target.items()}
    return {key: eff for key, eff in folded.items() if eff is not None}


def _figure_changes(claim_eff: dict | None, figure_eff: dict | None) -> dict[str, Any]:
    """A figure's field updates: its claim's (mapped onto figure fields), then its own."""
    updates: dict[str, Any] = {}
    if claim_eff:
        for key, value in claim_eff["changes"].items():
            if key in _CLAIM_ON_FIGURE:
                updates[_CLAIM_ON_FIGURE[key]] = value
    if figure_eff:
        updates.update(figure_eff["changes"])
    return updates


def apply_reviews(rows: Iterable[Any], reviews: Iterable[dict[str, Any]]) -> list[Any]:
    """Figure rows (dataclasses with `figure_id`, `claim_id`) as reviewers left them.

    Rejected figures, and figures of rejected claims, are dropped; corrections replace the
    fields they name (fields the row type lacks are ignored). Series call this with
    `Store.reviews()`; pass no reviews (or skip the call) for the raw extraction.
    """
    live = effects(reviews)
    out = []
    for row in rows:
        claim_eff = live.get(("claim", row.claim_id)) if row.claim_id else None
        figure_eff = live.get(("figure", row.figure_id))
        if any(e and e["status"] == "rejected" for e in (claim_eff, figure_eff)):
            continue
        updates = _figure_changes(claim_eff, figure_eff)
        fields = set(getattr(row, "__dataclass_fields__", {}))
        updates = {k: v for k, v in updates.items() if k in fields}
        if "source_name" in updates and "source_aliases" in fields:
            name = updates["source_name"]
            updates["source_aliases"] = (name,) if name else ()
        out.append(replace(row, **updates) if updates else row)
    return out


def review_rows(
    conn: sqlite3.Connection,
    rows: Iterable[dict[str, Any]],
    target_type: TargetType,
    keep_rejected: bool = False,
) -> list[dict[str, Any]]:
    """Dict rows (from `Store.claims()` / `Store.figures()`) as the reviewers left them.

    Returns new dicts, each with a `review` key: None when no live review touches the row,
    else `{"status", "review_ids", "original": {field: machine value}}`. Rejected rows are
    dropped unless `keep_rejected` (the web page shows them struck through).
    """
    rows = list(rows)
    wanted = {r["id"] for r in rows}
    if target_type == "figure":
        wanted |= {r["claim_id"] for r in rows if r.get("claim_id")}
    live = effects(list_reviews(conn, target_ids=wanted))
    out: list[dict[str, Any]] = []
    for row in rows:
        if target_type == "figure":
            claim_eff = live.get(("claim", row.get("claim_id") or ""))
            own = live.get(("figure", row["id"]))
            updates = _figure_changes(claim_eff, own)
            found = [e for e in (claim_eff, own) if e]
        else:
            own = live.get(("claim", row["id"]))
            updates = dict(own["changes"]) if own else {}
            found = [own] if own else []
        new = dict(row)
        new["review"] = None
        if found:
            original = {k: row[k] for k in updates if k in row}
            new.update(updates)
            rejected = any(e["status"] == "rejected" for e in found)
            new["review"] = {
                "status": "rejected" if rejected else found[-1]["status"],
                "review_ids": sorted(i for e in found for i in e["review_ids"]),
                "original": original,
            }
            if rejected and not keep_rejected:
                continue
        out.append(new)
    return out


# -- claimants: merges and splits ------------------------------------------------------------


def claimant_reviews(reviews: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The live merge and split reviews: each source's latest (a later review of one source
    replaces an earlier one), oldest first."""
    latest: dict[str, dict[str, Any]] = {}
    for review in sorted(reviews, key=lambda r: r["id"]):
        if review.get("target_type") == "source" and not review.get("undone_at"):
            latest[review["target_id"]] = review
    return sorted(latest.values(), key=lambda r: r["id"])


def claimant_merges(reviews: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(source id, source id merged into) of the live merges, oldest first."""
    out = []
    for review in claimant_reviews(reviews):
        into = _changes(review).get("merge_into")
        if into:
            out.append((review["target_id"], str(into)))
    return out


def claimant_splits(reviews: Iterable[dict[str, Any]]) -> dict[str, str]:
    """{source id: its name} of the live splits: that name is a claimant of its own."""
    return {r["target_id"]: _changes(r).get("source_name") or ""
            for r in claimant_reviews(reviews) if _changes(r).get("split")}


def apply_claimant_reviews(rows: Iterable[Any], reviews: Iterable[dict[str, Any]]) -> list[Any]:
    """Figure rows with the claimant merges and splits of the reviewers applied.

    A merged claimant's rows take the claimant merged into (its canonical name and side, as
    recorded; merges chain, A into B into C, and a cycle stops where it closes); a split
    name's rows are their own claimant: the name alone, no role linking it to another. Rows
    are dataclasses with `source_name`, `source_affiliation`, `source_kind`,
    `source_aliases` (`series.rows.FigureRow`).
    """
    rows = list(rows)
    live = claimant_reviews(reviews)
    if not live:
        return rows
    merges: dict[str, tuple[str, str | None]] = {}
    splits: set[str] = set()
    for review in live:
        ch = _changes(review)
        if ch.get("split") and (key := claimant_key(ch.get("source_name"))):
            splits.add(key)
        elif ch.get("into_name") and (key := claimant_key(ch.get("from_name"))):
            merges[key] = (ch["into_name"], ch.get("into_side"))

    def merged(key: str | None) -> tuple[str, str | None] | None:
        seen: set[str] = set()
        target = None
        while key in merges and key not in seen:
            seen.add(key)
            target = merges[key]
            key = claimant_key(target[0])
        return target

    memo: dict[tuple, dict[str, Any]] = {}
    out = []
    for row in rows:
        if row.source_name is None:
            out.append(row)
            continue
        k = (row.source_name, row.source_affiliation, row.source_kind, row.source_aliases)
        if k not in memo:
            updates: dict[str, Any] = {}
            name = clean_name(row.source_name)
            if name and claimant_key(name) in splits:
                updates = {"source_name": name, "source_aliases": (name,)}
            else:
                canon = canonical(row.source_name, row.source_affiliation, row.source_kind,
                                  tuple(a for a in row.source_aliases if a != row.source_name))
                target = merged(claimant_key(canon.name)) if canon.name else None
                if target is not None:
                    updates = {"source_name": target[0], "source_affiliation": target[1],
                               "source_aliases": tuple(dict.fromkeys((target[0], *canon.aliases)))}
            memo[k] = updates
        out.append(replace(row, **memo[k]) if memo[k] else row)
    return out
