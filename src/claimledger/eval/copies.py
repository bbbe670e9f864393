"""Scoring copy links against ../shared/gold/copies.json (the republication pairs of dev).

The articles of the chosen clusters go through the detector as ingest links them (dated,
with their publishers); two articles are *linked* when they count as one report, i.e. have
the same original (`original_key`), so a copy linked to its original's own original still
counts. Rows of the `series` suite:

- `copy pairs linked`: the share of gold pairs linked (k/n in the notes);
- `copy false links`: the number of linked article pairs that gold does not pair, directly or
  through a common original (m in the notes): two reports counted as one that are not;
- `copy links correct`: the share of linked pairs that gold pairs (1.0 when none is linked),
  the floor-able form of the line above;
- `copy direction` / `copy kind`: of the gold pairs linked, those with gold's original as
  the original, and with gold's kind (`copy`, `edited`, `mix`); informational.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence

from claimledger.eval.base import Metric
from claimledger.ledger.copies import CopyDetector, original_key, publisher_key
from claimledger.paths import shared_dir


def gold_pairs() -> list[dict]:
    """The pairs of ../shared/gold/copies.json (an empty list when the file is absent)."""
    path = shared_dir() / "gold" / "copies.json"
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["pairs"]


def _groups(pairs: list[dict]) -> dict[str, int]:
    """Article id -> its group of republications (gold pairs joined transitively)."""
    group: dict[str, int] = {}
    for n, p in enumerate(pairs):
        a, b = p["original"], p["copy"]
        ga, gb = group.get(a), group.get(b)
        if ga is None and gb is None:
            group[a] = group[b] = n
        elif ga is None or gb is None:
            group[a] = group[b] = ga if ga is not None else gb  # type: ignore[assignment]
        elif ga != gb:
            for k, v in list(group.items()):
                if v == gb:
                    group[k] = ga
    return group


def score_links(articles: Sequence[dict], pairs: Sequence[dict]) -> dict:
    """Links of `articles` (gold article dicts) against `pairs` among them."""
    ids = {a["id"] for a in articles}
    pairs = [p for p in pairs if p["original"] in ids and p["copy"] in ids]
    det = CopyDetector.rebuild(
        (a["id"], a["text"], a.get("published"), publisher_key(a.get("outlet"), a.get("url")))
        for a in articles
    )
    links = det.links()
    root = {a["id"]: original_key(a["id"], det.original_of(a["id"])) for a in articles}
    gold_group = _groups(pairs)
    linked = {frozenset(p) for p in itertools.combinations(sorted(ids), 2)
              if root[min(p)] == root[max(p)]}
    true_pairs = {frozenset(p) for p in linked
                  if (g := gold_group.get(min(p))) is not None and gold_group.get(max(p)) == g}
    found = [p for p in pairs if root[p["original"]] == root[p["copy"]]]
    direction = [p for p in found if links.get(p["copy"]) and links[p["copy"]].original_id == p["original"]]
    kind = [p for p in found
            if (m := links.get(p["copy"]) or links.get(p["original"])) and m.kind == p["kind"]]
    false = sorted(tuple(sorted(p)) for p in linked - true_pairs)
    return {
        "pairs": len(pairs),
        "linked": len(found),
        "false": false,
        "links": len(linked),
        "compared": len(ids) * (len(ids) - 1) // 2,
        "direction": len(direction),
        "kind": len(kind),
        "missed": [f"{p['original']} <- {p['copy']}" for p in pairs if p not in found],
    }


def metrics(articles: Sequence[dict], pairs: Sequence[dict] | None = None) -> tuple[list[Metric], list[str]]:
    """The copy rows and notes of the `series` suite for `articles` (see the module doc)."""
    s = score_links(articles, gold_pairs() if pairs is None else pairs)
    n, k, m = s["pairs"], s["linked"], len(s["false"])
    rows = [
        Metric("copy pairs linked", k / n if n else None, n=n),
        Metric("copy false links", float(m), n=s["compared"]),
        Metric("copy links correct", (s["links"] - m) / s["links"] if s["links"] else 1.0,
               n=s["links"]),
        Metric("copy direction", s["direction"] / k if k else None, n=k),
        Metric("copy kind", s["kind"] / k if k else None, n=k),
    ]
    notes = [f"copies: pairs linked {k}/{n}, false links {m}, direction {s['direction']}/{k},"
             f" kind {s['kind']}/{k}"]
    notes += [f"copies: missed {x}" for x in s["missed"]]
    notes += [f"copies: false link {a} ~ {b}" for a, b in s["false"]]
    return rows, notes
