"""Running extraction in this process or in N worker processes, with results in input order.

Why flat rows: a spaCy Doc or the `nlp` object must never cross a process boundary (slow to
pickle, and spaCy#2522/#4737/#13506). Workers receive plain dicts (the fields of a
`DocumentInput`) and send back each extraction already turned into the ledger's rows
(`store.prepare`: a tuple of plain values) with the text's copy signature
(`copies.signature`), so the single writer, the serial part of a parallel run, only inserts
and links copies: no JSON round trip, no second validation of the model, no flattening, no
shingling. Each worker loads the pipeline once. Why a bounded window instead of
`Pool.imap`: `imap` drains its input in a background thread, which would fetch every URL and
hold every text in memory up front; the window holds `WINDOW_PER_WORKER` chunks per worker,
enough that a long chunk at the head does not leave the other workers without work.

A document that makes the pipeline fail is reported on its own (one `(False, message)`
result); the others of its chunk are extracted again one by one, so one bad article never
costs its neighbours.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from claimledger.documents import DocumentInput, pipeline_version
from claimledger.errors import ClaimledgerError, ModelError, failure_line
from claimledger.ledger.copies import publisher_key, signature
from claimledger.ledger.store import PreparedDocument, prepare

if TYPE_CHECKING:  # loaded where a pipeline starts: importing the engine never loads spaCy
    from claimledger.extract import Extractor

#: (True, the document's rows) or (False, its one-line error) per document
Result = tuple[bool, PreparedDocument | str]

#: chunks in flight per worker process: one running, the rest queued behind it
WINDOW_PER_WORKER = 4

_worker_extractor: Extractor | None = None
#: the pipeline version the worker's rows are prepared under (set by the parent)
_worker_version: str | None = None


def to_row(doc: DocumentInput) -> dict[str, Any]:
    """The picklable, flat form of a `DocumentInput` (no `meta`)."""
    row = asdict(doc)
    row.pop("meta", None)
    return row


def _prepared(got: Any, version: str) -> Result:
    """A document's result: its rows, or the one line the writer would have reported."""
    if isinstance(got, Exception):
        return False, failure_line(got)
    try:
        rows = prepare(got, version)
        d = got.document
        return True, rows._replace(signature=signature(d.text, d.published, publisher_key(d.outlet, d.url)))
    except ClaimledgerError as exc:  # the ledger cannot hold it (a non-finite figure, ...)
        return False, str(exc)
    except Exception as exc:  # as `ingest.one_document` words it: never the bug's text
        return False, f"document could not be stored ({type(exc).__name__})"


def extract_rows(extractor: Extractor, rows: list[dict[str, Any]], version: str) -> list[Result]:
    """Extract a chunk and prepare each result's rows under pipeline `version`; a document the
    pipeline fails on fails alone (`Extractor.extract_each`). Any engine (local processes,
    a cluster) runs this where the extraction is made."""
    return [
        _prepared(got, version)
        for got in extractor.extract_each([DocumentInput(**r) for r in rows], batch_size=len(rows) or 1)
    ]


def _safe_extract(extractor: Extractor, rows: list[dict[str, Any]], version: str) -> list[Result]:
    try:
        return extract_rows(extractor, rows, version)
    except Exception as exc:
        return [(False, failure_line(exc))] * len(rows)


_worker_error: str | None = None


#: prctl(2) option: the signal the kernel sends this process when its parent dies
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Make this worker exit as soon as the process that started it is gone.

    Why: a parent killed with -9 never terminates its pool; a worker busy loading the
    pipeline or extracting a long chunk would run on for seconds, holding memory and CPU.
    On Linux the kernel kills the worker (PR_SET_PDEATHSIG); elsewhere a watchdog thread
    polls the parent id. Either way a parent that died before this ran is caught at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="claimledger-parent-watch", daemon=True).start()


