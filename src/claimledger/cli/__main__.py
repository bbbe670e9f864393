"""`python -m claimledger.cli`: the same entry point as the `claimledger` script."""

from claimledger.cli import main

main()
