"""Within-document coreference rules on the real pipeline: gendered pronouns, given-name
folding, acronyms and kind descriptions. Sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from allsource.extract.coref import given_names, resolve_document
from allsource.extract.mentions import find_candidates
from allsource.extract.nlp import parse


def _chains(text: str) -> dict[str, str]:
    """Each mention's surface (with its offset when repeated) -> the name of its entity."""
    doc = parse(text)
    entities, mentions = resolve_document(doc, find_candidates(doc), "doc")
    names = {entity.id: entity.name for entity in entities}
    return {f"{m.text}@{m.start}": names[m.entity] for m in mentions}


def _entity_of(chains: dict[str, str], text: str, word: str, occurrence: int = 0) -> str | None:
    offset = [match.start() for match in re.finditer(rf"\b{re.escape(word)}\b", text)][occurrence]
    return chains.get(f"{word}@{offset}")


def test_she_and_he_go_to_the_person_whose_name_fits():
    text = "Mary Collins met John Brown in Vienna. She said he had arrived late."
    chains = _chains(text)
    assert _entity_of(chains, text, "She") == "Mary Collins"
    assert _entity_of(chains, text, "he") == "John Brown"


def test_i_inside_a_quote_is_its_speaker():
    text = ("John Brown met Mary Collins in Vienna. \u201cI will not sign it, and nobody can make me,\u201d "
            "he said. Mary Collins said: \u201cMy answer is the same.\u201d")
    chains = _chains(text)
    assert _entity_of(chains, text, "I") == "John Brown"
    assert _entity_of(chains, text, "me") == "John Brown"
    assert _entity_of(chains, text, "My") == "Mary Collins"


def test_a_noun_in_apposition_describes_the_person():
    text = ("John Brown, a retired surgeon, praised his wife Mary Collins. "
            "Image: Mary Collins.")
    chains = _chains(text)
    assert _entity_of(chains, text, "a retired surgeon") == "John Brown"
    assert _entity_of(chains, text, "his wife") == "Mary Collins"
    assert _entity_of(chains, text, "Image") is None


def test_a_person_called_he_is_not_she_later():
    text = "Professor Cres Eastman led the study. He said salt helps. Later she wrote a letter."
    chains = _chains(text)
    assert _entity_of(chains, text, "He") == "Professor Cres Eastman"
    assert _entity_of(chains, text, "she") is None


def test_a_given_name_alone_joins_the_full_name():
    text = "Mario J. Lucero runs a small studio in Arizona. Everyone there calls him Mario."
    chains = _chains(text)
    assert _entity_of(chains, text, "Mario", occurrence=1) == "Mario J. Lucero"


def test_an_acronym_defined_in_parentheses_is_found_again():
    text = "The World Health Organisation (WHO) issued advice. Later WHO changed it."
    chains = _chains(text)
    assert _entity_of(chains, text, "WHO", occurrence=1) == _entity_of(chains, text, "World Health Organisation")


def test_the_country_refers_to_the_last_state_named():
    text = "Australia has a salt problem. The country will change its rules next year."
    chains = _chains(text)
    assert _entity_of(chains, text, "The country") == "Australia"


def test_given_names_are_data_with_both_genders():
    names = given_names()
    assert names["Mary"] == "female" and names["John"] == "male"


@pytest.mark.parametrize("text", ["Mary Collins met John Brown.", "Professor Cres Eastman led the study."])
def test_no_pronoun_no_pronoun_mention(text):
    assert not any(key.split("@")[0].lower() in ("he", "she") for key in _chains(text))


def test_he_goes_to_the_nearer_subject_even_when_an_earlier_name_is_known_to_be_male():
    text = ("The troops of President Bashar Haddad were retreating in the north. "
            "In July the general Qorbani Talebzadeh flew to the capital. He met the prime minister there.")
    chains = _chains(text)
    assert _entity_of(chains, text, "He") == "Qorbani Talebzadeh"
