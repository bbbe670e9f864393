"""Series: the same quantity, as claimed by one side, over time.

One direction of imports, from the figure rows up to the store-backed entry point:
`rows` (figure rows) <- `keys` (what makes two figures the same quantity) <- `intervals`
(whether two figures can both be true) <- `points` (the `Series` and `Point` model) <-
`flags` (within one side) and `estimate` (across sides) <- `build` (`build_series`,
`series_from_store`). The names below are the package's public face for the CLI, the web UI
and exports.
"""

from claimledger.ledger.series.build import build_series, gc_paused, series_from_store
from claimledger.ledger.series.points import Point, Series

__all__ = ["Point", "Series", "build_series", "gc_paused", "series_from_store"]
