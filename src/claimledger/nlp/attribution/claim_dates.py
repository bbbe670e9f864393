"""When a source made a statement: the dated time expression in the attribution's frame.

"In remarks carried by Russian state media Friday, May 20, … Shoigu said:" dates Shoigu's
quote; "Shoigu said the plant was empty on Friday" does not date the saying (the date is in
what was said). So a time row (`doc._.times`, with a resolved `date`) counts only when it lies
inside the cue's frame (its subtree, up to a coordinated clause) and outside the content, any
quotation and the source mention; the one nearest the cue wins. Otherwise None, and the
assembler inherits or defaults.
"""

from __future__ import annotations


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def stated_on(
    text: str,
    times: list[dict],
    row: dict,
    frame: list[int] | None,
    blocked: list[tuple[int, int]],
) -> dict | None:
    """{"date", "precision", "text"} of the time row that dates claim `row`, or None."""
    if frame is None or not times:
        return None
    cue = row["cue"] or frame
    best: tuple[int, dict] | None = None
    for t in times:
        if not t.get("date") or not t.get("precision"):
            continue
        span = (t["start"], t["end"])
        if not (frame[0] <= span[0] and span[1] <= frame[1]):
            continue
        if _overlap(span, row["content"]) or any(_overlap(span, b) for b in blocked):
            continue
        if row.get("source_mention") and _overlap(span, row["source_mention"]):
            continue
        dist = min(abs(span[0] - cue[1]), abs(cue[0] - span[1]))
        if best is None or dist < best[0]:
            best = (dist, t)
    if best is None:
        return None
    t = best[1]
    return {"date": t["date"], "precision": t["precision"], "text": text[t["start"] : t["end"]]}
