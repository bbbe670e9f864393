"""Readers that turn files, pages, feeds and batches into `DocumentInput`s."""
