"""Article text as HTML with claims, cues, sources and figures marked, built from offsets.

The text is untrusted (it is whatever an outlet published, or whatever someone fed the
ledger), so it is never passed through as markup: it is cut at every mark boundary and each
fragment is escaped on its own. Marks may nest (a figure inside a claim's content inside a
larger quote) or cross (a source mention that overlaps a content span); crossing marks are
closed and reopened around the boundary so the HTML always nests, and every piece of a split
mark keeps its class and data attributes, so the page looks as if the marks simply overlapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: which mark goes outside when two cover the same characters (lower = outer)
LAYER = {"content": 0, "source": 1, "cue": 2, "hedge": 3, "time": 4, "figure": 5}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: `[start, end)` in the text, a style, and data attributes."""

    start: int
    end: int
    kind: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    title: str | None = None

    def _open(self) -> str:
        parts = [f'<mark class="hl hl-{escape(self.kind)}"']
        for key, value in sorted(self.attrs.items()):
            parts.append(f' data-{escape(key)}="{escape(value)}"')
        if self.title:
            parts.append(f' title="{escape(self.title)}"')
        return "".join(parts) + ">"


def _order(mark: Mark) -> tuple[int, int, int]:
    # all marks opened at one position: the one that ends last encloses the others
    return (-mark.end, LAYER.get(mark.kind, 9), mark.start)


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """Escaped HTML of `text` with every mark wrapped in a `<mark>` element.

    Marks outside the text or of zero length are dropped, never an error: a stale offset in
    the ledger must not take the page down.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, set[int]] = {}
    for idx, m in enumerate(valid):
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, set()).add(idx)
    index = {id(m): i for i, m in enumerate(valid)}
    cuts = sorted({0, n, *starts, *ends})

    out: list[str] = []
    stack: list[Mark] = []
    for pos, nxt in zip(cuts, cuts[1:] + [n], strict=True):
        closing = ends.get(pos, set())
        reopen: list[Mark] = []
        if closing and any(index[id(m)] in closing for m in stack):
            # close down to the deepest mark that ends here, keep the others to reopen
            while any(index[id(m)] in closing for m in stack):
                top = stack.pop()
                out.append("</mark>")
                if index[id(top)] not in closing:
                    reopen.append(top)
        for m in sorted(reopen + starts.get(pos, []), key=_order):
            out.append(m._open())
            stack.append(m)
        if nxt > pos:
            out.append(str(escape(text[pos:nxt])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
