"""`claimledger serve`: read the ledger in a browser."""
