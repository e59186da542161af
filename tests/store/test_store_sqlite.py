"""The SQLite store on hand-built extractions: transactions, search, resolution bookkeeping."""

from __future__ import annotations

import re

import pytest

from allsource.errors import NotFoundError, StoreError
from allsource.model.ids import content_hash, make_id
from allsource.model.records import Document, Evidence, Extraction, LocalEntity, Mention, Statement
from allsource.resolve.linker import Judgement, link
from allsource.store.connect import open_store
from allsource.store.sqlite import MIGRATIONS, SQLiteStore


def make_extraction(source: str, text: str, names: dict[str, str]) -> Extraction:
    """One document whose named actors are `names` (name -> type); one statement links the first two."""
    digest = content_hash(text)
    doc = make_id("doc", digest, 0)
    document = Document(doc, source, text, title=text.split(".")[0], content_hash=digest)
    entities, mentions = [], []
    for i, (name, type_) in enumerate(names.items()):
        local = make_id("le", doc, i)
        spans = [m.span() for m in re.finditer(re.escape(name), text)]
        assert spans, name
        entities.append(LocalEntity(local, doc, type_, name, [name], mention_count=len(spans)))
        mentions += [Mention(make_id("m", doc, s), doc, s, e, name, type_, local) for s, e in spans]
    sentence = text.split(". ")[0] + "."
    statements = [Statement(make_id("st", doc, 0), entities[0].id, "visits", entities[1].id,
                            [Evidence(doc, 0, len(sentence), sentence)])]
    return Extraction(document, entities, mentions, statements)


def add(store: SQLiteStore, extraction: Extraction) -> None:
    with store.transaction():
        store.remove_source_documents(extraction.document.source)
        store.write_extraction(extraction)
        rules = store.rules()
        for local in extraction.entities:
            store.assign(local, link(local, store, rules))
        store.record_source(extraction.document.source, extraction.document.content_hash, "done")


A = ("a.txt", "Qasem Soleimani flew to Damascus. Soleimani met officers there.",
     {"Qasem Soleimani": "person", "Damascus": "place"})
B = ("b.txt", "Qassem Soleimani flew to Moscow in July. He met defence officials.",
     {"Qassem Soleimani": "person", "Moscow": "place"})


def member_of(store, doc_source: str, name: str) -> dict:
    return next(m for m in store.merges() if m["source"] == doc_source and m["member_name"] == name
                and m["undone_at"] is None)


def assert_consistent(store: SQLiteStore) -> None:
    db = store.db
    assert store.integrity_problems() == []
    assert db.execute("SELECT count(*) FROM local_entities WHERE entity IS NULL").fetchone()[0] == 0


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kb.db"))  # a PostgreSQL schema when the suite runs on PostgreSQL
    yield s
    s.close()


def test_store_reopening_a_knowledge_base_keeps_its_rows_and_applies_the_schema_once(tmp_path):
    path = tmp_path / "kb.db"
    first = SQLiteStore(path)
    add(first, make_extraction(*A))
    first.close()
    again = SQLiteStore(path)
    assert again.counts()["documents"] == 1
    assert again.db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    again.close()


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all\n" * 200)
    with pytest.raises(StoreError, match="not an allsource knowledge base"):
        SQLiteStore(path)
    assert path.read_bytes() == b"this is not sqlite at all\n" * 200


def test_store_a_failed_transaction_leaves_no_part_of_the_document(store):
    extraction = make_extraction(*A)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.write_extraction(extraction)
            raise RuntimeError("crash in the middle of a document")
    assert store.counts() == {k: 0 for k in store.counts()}
    assert store.search("Damascus") == []


def test_store_search_finds_a_document_and_forgets_it_once_removed(store):
    add(store, make_extraction(*A))
    assert [r["source"] for r in store.search("Damascus")] == ["a.txt"]
    with store.transaction():
        store.remove_source_documents("a.txt")
    assert store.search("Damascus") == []
    assert store.counts() == {k: 0 for k in store.counts()}


def test_store_search_snippet_keeps_a_hyphenated_term_whole(store):
    add(store, make_extraction("s.txt", "Russia sent the S-300 to Iran. Crews tested the S-300 later.",
                               {"Russia": "state", "Iran": "state"}))
    (hit,) = store.search("S-300")
    assert "S-300" in hit["snippet"]


