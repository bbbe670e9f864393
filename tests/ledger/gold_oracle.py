"""Gold clusters as ledger input for the tests (the helpers live in `eval.series`)."""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.eval.series import (  # noqa: F401  (re-exported for the tests)
    compare_with_gold,
    document_inputs,
    oracle_extraction,
    side_names,
    store_extractions,
)


def load_cluster(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
