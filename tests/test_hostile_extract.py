"""Hostile and malformed text given to `Extractor.extract`: one clean error or valid output.

The audit's cases, each as a test (quadratic runs, numbers no count can be, dates past the
calendar, lone surrogates, texts past spaCy's length limit), then a bounded property test
that mixes them. Speed is measured in `bench/hostile.py`, never here.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from claimledger import settings as cl_settings
from claimledger.errors import ClaimledgerError, InputError
from claimledger.model import Extraction, Figure, Span, countable
from claimledger.nlp.tokens import MAX_RUN, tokenize
from pipeline_support import assert_exact_spans, make_doc

ARTICLE = (
    "At least 40 people were killed in Halvek on Tuesday, Drevnia's health ministry said.\n\n"
    '"We have counted 40 dead so far," spokeswoman Irena Kovel told reporters.'
)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"not JSON: {name}")


def assert_valid(result: Extraction) -> str:
    """Strict JSON (no Infinity/NaN) whose every span is exact; returns the JSON."""
    payload = result.to_json()
    assert_exact_spans(json.loads(payload, parse_constant=_refuse_constant))
    return payload


# -- runs that spaCy's tokenizer handles in quadratic time ----------------------------------


@pytest.mark.parametrize("mark", ["<", "”", "("])
def test_a_long_run_of_punctuation_becomes_tokens_of_bounded_length(nlp, mark):
    text = f"He wrote {mark * 100_000} and left."
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= MAX_RUN


def test_text_without_long_runs_is_tokenised_exactly_as_by_spacy(nlp):
    assert [(t.text, t.whitespace_) for t in tokenize(nlp, ARTICLE)] == [
        (t.text, t.whitespace_) for t in nlp.tokenizer(ARTICLE)
    ]


def test_the_text_around_a_long_run_is_still_analysed(extractor):
    text = "<" * 5000 + " " + ARTICLE
    result = extractor.extract(text, published="2024-09-18")
    assert_valid(result)
    assert [f.value for f in result.figures] == [40, 40]


# -- the work budget -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["said " * 5000, "1, " * 4000, "Officials, the ministry said " * 1200]
)
def test_a_sentence_of_thousands_of_cues_or_figures_is_refused_by_the_work_budget(extractor, text):
    with pytest.raises(InputError, match="too costly to analyse"):
        extractor.extract(text, published="2024-09-18")


def test_a_text_over_the_token_budget_is_refused_naming_the_setting(extractor, monkeypatch):
    monkeypatch.setenv(cl_settings.MAX_TOKENS_VAR, "20")
    with pytest.raises(InputError, match=cl_settings.MAX_TOKENS_VAR):
        extractor.extract(ARTICLE, published="2024-09-18")


def test_a_text_over_the_character_limit_is_refused_naming_the_limit(extractor):
    text = ARTICLE + " " * (cl_settings.DEFAULT_MAX_CHARS - len(ARTICLE) + 1)
    with pytest.raises(InputError, match=r"1,000,000 \(CLAIMLEDGER_MAX_CHARS\)"):
        extractor.extract(text, published="2024-09-18")


def test_the_character_limit_is_a_setting(extractor, monkeypatch):
    monkeypatch.setenv(cl_settings.MAX_CHARS_VAR, "50")
    with pytest.raises(InputError, match="limit of 50"):
        extractor.extract(ARTICLE, published="2024-09-18")


# -- numbers no count can be ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["1" + "0" * 500, "trillion " * 28, "18,446,744,073,709,551,616", "1" + "0" * 150],
)
def test_a_number_beyond_any_count_is_no_figure_but_stays_in_the_claim(extractor, number):
    text = f"The ministry said {number} soldiers were killed."
    result = extractor.extract(text, published="2024-09-18")
    assert_valid(result)
    assert result.figures == []
    assert any(number.strip() in c.content.text for c in result.claims)


def test_an_ordinary_large_figure_is_kept(extractor):
    result = extractor.extract("The ministry said 1.2 million people fled.", published="2024-09-18")
    assert [f.value for f in result.figures] == [1_200_000]


def test_to_json_refuses_a_non_finite_number_rather_than_write_infinity():
    figure = Figure(
        id="f1", claim_id=None, span=Span.of("inf", 0, 3), value=float("inf"), low=None,
        high=None, qualifier="exact",
    )
    result = Extraction(document={"id": "d", "text": "inf"}, figures=[figure])
    with pytest.raises(ValueError):
        result.to_json()


# -- dates past the calendar and long digit strings ----------------------------------------


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_relative_dates_past_the_calendar_resolve_to_no_value(extractor, published):
    text = (
        "The ministry said on Thursday that 5 soldiers were killed last week. "
        "It expects more next year and the year before, and said so the next day."
    )
    result = extractor.extract(text, published=published)
    assert_valid(result)
    assert result.times  # found, and each one either a real date or no value
    for t in result.times:
        assert t.value is None or t.value[:1] != "-"


def test_a_shift_of_billions_of_days_resolves_to_no_value(extractor):
    result = extractor.extract("It happened 99999999999 days ago, the ministry said.", published="2024-09-18")
    assert_valid(result)
    assert [t.value for t in result.times if "days" in t.span.text] == [None]


def test_a_digit_string_longer_than_pythons_int_limit_is_read_safely(extractor):
    result = extractor.extract("It happened in " + "9" * 5000 + " and later.", published="2024-09-18")
    assert_valid(result)


@pytest.mark.parametrize(
    "text",
    ["It happened " + "7" * 5000 + " days ago.", "They ate 1/" + "2" * 5000 + " of it.",
     "The ministry said 100 ²³⁴ soldiers died.", "They ate ²/4 of it."],
)
def test_the_pipeline_reads_long_and_superscript_digits_without_raising(nlp, text):
    """Through spaCy's own tokenizer (a saved pipeline used directly), not `tokens.tokenize`."""
    doc = make_doc(nlp, text, "2024-09-18")
    assert all(countable(f["value"]) for f in doc._.figures)


