"""Exporting the ledger: JSONL extractions, flat tables (CSV, Parquet), and ACLED-style rows.

- `jsonl`: one extraction per line, exactly the JSON contract of `claimledger extract`,
  plus a `ledger` object (copy link, pipeline version, first seen): re-importable.
- `csv` / `parquet`: one table (`figures` by default; or `claims`, `sources`, `documents`)
  with the joined context a spreadsheet user needs (source name, outlet, date, url). Lists
  (hedges, mentions) are JSON strings so every cell is a scalar.
- `acled`: one row per event-date (a quantity's series with their estimate,
  `series.estimate`), the conservative figure ACLED would code, every outlet that reported it,
  and a note naming the dispute, with ACLED's event and sub-event types beside ours.

Rows come out in a fixed order, so the same ledger exports to the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from claimledger.data import load_lexicon
from claimledger.errors import ClaimledgerError, InputError
from claimledger.ledger.store import Store

FORMATS = ("jsonl", "csv", "parquet", "acled")
TABLES = ("figures", "claims", "sources", "documents")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "location",
    "fatalities",
    "event",
    "unit",
    "cumulative",
    "figure",
    "figure_basis",
    "claimant",
    "disputed",
    "independent_reports",
    "source",
    "urls",
    "notes",
    "series_ids",
)


class ExportError(ClaimledgerError):
    """An export that cannot be written (unknown format, missing optional library)."""

    code = "E041"


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def table_rows(store: Store, table: str = "figures") -> list[dict[str, Any]]:
    """All rows of one ledger table with their joined context, cells flattened."""
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    rows = getattr(store, table)(limit=None)
    return [{k: _cell(v) for k, v in row.items()} for row in rows]


def iter_jsonl(store: Store) -> Iterator[str]:
    """One line per document: its extraction plus the ledger's bookkeeping."""
    for doc in store.documents(limit=None):
        extraction = store.extraction(doc["id"])
        assert extraction is not None
        data = extraction.model_dump(mode="json")
        data["ledger"] = {
            "copy_of": doc["copy_of"],
            "copy_similarity": doc["copy_similarity"],
            "canonical_url": doc["canonical_url"],
            "first_seen": doc["first_seen"],
            "pipeline_version": doc["pipeline_version"],
        }
        yield json.dumps(data, ensure_ascii=False)


def acled_rows(store: Store) -> list[dict[str, Any]]:
    """One row per (quantity, date) estimate of the reconciled series."""
    from claimledger.ledger.series import series_from_store

    lex = load_lexicon("acled_events")
    fatal = set(lex["counts"]["fatalities"])
    by_quantity: dict[str, list] = {}
    for s in series_from_store(store):
        by_quantity.setdefault(s.quantity, []).append(s)
    rows = []
    for qty in sorted(by_quantity):
        members = sorted(by_quantity[qty], key=lambda s: s.id)
        first = members[0]
        for est in first.estimates:
            day = est["as_of"]
            reports = [
                r for s in members for p in (*s.points, *s.vague) if p.as_of == day for r in p.reports
            ]
            keys = {
                p_key
                for s in members
                for p in (*s.points, *s.vague)
                if p.as_of == day
                for p_key in p.report_keys
            }
            outlets = sorted({r["outlet"] or r["document_id"] for r in reports})
            urls = sorted({r["url"] for r in reports if r.get("url")})
            value = est.get("value")
            basis = est.get("basis") or {}
            event_date = iso_day(day)
            rows.append(
                {
                    "event_id": "cl-" + hashlib.sha1(f"{qty}|{day}".encode()).hexdigest()[:12],
                    "event_date": event_date,
                    "year": int(event_date[:4]) if event_date else None,
                    "event_type": lex["event_type"].get(first.event, lex["event_type"]["other"]),
                    "sub_event_type": lex["sub_event_type"].get(
                        first.event, lex["sub_event_type"]["other"]
                    ),
                    "location": first.location,
                    "fatalities": value if first.event in fatal else None,
                    "event": first.event,
                    "unit": first.unit,
                    "cumulative": first.cumulative,
                    "figure": value,
                    "figure_basis": basis.get("label"),
                    "claimant": basis.get("claimant"),
                    "disputed": bool(est.get("disputed")),
                    "independent_reports": len(keys),
                    "source": "; ".join(outlets),
                    "urls": " ".join(urls),
                    "notes": est.get("note"),
                    "series_ids": " ".join(s.id for s in members),
                }
            )
    rows.sort(key=lambda r: (r["event_date"] or "", r["event"] or "", r["location"] or "", r["event_id"]))
    return rows


def iso_day(day: str | None) -> str | None:
    """`day` when it is a calendar date written YYYY-MM-DD (years 0001-9999), else None.

    Why: ACLED's `event_date` is a date column; a figure's as-of date is whatever the time
    expressions of its text resolved to, and hostile text can make that `-7978-01-01`.
    """
    if day is None or not _ISO_DAY.fullmatch(day):
        return None
    try:
        return date.fromisoformat(day).isoformat()
    except ValueError:  # 2022-02-30, 0000-01-01
        return None


def _write_csv(rows: list[dict[str, Any]], out: Path, columns: tuple[str, ...] | None) -> None:
    fields = list(columns or (rows[0].keys() if rows else ()))
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _write_parquet(rows: list[dict[str, Any]], out: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("parquet export needs pyarrow: pip install pyarrow") from None
    pq.write_table(pa.Table.from_pylist(rows), out)


def export(store: Store, format: str, out: str | Path, table: str = "figures") -> int:
    """Write the ledger to `out` in `format`; returns the number of rows (lines) written."""
    if format not in FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if not out.parent.exists():
        raise InputError(f"{out}: directory {out.parent} does not exist")
    tmp = out.with_name(out.name + ".part")
    try:
        if format == "jsonl":
            n = 0
            with tmp.open("w", encoding="utf-8") as fh:
                for line in iter_jsonl(store):
                    fh.write(line + "\n")
                    n += 1
        elif format == "acled":
            rows = acled_rows(store)
            _write_csv(rows, tmp, ACLED_COLUMNS)
            n = len(rows)
        else:
            rows = table_rows(store, table)
            if format == "csv":
                _write_csv(rows, tmp, None)
            else:
                _write_parquet(rows, tmp)
            n = len(rows)
        tmp.replace(out)  # a half-written export never replaces a good one
    finally:
        tmp.unlink(missing_ok=True)
    return n
