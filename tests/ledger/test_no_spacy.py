"""The ledger, its readers and the web UI never load spaCy: `serve`, `claims`, `series` and
`export` start in a fraction of a second, and only a run that extracts pays for the pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest

#: modules a reader of the ledger imports; `ingest` and `parallel` load the pipeline lazily
READERS = (
    "claimledger.ledger.store",
    "claimledger.ledger.reads",
    "claimledger.ledger.series",
    "claimledger.ledger.export",
    "claimledger.ledger.plot",
    "claimledger.ledger.reviews",
    "claimledger.ledger.ingest",
    "claimledger.ledger.parallel",
    "claimledger.web.app",
)


@pytest.mark.parametrize("module", READERS)
def test_importing_a_ledger_module_does_not_load_spacy(module):
    # a fresh interpreter: the test session itself has spaCy loaded long ago
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
