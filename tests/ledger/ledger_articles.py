"""Real dev-gold articles as ledger input for the store/ingest/export tests (no copies kept
in the repo: they are read from ../shared at test time)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from claimledger.documents import DocumentInput
from claimledger.extract import Extractor
from claimledger.model import Extraction


def gold_articles(shared: Path, story: str) -> list[dict]:
    """The articles of one dev-gold story (text, published, url, title, outlet, id)."""
    path = shared / "gold" / "dev" / f"{story}.json"
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def as_input(article: dict, **override: object) -> DocumentInput:
    """A gold article as a `DocumentInput` (fields overridable)."""
    fields = {k: article.get(k) for k in ("text", "published", "url", "title", "outlet", "id")}
    fields.update(override)
    return DocumentInput(**fields)  # type: ignore[arg-type]


@cache
def extract_story(extractor: Extractor, shared: Path, story: str) -> tuple[Extraction, ...]:
    """The story's articles extracted once per session (the pipeline is the slow part)."""
    return tuple(extractor.extract_many([as_input(a) for a in gold_articles(shared, story)]))
