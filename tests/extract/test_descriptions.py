"""Statements from descriptions and verb-plus-preposition frames, on the real pipeline."""

from __future__ import annotations

import pytest

from allsource.extract.document import extract_document
from allsource.model.records import Document

TEXT = ("Maria Costa is a Portuguese cyclist. Northwind Logistics is a Swiss company based in Zurich. "
        "Jan Novak served with the Polish Air Force during World War II. "
        "Ines Duarte was the drummer of the Lisbon Philharmonic Orchestra. "
        "Jorge Prado was an officer in the Peruvian Air Force during the Cenepa War. "
        "Al Gore and the Russian prime minister met in Moscow.")


@pytest.fixture(scope="module")
def triples():
    extraction = extract_document(Document(id="descriptions", source="descriptions.txt", text=TEXT))
    names = {e.id: e.name for e in extraction.entities}
    return {(names[s.subject], s.predicate, names.get(s.object)) for s in extraction.statements}


def test_a_nationality_adjective_on_a_description_names_the_country(triples):
    assert ("Maria Costa", "citizen_of", "Portugal") in triples


def test_an_organisation_is_not_given_a_nationality(triples):
    assert not any(s == "Northwind Logistics" and p == "citizen_of" for s, p, _ in triples)


def test_a_name_coordinated_with_a_description_does_not_take_its_nationality(triples):
    assert ("Al Gore", "citizen_of", "Russia") not in triples


def test_based_in_gives_the_seat(triples):
    assert ("Northwind Logistics", "based_in", "Zurich") in triples


def test_service_with_a_unit_during_a_war_is_membership_and_participation(triples):
    assert {("Jan Novak", "member_of", "Polish Air Force"), ("Jan Novak", "takes_part_in", "World War II"),
            ("Polish Air Force", "takes_part_in", "World War II")} <= triples


def test_an_office_in_a_body_during_a_war_is_membership_and_participation(triples):
    assert {("Jorge Prado", "member_of", "Peruvian Air Force"), ("Jorge Prado", "takes_part_in", "Cenepa War"),
            ("Peruvian Air Force", "takes_part_in", "Cenepa War")} <= triples


def test_a_member_noun_with_of_makes_its_referent_a_member(triples):
    assert ("Ines Duarte", "member_of", "Lisbon Philharmonic Orchestra") in triples