def test_store_search_treats_query_syntax_as_plain_words(store):
    add(store, make_extraction(*A))
    for query in ('"unbalanced', "Damascus OR (", "NEAR(", "*", "-Damascus", ""):
        store.search(query)  # never an FTS5 syntax error
    assert len(store.search("Damascus AND")) == 0  # 'AND' is a word here, and no document has it
    assert len(store.search("damascus")) == 1


def test_store_spelling_variants_merge_and_merges_list_one_member_per_document(store):
    add(store, make_extraction(*A))
    add(store, make_extraction(*B))
    entity = store.find_entity("Qassem Soleimani")
    assert entity == store.find_entity("Qasem Soleimani")
    members = store.merges("Qasem Soleimani")
    assert sorted(m["source"] for m in members) == ["a.txt", "b.txt"]
    assert all(m["reason"] for m in members)
    assert_consistent(store)


def test_store_unmerge_splits_the_member_out_and_records_a_never_rule_against_what_is_left(store):
    add(store, make_extraction(*A))
    add(store, make_extraction(*B))
    before = store.find_entity("Qasem Soleimani")
    member = member_of(store, "b.txt", "Qassem Soleimani")["member"]
    new_id = store.unmerge(member)
    left = store.find_entity(before["id"])
    split = store.find_entity(new_id)
    assert "Qassem Soleimani" not in left["aliases"] and left["mention_count"] < before["mention_count"]
    assert split["aliases"] == ["Qassem Soleimani"]
    # the rule must name the entity as it is after the split, whichever spelling it was called by before
    assert store.rules().forbids(["Qassem Soleimani"], [left["name"]])
    assert_consistent(store)


def test_store_a_document_re_added_after_unmerge_is_not_merged_back(store):
    add(store, make_extraction(*A))
    add(store, make_extraction(*B))
    store.unmerge(member_of(store, "b.txt", "Qassem Soleimani")["member"])
    source, text, names = B
    add(store, make_extraction(source, text + " He flew home in August.", names))
    a_entity = store.find_entity("Qasem Soleimani")
    b_entity = store.find_entity("Qassem Soleimani")
    assert a_entity["id"] != b_entity["id"]
    assert b_entity["doc_count"] == a_entity["doc_count"] == 1
    assert_consistent(store)


def test_store_a_new_entity_judgement_never_joins_an_entity_holding_that_id(store):
    add(store, make_extraction(*A))
    taken = store.find_entity("Qasem Soleimani")["id"]
    extraction = make_extraction(*B)
    with store.transaction():
        store.write_extraction(extraction)
        for local in extraction.entities:
            store.assign(local, Judgement(taken if local.type == "person" else make_id("ent", local.id),
                                          "new entity", 1.0, True))
    assert store.find_entity("Qasem Soleimani")["doc_count"] == 1
    assert store.find_entity("Qassem Soleimani")["id"] != taken
    assert_consistent(store)


def test_store_unmerging_the_only_member_of_an_entity_does_not_break_foreign_keys(store):
    add(store, make_extraction(*B))
    member = member_of(store, "b.txt", "Moscow")
    new_id = store.unmerge(member["member"])
    assert store.find_entity("Moscow")["id"] == new_id
    with pytest.raises(NotFoundError):
        store.find_entity(member["entity"])
    assert_consistent(store)


def test_store_removing_the_other_document_after_an_unmerge_does_not_break_foreign_keys(store):
    add(store, make_extraction(*A))
    add(store, make_extraction(*B))
    store.unmerge(member_of(store, "b.txt", "Qassem Soleimani")["member"])
    source, text, names = A
    add(store, make_extraction(source, text + " He left on Friday.", names))  # removes a.txt's old entity
    assert store.counts()["documents"] == 2
    assert_consistent(store)


def test_store_unmerge_of_an_unknown_member_is_a_not_found_error(store):
    with pytest.raises(NotFoundError, match="allsource merges"):
        store.unmerge("le-nothing")


def test_store_rejects_an_unknown_rule_kind(store):
    with pytest.raises(StoreError, match="never or always"):
        store.add_rule("sometimes", "a", "b")
