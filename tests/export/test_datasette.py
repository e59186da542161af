"""The knowledge base in Datasette, through Datasette's own Python API: readable views, full-text
search on documents and claims, declared foreign keys, and the metadata's canned queries."""

from __future__ import annotations

import asyncio
import json

import pytest
from datasette.app import Datasette

from allsource.export.datasette import QUERIES, TABLES, datasette_metadata

pytestmark = pytest.mark.sqlite_only("Datasette reads SQLite files")


@pytest.fixture(scope="module")
def datasette(corpus_db):
    ds = Datasette(files=[str(corpus_db)], metadata=datasette_metadata(corpus_db))
    asyncio.run(ds.invoke_startup())
    return ds


def get_json(ds, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def test_the_statement_view_names_entities_and_quotes_the_evidence(datasette, corpus_db, corpus_kb):
    rows = get_json(datasette, f"/{corpus_db.stem}/statements_with_evidence.json?_shape=array&_size=max")
    assert len(rows) == len(corpus_kb.statements())
    by_id = {s["id"]: s for s in corpus_kb.statements()}
    for row in rows:
        statement = by_id[row["statement"]]
        assert (row["subject"], row["predicate"], row["object"]) == \
            (statement["subject_name"], statement["predicate"], statement["object_name"])
        assert row["evidence_sentence"] == statement["evidence"][0]["text"]


def test_full_text_search_on_documents_and_claims(datasette, corpus_db, corpus_kb):
    documents = get_json(datasette, f"/{corpus_db.stem}/documents.json?_search=S-300&_shape=array")
    assert documents and all("S-300" in d["text"] for d in documents)
    claims = get_json(datasette, f"/{corpus_db.stem}/claims.json?_search=diplomacy&_shape=array")
    expected = {c["id"] for c in corpus_kb.claims() if "diplomacy" in c["text"].lower()}
    assert expected and {c["id"] for c in claims} == expected
    direct = asyncio.run(datasette.get_database(corpus_db.stem).execute(
        "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'diplomacy'")).first()[0]
    assert direct == len(expected)


def test_foreign_keys_are_declared_and_labelled(datasette, corpus_db):
    table = get_json(datasette, f"/{corpus_db.stem}/mentions.json?_labels=on&_size=1&_shape=objects")
    mention = table["rows"][0]
    assert isinstance(mention["doc"], dict) and mention["doc"]["label"]  # the document title, through the key
    keys = asyncio.run(datasette.get_database(corpus_db.stem).foreign_keys_for_table("statements"))
    assert {(k["column"], k["other_table"]) for k in keys} >= {("doc", "documents"), ("subject", "local_entities")}


def test_canned_queries_run(datasette, corpus_db, corpus_kb):
    zarif = get_json(datasette, f"/{corpus_db.stem}/claims_by_speaker.json?speaker=Zarif&_shape=array")
    assert zarif and {r["speaker"] for r in zarif} == {"Mohammad Javad Zarif"}
    assert len(zarif) == len(corpus_kb.claims(speaker="Zarif"))
    conflicts = get_json(datasette, f"/{corpus_db.stem}/conflicts.json?_shape=array")
    assert len(conflicts) == len(corpus_kb.conflicts()) > 0
    assert all(r["side_a_sentence"] and r["side_b_sentence"] for r in conflicts)


def test_metadata_titles_reach_datasette_and_name_only_real_tables(datasette, corpus_db):
    page = asyncio.run(datasette.client.get(f"/{corpus_db.stem}/claims_with_evidence"))
    assert TABLES["claims_with_evidence"]["title"] in page.text
    names = set(asyncio.run(datasette.get_database(corpus_db.stem).table_names())) | \
        set(asyncio.run(datasette.get_database(corpus_db.stem).view_names()))
    assert set(TABLES) <= names
    assert {"claims_by_speaker", "conflicts"} <= set(QUERIES)


def test_cli_writes_the_metadata(corpus_db, invoke_main, tmp_path):
    out = tmp_path / "metadata.json"
    result = invoke_main("datasette-metadata", "--db", corpus_db, "-o", out)
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(datasette_metadata(corpus_db)))
    assert f"datasette {corpus_db} -m {out}" in result.stderr


def test_cli_refuses_a_postgresql_knowledge_base(invoke_main, tmp_path):
    result = invoke_main("datasette-metadata", "--db", "postgresql://localhost/kb", "-o", tmp_path / "m.json")
    assert result.exit_code == 1 and not (tmp_path / "m.json").exists()
    assert result.stderr.strip() == "error: postgresql://localhost/kb: Datasette reads SQLite files; give the " \
                                    "knowledge base's .db file with --db"
