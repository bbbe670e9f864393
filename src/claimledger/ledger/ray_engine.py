"""The Ray Data engine: extraction on every CPU of a Ray cluster, one ledger at the end.

Why Ray Data and not more local processes: a backfill of a year of one war's coverage is
hundreds of thousands of reports, days on one machine; Ray spreads the map stage (the
pipeline, ~all the CPU time) over any number of machines and streams the results back.

The flow, for `claimledger ingest INPUTS --engine ray`:

1. the driver expands the inputs exactly as the local ingest does (`ingest.inputs`, the
   same known-document skips) and puts each chunk of documents into the object store as
   an Arrow table (`ray.put`: the documents are never all in the driver's memory, and a
   remote cluster reads them from the object store, not from this machine's disk);
2. `map_batches(ExtractBatch, concurrency=N, num_cpus=1)`: each actor loads the pipeline
   once (spaCy load is seconds; a task per batch would pay it every time) and returns one
   row per document: its input position, the ledger rows prepared from its extraction
   with its copy signature (`parallel.extract_rows`, pickled) or its one-line error, and
   the actor's CPU-seconds;
3. the results stream back in input order (`preserve_order`) to the one writer that the
   local ingest uses (`ledger.ingest`), so the ledger is the same one, row for row: same
   document ids, claims, figures, copy links and series;
4. with `--parquet-out DIR`, the same results are also written as Parquet shards of
   documents, claims, figures and sources (`ParquetShards`), to query with DuckDB
   (`SELECT ... FROM 'DIR/figures/*.parquet'`) without the ledger.

The global steps (copies over all documents, then series) stay in the writer, but the
costly half of copy detection, each text's shingles and MinHash, is made in the map stage
beside the rows: the writer queries the LSH index and verifies candidates
(`bench/ingest.py` measures the writer's share of the wall clock).

Ray is an optional extra (`pip install 'claimledger[ray]'`); nothing else imports this
module, and it imports Ray only when an engine starts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.documents import DocumentInput
from claimledger.errors import ClaimledgerError, InputError, ModelError
from claimledger.ledger.parallel import Result, to_row

if TYPE_CHECKING:
    import pyarrow as pa

#: documents per Arrow block sent to the cluster: big enough that per-block overhead is
#: small, small enough that two actors share a few thousand documents evenly
BLOCK_DOCUMENTS = 64
#: documents an actor extracts at once (spaCy's `nlp.pipe` batch)
BATCH_DOCUMENTS = 8
#: documents per Parquet shard file of each table
SHARD_DOCUMENTS = 1000

_DOC_FIELDS = ("text", "published", "url", "title", "outlet", "id")


def require() -> None:
    """Fail with one line, before any work, when Ray or pyarrow is not installed."""
    import importlib.util

    for name in ("ray", "pyarrow"):
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a module set to None in sys.modules
            found = False
        if not found:
            raise InputError(f"the ray engine needs {name}: pip install 'claimledger[ray]'")


def _ray() -> Any:
    require()
    import ray

    return ray


class ExtractBatch:
    """The map stage's callable class: one pipeline per Ray actor, loaded in `__init__`."""

    #: the spaCy pipeline to load and the pipeline version rows are stored under (set on a
    #: subclass per run: see `RayEngine._extract`)
    model: str | None = None
    version: str = ""

    def __init__(self) -> None:
        from claimledger.extract import Extractor

        self.extractor = Extractor(model=self.model)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pickle
        import time

        import pyarrow as pa

        from claimledger.errors import failure_line
        from claimledger.ledger.parallel import extract_rows

        rows = batch.select(list(_DOC_FIELDS)).to_pylist()
        cpu = time.process_time()
        try:
            results = extract_rows(self.extractor, rows, self.version)
        except Exception as exc:  # one batch's failure is its documents' failure
            results = [(False, failure_line(exc))] * len(rows)
        # the ledger's rows are prepared here, on the cluster (`store.prepare`), as the local
        # workers do: the driver's writer only inserts them
        return pa.table({
            "seq": batch.column("seq"),
            "prepared": pa.array(
                [pickle.dumps(p, protocol=5) if ok else None for ok, p in results], pa.binary()),
            "error": pa.array([None if ok else p for ok, p in results], pa.string()),
            # this actor's CPU-seconds for the batch, on its first row: what a benchmark
            # adds up (the actors are no child processes of the driver)
            "cpu": pa.array([time.process_time() - cpu] + [0.0] * (len(rows) - 1), pa.float64()),
        })


