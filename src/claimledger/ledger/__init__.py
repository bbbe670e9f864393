"""The ledger: store, copies, series, reconciliation, export."""
