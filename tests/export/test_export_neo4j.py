"""The neo4j export follows the `neo4j-admin database import` CSV rules and rebuilds the
knowledge base's graph when read back."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from allsource.errors import InputError
from allsource.export.neo4j import FILES, import_command
from allsource.export.neo4j_reader import parse_header, read_import_folder


@pytest.fixture(scope="module")
def folder(exported):
    return exported("neo4j")


@pytest.fixture(scope="module")
def graph(folder):
    return read_import_folder(folder)


def test_every_file_header_follows_the_import_rules(folder):
    files = sorted(folder.glob("*.csv"))
    assert {f.name for f in files} == {spec.name for spec in FILES}
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            header, is_node = parse_header(next(csv.reader(handle)), path.name)
        types = [field.type for field in header]
        if is_node:
            assert types.count("ID") == 1 and types.count("LABEL") == 1
        else:
            assert [types.count(t) for t in ("START_ID", "END_ID", "TYPE")] == [1, 1, 1]
            assert all(f.id_space for f in header if f.type in ("START_ID", "END_ID"))


@pytest.mark.parametrize("header, problem", [
    (["id:ID", "other:ID", "name"], "exactly one :ID"),
    (["id:ID", ":TYPE"], "exactly one :ID"),
    ([":START_ID", ":TYPE"], "exactly one :START_ID"),
    (["id:ID", "age:integer"], "unknown type"),
    (["id:ID", "name(Space)"], "only ID fields"),
    (["id:ID", ":int"], "needs a name"),
])
def test_the_reader_rejects_headers_the_import_tool_would(header, problem):
    with pytest.raises(InputError, match=problem):
        parse_header(header, "x.csv")


def test_round_trip_rebuilds_every_node_and_relationship(graph, corpus_kb):
    counts = corpus_kb.counts()
    labels = Counter(data["labels"][0] for _, data in graph.nodes(data=True))
    assert labels == {"Entity": counts["entities"], "Document": counts["documents"], "Claim": counts["claims"],
                      "Event": counts["events"]}
    types = Counter(data["type"] for *_, data in graph.edges(data=True))
    db = corpus_kb.store.db
    entity_docs = db.execute("SELECT count(DISTINCT entity || doc) FROM local_entities").fetchone()[0]
    participants = db.execute("SELECT count(*) FROM event_participants").fetchone()[0]
    placed = db.execute("SELECT count(*) FROM events WHERE place IS NOT NULL").fetchone()[0]
    statements = [s for s in corpus_kb.statements() if s["object"]]
    assert sum(types[p.upper()] for p in {s["predicate"] for s in statements}) == len(statements)
    assert types["MENTIONED_IN"] == entity_docs
    assert types["SAID"] == counts["claims"]
    assert types["REPORTED_IN"] == counts["claims"] + counts["events"]
    assert types["TOOK_PART_IN"] == participants and types["TOOK_PLACE_IN"] == placed


def test_properties_come_back_typed_and_equal(graph, corpus_kb):
    for entity in corpus_kb.entities():
        node = graph.nodes[("Entity", entity["id"])]
        assert node["labels"] == ["Entity", entity["type"].capitalize()]
        assert (node["name"], node["mention_count"], node["aliases"]) == \
            (entity["name"], entity["mention_count"], entity["aliases"])
    by_id = {data["statementId"]: (u, v, data) for u, v, data in graph.edges(data=True) if "statementId" in data}
    for statement in corpus_kb.statements():
        if statement["object"]:
            u, v, data = by_id[statement["id"]]
            assert (u[1], v[1], data["type"]) == (statement["subject"], statement["object"],
                                                  statement["predicate"].upper())
            assert data["confidence"] == pytest.approx(statement["confidence"])
            assert data["negated"] is statement["negated"]
            assert data["evidence_text"] == "\n".join(e["text"] for e in statement["evidence"])


def test_readme_gives_the_import_command_and_constraints_cover_every_node_label(folder):
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert import_command() in readme
    for spec in FILES:
        assert f"import/{spec.name}" in import_command()
    constraints = (folder / "constraints.cypher").read_text(encoding="utf-8")
    for label, key in (("Entity", "entityId"), ("Document", "docId"), ("Claim", "claimId"), ("Event", "eventId")):
        assert f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE" in constraints