# -- lone surrogates -----------------------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "title", "outlet", "url"])
def test_a_lone_surrogate_in_any_field_is_refused_in_one_line(extractor, field):
    kwargs = {"text": ARTICLE, "published": "2024-09-18", field: "Halvek \ud800 report"}
    with pytest.raises(InputError, match="lone surrogate") as err:
        extractor.extract(**kwargs)
    assert "\n" not in str(err.value)


# -- a bounded fuzz of everything above, mixed ---------------------------------------------

_PIECES = st.sampled_from(
    [
        ARTICLE, "said ", "told reporters ", "according to the ministry, ", "“", "”", '"', "(",
        "<", "1,", "9" * 60, "0" * 40, "trillion ", "million ", "hundreds of ", "\ud800",
        "\udfff", "\x00", "\x0b", "\u200b", "\n\n", "  ", "killed ", "on Thursday ",
        "last week ", "99999999999 days ago ", "next year ", "1/", "$", "%", "-", "—",
    ]
)
_TEXT = st.lists(
    st.one_of(_PIECES, _PIECES.map(lambda p: p * 50), st.text(max_size=30)), max_size=12
).map("".join)
_PUBLISHED = st.one_of(
    st.none(), st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-29"]),
    st.dates().map(lambda d: d.isoformat()),
)


@seed(20240918)
@settings(
    max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=_TEXT, published=_PUBLISHED)
def test_hostile_text_gives_a_clean_error_or_the_same_valid_json_twice(extractor, text, published):
    try:
        first = assert_valid(extractor.extract(text, published=published))
    except ClaimledgerError as exc:
        assert "\n" not in str(exc)
        return
    assert extractor.extract(text, published=published).to_json() == first
