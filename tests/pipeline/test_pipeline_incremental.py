"""Adding to a knowledge base is incremental: unchanged files are skipped, changed ones replaced."""

from __future__ import annotations

import shutil

import pytest

import allsource


def table_counts(kb) -> dict[str, int]:
    db = kb.store.db
    tables = kb.store.table_names()
    return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def document_rows(kb) -> dict[str, tuple]:
    return {r[0]: tuple(r) for r in kb.store.db.execute("SELECT id, rowid, source, added_at FROM documents")}


@pytest.fixture
def kb(tmp_path):
    with allsource.open(tmp_path / "kb.db") as opened:
        yield opened


def test_re_adding_the_same_folder_reports_every_file_unchanged_and_changes_no_table(kb, articles):
    first = kb.add(articles, workers=1)
    assert len(first.added) == 3 and not first.failed and first.documents == 3
    before, docs_before = table_counts(kb), document_rows(kb)
    again = kb.add(articles, workers=1)
    assert again.added == [] and again.failed == [] and again.documents == 0
    assert sorted(again.unchanged) == sorted(first.added)
    assert table_counts(kb) == before
    assert document_rows(kb) == docs_before


def test_adding_one_new_file_processes_only_that_file(kb, articles, tmp_path, article_text):
    kb.add(articles, workers=1)
    before, docs_before = table_counts(kb), document_rows(kb)
    new = articles / "later" / "pipeline.txt"
    new.parent.mkdir()
    new.write_text(
        "Gas Pipeline Talks Resume\n\nBy Lena Ortiz\n\n5 May 2023\n\n"
        "Turkey and Azerbaijan resumed talks on a gas pipeline on Friday. Elif Demir, the energy minister of "
        "Turkey, visited Baku and met Rashad Aliyev. Azerbaijan will supply Turkey with gas from 2026.\n",
        encoding="utf-8")
    report = kb.add(articles, workers=1)
    assert report.added == [str(new)]
    assert len(report.unchanged) == 3 and report.documents == 1
    after = table_counts(kb)
    assert after["documents"] == before["documents"] + 1
    assert after["mentions"] > before["mentions"]
    docs_after = document_rows(kb)
    assert {k: v for k, v in docs_after.items() if k in docs_before} == docs_before  # others untouched
    assert [d["source"] for d in kb.search("pipeline gas")] == [str(new)]


def test_editing_a_file_replaces_its_documents(kb, articles, article_text):
    target = articles / "rail.txt"
    target.write_text(article_text["rail.txt"].replace("last week", "last week with a sturgeon on the logo"),
                      encoding="utf-8")
    kb.add(articles, workers=1)
    old_ids = {d["id"] for d in kb.documents() if d["source"] == str(target)}
    assert len(kb.search("sturgeon")) == 1
    counts = kb.counts()
    target.write_text(article_text["rail.txt"].replace("last week", "last week with a pistachio on the logo"),
                      encoding="utf-8")
    report = kb.add(articles, workers=1)
    assert report.added == [str(target)] and len(report.unchanged) == 2
    assert kb.search("sturgeon") == []
    assert [d["source"] for d in kb.search("pistachio")] == [str(target)]
    new_ids = {d["id"] for d in kb.documents() if d["source"] == str(target)}
    assert new_ids and not new_ids & old_ids
    assert kb.counts()["documents"] == counts["documents"]
    db = kb.store.db
    for table in ("mentions", "statements", "events", "claims", "local_entities", "evidence"):
        stale = db.execute(f"SELECT count(*) FROM {table} WHERE doc IN ({','.join('?' * len(old_ids))})",
                           sorted(old_ids)).fetchone()[0]
        assert stale == 0, table
    assert kb.store.integrity_problems() == []


def test_a_duplicate_copy_under_another_name_adds_no_document(kb, articles):
    kb.add(articles, workers=1)
    before = table_counts(kb)
    shutil.copy(articles / "ferry.txt", articles / "ferry-copy.txt")
    report = kb.add(articles, workers=1)
    assert report.documents == 0 and not report.failed
    after = table_counts(kb)
    assert {k: v for k, v in after.items() if k != "sources"} == {k: v for k, v in before.items() if k != "sources"}
    hashes = [r[0] for r in kb.store.db.execute("SELECT content_hash FROM documents")]
    assert len(hashes) == len(set(hashes))


def test_a_duplicate_in_the_same_run_is_stored_once(kb, articles):
    shutil.copy(articles / "grid.md", articles / "grid-again.md")
    report = kb.add(articles, workers=1)
    assert len(report.added) == 4 and report.documents == 3
    assert kb.counts()["documents"] == 3


def test_adding_a_single_file_path_works_like_a_folder(kb, articles):
    report = kb.add(articles / "grid.md", workers=1)
    assert report.added == [str(articles / "grid.md")]
    assert [d["title"] for d in kb.documents()] == ["Georgia and Armenia Link Their Power Grids"]


def test_editing_the_original_of_a_duplicate_keeps_the_copy_content(kb, articles, article_text):
    shutil.copy(articles / "ferry.txt", articles / "ferry-copy.txt")
    kb.add(articles, workers=1)
    assert len(kb.search("lorries")) == 1
    (articles / "ferry-copy.txt").write_text(article_text["ferry.txt"].replace("lorries", "trucks"),
                                             encoding="utf-8")
    kb.add(articles, workers=1)
    # ferry.txt still holds the first text: it must stay searchable whichever file was stored first
    assert len(kb.search("lorries")) == 1
    assert len(kb.search("trucks")) == 1
    assert kb.counts()["documents"] == 4
