"""Hostile input: the audit's slow texts, timed, and a seeded fuzz of mutated real sentences.

Why: `claimledger extract` promises one valid JSON extraction or one clean error line (exit 2)
for any text, in bounded time. (1) times the audit's worst inputs (each must finish or fail
cleanly within 30 s); (2) runs N deterministic mutations of the example reports through the
same path as the CLI (the Extractor, then the CLI's error mapping) and counts the outcomes.

    python bench/hostile.py [--fuzz N] [--seed S] [--skip-slow]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from claimledger import Extractor
from claimledger.errors import ClaimledgerError

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "data" / "examples"


def paragraphs() -> list[str]:
    """The paragraphs of the packaged (invented) example reports."""
    out: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def article_of(size: int) -> str:
    """A realistic article of `size` characters: the example paragraphs, repeated."""
    base = "\n\n".join(paragraphs()) + "\n\n"
    return (base * (size // len(base) + 1))[:size]


def _refuse(name: str) -> None:
    raise ValueError(name)


def outcome(extractor: Extractor, text: str, published: str | None) -> str:
    """What `claimledger extract` would do: "output", "error" (one line, exit 2/1), "invalid"
    (the extraction holds a number JSON cannot carry) or "traceback" (exit 70: any exception
    that is not a one-line ClaimledgerError).

    Validity is judged on a plain `json.dumps` of the extraction, not on `to_json`, whose own
    `allow_nan=False` guard would turn an invalid value into a traceback and hide the class.
    """
    try:
        result = extractor.extract(text, published=published)
    except ClaimledgerError as exc:
        return "error" if "\n" not in str(exc) else "traceback"
    except Exception:
        return "traceback"
    try:
        json.loads(json.dumps(result.model_dump(mode="json")), parse_constant=_refuse)
    except ValueError:
        return "invalid"
    try:
        result.to_json().encode("utf-8")  # what writing it to stdout does
    except Exception:
        return "traceback"
    return "output"


SLOW: dict[str, Callable[[], str]] = {
    '"<" x 100,000': lambda: "<" * 100_000,
    '"”" x 100,000': lambda: "”" * 100_000,
    '"(" x 100,000': lambda: "(" * 100_000,
    '"said " x 40,000': lambda: "said " * 40_000,
    '"1, " x 20,000': lambda: "1, " * 20_000,
    '"“" x 20,000': lambda: "“" * 20_000,
    '"Ministry said 5 killed. " x 5,000': lambda: "Ministry said 5 killed. " * 5_000,
    "1 MB article": lambda: article_of(1_048_576),
    "article just under the token budget (250,000 chars)": lambda: article_of(250_000),
}


def run_slow(extractor: Extractor) -> None:
    for name, make in SLOW.items():
        text = make()
        t0 = time.perf_counter()
        got = outcome(extractor, text, "2024-09-18")
        print(f"{name}: {got} in {time.perf_counter() - t0:.1f} s", flush=True)


# -- the fuzz ------------------------------------------------------------------------------

_INSERTS = [
    "\ud800", "\udfff", "\x00", "\ufeff", "\u200b", "9" * 5000, "1" + "0" * 500, "trillion " * 28,
    "18,446,744,073,709,551,616", "99999999999 days ago", "<" * 3000, "”" * 2000, "(" * 500,
    "said " * 200, "1, " * 300, " on Thursday", " last week", " next year", "\n" * 50, "—",
]
_DATES = [None, "0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01", "2024-09-18T23:59:59+14:00"]


def mutate(rng: random.Random, paras: list[str]) -> tuple[str, str | None]:
    """One hostile text: real sentences with insertions, runs, truncation, duplication."""
    text = "\n\n".join(rng.sample(paras, k=rng.randint(1, 4)))
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randint(0, len(text))
        if op == 0:
            text = text[:at] + rng.choice(_INSERTS) + text[at:]
        elif op == 1:
            text = text[:at]
        elif op == 2:
            text = text[:at] + text[at : at + 200] * rng.randint(2, 30) + text[at + 200 :]
        elif op == 3:
            text = text[:at] + rng.choice("<>“”\"'()[]-—,.;:0123456789%$") * rng.randint(1, 400) + text[at:]
        elif op == 4:
            text = text[:at] + str(rng.randint(0, 10**30)) + " " + text[at:]
        else:
            text = text[:at] + chr(rng.randint(0, 0x10FFFF)) + text[at:]
    published = rng.choice(_DATES) if rng.random() < 0.5 else (
        f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    return text, published


def run_fuzz(extractor: Extractor, n: int, seed: int) -> None:
    rng = random.Random(seed)
    paras = paragraphs()
    counts = {"output": 0, "error": 0, "invalid": 0, "traceback": 0}
    t0 = time.perf_counter()
    for _ in range(n):
        text, published = mutate(rng, paras)
        counts[outcome(extractor, text, published)] += 1
    print(
        f"fuzz: {n} inputs, tracebacks (exit 70) {counts['traceback']}, invalid JSON {counts['invalid']}, "
        f"clean errors {counts['error']}, outputs {counts['output']} "
        f"in {time.perf_counter() - t0:.0f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fuzz", type=int, default=10_000, help="number of mutated inputs")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--skip-slow", action="store_true", help="only the fuzz")
    args = ap.parse_args()
    extractor = Extractor()
    if not args.skip_slow:
        run_slow(extractor)
    if args.fuzz:
        run_fuzz(extractor, args.fuzz, args.seed)


if __name__ == "__main__":
    main()
