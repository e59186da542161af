"""GraphML, GEXF and kb.to_networkx(): read back by networkx, they hold every entity and every
statement with an object, with the attributes of the knowledge base."""

from __future__ import annotations

import networkx
import pytest

from allsource.export.graph import LIST_SEPARATOR


def read(fmt: str, path):
    return networkx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else networkx.read_gexf(path)


@pytest.fixture(scope="module")
def kb_statements(corpus_kb):
    return {s["id"]: s for s in corpus_kb.statements() if s["object"]}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_nodes_are_the_entities_with_their_attributes(fmt, exported, corpus_kb):
    graph = read(fmt, exported(fmt))
    entities = {e["id"]: e for e in corpus_kb.entities()}
    assert set(graph.nodes) == set(entities)
    for node, data in graph.nodes(data=True):
        entity = entities[node]
        assert (data["name"], data["type"], data["mention_count"], data["doc_count"]) == \
            (entity["name"], entity["type"], entity["mention_count"], entity["doc_count"])
        assert data["aliases"].split(LIST_SEPARATOR) == entity["aliases"]
        assert data["label"] == entity["name"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_edges_are_the_statements_with_evidence_back_to_the_text(fmt, exported, corpus_kb, kb_statements):
    graph = read(fmt, exported(fmt))
    assert isinstance(graph, networkx.MultiDiGraph)
    assert graph.number_of_edges() == len(kb_statements) > 0
    texts = {d["id"]: d["text"] for d in corpus_kb.documents()}
    for subject, obj, key, data in graph.edges(keys=True, data=True):
        statement = kb_statements[data["statement"]]
        assert key == statement["id"]
        assert (subject, obj, data["predicate"]) == (statement["subject"], statement["object"], statement["predicate"])
        assert data["confidence"] == pytest.approx(statement["confidence"])
        assert data["negated"] is statement["negated"]
        assert data["time"] == ((statement["time"] or {}).get("text") or "")
        assert data["evidence_count"] == len(statement["evidence"])
        # the link back: doc:start-end points at exactly the sentence given beside it
        spans = data["evidence"].split(LIST_SEPARATOR)
        for span, evidence in zip(spans, statement["evidence"]):
            doc, offsets = span.split(":")
            start, end = map(int, offsets.split("-"))
            assert texts[doc][start:end] == evidence["text"]
        assert data["evidence_text"] == "\n".join(e["text"] for e in statement["evidence"])


def test_to_networkx_equals_the_graphml_file(exported, corpus_kb):
    built = corpus_kb.to_networkx()
    read_back = read("graphml", exported("graphml"))
    assert isinstance(built, networkx.MultiDiGraph)
    assert dict(built.nodes(data=True)) == dict(read_back.nodes(data=True))
    assert sorted(built.edges(keys=True, data=True), key=lambda e: e[2]) == \
        sorted(read_back.edges(keys=True, data=True), key=lambda e: e[2])


def test_xml_exports_survive_control_characters_in_the_text(tmp_path):
    from allsource.export.files import xml_safe

    assert xml_safe("a\x0bb\x00c\td\ne") == "a b c\td\ne"
