"""Re-DocRED relations benchmark: readers and scorers on tiny inline data, then a dev sample."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from allsource.cli.evaluation import evaluate
from allsource.errors import InputError
from allsource.evaluate.relations import (Tally, baseline_triples, describe_miss, evaluate_relations, parse_document,
                                          read_split, rebuild_text, statement_relations)
from allsource.model.records import Evidence, LocalEntity, Statement

TINY = {
    "title": "Tiny",
    "sents": [["Ama", "Mensah", "(", "born", "1950", ")", "is", "a", "Ghanaian", "judge", "."],
              ["She", "lives", "in", "Accra", ",", "the", "capital", "of", "Ghana", "."]],
    "vertexSet": [[{"name": "Ama Mensah", "sent_id": 0, "pos": [0, 2], "type": "PER"}],
                  [{"name": "Ghanaian", "sent_id": 0, "pos": [8, 9], "type": "LOC"},
                   {"name": "Ghana", "sent_id": 1, "pos": [8, 9], "type": "LOC"}],
                  [{"name": "Accra", "sent_id": 1, "pos": [3, 4], "type": "LOC"}]],
    "labels": [{"h": 0, "t": 1, "r": "P27", "evidence": [0]}, {"h": 1, "t": 2, "r": "P36", "evidence": [1]},
               {"h": 2, "t": 1, "r": "P17", "evidence": [1]}],
}


def test_rebuilt_text_keeps_token_offsets_and_closes_punctuation():
    text, offsets = rebuild_text(TINY["sents"])
    assert text.startswith("Ama Mensah (born 1950) is a Ghanaian judge. She lives in Accra, the capital")
    for tokens, spans in zip(TINY["sents"], offsets):
        assert [text[a:b] for a, b in spans] == tokens


def test_parse_document_keeps_only_scored_relations_and_mention_spans():
    doc = parse_document(TINY)
    assert doc.triples == {(0, "P27", 1), (1, "P36", 2)}  # P17 is not a political type
    assert [doc.text[a:b] for _, a, b in doc.entities[1]] == ["Ghanaian", "Ghana"]
    assert doc.entity_types == ["PER", "LOC", "LOC"]


def _entity(id_, type_, name, subtype=""):
    return LocalEntity(id_, "d", type_, name, [name], subtype=subtype)


def _statement(subject, predicate, obj, role=None):
    return Statement(f"st-{predicate}", subject, predicate, obj, [Evidence("d", 0, 4, "text")], role=role)


def test_roles_map_to_head_of_state_government_and_party():
    entities = {e.id: e for e in [_entity("p", "person", "Ama Mensah"), _entity("s", "state", "Ghana"),
                                  _entity("c", "place", "Accra"), _entity("cpp", "organization", "CPP", "party"),
                                  _entity("u", "organization", "Ghana Army", "military_unit")]}
    assert set(statement_relations(_statement("p", "holds_role", "s", "President"), entities)) == {
        ("s", "P35", "p"), ("s", "P6", "p"), ("p", "P27", "s")}
    assert set(statement_relations(_statement("p", "holds_role", "s", "King"), entities)) == {
        ("s", "P35", "p"), ("p", "P27", "s")}
    assert statement_relations(_statement("p", "holds_role", "s", "Vice President"), entities) == [("p", "P27", "s")]
    assert statement_relations(_statement("p", "holds_role", "c", "Mayor"), entities) == [("c", "P6", "p")]
    assert statement_relations(_statement("p", "leads", "cpp", "leader"), entities) == [("p", "P102", "cpp")]
    labour = _entity("lab", "organization", "Labour Party")  # a party by name, subtype left empty
    assert statement_relations(_statement("p", "member_of", "lab"), {**entities, "lab": labour}) == [
        ("p", "P102", "lab")]
    assert statement_relations(_statement("p", "member_of", "u"), entities) == [("p", "P241", "u")]
    assert statement_relations(_statement("c", "capital_of", "s"), entities) == [("s", "P36", "c")]
    assert statement_relations(_statement("p", "holds_role", None, "judge"), entities) == []


def test_taking_part_in_a_war_is_also_a_conflict():
    entities = {e.id: e for e in [_entity("p", "person", "Ama Mensah"), _entity("w", "event", "Second World War"),
                                  _entity("g", "event", "Winter Olympics")]}
    assert set(statement_relations(_statement("p", "takes_part_in", "w"), entities)) == {
        ("p", "P607", "w"), ("p", "P1344", "w"), ("w", "P710", "p")}
    assert set(statement_relations(_statement("p", "takes_part_in", "g"), entities)) == {
        ("p", "P1344", "g"), ("g", "P710", "p")}


def test_tally_counts_unmapped_triples_as_false_positives():
    tally = Tally()
    tally.add({(0, "P27", 1), (2, "P27", 1)}, {(0, "P27", 1), (1, "P36", 2)})
    tally.unmapped = 2
    overall = tally.score()
    assert (overall.tp, overall.fp, overall.fn) == (1, 3, 1)
    assert (tally.score("P36").tp, tally.score("P36").fn) == (0, 1)


def test_baseline_links_every_ordered_pair_in_a_sentence():
    doc = parse_document(TINY)
    assert baseline_triples(doc, "P27") == {(0, "P27", 1), (1, "P27", 0), (1, "P27", 2), (2, "P27", 1)}


def test_a_file_that_is_not_re_docred_is_a_clear_input_error(tmp_path):
    bad = tmp_path / "dev_revised.json"
    bad.write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    with pytest.raises(InputError, match="dev_revised.json"):
        read_split(tmp_path, "dev")
    bad.write_text(json.dumps([{"title": "x", "sents": [["a"]], "vertexSet": [[{"pos": [0, 1]}]], "labels": []}]))
    with pytest.raises(InputError, match="not in Re-DocRED form"):
        read_split(tmp_path, "dev")


def test_a_missed_triple_is_described_with_a_sentence_naming_both_entities():
    doc = parse_document(TINY)
    assert describe_miss(doc, (1, "P36", 2)) == "Tiny: Ghanaian P36 Accra | She lives in Accra, the capital of Ghana."
    assert describe_miss(doc, (0, "P27", 1)).endswith("| Ama Mensah (born 1950) is a Ghanaian judge.")
    assert describe_miss(doc, (0, "P108", 2)) == "Tiny: Ama Mensah P108 Accra | (no sentence names both)"


# Measured on the first 40 dev documents: P 0.688, R 0.205, F1 0.315 (baseline F1 0.023).
DEV_SAMPLE_FLOOR_F1 = 0.30
DEV_SAMPLE_FLOOR_PRECISION = 0.66


@pytest.fixture(scope="module")
def dev_sample(shared_data):
    return evaluate_relations(shared_data("eval-data", "re-docred"), split="dev", limit=40)


def test_dev_sample_stays_above_its_floor_and_beats_the_baseline(dev_sample):
    overall = dev_sample.figures[0]
    assert overall.system.f1 >= DEV_SAMPLE_FLOOR_F1, f"relations F1 fell to {overall.system.f1:.3f}"
    assert overall.system.precision >= DEV_SAMPLE_FLOOR_PRECISION, \
        f"relations precision fell to {overall.system.precision:.3f}"
    assert overall.system.f1 > 3 * overall.baseline.f1, f"{overall.system.f1:.3f} vs {overall.baseline.f1:.3f}"
    assert dev_sample.items == 40


def test_cli_prints_the_table_and_writes_json(shared_data, tmp_path):
    report = tmp_path / "relations.json"
    result = CliRunner().invoke(evaluate, ["relations", "--data", str(shared_data("eval-data", "re-docred")),
                                           "--limit", "3", "--report", str(report), "--show-misses", "2"])
    assert result.exit_code == 0, result.output
    assert "all relation types" in result.output and "P27" in result.output
    assert "missed gold triples (first 2 of " in result.output
    figures = json.loads(report.read_text())
    assert figures["benchmark"] == "relations" and figures["items"] == 3
    assert figures["figures"][0]["system"]["tp"] + figures["figures"][0]["system"]["fn"] > 0
