"""`claimledger eval`: score the extractor on annotated corpora, beside peer tools."""
