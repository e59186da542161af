"""The STIX 2.1 bundle parses with the stix2 library (no custom content allowed) and passes the
OASIS validator; actors, relationships, notes and reports match the knowledge base."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import stix2
import stix2validator

from allsource.export.stix import ACTOR_TYPES, actor_id, stix_id


@pytest.fixture(scope="module")
def bundle_text(exported):
    return exported("stix").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def objects(bundle_text):
    return json.loads(bundle_text)["objects"]


def test_the_stix2_library_parses_the_bundle_without_custom_content(bundle_text, objects):
    bundle = stix2.parse(bundle_text, allow_custom=False)
    assert len(bundle.objects) == len(objects)


def test_the_validator_finds_the_bundle_valid(exported, bundle_text):
    assert stix2validator.validate_string(bundle_text).is_valid
    assert stix2validator.validate_file(str(exported("stix"))).is_valid


def test_actors_map_by_type(objects, corpus_kb):
    by_id = {o["id"]: o for o in objects}
    actors = [e for e in corpus_kb.entities() if e["type"] in ACTOR_TYPES]
    assert actors
    for entity in actors:
        sdo = by_id[actor_id(entity)]
        assert sdo["name"] == entity["name"]
        if entity["subtype"] == "armed_group":
            assert sdo["type"] == "threat-actor"
        else:
            assert sdo["identity_class"] == ("individual" if entity["type"] == "person" else "organization")
    kinds = Counter(o["type"] for o in objects)
    assert kinds["identity"] + kinds["threat-actor"] == len(actors) + 1  # and allsource itself


def test_relationships_are_the_statements_between_actors_with_their_evidence(objects, corpus_kb):
    types = {e["id"]: e["type"] for e in corpus_kb.entities()}
    expected = {s["id"]: s for s in corpus_kb.statements()
                if s["object"] and types[s["subject"]] in ACTOR_TYPES and types[s["object"]] in ACTOR_TYPES}
    relationships = {o["id"]: o for o in objects if o["type"] == "relationship"}
    assert set(relationships) == {stix_id("relationship", i) for i in expected} and expected
    for statement_id, statement in expected.items():
        rel = relationships[stix_id("relationship", statement_id)]
        assert rel["relationship_type"] == statement["predicate"].replace("_", "-")
        assert rel["confidence"] == round(statement["confidence"] * 100)
        assert [r["description"] for r in rel["external_references"]] == [e["text"] for e in statement["evidence"]]
        assert ("negated" in rel.get("labels", [])) is statement["negated"]


def test_a_note_per_claim_and_a_report_per_document(objects, corpus_kb):
    notes = {o["id"]: o for o in objects if o["type"] == "note"}
    claims = corpus_kb.claims()
    assert set(notes) == {stix_id("note", c["id"]) for c in claims}
    for claim in claims:
        note = notes[stix_id("note", claim["id"])]
        assert note["content"] == claim["text"]
        assert stix_id("report", claim["doc"]) in note["object_refs"]
    reports = {o["id"]: o for o in objects if o["type"] == "report"}
    documents = corpus_kb.documents()
    assert set(reports) == {stix_id("report", d["id"]) for d in documents}
    known = {o["id"] for o in objects}
    for report in reports.values():
        assert set(report["object_refs"]) <= known
