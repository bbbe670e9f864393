"""`claimledger extract` on hostile input: one line on stderr and exit 2, never "internal error" (70).

Each case was an exit 70 in the audit (a symlink loop, a UTF-32 file read as UTF-16 garbage
with exit 0, `/dev/zero` read until MemoryError, a lone surrogate or a 100,000-deep field in a
JSONL batch that `--skip-errors` could not skip).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

AZOVSTAL = "Russia's Defense Ministry said 1,908 Ukrainian soldiers had surrendered at Azovstal."


def _cli(*args: str | bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "extract", *args], capture_output=True, timeout=300
    )


def _one_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in err and "internal error" not in err
    [line] = err.strip().splitlines()
    return line


def _loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    return [str(tmp_path / "a.txt")], "cannot read"


def _directory(tmp_path):
    return ["--input", str(tmp_path)], "is a directory"


def _utf32(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(AZOVSTAL.encode("utf-32"))
    return [str(path)], "UTF-32"


def _device(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    return ["/dev/zero", "--max-bytes", "1000000"], "over the size limit"


def _argument_not_utf8(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(AZOVSTAL, encoding="utf-8")
    return [str(path), "--title", b"Azovstal \xff"], "lone surrogate"


@pytest.mark.parametrize("case", [_loop, _directory, _utf32, _device, _argument_not_utf8])
def test_hostile_input_is_one_line_and_exit_2(tmp_path, case):
    args, message = case(tmp_path)
    proc = _cli(*args)
    assert proc.returncode == 2 and message in _one_line(proc)


def test_poisoned_batch_stops_with_one_line_or_skips_past_it(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "azovstal", "text": AZOVSTAL, "published": "2022-05-20"}),
        '{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "surrogate", "text": "The ministry said \\ud800 nothing."}',
        json.dumps({"id": "again", "text": AZOVSTAL, "published": "2022-05-21"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stopped = _cli("--input", str(path), "--format", "jsonl")
    assert stopped.returncode == 2 and f"{path}:2: not valid JSON (nested too deeply)" in _one_line(stopped)
    skipped = _cli("--input", str(path), "--format", "jsonl", "--skip-errors")
    assert skipped.returncode == 1
    assert [json.loads(line)["document"]["id"] for line in skipped.stdout.splitlines()] == ["azovstal", "again"]
    err = skipped.stderr.decode()
    assert f"{path}:2:" in err and f"{path}:3:" in err and "Traceback" not in err


def test_a_document_over_the_work_budget_fails_alone_in_a_skipped_batch(tmp_path):
    """A budget refusal raised inside the pipeline must not end the batch: `nlp.pipe` would
    stop at it, so the batch is retried one document at a time and only that one fails."""
    long_text = " ".join([AZOVSTAL] * 8)
    lines = [
        {"id": "before", "text": AZOVSTAL, "published": "2022-05-20"},
        {"id": "too-long", "text": long_text, "published": "2022-05-20"},
        {"id": "after", "text": AZOVSTAL, "published": "2022-05-20"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    env = {**os.environ, "CLAIMLEDGER_MAX_TOKENS": "40"}
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "claimledger.cli", "extract", "--input", str(batch), "--format", "jsonl", *extra],
        capture_output=True, timeout=300, env=env,
    )
    skipped = run("--skip-errors")
    assert skipped.returncode == 1
    assert [json.loads(line)["document"]["id"] for line in skipped.stdout.decode().splitlines()] == ["before", "after"]
    err = skipped.stderr.decode()
    assert "Traceback" not in err and "internal error" not in err
    assert "40" in err.splitlines()[0]
    stopped = run()
    assert stopped.returncode == 2
    assert "Traceback" not in stopped.stderr.decode()
