"""Canonical claimants: names are names, registry actors, roles link people to institutions.

The wordings are those the issue lists as seen in `serve` (datelines, pronouns, role nouns,
spokespeople and Russian-installed officials), as the sources stage gives them.
"""

from __future__ import annotations

import pytest

from claimledger.ledger.canon import canonical, clean_aliases, clean_name, is_name


@pytest.mark.parametrize("text", ["He", "it", "Its", "whose department", "the ministry",
                                  "Ministry", "official", "spokesman",
                                  "officials who spoke on condition of anonymity"])
def test_pronouns_role_nouns_and_clauses_are_never_names(text):
    assert not is_name(text)


def test_dateline_is_cut_from_a_name():
    assert clean_name("MOSCOW: Russia's defence ministry") == "Russia's defence ministry"
    assert clean_name("KYIV, June 8 (Reuters) - Ukraine's interior ministry") == (
        "Ukraine's interior ministry")
    assert clean_name("RIA Novosti") == "RIA Novosti"


def test_aliases_keep_names_only():
    got = clean_aliases(["Igor Konashenkov", "Konashenkov", "he", "spokesman",
                         "Russian Defense Ministry spokesman Lt. Gen. Igor Konashenkov"])
    assert got == ("Igor Konashenkov", "Konashenkov")


def test_spokesman_speaks_for_his_ministry_whatever_side_the_row_says():
    c = canonical("Igor Konashenkov", "Ukraine", "person",
                  ("Konashenkov", "the ministry's spokesperson, Gen. Igor Konashenkov",
                   "Russian Defense Ministry spokesman Lt. Gen. Igor Konashenkov"))
    assert (c.name, c.side) == ("Russian Defence Ministry", "Russia")
    assert "Konashenkov" in c.aliases and "he" not in c.aliases


@pytest.mark.parametrize("name,mentions", [
    ("Vladimir Saldo", ("Russian-installed governor Vladimir Saldo",)),
    ("Vladimir Saldo", ("Moscow-appointed regional governor Vladimir Saldo", "he")),
    ("the Kremlin-appointed mayor", ()),
    ("Russian occupation authorities", ()),
])
def test_installed_officials_speak_for_the_installed_administration_side_russia(name, mentions):
    c = canonical(name, None, "person", mentions)
    assert (c.name, c.side) == ("Russian-installed administration", "Russia")


def test_health_ministry_spokesman_and_the_ministry_are_one_claimant():
    person = canonical("Ashraf al-Qidra", None, "person",
                       ("a Gaza health ministry spokesman, Ashraf al-Qidra",))
    body = canonical("Hamas-run health ministry", None, "government", ())
    assert person.name == body.name == "Gaza Health Ministry"
    assert person.side == body.side


def test_dateline_name_resolves_to_the_registry_actor():
    c = canonical("MOSCOW: Russia's defence ministry", None, "government", ())
    assert (c.name, c.side) == ("Russian Defence Ministry", "Russia")


@pytest.mark.parametrize("name", ["confirmed data", "Deaths", "Its"])
def test_a_noun_of_unknown_kind_is_no_claimant(name):
    assert canonical(name, None, "unknown", ()).name is None


def test_person_without_institution_stays_the_claimant():
    c = canonical("Pavlo Kyrylenko", "Ukraine", "person", ("Pavlo Kyrylenko", "Kyrylenko"))
    assert (c.name, c.side) == ("Pavlo Kyrylenko", "Ukraine")


def test_state_media_speak_for_themselves_not_for_the_state():
    # "The Kremlin media reports that 53 people died": not the defence ministry's statement
    media = canonical("Kremlin media", "Russia", "media")
    ministry = canonical("Russian Defence Ministry", "Russia", "government")
    assert media.side is None and media.name == "Kremlin media"
    assert ministry.side == "Russia"
    # a registry news agency is its own side too, whatever state it belongs to
    assert canonical("TASS", None, "media").side == "TASS"


def test_an_institution_of_a_place_named_by_its_kind_is_that_places():
    # "the territory's health ministry", affiliated to Gaza, is the registry's Gaza ministry
    c = canonical("territory\u2019s health ministry", "Gaza", "government")
    assert (c.name, c.actor) == ("Gaza Health Ministry", "Gaza Health Ministry")
    # with no place to read, the kind of place names no one institution
    assert canonical("enclave's health ministry", None, "government").actor is None
