"""Mention rules that correct the statistical model: capitals in headlines, states inside
longer names, names cut short, and untagged names that act as people."""

from __future__ import annotations

import pytest

from allsource.extract.mentions import find_candidates
from allsource.extract.nlp import load_pipeline, parse


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def found(nlp, text: str) -> dict[str, str]:
    return {c.text: c.type for c in find_candidates(parse(text, nlp))}


def test_a_capital_in_a_dateline_stays_a_place(nlp):
    # all capitals: no sign of an acronym, and the gazetteer knows the capital written so
    assert found(nlp, "LONDON 1996-08-30")["LONDON"] == "place"


def test_a_state_inside_a_longer_name_is_part_of_that_name(nlp):
    candidates = found(nlp, "Shares of Air France fell sharply on Monday.")
    assert "France" not in candidates
    assert candidates.get("Air France") == "organization"


def test_a_state_after_a_title_and_possessive_stays_a_state(nlp):
    candidates = found(nlp, "Iran's Foreign Minister Mohammad Javad Zarif flew to Moscow.")
    assert candidates["Iran"] == "state"


def test_a_name_cut_short_by_the_model_is_made_whole(nlp):
    candidates = found(nlp, "Nkosazana Clarice Dlamini Zuma met officials in the capital on Tuesday.")
    assert candidates.get("Nkosazana Clarice Dlamini Zuma") == "person", candidates


def test_an_untagged_name_that_criticises_is_a_person(nlp):
    assert found(nlp, "Albade Abouba criticised the new budget in a speech to supporters.") == {
        "Albade Abouba": "person"}


def test_a_lone_word_saying_something_is_not_made_a_person(nlp):
    # "said" has companies and governments for subjects too
    assert found(nlp, "Rabobank said profits rose.").get("Rabobank") != "person"
