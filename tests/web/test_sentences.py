"""Report sentences on the series and discrepancy pages: cut from a window of the article
around the figure, with the figure marked."""

from __future__ import annotations

import pytest

from claimledger.web.routes.series import figure_in, sentence_around

# paragraphs of the founding article (../shared/gold/dev/seed.txt)
QUOTE = (
    "“The blocking of the Azovstal plant continues … Nationalists are actively surrendering to "
    "captivity. At the moment, 1,908 people laid down their arms.”"
)
PREVIOUS = (
    "The previous figure given by the Russian Defense Ministry Thursday was 1,730 Ukrainian "
    "soldiers. However, there has been no evidence of more people leaving the plant since "
    "Thursday.\n\nShoigu also said that 177 civilians had been evacuated from the plant"
)


@pytest.mark.parametrize(
    "window,figure,sentence",
    [
        (QUOTE, "1,908", "At the moment, 1,908 people laid down their arms.”"),
        (PREVIOUS, "1,730", "The previous figure given by the Russian Defense Ministry "
                            "Thursday was 1,730 Ukrainian soldiers."),
        (PREVIOUS, "177", "Shoigu also said that 177 civilians had been evacuated from the plant"),
    ],
)
def test_sentence_around_cuts_the_figures_sentence(window, figure, sentence):
    start = window.index(figure)
    text, (s, e) = sentence_around(window, start, start + len(figure))
    assert text == sentence
    assert text[s:e] == figure


@pytest.mark.parametrize(
    "sentence,figure",
    [("At the moment, 1,908 people laid down their arms.", "1,908"),
     ("<script>alert(1)</script> 177 civilians", "177")],
)
def test_figure_in_marks_the_figure_and_escapes_the_rest(sentence, figure):
    start = sentence.index(figure)
    html = str(figure_in({"sentence": sentence, "sentence_figure": [start, start + len(figure)]}))
    assert f'<mark class="hl hl-figure">{figure}</mark>' in html
    assert "<script>" not in html
