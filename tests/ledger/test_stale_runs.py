"""A run killed with -9 does not stay 'running' forever: the next start marks it interrupted,
and only when its process is gone (a live concurrent run, or one on another host, is left)."""

from __future__ import annotations

import socket
import subprocess
import sys

from claimledger.ledger.store import Store


def _running(store: Store, pid: int, host: str) -> int:
    with store.batch():
        cur = store.conn.execute(
            "INSERT INTO runs (started, pipeline_version, pid, host) VALUES (?, '0.1.0', ?, ?)",
            ("2022-05-20T10:00:00+00:00", pid, host),
        )
    return int(cur.lastrowid)


def test_a_new_run_marks_runs_of_dead_processes_interrupted_and_leaves_live_ones(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with Store(tmp_path / "l.db") as store:
            here = socket.gethostname()
            killed = _running(store, int(dead.stdout), here)
            concurrent = _running(store, live.pid, here)
            elsewhere = _running(store, int(dead.stdout), here + "-other")
            mine = store.start_run("0.1.0", ["reports/"])
            status = {r["id"]: r["status"] for r in store.runs()}
            finished = {r["id"]: r["finished"] for r in store.runs()}
    finally:
        live.kill()
        live.wait()
    assert status == {killed: "interrupted", concurrent: "running", elsewhere: "running",
                      mine: "running"}
    assert finished[killed] is not None and finished[concurrent] is None
