"""Copy detection on real articles: republications link to their original, other reports don't."""

from __future__ import annotations

import itertools
import json

import pytest

from claimledger.ledger.copies import (
    CopyDetector,
    containment,
    jaccard,
    normalise_text,
    original_key,
    shingles,
    signature,
)


@pytest.fixture(scope="module")
def articles(shared) -> list[dict]:
    out = []
    for name in ("olenivka", "kramatorsk"):
        out += json.loads((shared / "gold" / "dev" / f"{name}.json").read_text())["articles"]
    return out


def _republish(text: str) -> str:
    """What aggregators do: re-wrap paragraphs, straighten quotes, add a boilerplate line."""
    return (
        "  " + text.replace("\n\n", "\n \n").replace("\u2019", "'").replace("\u201c", '"')
        + "\n\nThis story has been published from a wire agency feed without modifications."
    )


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Russia\u2019s Defence Ministry said 1,908 soldiers", "russia s defence ministry said 1908 soldiers"),
        ("  At the moment,\n1,908 people laid down their arms.", "at the moment 1908 people laid down their arms"),
    ],
)
def test_normalise_text_ignores_typography_and_separators(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("index", [0, 1, 5, 9, 12])
def test_copy_detector_links_republished_copy_to_original(articles, index):
    original = articles[index]
    det = CopyDetector()
    det.add(original["id"], original["text"], original["published"])
    match = det.check("copy", _republish(original["text"]), "2022-12-31")
    assert match is not None
    assert match.original_id == original["id"]
    assert 0.8 <= match.similarity <= 1.0


def test_copy_detector_keeps_independent_reports_of_one_story_apart(articles):
    # nine outlets reporting the same explosion share facts and quotes, not their text
    det = CopyDetector.rebuild((a["id"], a["text"], a["published"]) for a in articles)
    assert det.links() == {}
    worst = max(
        containment(signature(a["text"]).narrative, signature(b["text"]).narrative)
        for a, b in itertools.permutations(articles, 2)
    )
    assert worst < det.threshold
    assert max(jaccard(shingles(a["text"]), shingles(b["text"]))
               for a, b in itertools.combinations(articles, 2)) < det.threshold


def test_copy_detector_prefers_earliest_published_even_when_it_arrives_last(articles):
    original = articles[1]
    det = CopyDetector()
    assert det.add("late-copy", _republish(original["text"]), "2022-08-01") == []
    relinks = det.add(original["id"], original["text"], original["published"])
    assert [doc for doc, _ in relinks] == ["late-copy"]
    assert relinks[0][1].original_id == original["id"]
    assert det.original_of("late-copy") == original["id"]
    assert det.original_of(original["id"]) is None


@pytest.mark.parametrize("published", [None, "2022-07-29"])
def test_copy_detector_first_seen_wins_between_undated_or_same_day(articles, published):
    text = articles[3]["text"]
    det = CopyDetector()
    det.add("first", text, published)
    assert det.check("second", _republish(text), published).original_id == "first"


def test_copy_detector_rebuild_does_not_depend_on_ingest_order(articles):
    original = articles[2]
    rows = [
        ("copy-b", _republish(original["text"]), "2022-07-31"),
        (original["id"], original["text"], original["published"]),
        ("copy-a", original["text"] + "\n\nRead more.", "2022-07-30"),
        *((a["id"], a["text"], a["published"]) for a in articles[3:6]),
    ]
    forward = CopyDetector.rebuild(rows).links()
    backward = CopyDetector.rebuild(list(reversed(rows))).links()
    assert forward == backward
    assert {k: v.original_id for k, v in forward.items()} == {
        "copy-a": original["id"],
        "copy-b": original["id"],
    }


@pytest.mark.parametrize("old,new", [("said 40 prisoners", "said 45 prisoners"),
                                     ("said 40 prisoners", "said 40 prisoners")])
def test_an_edited_republication_is_still_a_copy_of_the_text(articles, old, new):
    # which of its figures count as independent reports is the series' call (`changed_copy`,
    # tests/ledger/test_gold_series.py): the link itself holds for an edited number
    original = next(a for a in articles if a["id"] == "ol-straitstimes-2022-07-29")
    assert old in original["text"]
    edited = _republish(original["text"].replace(old, new))
    det = CopyDetector()
    det.add(original["id"], original["text"], original["published"])
    det.add("edited", edited, "2022-07-30")
    assert det.original_of("edited") == original["id"]


@pytest.mark.parametrize("doc,copy_of,expected", [("b", "a", "a"), ("a", None, "a")])
def test_original_key_counts_a_copy_as_its_original(doc, copy_of, expected):
    assert original_key(doc, copy_of) == expected


def test_copy_detector_links_a_hundred_republications_to_the_one_original(articles):
    original = articles[6]
    rows = [(f"copy-{i:03d}", original["text"] + f"\n\nShared by reader {i}.", "2022-08-01")
            for i in range(100)]
    rows.append((original["id"], original["text"], original["published"]))
    det = CopyDetector.rebuild(rows)
    links = det.links()
    assert len(links) == 100
    assert {m.original_id for m in links.values()} == {original["id"]}


def test_a_detector_from_a_ledger_stored_without_links_finds_them(articles, tmp_path):
    """What ingest primes its detector with: every stored text, linked by date, not by the
    order the documents were stored in (the copy came first here)."""
    from claimledger.documents import PIPELINE_VERSION
    from claimledger.eval.series import oracle_extraction
    from claimledger.ledger.store import Store

    original = articles[1]
    copy = {**original, "id": "republished", "url": "https://aggregator.example/x",
            "published": "2022-07-30", "text": _republish(original["text"])}
    with Store(tmp_path / "ledger.db") as store:
        for art in (copy, original, articles[2]):
            store.add_extraction(oracle_extraction(art), PIPELINE_VERSION)
        assert store.counts()["copies"] == 0
        links = CopyDetector.from_store(store).links()
    assert {k: v.original_id for k, v in links.items()} == {"republished": original["id"]}
