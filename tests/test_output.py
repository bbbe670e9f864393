"""Tables print text as written: square brackets in an article are never read as rich markup
(a stray "[/b]" made `claimledger claims` exit 70; "[bold]" vanished)."""

from __future__ import annotations

import pytest
from rich.console import Console

from claimledger.model import Claim, Document, Extraction, Source, Span
from claimledger.output import extraction_table, write_claims

TEXT = 'The ministry said "[bold]40[/bold] [/b] dead" in a statement.'


@pytest.mark.parametrize("content", ["[bold]40 dead", "the [/b] said 40", "[/i] [red]"])
def test_claims_table_prints_brackets_as_written(capsys, content):
    row = {"id": "c1", "document_id": "d1", "kind": "indirect", "source_name": "[Ministry]",
           "content_text": content, "stated_on": "2024-09-18", "published": None, "outlet": "[/x]"}
    write_claims([row], "table")
    out = capsys.readouterr().out
    assert content in out.replace("\n", "") or all(part in out for part in content.split())
    assert "[/x]" in out


def test_extraction_table_prints_brackets_as_written():
    start = TEXT.index('"[bold]')
    end = TEXT.index(' in a')
    ex = Extraction(
        document=Document(id="d1", text=TEXT),
        sources=[Source(id="s1", name="ministry", kind="organization", affiliation="[/b]",
                        mentions=[Span.of(TEXT, 4, 12)])],
        claims=[Claim(id="c1", kind="indirect", content=Span.of(TEXT, start, end), source_id="s1")],
        figures=[],
        times=[],
    )
    console = Console(width=200, record=True)
    console.print(extraction_table(ex))
    out = console.export_text()
    assert "[bold]40[/bold]" in out and "[/b]" in out
