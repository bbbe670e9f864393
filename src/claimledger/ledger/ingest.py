"""Ingest: INPUT arguments in, ledger rows out, with one writer and batched commits.

The flow is a pipeline of three parts, all driven from the calling thread:

1. `InputExpander` turns inputs into items (files, JSONL lines, pages, feed entries);
   items already in the ledger (same canonical URL, same normalised text) are skipped
   *before* any fetching or extraction, which is what makes a re-run cheap.
2. `ExtractionEngine` analyses chunks of documents here or in N processes, and turns each
   extraction into the ledger's rows there (`store.prepare`), with the text's copy
   signature (`copies.signature`: shingles and MinHash, the costly part of copy detection).
3. The single writer inserts each document's rows, links copies (`copies.CopyDetector`: an
   LSH query and a verification against the worker's signature) and
   commits every `commit_every` documents or `commit_seconds`, whichever comes first. It is
   the serial part of a parallel run, so it does nothing a worker can do.

Why this is safe to kill: a document is either in a committed transaction or not in the
database at all, and the run's counters are written in the same transaction as the rows
they count. A killed run is re-run with the same arguments; it skips what is there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.documents import DocumentInput, pipeline_version
from claimledger.errors import ClaimledgerError, StoreError
from claimledger.ingest.fetch import Fetcher
from claimledger.ingest.inputs import InputExpander, Item
from claimledger.ingest.urls import canonical_url
from claimledger.ledger.copies import CopyDetector, CopyMatch, publisher_key, record_link
from claimledger.ledger.parallel import ExtractionEngine
from claimledger.ledger.progress import IngestProgress
from claimledger.ledger.store import PreparedDocument, Store, check_document, printable, text_hash
from claimledger.model import Extraction

if TYPE_CHECKING:  # the pipeline (spaCy) loads only when a run extracts something
    from claimledger.extract import Extractor

#: documents sent to a worker at once
CHUNK_SIZE = 8


@dataclass
class RunReport:
    """What an ingest or reextract run did; `failed` > 0 makes the command exit non-zero.

    One shape for both, under the names of the `runs` table: a reextract's `new` documents
    are the ones it re-extracted, its `known` ones those already at the current pipeline.
    """

    command: str = "ingest"
    #: the pipeline version the run stored its extractions under
    pipeline_version: str = ""
    new: int = 0
    known: int = 0
    copies: int = 0
    failed: int = 0
    claims: int = 0
    figures: int = 0
    elapsed: float = 0.0
    #: wall time spent in the writer (storing, copy detection, commits): the serial part
    write_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.known + self.failed

    def counters(self) -> dict[str, int]:
        """The counts under the column names of the `runs` table."""
        return {
            "documents_new": self.new,
            "documents_known": self.known,
            "copies": self.copies,
            "failed": self.failed,
            "claims": self.claims,
            "figures": self.figures,
        }

    def fail(self, line: str) -> None:
        """Count a failed item and keep its one-line error."""
        self.failed += 1
        self.errors.append(line)

    def stored(self, extraction: Extraction | PreparedDocument) -> None:
        """Count a document stored with its claims and figures."""
        self.new += 1
        self.claims += len(extraction.claims)
        self.figures += len(extraction.figures)

    def summary(self) -> str:
        """One line for the end of a run."""
        if self.command == "reextract":
            return (
                f"documents: {self.new} re-extracted, {self.known} already at pipeline "
                f"{self.pipeline_version}, {self.failed} failed; claims: {self.claims}; "
                f"figures: {self.figures}; {self.elapsed:.1f}s"
            )
        rate = self.new / self.elapsed if self.elapsed > 0 else 0.0
        return (
            f"documents: {self.new} new, {self.known} already known, {self.copies} copies, "
            f"{self.failed} failed; claims: {self.claims}; figures: {self.figures}; "
            f"{self.elapsed:.1f}s ({rate:.1f} new documents/s)"
        )


@contextmanager
def one_document(store: Store) -> Iterator[None]:
    """A savepoint around one document's writes, so an error on it undoes only its rows.

    Whatever goes wrong with one document (an extraction the contract refuses, a value
    SQLite cannot hold, a bug) comes out as a one-line `ClaimledgerError` for the caller to
    report and skip; the other documents of the open transaction stay. An error that ended
    the whole transaction (the database itself failing) is raised as it is: the run cannot
    go on.
    """
    try:
        with store.batch():
            yield
    except ClaimledgerError:
        raise
    except Exception as exc:
        if not store.conn.in_transaction:
            raise
        raise StoreError(f"document could not be stored ({type(exc).__name__})") from exc


class _Writer:
    """The single writer: one open transaction, committed by size or by time."""

    def __init__(
        self,
        store: Store,
        run_id: int,
        report: RunReport,
        detect_copies: bool,
        commit_every: int,
        commit_seconds: float,
        pipeline_version: str,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.report = report
        # built on the first new document: a re-run that finds everything known (resume)
        # never pays for indexing the whole ledger
        self.detect_copies = detect_copies
        self.detector: CopyDetector | None = None
        #: the last document the detector was primed with; later ones are this run's or,
        #: when another ingest writes to the same ledger, that run's
        self._primed_rowid = 0
        self.commit_every = max(1, commit_every)
        self.commit_seconds = commit_seconds
        self.pipeline_version = pipeline_version
        self._batch: AbstractContextManager | None = None
        self._pending = 0
        self._opened = 0.0

    def _ensure(self) -> None:
        if self._batch is None:
            self._batch = self.store.batch()
            self._batch.__enter__()
            self._opened = time.monotonic()

    def write(self, prepared: PreparedDocument) -> None:
        """Store one document (its rows from the engine) in the open batch; an error on it
        is a `ClaimledgerError` that leaves the batch's other documents (`one_document`)."""
        self._ensure()
        with one_document(self.store):
            match, is_new = self._store(prepared)
        if not is_new:
            self.report.known += 1
            return
        self.report.stored(prepared)
        if match:
            self.report.copies += 1
        self._pending += 1

    def _store(self, doc: PreparedDocument) -> tuple[CopyMatch | None, bool]:
        if self.detect_copies and self.detector is None:
            self._primed_rowid = self.store.conn.execute(
                "SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
            self.detector = CopyDetector.from_store(self.store)
        match = None
        publisher = publisher_key(doc.outlet, doc.url)
        if self.detector is not None and doc.id not in self.detector:
            match = self.detector.check(doc.id, doc.text, doc.published, publisher, doc.signature)
        doc_id, is_new = self.store.add_prepared(doc)
        if is_new and match is not None:
            record_link(self.store, doc_id, match)
        if is_new and self.detector is not None:
            for other, link in self.detector.add(doc_id, doc.text, doc.published, publisher, doc.signature):
                record_link(self.store, other, link)
        return match, is_new

    def maybe_commit(self) -> bool:
        if self._batch is None:
            return False
        if self._pending >= self.commit_every or (
            time.monotonic() - self._opened >= self.commit_seconds
        ):
            self.commit()
            return True
        return False

    def commit(self, status: str | None = None) -> None:
        self._ensure()
        self.store.update_run(self.run_id, status=status, **self.report.counters())
        assert self._batch is not None
        self._batch.__exit__(None, None, None)
        self._batch = None
        self._pending = 0

    def finish(self, status: str) -> None:
        """The run's last commit, after linking the copies among other runs' documents.

        Why: a detector is primed from the ledger once; documents a concurrent ingest
        stores later are not in it, so a copy and its original stored by two runs would
        never be compared. Each run, holding the write lock for its last commit, indexes
        what others stored since its priming and stores the links that follow: the run that
        finishes last has seen every document of both.
        """
        self._ensure()
        if self.detector is not None:
            rows = self.store.conn.execute(
                "SELECT id, ledger_text(text) AS text, published, outlet, url FROM documents WHERE rowid > ?"
                " ORDER BY rowid",
                (self._primed_rowid,),
            )
            links = self.detector.add_many(
                (r["id"], r["text"], r["published"], publisher_key(r["outlet"], r["url"]))
                for r in rows if r["id"] not in self.detector)
            for doc_id, link in links.items():
                if self.store.copy_of(doc_id) != link.original_id:
                    record_link(self.store, doc_id, link)
        self.commit(status)

    def abort(self) -> None:
        """Commit what is complete (every stored document is whole), mark the run interrupted."""
        if self._batch is not None:
            self.commit(status="interrupted")
        else:
            self.store.update_run(self.run_id, status="interrupted", **self.report.counters())


def ingest(
    inputs: Sequence[str],
    db: str | Path,
    *,
    workers: int = 1,
    commit_every: int = 50,
    commit_seconds: float = 5.0,
    fetcher: Fetcher | None = None,
    extractor: Extractor | None = None,
    model: str | None = None,
    detect_copies: bool = True,
    progress: bool = False,
    on_error: Callable[[str], None] | None = None,
    engine: Callable[[], Any] | None = None,
) -> RunReport:
    """Ingest every item of `inputs` into the ledger at `db`; never raises for a bad item.

    `on_error` receives one line per failed item (also kept in `report.errors`). `engine`
    makes the extraction engine (default: `parallel.ExtractionEngine` with `workers`); any
    engine with the same `map` (e.g. `ray_engine.RayEngine`) gives the same ledger, since
    the writer below is the one place rows are stored.
    """
    report = RunReport(pipeline_version=pipeline_version(model))
    started = time.monotonic()
    store = Store(db)
    own_fetcher = fetcher is None
    if fetcher is None:
        fetcher = Fetcher(cache_dir=Path(db).resolve().parent / ".claimledger-cache")
    try:
        run_id = store.start_run(report.pipeline_version, list(inputs), workers)
        writer = _Writer(
            store, run_id, report, detect_copies, commit_every, commit_seconds,
            report.pipeline_version,
        )
        expander = InputExpander(
            fetcher, is_known_url=lambda url: store.known(url=url) is not None
        )
        bar = IngestProgress(inputs, enabled=progress)

        def fail(name: str, message: str) -> None:
            line = printable(message if message.startswith(name) else f"{name}: {message}")
            report.fail(line)
            (on_error or bar.log)(line)

        def identity(item: Item) -> set[str] | None:
            """The keys a document is known by (text hash, canonical URL); None when it
            cannot be stored at all (reported here, before any extraction work)."""
            doc = item.doc
            assert doc is not None
            try:
                check_document(doc)
            except ClaimledgerError as exc:
                fail(item.name, str(exc))
                return None
            canon = canonical_url(doc.url)
            return {text_hash(doc.text), canon} if canon else {text_hash(doc.text)}

        def chunks() -> Iterator[tuple[list[str], list[DocumentInput]]]:
            # tags are the items' names only: an engine that queues many chunks (Ray) must
            # not keep every text alive through its tags
            queued: set[str] = set()
            batch: list[Item] = []
            for item in expander.expand(inputs):
                bar.seen()
                if item.error is not None:
                    fail(item.name, item.error)
                elif item.known_url is not None:
                    report.known += 1
                elif (keys := identity(item)) is not None:  # None: reported as failed
                    if keys & queued or store.known(item.doc.text, item.doc.url) is not None:  # type: ignore[union-attr]
                        report.known += 1
                    else:
                        queued |= keys
                        batch.append(item)
                bar.update(report)
                if len(batch) >= CHUNK_SIZE:
                    yield [i.name for i in batch], [i.doc for i in batch]  # type: ignore[misc]
                    batch = []
                writer.maybe_commit()
            if batch:
                yield [i.name for i in batch], [i.doc for i in batch]  # type: ignore[misc]

        with bar:
            try:
                make = engine or (lambda: ExtractionEngine(
                    workers, extractor=extractor, model=model, version=report.pipeline_version))
                with make() as extraction:
                    for names, results in extraction.map(chunks()):
                        for name, (_, payload) in zip(names, results, strict=True):
                            t0 = time.perf_counter()
                            if isinstance(payload, PreparedDocument):
                                try:
                                    writer.write(payload)
                                except ClaimledgerError as exc:
                                    fail(name, str(exc))
                            else:
                                fail(name, payload)
                            report.write_seconds += time.perf_counter() - t0
                        bar.update(report)
                        writer.maybe_commit()
            except BaseException:
                writer.abort()
                raise
            report.elapsed = time.monotonic() - started
            writer.finish(status="failed" if report.failed else "done")
    finally:
        if own_fetcher:
            fetcher.close()
        store.close()
    return report


def reextract(
    db: str | Path,
    *,
    everything: bool = False,
    workers: int = 1,
    extractor: Extractor | None = None,
    model: str | None = None,
    on_error: Callable[[str], None] | None = None,
) -> RunReport:
    """Run the current pipeline over stored texts whose `pipeline_version` differs from it.

    Resumable like ingest: each chunk of documents is swapped in one transaction together
    with the run's counters, and a re-run only touches documents still at another version.
    `everything` redoes all documents.
    """
    version = pipeline_version(model)
    report = RunReport(command="reextract", pipeline_version=version)
    started = time.monotonic()
    store = Store(db)
    try:
        run_id = store.start_run(version, [], workers, command="reextract")
        ids = [
            r[0]
            for r in store.conn.execute(
                "SELECT id, pipeline_version FROM documents ORDER BY id"
            ).fetchall()
            if everything or r[1] != version
        ]
        report.known = store.counts()["documents"] - len(ids)

        def save(status: str | None = None) -> None:
            # a reextract run records what it re-extracted, not what it left alone
            counts = report.counters()
            store.update_run(run_id, status=status, **{
                k: counts[k] for k in ("documents_new", "failed", "claims", "figures")})

        def chunks() -> Iterator[tuple[list[str], list[DocumentInput]]]:
            for i in range(0, len(ids), CHUNK_SIZE):
                part = ids[i : i + CHUNK_SIZE]
                docs = []
                for doc_id in part:
                    d = store.document(doc_id)
                    assert d is not None
                    docs.append(
                        DocumentInput(
                            text=d["text"], published=d["published"], url=d["url"],
                            title=d["title"], outlet=d["outlet"], id=doc_id,
                        )
                    )
                yield part, docs

        with ExtractionEngine(workers, extractor=extractor, model=model, version=version) as engine:
            for part, results in engine.map(chunks()):
                with store.batch():
                    for doc_id, (_, payload) in zip(part, results, strict=True):
                        if isinstance(payload, PreparedDocument):
                            try:
                                with one_document(store):
                                    store.replace_extraction(payload, version)
                            except ClaimledgerError as exc:
                                payload = str(exc)
                        if not isinstance(payload, PreparedDocument):
                            line = printable(f"{doc_id}: {payload}")
                            report.fail(line)
                            if on_error:
                                on_error(line)
                            continue
                        report.stored(payload)
                    save()  # the counters commit with the rows they count
        report.elapsed = time.monotonic() - started
        save(status="failed" if report.failed else "done")
    finally:
        store.close()
    return report