def _init_worker(model: str | None, parent: int, version: str | None = None) -> None:
    # an exception here would make the pool respawn the worker forever: keep it for `_work`
    global _worker_extractor, _worker_error, _worker_version
    _worker_version = version
    _die_with_parent(parent)
    # Ctrl-C is the parent's to handle (it commits and terminates the pool); workers that
    # also caught it would only print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from claimledger.extract import Extractor

        _worker_extractor = Extractor(model=model)
    except Exception as exc:
        _worker_error = (
            exc.args[0] if isinstance(exc, ClaimledgerError) and exc.args else f"{type(exc).__name__}: {exc}"
        )


def _work(rows: list[dict[str, Any]]) -> list[Result] | str:
    """A chunk's results, or the worker's start-up error as a plain string."""
    global _worker_version
    if _worker_extractor is None:
        return _worker_error or "worker has no pipeline"
    if _worker_version is None:
        _worker_version = pipeline_version()
    return _safe_extract(_worker_extractor, rows, _worker_version)


def _results(got: list[Result] | str) -> list[Result]:
    if isinstance(got, str):
        raise ModelError(f"a worker could not load the pipeline: {got}")
    return got


#: the thread pools of the numeric libraries under spaCy (OpenMP, OpenBLAS, MKL, numexpr)
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                     "NUMEXPR_NUM_THREADS")


@contextmanager
def _one_thread_per_worker() -> Iterator[None]:
    """Start workers with one thread per numeric library (unless the user set a number).

    Why: each worker is one process per core; a BLAS pool of its own in each would put N
    workers x N threads on N cores, and the extra threads cost CPU without adding any
    (measured: 0.256 CPU-s per document with two workers, 0.216 with one). Spawned workers
    read the environment at start; the parent's is restored at once.
    """
    saved = {k: os.environ.get(k) for k in _THREAD_VARIABLES}
    for k, v in saved.items():
        if v is None:
            os.environ[k] = "1"
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)


class ExtractionEngine:
    """Extracts chunks of documents; `workers > 1` uses a pool of spawned processes.

    Results are the ledger rows of each document (`store.prepare`) under `version` (the
    pipeline version of `model` unless given). Use as a context manager so worker
    processes are always reaped.
    """

    def __init__(
        self, workers: int = 1, extractor: Extractor | None = None, model: str | None = None,
        version: str | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.model = model
        self.version = version or pipeline_version(model)
        self._extractor = extractor
        self._pool: Any = None

    def __enter__(self) -> ExtractionEngine:
        return self

    def _start(self) -> None:
        """Load the pipeline (here or in the pool) when the first chunk arrives, so a run
        that finds every document already stored never pays for it."""
        if self.workers > 1:
            if self._pool is None:
                # spawn, not fork: the parent may run threads (progress bar, HTTP pool)
                ctx = multiprocessing.get_context("spawn")
                with _one_thread_per_worker():
                    self._pool = ctx.Pool(
                        self.workers, initializer=_init_worker,
                        initargs=(self.model, os.getpid(), self.version),
                    )
        elif self._extractor is None:
            from claimledger.extract import Extractor

            self._extractor = Extractor(model=self.model)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(self, chunks: Iterable[tuple[Any, list[DocumentInput]]]) -> Iterator[tuple[Any, list[Result]]]:
        """Yield `(tag, results)` per chunk, in input order; `tag` is passed through."""
        if self.workers == 1:
            for tag, docs in chunks:
                self._start()
                assert self._extractor is not None
                yield tag, _safe_extract(self._extractor, [to_row(d) for d in docs], self.version)
            return
        window: deque = deque()
        limit = self.workers * WINDOW_PER_WORKER
        for tag, docs in chunks:
            self._start()
            window.append((tag, self._pool.apply_async(_work, ([to_row(d) for d in docs],))))
            while len(window) >= limit:
                head_tag, res = window.popleft()
                yield head_tag, _results(res.get())
        while window:
            head_tag, res = window.popleft()
            yield head_tag, _results(res.get())
