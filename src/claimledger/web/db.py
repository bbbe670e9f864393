"""Read-only, time-limited access to the ledger database for the web server.

Like Datasette, the server never reads through a connection that could write: each request
opens the `Store` read-only (`file:...?mode=ro`, cheap for SQLite) so a bug in a page can never change the ledger,
and a progress handler aborts any query that runs past the time limit so one pathological
search cannot hold a worker. Writes (reviews) go through `writer()`, which the app only uses
when it was started with a review token.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from claimledger.errors import StoreError
from claimledger.ledger.store import Store

#: SQLite calls the progress handler every this many virtual-machine instructions
_PROGRESS_STEPS = 1000


class QueryTimeout(StoreError):
    """A query ran past the server's time limit and was interrupted."""

    code = "E041"


class Database:
    """Opens a ledger file for one request: read-only with a deadline, or as the writer."""

    def __init__(self, path: str | Path, time_limit_ms: int = 1000) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such ledger database")
        self.time_limit_ms = time_limit_ms
        with self.reader():  # fail at start-up, not on the first request, if it is no ledger
            pass

    @contextmanager
    def reader(self, time_limit_ms: int | None = None) -> Iterator[Reader]:
        """A read-only `Store` (`mode=ro`) whose queries stop at the request's deadline."""
        limit = time_limit_ms or self.time_limit_ms
        store = Store(self.path, readonly=True, timeout=limit / 1000)
        deadline = time.monotonic() + limit / 1000
        store.conn.set_progress_handler(
            lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS
        )
        try:
            yield Reader(store, limit)
        finally:
            store.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The read-write `Store` inside one transaction (committed on success)."""
        with Store(self.path) as store, store.batch():
            yield store


class Reader:
    """A read-only store plus parameterised queries of the web pages' own, as plain dicts."""

    def __init__(self, store: Store, time_limit_ms: int) -> None:
        self.store = store
        self.conn = store.conn
        self.time_limit_ms = time_limit_ms

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Every row of a query as a dict; raises `QueryTimeout` past the deadline."""
        try:
            return [dict(row) for row in self.conn.execute(sql, params).fetchall()]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(
                    f"the request took longer than {self.time_limit_ms} ms and was stopped"
                ) from None
            raise

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        """The first row of a query, or None."""
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None
