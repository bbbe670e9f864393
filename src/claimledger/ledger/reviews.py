"""Human reviews (written by the web UI) applied to figure rows before series are built.

A review targets a claim or a figure by global id, with a verdict: `confirm` (no change),
`reject` (the item drops out of every series) or `correct` (`changes_json` holds the
corrected fields). Undone reviews (`undone_at` set) are ignored; of several live reviews of
one target the latest (highest id) wins, so a reviewer can change their mind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

#: figure fields a correction may set, and the row field each one maps to
FIGURE_FIELDS = {
    "value": "value",
    "low": "low",
    "high": "high",
    "qualifier": "qualifier",
    "event": "event",
    "unit": "unit",
    "location": "location",
    "as_of": "as_of",
    "cumulative": "cumulative",
}
#: claim fields a correction may set (the claimant), and the row field each maps to
CLAIM_FIELDS = {
    "source": "source_name",
    "source_name": "source_name",
    "affiliation": "source_affiliation",
    "source_affiliation": "source_affiliation",
    "stated_on": "as_of",
}


def _changes(review: dict) -> dict[str, Any]:
    raw = review.get("changes_json") or review.get("changes") or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            return {}
    return raw if isinstance(raw, dict) else {}


def live_reviews(reviews: Iterable[dict]) -> dict[tuple[str, str], dict]:
    """The review in force per (target_type, target_id): not undone, latest id."""
    out: dict[tuple[str, str], dict] = {}
    for r in sorted(reviews, key=lambda r: r.get("id") or 0):
        if r.get("undone_at"):
            continue
        out[(r["target_type"], r["target_id"])] = r
    return out


def _apply(row: Any, changes: dict, fields: dict[str, str]) -> Any:
    updates = {fields[k]: v for k, v in changes.items() if k in fields}
    if isinstance(updates.get("as_of"), dict):  # a When {"date", ...}
        updates["as_of"] = updates["as_of"].get("date")
    if "source_name" in updates:
        name = updates["source_name"]
        if "source_affiliation" not in updates:
            updates["source_affiliation"] = None  # the old source's affiliation no longer holds
        updates["source_aliases"] = (name,) if name else ()
    return replace(row, **updates) if updates else row


def apply_reviews(rows: Iterable[Any], reviews: Iterable[dict]) -> list[Any]:
    """Rows with reviews applied: rejected claims/figures dropped, corrections used."""
    live = live_reviews(reviews)
    out = []
    for row in rows:
        claim = live.get(("claim", row.claim_id)) if row.claim_id else None
        figure = live.get(("figure", row.figure_id))
        if (claim and claim["verdict"] == "reject") or (figure and figure["verdict"] == "reject"):
            continue
        if claim and claim["verdict"] == "correct":
            row = _apply(row, _changes(claim), CLAIM_FIELDS)
        if figure and figure["verdict"] == "correct":
            row = _apply(row, _changes(figure), FIGURE_FIELDS)
        out.append(row)
    return out
