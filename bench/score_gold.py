"""Score the extractor on each gold dev cluster and print the numbers (never asserts).

Usage: python bench/score_gold.py [SPLIT]
"""

from __future__ import annotations

import sys

from rich.console import Console

from claimledger.eval.base import SuiteResult
from claimledger.eval.gold import score_gold
from claimledger.eval.runner import print_results
from claimledger.extract import Extractor


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    total, per_cluster = score_gold(Extractor(), split)
    results = []
    for name, score in sorted(per_cluster.items()):
        results.append(SuiteResult(suite=name, corpus=f"gold/{split}/{name}", peer_name=None, metrics=score.metrics(), records=score.articles))
    results.append(SuiteResult(suite="all", corpus=f"gold/{split}", peer_name=None, metrics=total.metrics(), records=total.articles))
    print_results(results, Console(width=140))
    for err in total.errors:
        print("gold problem:", err)


if __name__ == "__main__":
    main()
