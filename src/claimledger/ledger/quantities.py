"""Transitional: the one old import path `ledger/series_commands.py` still uses.

The keys moved to `claimledger.ledger.series.keys`; this module goes when the CLI moves into
`cli/` with its imports pointed there (the merge of the restructure). Nothing else imports it.
"""

from claimledger.ledger.series.keys import claimant_key, place_key, same_place

__all__ = ["claimant_key", "place_key", "same_place"]
