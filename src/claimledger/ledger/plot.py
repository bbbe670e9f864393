"""Step charts of series: one line per claimant side, each point labelled with its outlets.

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
    """Draw `chosen` and the other sides' series of its quantity into `output` (.png/.svg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    output = Path(output)
    ordered = [chosen] + sorted((s for s in sides if s.id != chosen.id), key=lambda s: s.id)
    with matplotlib.rc_context({"svg.hashsalt": "claimledger", "svg.fonttype": "none", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(9, 5))
        for i, s in enumerate(ordered):
            pts = [(date.fromisoformat(p.as_of[:10]), _y(p), p) for p in s.points
                   if p.as_of and _y(p) is not None]
            if not pts:
                continue
            label = s.claimant.get("affiliation") or s.claimant.get("name") or s.side
            color = f"C{i % 10}"
            xs = [x for x, _, _ in pts]
            ys = [y for _, y, _ in pts]
            ax.step(xs, ys, where="post", color=color, label=label,
                    linewidth=2.2 if s is chosen else 1.2)
            for x, y, p in pts:
                lo, hi = p.bounds
                if p.qualifier != "exact" and y is not None:
                    top = hi if math.isfinite(hi) else y * 1.15
                    ax.errorbar([x], [y], yerr=[[max(0.0, y - lo)], [max(0.0, top - y)]],
                                fmt="o", color=color, capsize=3, markersize=4)
                else:
                    ax.plot([x], [y], "o", color=color, markersize=4)
                ax.annotate(f"{p.label()} · {_outlets(p)}", (x, y), textcoords="offset points",
                            xytext=(4, 6), fontsize=7, color=color)
        unit = chosen.unit + (" (cumulative)" if chosen.cumulative else " (per period)")
        ax.set_title(f"{chosen.event} — {unit} — {chosen.location or 'unplaced'}")
        ax.set_ylabel(chosen.unit)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        fig.autofmt_xdate()
        ax.grid(True, alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best")
        fig.tight_layout()
        if output.suffix.lower() == ".svg":
            fig.savefig(output, format="svg", metadata={"Date": None})
        else:
            fig.savefig(output, format="png", dpi=120, metadata={"Software": None})
        plt.close(fig)
    return output
