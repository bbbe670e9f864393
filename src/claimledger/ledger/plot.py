"""Step charts of series: one line per claimant side, each point keyed to its outlets.

A running total is a step function (it stays at the last reported figure until the next
report), so the chart draws steps, not slopes. Bounds ("at least 39", "hundreds") are drawn
as error bars so a vague figure never looks precise. Output is deterministic (fixed SVG
hash salt, no date metadata): the same ledger gives the same chart bytes.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.documents import anchor_date

if TYPE_CHECKING:
    from claimledger.ledger.series import Point, Series


def _y(p: Point) -> float | None:
    v = p.value if p.value is not None else p.low
    return float(v) if v is not None else None


def _outlets(p: Point, limit: int = 3) -> str:
    names = sorted({r["outlet"] or r["document_id"] for r in p.reports})
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def plot_quantity(chosen: Series, sides: list[Series], output: str | Path) -> Path:
    """Draw `chosen` and the other sides' series of its quantity into `output` (.png/.svg).

    Each point carries a number; the key under the chart gives, per number, the side, the
    figure as worded and the outlets that reported it. Why numbers, not the outlet names on
    the chart: several sides often report on the same day, and their labels would overlap.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    output = Path(output)
    others = sorted((s for s in sides if s.id != chosen.id), key=lambda s: s.id)
    ordered = [chosen, *others]
    drawn = []  # (series index, x, y, point)
    for i, s in enumerate(ordered):
        for p in s.points:
            if (day := anchor_date(p.as_of)) and _y(p) is not None:
                drawn.append((i, date.fromisoformat(day), _y(p), p))
    key_lines = [
        f"{n}  {_side_label(ordered[i])}: {p.label()} ({p.as_of}) — {_outlets(p, limit=4)}"
        for n, (i, _, _, p) in enumerate(drawn, 1)
    ]
    height = 4.5 + 0.16 * len(key_lines)
    with matplotlib.rc_context({"svg.hashsalt": "claimledger", "svg.fonttype": "none", "font.size": 9}):
        fig = plt.figure(figsize=(9, height))
        chart_share = 4.5 / height
        ax = fig.add_axes((0.08, 1 - chart_share + 0.1 * chart_share, 0.9, 0.8 * chart_share))
        finite_tops = [y for _, _, y, _ in drawn]
        cap = max(finite_tops) * 1.25 if finite_tops else 1.0
        for i, s in reversed(list(enumerate(ordered))):  # the chosen series is drawn on top
            pts = [(x, y, p) for j, x, y, p in drawn if j == i]
            if not pts:
                continue
            color = f"C{i % 10}"
            ax.step([x for x, _, _ in pts], [y for _, y, _ in pts], where="post", color=color,
                    label=_side_label(s), linewidth=2.4 if i == 0 else 1.2, zorder=3 if i == 0 else 2)
            for x, y, p in pts:
                lo, hi = p.bounds
                if lo != hi:
                    top = min(hi, cap) if math.isfinite(hi) else max(y * 1.15, y + 1)
                    ax.errorbar([x], [y], yerr=[[max(0.0, y - lo)], [max(0.0, top - y)]], fmt="none",
                                ecolor=color, alpha=0.5, capsize=3, zorder=1)
                ax.plot([x], [y], "o", color=color, markersize=5 if i == 0 else 4, zorder=4)
        seen: dict[tuple, int] = {}
        for n, (i, x, y, _) in enumerate(drawn, 1):
            k = seen.get((x, y), 0)
            seen[(x, y)] = k + 1
            ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4 + 9 * k, 5),
                        fontsize=7, color=f"C{i % 10}")
        unit = chosen.unit + (" (cumulative)" if chosen.cumulative else " (per period)")
        ax.set_title(f"{chosen.event} — {unit} — {chosen.location or 'unplaced'}")
        ax.set_ylabel(chosen.unit)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        for tick in ax.get_xticklabels():
            tick.set_rotation(25)
            tick.set_horizontalalignment("right")
        ax.grid(True, alpha=0.3)
        handles, labels = ax.get_legend_handles_labels()
        if handles:  # drawn last-first so the chosen line is on top; listed first-first
            ax.legend(handles[::-1], labels[::-1], loc="best", fontsize=7)
        fig.text(0.02, 1 - chart_share - 0.02 / height, "\n".join(key_lines), fontsize=7,
                 va="top", ha="left", family="monospace")
        if output.suffix.lower() == ".svg":
            fig.savefig(output, format="svg", metadata={"Date": None})
        else:
            fig.savefig(output, format="png", dpi=120, metadata={"Software": None})
        plt.close(fig)
    return output


def _side_label(s: Series) -> str:
    return s.claimant.get("affiliation") or s.claimant.get("name") or s.side
