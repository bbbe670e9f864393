"""Pool workers die with their parent: a 2-worker ingest killed with -9 leaves no worker
running on (before: each ran on for seconds, loading the pipeline or extracting its chunk)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ledger_articles import gold_articles

pytestmark = [
    pytest.mark.slow,  # starts a 2-worker ingest (~10 s)
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc"),
]


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` that run a multiprocessing worker."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _loads_spacy(pid: int) -> bool:
    try:
        return "spacy" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def test_killing_a_two_worker_ingest_leaves_no_worker_running(tmp_path, shared):
    # long documents: a worker's first chunk takes seconds, as in a real ingest of long reports
    records = [{"text": "\n\n".join([a["text"]] * 8), "published": a["published"]}
               for a in gold_articles(shared, "kramatorsk")]
    path = tmp_path / "long.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimledger.cli", "ingest", str(path), "--db",
         str(tmp_path / "l.db"), "--workers", "2", "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            if len(workers) == 2 and all(_loads_spacy(w) for w in workers):
                break
            time.sleep(0.05)
        assert len(workers) == 2, "the pool never started: test is void"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        time.sleep(3)
        assert [w for w in workers if _alive(w)] == []
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
