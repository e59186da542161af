"""Merge judgements: listing them, splitting a member out, and rules that keep names apart."""

from __future__ import annotations

import json

import allsource


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_merges_lists_one_member_per_document_with_reasons(corpus_db, invoke):
    entity = _json(invoke("show", "Qassem Soleimani", "--db", corpus_db, "--format", "json"))
    rows = _json(invoke("merges", "Qassem Soleimani", "--db", corpus_db, "--format", "json"))
    assert len(rows) >= 2
    assert {r["entity"] for r in rows} == {entity["id"]}
    active = [r for r in rows if r["undone_at"] is None]
    assert len({r["doc"] for r in active}) == len(active) == entity["doc_count"]
    assert all(r["reason"] and r["member"].startswith("le-") and r["source"] for r in rows)
    assert any(r["reason"] != "new entity" for r in rows)  # at least one was merged, and says why
    table = invoke("merges", "Qassem Soleimani", "--db", corpus_db).stdout
    for row in rows:
        assert row["member"] in table


def _build(folder, db):
    with allsource.open(db) as kb:
        report = kb.add(folder, workers=1)
    assert len(report.added) == 2 and not report.failed


def _people(invoke, db):
    return {e["id"]: e for e in _json(invoke("entities", "--type", "person", "--db", db, "--format", "json"))}


def test_unmerge_splits_a_member_out_and_a_changed_document_is_not_merged_back(soleimani_articles, tmp_path, invoke):
    db = tmp_path / "kb.db"
    _build(soleimani_articles, db)
    (general,) = [e for e in _people(invoke, db).values() if "Soleimani" in e["name"]]
    assert {"Qasem Soleimani", "Qassem Soleimani"} <= set(general["aliases"])
    member = next(r for r in _json(invoke("merges", general["name"], "--db", db, "--format", "json"))
                  if r["source"].endswith("b.txt") and r["undone_at"] is None)

    result = invoke("unmerge", member["member"], "--db", db)
    assert result.exit_code == 0, result.output
    people = _people(invoke, db)
    left = people[general["id"]]
    assert left["mention_count"] < general["mention_count"]
    assert "Qassem Soleimani" not in left["aliases"] and len(left["aliases"]) < len(general["aliases"])
    (split,) = [e for e in people.values() if e["id"] != general["id"] and "Soleimani" in e["name"]]
    assert "Qassem Soleimani" in split["aliases"] and split["doc_count"] == 1
    history = _json(invoke("merges", "--db", db, "--format", "json"))
    assert any(r["member"] == member["member"] and r["decided_by"] == "user" for r in history)

    b = soleimani_articles / "b.txt"
    b.write_text(b.read_text(encoding="utf-8") + "\nHe flew home to Tehran in August.\n", encoding="utf-8")
    with allsource.open(db) as kb:
        report = kb.add(soleimani_articles, workers=1)
    assert report.added == [str(b)]
    soleimanis = [e for e in _people(invoke, db).values() if "Soleimani" in e["name"]]
    assert len(soleimanis) == 2
    assert all(e["doc_count"] == 1 for e in soleimanis)
    with allsource.open(db) as kb:
        assert kb.store.integrity_problems() == []


def test_unmerge_of_an_unknown_member_is_one_error_line(soleimani_articles, tmp_path, invoke):
    db = tmp_path / "kb.db"
    _build(soleimani_articles, db)
    result = invoke("unmerge", "le-0000000000000000", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("error: no merged member")


def test_a_never_rule_added_before_the_documents_keeps_two_names_apart(soleimani_articles, tmp_path, invoke):
    together = tmp_path / "together.db"
    _build(soleimani_articles, together)
    assert len([e for e in _people(invoke, together).values() if "Soleimani" in e["name"]]) == 1

    apart = tmp_path / "apart.db"
    result = invoke("rule", "never", "Qasem Soleimani", "Qassem Soleimani", "--db", apart)
    assert result.exit_code == 0, result.output
    _build(soleimani_articles, apart)
    soleimanis = [e for e in _people(invoke, apart).values() if "Soleimani" in e["name"]]
    assert len(soleimanis) == 2
    assert {"Qasem Soleimani", "Qassem Soleimani"} == {e["name"] for e in soleimanis}
    assert all(e["doc_count"] == 1 for e in soleimanis)


def test_an_always_rule_merges_a_name_into_an_existing_entity(soleimani_articles, tmp_path, invoke):
    db = tmp_path / "kb.db"
    with allsource.open(db) as kb:
        kb.add(soleimani_articles / "a.txt", workers=1)
    assert invoke("rule", "always", "Moscow", "Damascus", "--db", db).exit_code == 0
    with allsource.open(db) as kb:
        kb.add(soleimani_articles / "b.txt", workers=1)
        damascus = kb.entity("Damascus")
        assert "Moscow" in damascus["aliases"]
        assert any("user rule" in m["reason"] for m in kb.merges("Damascus"))
