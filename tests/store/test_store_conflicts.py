"""Contradictions between sources: found in the corpus, and the rules that decide them."""

from __future__ import annotations

import sqlite3

import pytest

import allsource
from allsource.analyze.conflicts import find_conflicts


def _records(kb) -> dict[str, dict]:
    return {r["id"]: r for kind in ("statement", "event", "claim") for r in kb.store.iter_records(kind)}


def test_corpus_has_polarity_and_dates_conflicts_between_different_documents(corpus_kb):
    records = _records(corpus_kb)
    by_kind: dict[str, list] = {}
    for conflict in corpus_kb.conflicts():
        by_kind.setdefault(conflict["kind"], []).append(conflict)
    for kind in ("polarity", "dates"):
        assert by_kind.get(kind), f"no {kind} conflict in the corpus: {sorted(by_kind)}"
        across = [c for c in by_kind[kind] if records[c["a"]]["doc"] != records[c["b"]]["doc"]]
        assert across, f"every {kind} conflict has both sides in one document"
        for conflict in across:
            assert conflict["reason"]
            assert conflict["a_record"]["id"] == conflict["a"] and conflict["b_record"]["id"] == conflict["b"]


def test_polarity_conflict_pairs_an_asserted_with_a_negated_statement(corpus_kb):
    for conflict in corpus_kb.conflicts():
        if conflict["kind"] == "polarity":
            a, b = conflict["a_record"], conflict["b_record"]
            assert {a["negated"], b["negated"]} == {True, False}
            assert (a["subject"], a["predicate"], a["object"]) == (b["subject"], b["predicate"], b["object"])


def test_dates_conflict_sides_have_non_overlapping_times(corpus_kb):
    for conflict in corpus_kb.conflicts():
        if conflict["kind"] == "dates":
            a, b = conflict["a_record"]["time"], conflict["b_record"]["time"]
            assert a["end"] < b["start"] or b["end"] < a["start"], (a, b)


def _statement(id_, doc, *, negated=False, time=None, item="ent-s300"):
    return {"id": id_, "doc": doc, "subject": "ent-ru", "predicate": "supplies", "object": "ent-ir", "item": item,
            "negated": negated, "time": time, "subject_name": "Russia", "object_name": "Iran", "item_name": "S-300",
            "evidence": [{"doc": doc, "start": 0, "end": 4, "text": "text"}]}


def _year(y: int) -> dict:
    return {"start": f"{y}-01-01", "end": f"{y}-12-31", "precision": "year", "text": str(y)}


def test_dates_conflict_needs_different_documents_and_disjoint_years():
    across = find_conflicts([_statement("st-1", "doc-a", time=_year(2016)),
                             _statement("st-2", "doc-b", time=_year(2017))], [])
    assert [c.kind for c in across] == ["dates"]
    assert {across[0].a, across[0].b} == {"st-1", "st-2"}
    assert find_conflicts([_statement("st-1", "doc-a", time=_year(2016)),
                           _statement("st-2", "doc-a", time=_year(2017))], []) == []
    assert find_conflicts([_statement("st-1", "doc-a", time=_year(2016)),
                           _statement("st-2", "doc-b", time=_year(2016))], []) == []


def test_polarity_conflict_is_skipped_when_the_times_do_not_overlap():
    asserted = _statement("st-1", "doc-a", time=_year(2016))
    denied = _statement("st-2", "doc-b", negated=True, time=_year(2010))
    assert find_conflicts([asserted, denied], []) == []
    denied_undated = _statement("st-3", "doc-b", negated=True)
    assert [c.kind for c in find_conflicts([asserted, denied_undated], [])] == ["polarity"]


@pytest.mark.sqlite_only("copies the knowledge base file")
def test_a_file_left_unfinished_by_an_interrupted_run_brings_its_conflicts_when_added_again(corpus_kb, tmp_path):
    copy = tmp_path / "copy.db"
    target = sqlite3.connect(copy)
    corpus_kb.store.db.backup(target)
    target.close()
    conflicted_doc = corpus_kb.conflicts()[0]["a_record"]["doc"]
    unfinished = corpus_kb.store.document(conflicted_doc)["source"]
    sources = [r["path"] for r in corpus_kb.store.db.execute("SELECT path FROM sources")]
    with allsource.open(copy) as kb:
        # as if the run was killed before this file's transaction: conflicts come with their document
        with kb.store.transaction():
            kb.store.remove_source_documents(unfinished)
            kb.store.db.execute("DELETE FROM sources WHERE path = ?", (unfinished,))
        assert len(kb.conflicts()) < len(corpus_kb.conflicts())
        report = kb.add(sources, workers=1)
        assert report.added == [unfinished]
        assert [c["id"] for c in kb.conflicts()] == [c["id"] for c in corpus_kb.conflicts()]
