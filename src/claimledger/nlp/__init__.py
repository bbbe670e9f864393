"""spaCy stages of claimledger: timex, figures, events, attribution, hedges, sources."""
