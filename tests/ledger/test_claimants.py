"""Claimants: source rows grouped by claimant key, name-like aliases and surnames."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimledger.ledger.claimants import group_claimants, mention_texts, name_aliases
from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from claimant_ledger import FULL_NAME, SURNAME, build_claimant_ledger  # noqa: E402
from gold_oracle import load_cluster  # noqa: E402


@pytest.fixture(scope="module")
def source_rows(shared, tmp_path_factory) -> list[dict]:
    with Store(tmp_path_factory.mktemp("claimants") / "ledger.db") as store:
        build_claimant_ledger(store, shared)
        return store.sources(limit=None)


def _together(rows: list[dict], a: str, b: str) -> bool:
    groups, group_of = group_claimants(rows)
    keys_a = {group_of[r["id"]] for r in rows if r["name"] == a}
    keys_b = {group_of[r["id"]] for r in rows if r["name"] == b}
    assert keys_a and keys_b, (a, b)  # both names are in the ledger: the test can fail
    return keys_a == keys_b and len(keys_a) == 1


@pytest.mark.parametrize(
    "a,b,together",
    [
        (FULL_NAME, SURNAME, True),  # the surname is a gold mention of the full name
        ("Russian Defence Ministry", "Russia", True),  # gold: 'Russian Defense Ministry'
        # the ministry's spokesman speaks for it: one claimant (issue 10, item 2)
        (FULL_NAME, "Russian Defence Ministry", True),
        ("Pavlo Kyrylenko", "Ukrainian officials", False),  # one side, two claimants
        ("Volodymyr Zelensky", "Ukrainian officials", False),
        ("Prosecutor General's Office of Ukraine", "National Police of Ukraine", False),
        # the DPR's leader speaks for it (the gold series lists him among its aliases)
        ("Denis Pushilin", "Donetsk People's Republic", True),
    ],
)
def test_claimants_gold_cluster_names_group_as_the_gold_aliases_say(source_rows, a, b, together):
    assert _together(source_rows, a, b) is together


def test_claimants_one_claimant_lists_its_aliases_and_all_its_rows(source_rows):
    groups, _ = group_claimants(source_rows)
    konashenkov = [c for c in groups if SURNAME in c.names or FULL_NAME in c.names]
    assert len(konashenkov) == 1
    c = konashenkov[0]
    # the spokesman is filed under the institution he speaks for, his names kept
    assert c.name == "Russian Defence Ministry" and {FULL_NAME, SURNAME} <= set(c.names)
    assert "Lt. Gen. Igor Konashenkov" in c.aliases
    assert not ({"he", "He", "it", "It", "spokesman"} & (c.aliases | set(c.names)))


def test_claimants_reviewer_merge_and_split_override_the_rules():
    rows = [{"id": "a:s1", "name": "Pavlo Kyrylenko", "kind": "person", "affiliation": "Ukraine",
             "mentions": ["Donetsk Governor Pavlo Kyrylenko"]},
            {"id": "b:s1", "name": "Ukrainian officials", "kind": "government",
             "affiliation": "Ukraine", "mentions": []},
            {"id": "c:s1", "name": "Igor Konashenkov", "kind": "person", "affiliation": "Russia",
             "mentions": ["Russian Defense Ministry spokesman Lt. Gen. Igor Konashenkov"]},
            {"id": "d:s1", "name": "Russian Defence Ministry", "kind": "government",
             "affiliation": "Russia", "mentions": []}]
    _, group_of = group_claimants(rows)
    assert group_of["a:s1"] != group_of["b:s1"] and group_of["c:s1"] == group_of["d:s1"]
    merge = {"id": 1, "target_type": "source", "target_id": "a:s1", "verdict": "correct",
             "changes_json": '{"merge_into": "b:s1"}', "undone_at": None}
    split = {"id": 2, "target_type": "source", "target_id": "c:s1", "verdict": "correct",
             "changes_json": '{"split": true, "source_name": "Igor Konashenkov"}',
             "undone_at": None}
    _, group_of = group_claimants(rows, [merge, split])
    assert group_of["a:s1"] == group_of["b:s1"] and group_of["c:s1"] != group_of["d:s1"]
    _, group_of = group_claimants(rows, [{**merge, "undone_at": "2026-01-01T00:00:00+00:00"}])
    assert group_of["a:s1"] != group_of["b:s1"]


@pytest.mark.parametrize(
    "name,spelled",
    [
        ("Russian Defence Ministry", "Russia’s defence ministry"),
        ("Russian Defence Ministry", "Russian Defense Ministry"),
        ("Russian Defence Ministry", "Ministry of Defense of Russia"),
        ("Volodymyr Zelensky", "Volodymyr Zelensky"),
    ],
)
def test_claimants_spellings_of_one_name_share_a_row(name, spelled):
    rows = [{"id": "d1:s1", "name": name, "kind": "government", "mentions": []},
            {"id": "d2:s1", "name": spelled, "kind": "government", "mentions": []}]
    groups, group_of = group_claimants(rows)
    assert len(groups) == 1 and group_of["d1:s1"] == group_of["d2:s1"]


@pytest.mark.parametrize(
    "people,lone,together",
    [
        (["Denis Pushilin"], "Pushilin", True),
        (["Pavlo Kyrylenko"], "Kyrylenko", True),
        # two people of one surname: the surname alone could be either, so it stays apart
        (["Pavlo Kyrylenko", "Olena Kyrylenko"], "Kyrylenko", False),
        # an organisation's last word is no surname
        (["Prosecutor General's Office of Ukraine"], "Ukraine", False),
    ],
)
def test_claimants_lone_surname_joins_the_only_person_of_that_surname(people, lone, together):
    rows = [{"id": f"d{i}:s1", "name": n, "kind": "person", "mentions": []}
            for i, n in enumerate(people)]
    rows.append({"id": "dx:s1", "name": lone, "kind": "person", "mentions": []})
    groups, group_of = group_claimants(rows)
    assert (group_of["dx:s1"] == group_of["d0:s1"]) is together


def test_claimants_org_kind_full_name_takes_no_surname():
    rows = [{"id": "a:s1", "name": "Russian Defence Ministry", "kind": "government",
             "mentions": []},
            {"id": "b:s1", "name": "Defence Ministry", "kind": "government", "mentions": []}]
    _, group_of = group_claimants(rows)
    assert group_of["a:s1"] != group_of["b:s1"]


def test_claimants_name_aliases_keep_only_forms_of_the_name(shared):
    cluster = load_cluster(shared / "gold" / "dev" / "olenivka.json")
    gold = next(f["source"] for a in cluster["articles"] for f in a["figures"]
                if f.get("source") and f["source"][0] == FULL_NAME)
    assert name_aliases(gold[0], gold[1:]) == ["Lt. Gen. Igor Konashenkov", "Konashenkov"]


@pytest.mark.parametrize(
    "stored,texts",
    [
        ('[["Konashenkov", 10, 21], ["he", 40, 42]]', ["Konashenkov", "he"]),
        ([{"text": "Shoigu", "start": 0, "end": 6}], ["Shoigu"]),
        ("[]", []),
    ],
)
def test_claimants_mention_texts_reads_stored_and_parsed_mentions(stored, texts):
    assert mention_texts(stored) == texts


def test_claimants_grouping_is_deterministic_in_any_row_order(source_rows):
    first, _ = group_claimants(source_rows)
    again, _ = group_claimants(list(reversed(source_rows)))
    assert sorted((c.key, c.name, sorted(c.source_ids)) for c in first) == sorted(
        (c.key, c.name, sorted(c.source_ids)) for c in again)


def test_claimants_a_row_naming_no_claimant_does_not_speak():
    rows = [{"id": "a:s1", "name": "confirmed data", "kind": "unknown", "mentions": []},
            {"id": "b:s1", "name": "Its", "kind": "unknown", "mentions": ["Its"]},
            {"id": "c:s1", "name": "Russian Defence Ministry", "kind": "government",
             "mentions": ["it"]}]
    groups, group_of = group_claimants(rows)
    speaks = {sid: next(c.speaks for c in groups if c.key == key) for sid, key in group_of.items()}
    assert speaks == {"a:s1": False, "b:s1": False, "c:s1": True}
