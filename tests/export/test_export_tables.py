"""CSV and Parquet folders: every table read back by pandas and pyarrow has the knowledge
base's rows and values, and the CSV README documents exactly the columns written."""

from __future__ import annotations


import pandas
import pyarrow
import pyarrow.parquet as pq
import pytest

from allsource.export.csvtables import LIST_SEPARATOR, read_readme_columns
from allsource.export.tables import TABLES

# what each exported table must count, straight from the database
SOURCE_COUNTS = {
    "documents": "SELECT count(*) FROM documents", "entities": "SELECT count(*) FROM entities",
    "mentions": "SELECT count(*) FROM mentions", "statements": "SELECT count(*) FROM statements",
    "events": "SELECT count(*) FROM events", "event_participants": "SELECT count(*) FROM event_participants",
    "claims": "SELECT count(*) FROM claims",
    "claim_about": "SELECT count(DISTINCT a.claim || l.entity) FROM claim_about a"
                   " JOIN local_entities l ON l.id = a.local_entity",
    "evidence": "SELECT count(*) FROM evidence", "conflicts": "SELECT count(*) FROM conflicts",
    "entity_documents": "SELECT count(DISTINCT entity || doc) FROM local_entities",
}


@pytest.fixture(scope="module")
def counts(corpus_kb):
    db = corpus_kb.store.db
    return {table: db.execute(sql).fetchone()[0] for table, sql in SOURCE_COUNTS.items()}


def read_csv(folder, table):
    return pandas.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_tables_have_every_row(exported, counts, table):
    frame = read_csv(exported("csv"), table)
    assert list(frame.columns) == list(TABLES[table][1])
    assert len(frame) == counts[table] > 0


def test_csv_readme_documents_exactly_the_columns_written(exported):
    folder = exported("csv")
    documented = read_readme_columns(folder)
    assert set(documented) == {p.stem for p in folder.glob("*.csv")}
    for table, columns in documented.items():
        assert columns == list(read_csv(folder, table).columns), table


def test_csv_values_round_trip(exported, corpus_kb):
    folder = exported("csv")
    entities = read_csv(folder, "entities").set_index("id")
    for entity in corpus_kb.entities():
        row = entities.loc[entity["id"]]
        assert row["name"] == entity["name"] and int(row["mention_count"]) == entity["mention_count"]
        assert row["aliases"].split(LIST_SEPARATOR) == entity["aliases"]
    statements = read_csv(folder, "statements").set_index("id")
    evidence = read_csv(folder, "evidence")
    for statement in corpus_kb.statements():
        row = statements.loc[statement["id"]]
        assert (row["subject"], row["predicate"], row["object"]) == \
            (statement["subject"], statement["predicate"], statement["object"] or "")
        assert row["negated"] == ("true" if statement["negated"] else "false")
        spans = evidence[evidence["record"] == statement["id"]].sort_values("seq")
        assert list(spans["text"]) == [e["text"] for e in statement["evidence"]]
    documents = read_csv(folder, "documents").set_index("id")
    for document in corpus_kb.documents():
        assert documents.loc[document["id"], "text"] == document["text"]  # multi-line text survives quoting


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_tables_have_every_row_and_typed_columns(exported, counts, table):
    parquet = pq.read_table(exported("parquet") / f"{table}.parquet")
    assert parquet.num_rows == counts[table]
    assert parquet.column_names == list(TABLES[table][1])
    for field in parquet.schema:
        assert field.metadata[b"description"].decode() == TABLES[table][1][field.name]


def test_parquet_values_equal_the_csv_values(exported):
    for table in TABLES:
        from_parquet = pq.read_table(exported("parquet") / f"{table}.parquet").to_pandas()
        from_csv = read_csv(exported("csv"), table)
        for column in from_parquet.columns:
            as_text = [_as_csv(v) for v in from_parquet[column]]
            assert as_text == list(from_csv[column]), (table, column)


def _as_csv(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "true" if value else "false"
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def test_parquet_lists_and_booleans_keep_their_types(exported, corpus_kb):
    entities = pq.read_table(exported("parquet") / "entities.parquet")
    assert entities.schema.field("aliases").type == pyarrow.list_(pyarrow.string())
    by_id = dict(zip(entities.column("id").to_pylist(), entities.column("aliases").to_pylist()))
    assert all(by_id[e["id"]] == e["aliases"] for e in corpus_kb.entities())
    claims = pq.read_table(exported("parquet") / "claims.parquet")
    assert claims.schema.field("direct").type == pyarrow.bool_()
    assert sorted(claims.column("direct").to_pylist()) == sorted(c["direct"] for c in corpus_kb.claims())


def test_documents_authors_are_lists(exported, corpus_kb):
    documents = pq.read_table(exported("parquet") / "documents.parquet").to_pylist()
    assert {d["id"]: d["authors"] for d in documents} == {d["id"]: d["authors"] for d in corpus_kb.documents()}
