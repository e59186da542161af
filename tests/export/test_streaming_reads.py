"""The exports read the store in chunks (keyset pagination): small chunks give every row once, in
key order, and the benchmark's copies of a knowledge base export like the original."""

from __future__ import annotations

import shutil

import pytest

import allsource
from allsource.store.exportreads import EXPORT_TABLES


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_small_chunks_return_every_row_once_in_key_order(store, table):
    whole = [row for chunk in store.iter_table(table, chunk_size=1_000_000) for row in chunk]
    chunks = list(store.iter_table(table, chunk_size=7))
    assert whole and len(chunks) == -(-len(whole) // 7)
    assert all(len(chunk) == 7 for chunk in chunks[:-1])
    assert [row for chunk in chunks for row in chunk] == whole
    key = EXPORT_TABLES[table].key
    keys = [tuple(row[k] for k in key) for row in whole]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert list(whole[0]) == store.table_columns(table)


def test_records_of_the_document_contents_are_those_of_the_tables(store):
    docs = [row["id"] for row in store.iter_rows("documents")]
    contents = store.document_contents(docs)
    assert sorted(s for c in contents.values() for s in c["statements"]) == \
        sorted(row["id"] for row in store.iter_rows("statements"))
    assert sum(len(c["entities"]) for c in contents.values()) == len(list(store.iter_rows("entity_documents")))
    people = store.document_contents(docs, entity_types=["person"])
    types = {row["id"]: row["type"] for row in store.iter_rows("entities")}
    assert {e for c in people.values() for e in c["entities"]} == {e for e, t in types.items() if t == "person"}
    between_people = {s["id"] for s in store.iter_rows("statements")
                      if s["object"] and types[s["subject"]] == types[s["object"]] == "person"}
    assert {s for c in people.values() for s in c["statements"]} == between_people


def test_benchmark_copies_multiply_every_table_and_export_cleanly(corpus_db, tmp_path):
    copy = tmp_path / "copies.db"
    shutil.copy(corpus_db, copy)
    with allsource.open(corpus_db) as kb:
        before = kb.counts()
    with allsource.open(copy) as kb:
        kb.store.replicate_for_benchmark(2)
        after = kb.counts()
        assert {k: v * 3 for k, v in before.items() if k != "failed"} == {k: v for k, v in after.items() if k != "failed"}
        count = kb.export("graphml", tmp_path / "copies.graphml")
        assert kb.export("csv", tmp_path / "copies-csv") > 0
    import networkx

    graph = networkx.read_graphml(tmp_path / "copies.graphml", force_multigraph=True)
    assert graph.number_of_nodes() + graph.number_of_edges() == count
    assert graph.number_of_nodes() == after["entities"]
    with allsource.open(corpus_db) as original:
        hits = len(original.search("Soleimani", limit=1000))
    with allsource.open(copy) as kb:  # the copies are searchable documents too
        assert len(kb.search("Soleimani", limit=1000)) == 3 * hits > 0
