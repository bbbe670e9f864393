"""Test helper: run the full pipeline on a text with a publication date, as the Extractor does.

Lives in its own module (not conftest.py) so that importing it never depends on which of the
several conftest.py files pytest loaded last.
"""

from __future__ import annotations


def make_doc(nlp, text: str, published: str | None = None):
    """Run the full pipeline on `text` with a publication date, as the Extractor does."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def assert_exact_spans(data: dict) -> None:
    """Every span of an extraction's JSON covers exactly its text: `text[start:end] == text`."""
    text = data["document"]["text"]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"text", "start", "end"} <= set(node) and isinstance(node.get("start"), int):
                assert text[node["start"] : node["end"]] == node["text"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
