"""Statements from descriptions and verb-plus-preposition frames, on the real pipeline."""

from __future__ import annotations

import pytest

from allsource.extract.document import extract_document
from allsource.model.records import Document

TEXT = ("Anna Weber is a German skeleton racer. Roketsan is a Turkish company based in Ankara. "
        "Tom Hill served with the Royal Canadian Air Force during World War II. "
        "Peter Ham was the lead vocalist of the rock band Badfinger. "
        "Al Gore and the Russian prime minister met in Moscow.")


@pytest.fixture(scope="module")
def triples():
    extraction = extract_document(Document(id="descriptions", source="descriptions.txt", text=TEXT))
    names = {e.id: e.name for e in extraction.entities}
    return {(names[s.subject], s.predicate, names.get(s.object)) for s in extraction.statements}


def test_a_nationality_adjective_on_a_description_names_the_country(triples):
    assert ("Anna Weber", "citizen_of", "Germany") in triples


def test_an_organisation_is_not_given_a_nationality(triples):
    assert not any(s == "Roketsan" and p == "citizen_of" for s, p, _ in triples)


def test_a_name_coordinated_with_a_description_does_not_take_its_nationality(triples):
    assert ("Al Gore", "citizen_of", "Russia") not in triples


def test_based_in_gives_the_seat(triples):
    assert ("Roketsan", "based_in", "Ankara") in triples


def test_service_with_a_unit_during_a_war_is_membership_and_participation(triples):
    assert {("Tom Hill", "member_of", "Royal Canadian Air Force"), ("Tom Hill", "takes_part_in", "World War II"),
            ("Royal Canadian Air Force", "takes_part_in", "World War II")} <= triples


def test_a_member_noun_with_of_makes_its_referent_a_member(triples):
    assert ("Peter Ham", "member_of", "Badfinger") in triples