def _block(rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({
        "seq": pa.array([r["seq"] for r in rows], pa.int64()),
        **{f: pa.array([r[f] for r in rows], pa.string()) for f in _DOC_FIELDS},
    })


class RayEngine:
    """Same interface as `parallel.ExtractionEngine` (`map` yields `(tag, results)` per
    chunk, in input order), so `ledger.ingest` swaps one for the other.

    `address`: None starts a local Ray on this machine's cores (`num_cpus` to cap it);
    "auto" joins the cluster this machine belongs to; "ray://HOST:PORT" a remote one.
    """

    def __init__(
        self,
        address: str | None = None,
        model: str | None = None,
        num_cpus: int | None = None,
        parquet_out: str | Path | None = None,
        concurrency: int | None = None,
        version: str | None = None,
    ) -> None:
        require()
        from claimledger.documents import pipeline_version

        self.address = address
        self.model = model
        self.version = version or pipeline_version(model)
        self.num_cpus = num_cpus
        self.concurrency = concurrency
        self.shards = ParquetShards(parquet_out) if parquet_out is not None else None
        self._started = False
        #: CPU-seconds the actors spent extracting and preparing rows (not their start-up)
        self.map_cpu_seconds = 0.0

    def __enter__(self) -> RayEngine:
        return self

    def _start(self) -> Any:
        ray = _ray()
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {
                "include_dashboard": False, "log_to_driver": False,
                "configure_logging": False,
            }
            if self.address is None:
                kwargs["num_cpus"] = self.num_cpus or os.cpu_count() or 1
            else:
                kwargs["address"] = self.address
            try:
                ray.init(**kwargs)
            except Exception as exc:
                raise ModelError(f"could not start or join Ray ({self.address or 'local'}): {exc}") from exc
            self._started = True
        return ray

    def __exit__(self, *exc: object) -> None:
        if self.shards is not None:
            self.shards.close()
        if self._started:
            _ray().shutdown()
            self._started = False

    def _workers(self, ray: Any) -> int:
        if self.concurrency:
            return self.concurrency
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(self, chunks: Iterable[tuple[Any, list[DocumentInput]]]) -> Iterator[tuple[Any, list[Result]]]:
        """Yield `(tag, results)` per chunk, in input order; `tag` is passed through."""
        tags: list[tuple[Any, int]] = []
        refs: list[Any] = []
        pending: list[dict[str, Any]] = []
        seq = 0
        ray = None
        for tag, docs in chunks:
            if ray is None:
                ray = self._start()
            tags.append((tag, len(docs)))
            for d in docs:
                row = to_row(d)
                pending.append({"seq": seq, **{f: row.get(f) for f in _DOC_FIELDS}})
                seq += 1
            if len(pending) >= BLOCK_DOCUMENTS:
                refs.append(ray.put(_block(pending)))
                pending = []
        if ray is None:
            return
        if pending:
            refs.append(ray.put(_block(pending)))
        results = self._extract(ray, refs)
        for tag, n in tags:
            got = [next(results) for _ in range(n)]
            if self.shards is not None:
                self.shards.add(got)
            yield tag, got

    def _extract(self, ray: Any, refs: list[Any]) -> Iterator[Result]:
        import logging
        import warnings

        ctx = ray.data.DataContext.get_current()
        # Ray Data logs each execution's plan at INFO on the driver's stderr, and warns when
        # a small input has fewer blocks than actors; the ingest prints its own progress and
        # one summary line
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data\.")
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        # the model name as a class attribute, not a constructor argument: Ray keeps
        # constructor arguments in the object store and warns that a restarted actor may
        # not find them
        stage = type("ExtractBatch", (ExtractBatch,), {"model": self.model, "version": self.version})
        ds = ray.data.from_arrow_refs(refs).map_batches(
            stage,
            compute=ray.data.ActorPoolStrategy(size=self._workers(ray)),
            num_cpus=1,
            batch_size=BATCH_DOCUMENTS,
            batch_format="pyarrow",
        )
        import pickle

        expected = 0
        try:
            for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                self.map_cpu_seconds += sum(batch.column("cpu").to_pylist())
                for s, prepared, error in zip(
                    batch.column("seq").to_pylist(), batch.column("prepared").to_pylist(),
                    batch.column("error").to_pylist(), strict=True,
                ):
                    if s != expected:  # preserve_order is what makes the ledger the same
                        raise ModelError(f"ray returned document {s} where {expected} was due")
                    expected += 1
                    yield (True, pickle.loads(prepared)) if prepared is not None else (False, error)
        except ClaimledgerError:
            raise
        except Exception as exc:
            raise ModelError(f"the ray engine failed: {type(exc).__name__}: {exc}") from exc


#: the ledger tables written as Parquet shards, with the ledger's own columns
TABLES = ("documents", "sources", "claims", "figures")
#: columns of the ledger's rows left out of the shards: the text (the inputs have it) and
#: the compressed extraction (rebuilt from the rows), the writer's own bookkeeping
_LEFT_OUT = {"documents": ("text", "extraction_json", "first_seen", "copy_of", "copy_similarity")}
_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string", "BLOB": "binary"}


def ledger_columns() -> dict[str, list[tuple[str, str]]]:
    """(name, SQLite type) of each table's columns, read off the ledger's schema itself, so
    the shards and the ledger never disagree."""
    import sqlite3

    from claimledger.ledger.reads import STORED_ONLY
    from claimledger.ledger.schema import SCHEMA

    con = sqlite3.connect(":memory:")
    try:
        con.executescript(SCHEMA)
        return {t: [(r[1], (r[2] or "TEXT").upper()) for r in con.execute(f"PRAGMA table_xinfo({t})")
                    if r[1] not in STORED_ONLY] for t in TABLES}
    finally:
        con.close()


def _rows(prepared: Any, table: str, columns: list[str]) -> list[dict[str, Any]]:
    if table == "documents":
        order = ["id", "url", "canonical_url", "title", "outlet", "published", "text",
                 "text_hash", "pipeline_version", "extraction_json"]
        return [dict(zip(order, prepared.document, strict=False))]
    return prepared.rows_as_read(table)


class ParquetShards:
    """Parquet shard files per table (`DIR/<table>/part-00000.parquet`, ...), one shard per
    `SHARD_DOCUMENTS` extracted documents, in input order: the same inputs give the same
    files. The columns are the ledger's (`ledger_columns`), so a DuckDB query over the shards
    reads like one over the ledger. Failed documents are not written (their errors are in
    the run's report)."""

    def __init__(self, out: str | Path) -> None:
        import pyarrow  # noqa: F401  (fail early with the engine's message, not mid-run)

        self.out = Path(out)
        self._all = ledger_columns()
        self.columns = {t: [(n, k) for n, k in cols if n not in _LEFT_OUT.get(t, ())]
                        for t, cols in self._all.items()}
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.documents = 0
        self.shard = 0
        for table in TABLES:
            (self.out / table).mkdir(parents=True, exist_ok=True)

    def add(self, results: list[Result]) -> None:
        """Queue the successful extractions of one chunk; write a shard when one is full."""
        for ok, prepared in results:
            if not ok:
                continue
            for table in TABLES:
                self.rows[table] += _rows(prepared, table, [n for n, _ in self._all[table]])
            self.documents += 1
            if self.documents % SHARD_DOCUMENTS == 0:
                self._write()

    def _write(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows["documents"]:
            return
        for table, columns in self.columns.items():
            rows = self.rows[table]
            arrays = {}
            for name, kind in columns:
                arrow = getattr(pa, _ARROW_TYPES.get(kind, "string"))()
                values = [r.get(name) for r in rows]
                if kind == "REAL":
                    values = [None if v is None else float(v) for v in values]
                arrays[name] = pa.array(values, arrow)
            pq.write_table(pa.table(arrays), self.out / table / f"part-{self.shard:05d}.parquet")
            self.rows[table] = []
        self.shard += 1

    def close(self) -> None:
        """Write what is left as the last shard."""
        self._write()
