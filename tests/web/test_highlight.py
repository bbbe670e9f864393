"""Highlighted article HTML: every fragment escaped, marks nested even when spans cross."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import escape

from claimledger.web.highlight import Mark, highlight

# the founding article's sentence, offsets as the gold gives them
SENT = "Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered at Azovstal"


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


class _Checker(HTMLParser):
    """Rebuilds the plain text and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.covered: dict[str, str] = {}  # mark class -> the text inside such marks

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs).get("class", "")))
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop()[0] == tag, f"</{tag}> does not close the open tag"

    def handle_data(self, data):
        self.text.append(data)
        for cls in {cls for _, cls in self.stack}:
            self.covered[cls] = self.covered.get(cls, "") + data


def _parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack, "unclosed tags"
    return checker


@pytest.mark.parametrize(
    "spans",
    [
        [("Russia’s Defense Ministry", "source"), ("has said", "cue"),
         ("almost 2000 Ukranian soldiers have surrendered at Azovstal", "content"),
         ("almost 2000", "figure"), ("almost", "hedge")],
        # crossing: a mention that runs into the content
        [("Defense Ministry has said", "source"), ("said that almost 2000", "content")],
        # identical spans of different kinds
        [("almost 2000", "figure"), ("almost 2000", "content")],
    ],
)
def test_highlight_keeps_text_and_nests_marks(spans):
    marks = [Mark(*_at(SENT, needle), kind) for needle, kind in spans]
    html = str(highlight(SENT, marks))
    checker = _parse(html)
    assert "".join(checker.text) == SENT
    assert checker.tags.count("mark") >= len(spans)
    for needle, kind in spans:
        # the words of each span, and only they, are inside marks of its kind
        assert checker.covered[f"hl hl-{kind}"] == needle


@pytest.mark.parametrize(
    "payload",
    [
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="alert(1)">',
        '"><a href="javascript:alert(1)">x</a>',
        "&lt;already escaped&gt;",
    ],
)
def test_highlight_escapes_every_fragment(payload):
    text = f"Shoigu said {payload} 1,908 people laid down their arms."
    marks = [Mark(*_at(text, payload), "content", {"claim": payload}, title=payload),
             Mark(*_at(text, "1,908"), "figure")]
    html = str(highlight(text, marks))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert str(escape(payload)) in html
    assert "".join(_parse(html).text) == text


@pytest.mark.parametrize(
    "mark",
    [Mark(5, 5, "figure"), Mark(-1, 3, "figure"), Mark(10, 10_000, "content"), Mark(9, 4, "cue")],
)
def test_highlight_drops_marks_outside_the_text(mark):
    html = str(highlight(SENT, [mark]))
    assert "<mark" not in html
    assert html == SENT


def test_highlight_split_mark_keeps_its_attributes():
    text = "Shoigu said that 1,908 people laid down their arms."
    marks = [Mark(0, 16, "source", {"claim": "c1"}), Mark(7, 30, "content", {"claim": "c2"})]
    html = str(highlight(text, marks))
    assert html.count('data-claim="c2"') == 2  # reopened after the source closes
    assert "".join(_parse(html).text) == text
