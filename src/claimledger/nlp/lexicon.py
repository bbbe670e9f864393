"""Named vocabularies (cue verbs, approximators, event words, source-kind words) from data files.

Heuristics are data: each lexicon is a TOML file in `nlp/lexicons/`, grouped by concept
(one table of named lists, or nested tables). A group that is empty is refused at load
time, so a typo in a data file fails loudly instead of silently disabling a rule.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimledger.errors import LexiconError


def lexicon_path(name: str) -> Path:
    """Path of the packaged lexicon `name` (without extension)."""
    return Path(str(resources.files("claimledger.nlp") / "lexicons" / f"{name}.toml"))


def _check(value: Any, where: str) -> None:
    if isinstance(value, dict):
        if not value:
            raise LexiconError(f"lexicon group {where} is empty")
        for key, sub in value.items():
            _check(sub, f"{where}.{key}")
    elif isinstance(value, list) and not value:
        raise LexiconError(f"lexicon group {where} is empty")


def load_lexicon_file(path: str | Path) -> dict[str, Any]:
    """Load and check one TOML lexicon file (used for user-supplied overrides too)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon {path.name}: {exc}") from exc
    _check(data, path.stem)
    return data


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Load the packaged lexicon `name`; cached, so a pipeline reads each file once."""
    return load_lexicon_file(lexicon_path(name))
