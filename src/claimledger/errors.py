"""Errors users see as one line. Each carries a code so messages can be looked up and tested."""

from __future__ import annotations


class ClaimledgerError(Exception):
    """Base class: the CLI prints `error: <message>` and exits with `exit_code`."""

    code = "E000"
    exit_code = 1

    def __str__(self) -> str:  # one line, always
        msg = super().__str__().replace("\n", " ").strip()
        return f"{msg} [{self.code}]"


class InputError(ClaimledgerError):
    """The input cannot be analysed: empty file name, binary or undecodable bytes, too large."""

    code = "E001"
    exit_code = 2


class DateError(InputError):
    """A `published` date that is not an ISO 8601 date or date-time."""

    code = "E002"


class JsonlError(InputError):
    """A malformed line in a JSONL batch; the message names the line."""

    code = "E003"


class LexiconError(ClaimledgerError):
    """A lexicon data file that is unreadable or has an empty group."""

    code = "E010"


class ModelError(ClaimledgerError):
    """No usable spaCy English pipeline is installed."""

    code = "E020"


class FetchError(ClaimledgerError):
    """A URL could not be fetched (timeout, HTTP error, too many redirects)."""

    code = "E030"


class StoreError(ClaimledgerError):
    """The ledger database cannot be opened or written."""

    code = "E040"


def failure_line(exc: BaseException) -> str:
    """The one-line message of a document whose extraction failed.

    A `ClaimledgerError` says what was wrong with the input; anything else is a bug, named by
    its type but never echoing its text (which can hold a traceback's worth of internals or
    the input itself).
    """
    if isinstance(exc, ClaimledgerError):
        return str(exc)
    return f"extraction failed (internal error: {type(exc).__name__})"
