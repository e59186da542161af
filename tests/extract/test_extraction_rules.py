"""Mentions, coreference, statements and events on sentences written for these tests."""

from __future__ import annotations

import pytest

from allsource.extract.document import extract_document
from allsource.extract.nlp import load_pipeline, paragraph_chunks, parse
from allsource.model.ids import content_hash, make_id
from allsource.model.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(text: str, published: str | None = "2021-05-03"):
    document = Document(id=make_id("doc", content_hash(text), 0), source="test.txt", text=text, published=published)
    return extract_document(document)


def entity_named(extraction, name: str):
    matches = [e for e in extraction.entities if e.name == name or name in e.aliases]
    assert matches, f"no entity {name!r} among {[e.name for e in extraction.entities]}"
    return matches[0]


def statements(extraction, predicate: str):
    names = {e.id: e.name for e in extraction.entities}
    return {(names[s.subject], names.get(s.object), names.get(s.item), s.role, s.negated)
            for s in extraction.statements if s.predicate == predicate}


def test_paragraph_chunks_rejoin_to_the_text():
    text = "One.\n\nTwo  words.\n\n\nThree\n"
    assert "".join(paragraph_chunks(text)) == text


def test_parse_keeps_offsets_of_the_whole_text(nlp):
    text = "Iran and Russia met.\n\nPutin left Moscow."
    doc = parse(text, nlp)
    assert doc.text == text
    assert [t.idx for t in doc if t.text == "Putin"] == [text.index("Putin")]


def test_surname_tagged_as_place_joins_the_full_name():
    x = extract("Quds Force commander Qassem Soleimani flew to Moscow in July 2015. "
                "Soleimani then met officials at the defence ministry.")
    soleimani = entity_named(x, "Qassem Soleimani")
    assert soleimani.type == "person"
    assert "Soleimani" in soleimani.aliases
    assert not [e for e in x.entities if e.name == "Soleimani" and e.id != soleimani.id]


def test_acronym_defined_in_parentheses_is_the_same_entity():
    x = extract("The Islamic Revolutionary Guard Corps (IRGC) runs the program. "
                "Later the IRGC expanded it with help from abroad.")
    irgc = entity_named(x, "IRGC")
    assert irgc.name == "Islamic Revolutionary Guard Corps"
    assert irgc.mention_count >= 2


def test_people_sharing_a_family_name_stay_apart():
    x = extract("Hafez al-Assad ruled Syria until 2000. His son Bashar al-Assad took over and "
                "Bashar al-Assad has relied on Tehran ever since.")
    assert entity_named(x, "Hafez al-Assad").id != entity_named(x, "Bashar al-Assad").id


def test_capital_acting_is_the_state_and_capital_as_location_is_a_place():
    x = extract("Tehran denied the report. The talks were held in Tehran in June.")
    iran = entity_named(x, "Iran")
    assert iran.type == "state"
    assert "Tehran" in iran.aliases
    places = [e for e in x.entities if e.type == "place" and e.name == "Tehran"]
    assert places, "the venue of the talks should stay a place"


def test_title_before_a_name_gives_holds_role_with_the_state():
    x = extract("Iranian Foreign Minister Mohammad Javad Zarif spoke for three hours.")
    assert ("Mohammad Javad Zarif", "Iran", None, "Foreign Minister", False) in statements(x, "holds_role")


def test_apposition_with_head_of_gives_leads():
    x = extract("Esmail Qaani, the commander of the Quds Force, visited Baghdad last week.")
    assert ("Esmail Qaani", "Quds Force", None, "commander", False) in statements(x, "leads")


def test_supply_with_item_recipient_and_date():
    x = extract("Russia delivered the S-300 to Iran in 2016.")
    [statement] = [s for s in x.statements if s.predicate == "supplies"]
    names = {e.id: e.name for e in x.entities}
    assert (names[statement.subject], names[statement.object], names[statement.item]) == ("Russia", "Iran", "S-300")
    assert (statement.time.start, statement.time.end, statement.time.precision) == ("2016-01-01", "2016-12-31", "year")
    evidence = statement.evidence[0]
    assert x.document.text[evidence.start:evidence.end] == evidence.text


def test_negated_supply_is_kept_as_negated():
    x = extract("Iran did not supply Russia with drones, officials insisted.")
    assert ("Iran", "Russia", None, None, True) in statements(x, "supplies")


def test_hedging_is_kept_as_modality():
    x = extract("Russia reportedly supplied Iran with Su-35 fighters.")
    [statement] = [s for s in x.statements if s.predicate == "supplies"]
    assert statement.modality == "hedged"


def test_statement_inside_a_claim_is_reported():
    x = extract('Zarif said that Russia opposed the nuclear deal.')
    [statement] = [s for s in x.statements if s.predicate == "opposes"]
    assert statement.modality == "reported"
    assert x.claims and x.claims[0].statement == statement.id


def test_meeting_event_takes_the_date_of_the_clause_it_hangs_from():
    x = extract("President Ebrahim Raisi visited Moscow in January 2022 and met Vladimir Putin at the Kremlin.")
    meetings = [e for e in x.events if e.event_type == "meeting"]
    assert meetings and meetings[0].time is not None
    assert meetings[0].time.start.startswith("2022-01")
    names = {e.id: e.name for e in x.entities}
    assert {names[p] for p in meetings[0].participants} >= {"Ebrahim Raisi", "Vladimir Putin"}


def test_relative_clause_subject_is_the_noun_it_describes():
    x = extract("Israeli officials, who regularly strike Iranian targets in Syria, complained to Moscow.")
    attacks = statements(x, "attacks")
    assert any(subject == "Israel" for subject, *_ in attacks)


def test_every_record_offset_reproduces_its_text():
    text = ("Russian President Vladimir Putin met Ayatollah Ali Khamenei in Tehran in July 2022. "
            "Khamenei told Putin that the West was to blame. “We will stand together,” Putin said.")
    x = extract(text)
    for record in [*x.statements, *x.events, *x.claims]:
        for evidence in record.evidence:
            assert text[evidence.start:evidence.end] == evidence.text
    for mention in x.mentions:
        assert text[mention.start:mention.end] == mention.text


def test_a_bare_family_name_does_not_bridge_two_relatives():
    x = extract("The Assad regime under Hafez al-Assad and now his son Bashar al-Assad has lasted decades.")
    assert entity_named(x, "Hafez al-Assad").id != entity_named(x, "Bashar al-Assad").id


def test_a_negative_subject_negates_the_event():
    x = extract("No Americans were killed in the attack on the base.")
    deaths = [e for e in x.events if e.event_type == "death"]
    assert deaths and all(e.negated for e in deaths)


def test_a_definite_title_refers_to_the_person_last_named_with_it():
    x = extract("Iranian Foreign Minister Mohammad Javad Zarif gave a long interview in March. "
                "The foreign minister said that Russia had opposed the deal.")
    zarif = entity_named(x, "Mohammad Javad Zarif")
    assert [c.speaker for c in x.claims] == [zarif.id]


def test_a_pronoun_skips_titles_for_the_last_named_person():
    x = extract("Foreign Minister Mohammad Javad Zarif gave an interview. Ali Khamenei read it. "
                "Without naming the minister, he said the tape was a mistake.")
    speakers = {c.speaker for c in x.claims}
    assert speakers == {entity_named(x, "Ali Khamenei").id}


def test_a_participle_describing_the_item_gives_the_supply():
    x = extract("Iranian crews now operate the S-300 systems delivered by Russia to Iran in 2016.")
    assert ("Russia", "Iran", "S-300", None, False) in statements(x, "supplies")
