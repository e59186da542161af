"""The FollowTheMoney export: every line loads with followthemoney's model and passes its
schema validation; people, bodies, documents and their links match the knowledge base."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from followthemoney import model

from allsource.export.ftm import schema_of


@pytest.fixture(scope="module")
def entities(exported):
    return [json.loads(line) for line in exported("ftm").read_text(encoding="utf-8").splitlines()]


def test_every_entity_loads_and_validates_with_followthemoney(entities):
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(data)  # raises InvalidData naming the bad property
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            assert prop is not None, (data["id"], name)
            assert all(prop.type.clean(v) is not None for v in values), (data["id"], name, values)
        for name in proxy.schema.required:
            assert proxy.get(name), (data["id"], name)


def test_schemata_follow_the_entity_types(entities, corpus_kb):
    by_id = {e["id"]: e for e in entities}
    for entity in corpus_kb.entities():
        expected = schema_of(entity)
        assert (by_id[entity["id"]]["schema"] if entity["id"] in by_id else None) == expected
    states = [by_id[e["id"]] for e in corpus_kb.entities(type="state")]
    iran = next(s for s in states if s["properties"]["name"] == ["Iran"])
    assert iran["schema"] == "PublicBody" and iran["properties"]["jurisdiction"] == ["ir"]


def test_documents_links_and_notes(entities, corpus_kb):
    kinds = Counter(e["schema"] for e in entities)
    assert kinds["Document"] == len(corpus_kb.documents())
    assert kinds["Note"] == len(corpus_kb.claims())
    ids = {e["id"] for e in entities}
    for link in (e for e in entities if e["schema"] in ("Documentation", "UnknownLink")):
        props = link["properties"]
        refs = props.get("entity", []) + props.get("document", []) + props.get("subject", []) + \
            props.get("object", []) + props.get("proof", [])
        assert refs and set(refs) <= ids, link
    documented = {(e["properties"]["entity"][0], e["properties"]["document"][0])
                  for e in entities if e["schema"] == "Documentation"}
    for entity in corpus_kb.entities(type="person"):
        for document in corpus_kb.documents(entity["id"]):
            assert (entity["id"], document["id"]) in documented
