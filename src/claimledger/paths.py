"""Where the shared corpora live: `CLAIMLEDGER_SHARED`, else `../shared` beside the checkout."""

from __future__ import annotations

from pathlib import Path

from claimledger import settings
from claimledger.errors import InputError


def shared_dir() -> Path:
    """The shared folder (gold clusters, corpora, schema); an `InputError` if it is absent."""
    override = settings.shared_override()
    candidates = [override] if override else []
    here = Path(__file__).resolve()
    candidates += [here.parents[2].parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    for cand in candidates:
        if (cand / "gold").is_dir() or (cand / "data").is_dir():
            return cand
    raise InputError("cannot find the shared corpora: set CLAIMLEDGER_SHARED to the shared/ folder")
