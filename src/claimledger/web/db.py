"""Read-only, time-limited access to the ledger database for the web server.

Like Datasette, the server never reads through a connection that could write: each request
opens the `Store` read-only (`file:...?mode=ro`, cheap for SQLite) so a bug in a page can never change the ledger,
and a progress handler aborts any query that runs past the time limit so one pathological
search cannot hold a worker. Writes (reviews) go through `writer()`, which the app only uses
when it was started with a review token.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from claimledger.errors import StoreError
from claimledger.ledger.reads import without_stored_only
from claimledger.ledger.store import Store

T = TypeVar("T")

_VERSION_SQL = (
    "SELECT (SELECT max(rowid) FROM documents) AS documents,"
    " (SELECT max(id) FROM reviews) AS reviews,"
    " (SELECT count(*) FROM reviews WHERE undone_at IS NOT NULL) AS undone"
)

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
        self._cache: dict[str, tuple[tuple, Any]] = {}
        self._locks: dict[str, threading.Lock] = {}
        with self.reader():  # fail at start-up, not on the first request, if it is no ledger
            pass

    @contextmanager
    def reader(self, time_limit_ms: int | None = None) -> Iterator[Reader]:
        """A read-only `Store` (`mode=ro`) each of whose queries stops at the time limit."""
        limit = time_limit_ms or self.time_limit_ms
        store = Store(self.path, readonly=True, timeout=limit / 1000)
        try:
            yield Reader(store, limit)
        finally:
            store.close()

    def stamp(self) -> tuple:
        """What changes whenever the ledger is written: the (size, mtime) of the database
        and its WAL, plus the row counts that reviews and ingests move (two writes within one
        mtime tick still give different stamps)."""
        out: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = self.path.with_name(self.path.name + suffix).stat()
                out.append((st.st_size, st.st_mtime_ns))
            except FileNotFoundError:
                out.append(None)
        with self.reader() as db:
            out.append(tuple(db.one(_VERSION_SQL).values()))  # type: ignore[union-attr]
        return tuple(out)

    def cached(self, name: str, compute: Callable[[Reader], T], time_limit_ms: int) -> T:
        """`compute(reader)` once per state of the database files, then from memory.

        For the reads that summarise the whole ledger (series, claimants): an ingest or a
        review changes the stamp, and the next request recomputes; requests in between cost a
        dictionary lookup. One computation at a time per name, so a burst of first requests
        does the work once.
        """
        with self._locks.setdefault(name, threading.Lock()):
            stamp = self.stamp()
            hit = self._cache.get(name)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            with self.reader(time_limit_ms) as reader:
                value = compute(reader)
            self._cache[name] = (stamp, value)
            return value

    def fresh(self, name: str) -> bool:
        """Whether `cached(name, ...)` would answer from memory right now."""
        hit = self._cache.get(name)
        return hit is not None and hit[0] == self.stamp()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The read-write `Store` inside one transaction (committed on success)."""
        with Store(self.path) as store, store.batch():
            yield store


class Reader:
    """A read-only store plus parameterised queries of the web pages' own, as plain dicts.

    Every query, whether run here (`all`, `one`, `scalar`), by a `Store` read helper through
    `store`, or on `conn`, gets the full time limit from the moment it starts: a progress
    handler compares the clock with a deadline that each of those re-arms. Work done in
    Python between queries (building series) is not limited.
    """

    def __init__(self, store: Store, time_limit_ms: int) -> None:
        self._conn = store.conn
        self.time_limit_ms = time_limit_ms
        self._deadline = 0.0
        self._conn.set_progress_handler(self._expired, _PROGRESS_STEPS)
        self.store = _Armed(store, self.arm)

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, for code that takes one (`ledger.reviews`); each use re-arms."""
        self.arm()
        return self._conn

    def _expired(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def arm(self) -> None:
        """Start the time limit of the next query."""
        self._deadline = time.monotonic() + self.time_limit_ms / 1000

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Every row of a query as a dict; raises `QueryTimeout` past the time limit."""
        self.arm()
        try:
            # without the stored-only columns a `SELECT c.*` returns (`reads.STORED_ONLY`)
            return [without_stored_only(row) for row in self._conn.execute(sql, params).fetchall()]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(
                    f"a query took longer than {self.time_limit_ms} ms and was stopped"
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


class _Armed:
    """A `Store` whose read helpers re-arm the time limit before they run (and so does
    reaching for its `conn`, as code that queries it directly does just before a query)."""

    def __init__(self, store: Store, arm: Callable[[], None]) -> None:
        self._store = store
        self._arm = arm

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if name == "conn":  # a query about to run on it directly (`ledger.series.rows`); note
            self._arm()  # that a connection is callable: it must not be wrapped below
            return attr
        if not callable(attr):
            return attr

        def armed(*args: Any, **kwargs: Any) -> Any:
            self._arm()
            return attr(*args, **kwargs)

        return armed
