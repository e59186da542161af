"""Adding a corpus one document at a time gives the knowledge base that adding it at once gives:
the same entities with the same aliases, and the same conflicts (found incrementally)."""

from __future__ import annotations

from pathlib import Path

import pytest

import allsource
from allsource.pipeline.run import refresh_conflicts

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"


def entity_aliases(kb) -> dict[str, tuple]:
    return {e["id"]: (e["name"], e["type"], tuple(sorted(e["aliases"])), e["mention_count"], e["doc_count"])
            for e in kb.entities()}


def conflict_rows(kb) -> list[tuple]:
    return sorted(tuple(r) for r in kb.store.db.execute("SELECT id, a, b, kind, reason FROM conflicts"))


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory):
    kb = allsource.open(tmp_path_factory.mktemp("one-by-one") / "kb.db")
    for path in sorted(CORPUS.iterdir()):  # name order; the at-once build goes largest file first
        report = kb.add(path, workers=1)
        assert report.added == [str(path)], report.failed
    yield kb
    kb.close()


def test_every_entity_has_the_same_aliases_whether_added_at_once_or_one_by_one(one_by_one, corpus_kb):
    assert entity_aliases(one_by_one) == entity_aliases(corpus_kb)


def test_conflicts_found_document_by_document_are_those_of_the_whole_corpus(one_by_one, corpus_kb):
    incremental = conflict_rows(one_by_one)
    assert incremental  # the bundled corpus holds several
    assert incremental == conflict_rows(corpus_kb)
    refresh_conflicts(one_by_one.store)  # the whole-corpus pass, over the same records
    assert conflict_rows(one_by_one) == incremental
