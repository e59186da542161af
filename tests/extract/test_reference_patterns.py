"""Patterns of reference-style prose (encyclopedia openings, council lists, athletes'
biographies), on the real pipeline."""

from __future__ import annotations

import pytest

from allsource.extract.document import extract_document
from allsource.model.records import Document

TEXT = ("Kestrel Dynamics is a Norwegian arms manufacturer based in the coastal city of Hamburg. "
        "It was founded in 1971 by John Miller. "
        "The county mayor is Janne Berg (Conservative Party). "
        "Ross Miller was a Canadian politician who served as mayor of Calgary from 1977 to 1980. "
        "Anna Kowalski represented Poland at the 2008 Summer Olympics. "
        "Your Song is a single by Australian recording artist and songwriter Kylie Minogue.")
ONE_STATE = "Karl Berg was a farmer in Norway. He later became the Minister of Fisheries, and Norway honoured him."
TWO_STATES = "Karl Berg was a farmer in Norway. He later became the Minister of Fisheries, and Sweden honoured him."


def _triples(text: str) -> set[tuple]:
    extraction = extract_document(Document(id="reference", source="reference.txt", text=text))
    names = {e.id: e.name for e in extraction.entities}
    return {(names[s.subject], s.predicate, names.get(s.object), s.role) for s in extraction.statements}


@pytest.fixture(scope="module")
def triples():
    return _triples(TEXT)


def test_a_subject_it_refers_to_the_topic_of_the_opening_sentence(triples):
    assert ("John Miller", "founded", "Kestrel Dynamics", None) in triples


def test_the_place_named_after_city_of_is_the_seat(triples):
    assert ("Kestrel Dynamics", "based_in", "Hamburg", None) in triples


def test_a_party_in_brackets_after_a_name_is_that_persons_party(triples):
    assert ("Janne Berg", "member_of", "Conservative Party", None) in triples


def test_who_after_a_predicate_noun_refers_to_the_subject_and_a_city_has_a_mayor(triples):
    assert ("Ross Miller", "holds_role", "Calgary", "mayor") in triples


def test_representing_a_country_is_citizenship(triples):
    assert ("Anna Kowalski", "citizen_of", "Poland", None) in triples
    assert not any(p == "citizen_of" and s == "Janne Berg" for s, p, _, _ in triples)


def test_a_name_closing_a_list_of_describing_nouns_takes_their_nationality(triples):
    assert ("Kylie Minogue", "citizen_of", "Australia", None) in triples


def test_an_office_named_without_its_state_belongs_to_the_state_the_text_is_about():
    assert ("Karl Berg", "holds_role", "Norway", "Minister") in _triples(ONE_STATE)
    assert not any(p == "holds_role" and o in ("Norway", "Sweden") for _, p, o, _ in _triples(TWO_STATES))
