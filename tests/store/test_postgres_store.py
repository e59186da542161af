"""The PostgreSQL store on a real server: the same knowledge base as SQLite, its own search,
migrations, one writer at a time, and clear errors. Needs ALLSOURCE_TEST_POSTGRES (dev/test
starts a throwaway server and sets it); the rest of the suite also runs on PostgreSQL with
ALLSOURCE_TEST_STORE=postgres."""

from __future__ import annotations

import json
import os
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

import allsource
from allsource.cli.main import main
from allsource.errors import StoreError
from allsource.store.postgres import PostgresStore, scratch_schema, translate
from allsource.store.sqlite import MIGRATIONS as SQLITE_MIGRATIONS

SERVER = os.environ.get("ALLSOURCE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: set ALLSOURCE_TEST_POSTGRES or run dev/test")

ARTICLE = ("Missile Deliveries Resume\n\nBy Dana Holt\n\n3 March 2021\n\n"
           "Russia delivered S-300 missiles to Iran in 2016. Iranian officers said the missile batteries "
           "now guard the nuclear site at Fordow.\n")


@pytest.fixture(scope="module")
def database():
    name = f"allsource_pgstore_{os.getpid()}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    yield f"{SERVER.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def kb_url(database):
    """An empty schema of its own: a knowledge base URL nothing has used yet."""
    with scratch_schema(database) as url:
        yield url


@pytest.fixture(scope="module")
def built_url(database, tmp_path_factory):
    """The one-article knowledge base, built through the command line."""
    folder = tmp_path_factory.mktemp("pg-articles")
    (folder / "missiles.txt").write_text(ARTICLE, encoding="utf-8")
    with scratch_schema(database) as url:
        result = CliRunner().invoke(main, ["add", str(folder), "--db", url, "--workers", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield url


def _by_id(kb) -> dict[str, dict]:
    return {(r["record"], r["id"]): r for r in kb.records()}


@pytest.mark.skipif(os.environ.get("ALLSOURCE_TEST_STORE") == "postgres",
                    reason="compares with the SQLite build, which the SQLite run of the suite holds")
def test_the_bundled_corpus_builds_the_same_knowledge_base_on_both_stores(corpus_kb, kb_url):
    with allsource.open(kb_url) as kb:
        report = kb.add(Path(allsource.__file__).parent / "data" / "corpus", workers=1)
        assert not report.failed
        on_postgres, on_sqlite = _by_id(kb), _by_id(corpus_kb)
        assert len(on_postgres) > 1000 and on_postgres == on_sqlite
        members = lambda k: sorted((m["member"], m["entity"], m["reason"], m["undone_at"]) for m in k.merges())  # noqa: E731
        assert members(kb) == members(corpus_kb)
        assert kb.store.integrity_problems() == []


def test_every_command_reads_a_knowledge_base_built_by_url(built_url):
    runner = CliRunner()
    listing = runner.invoke(main, ["entities", "--db", built_url, "--format", "json"], catch_exceptions=False)
    assert listing.exit_code == 0
    names = {e["name"] for e in json.loads(listing.stdout)}
    assert {"Russia", "Iran"} <= names
    shown = runner.invoke(main, ["show", "Iran", "--db", built_url], catch_exceptions=False)
    assert shown.exit_code == 0 and "Iran" in shown.stdout


def test_search_stems_words_keeps_every_word_and_marks_the_terms(built_url):
    with allsource.open(built_url) as kb:
        (hit,) = kb.search("missile battery")  # stems: "missiles", "batteries"
        assert hit["title"] == "Missile Deliveries Resume"
        assert "[missiles]" in hit["snippet"] and "[batteries]" in hit["snippet"]
        assert "[S-300]" in kb.search("S-300")[0]["snippet"]
        assert kb.search("missiles AND") == []  # no stop words: "and" is a word no document has
        for query in ('"unbalanced', "Iran OR (", "!", "*", "-Iran & |", ""):
            kb.search(query)  # never a tsquery syntax error
        assert [h["title"] for h in kb.search("Iran | Fordow")] == ["Missile Deliveries Resume"]


def test_migrations_record_every_sqlite_migration_once_and_reopening_applies_none(kb_url):
    PostgresStore(kb_url).close()
    store = PostgresStore(kb_url)
    applied = [r[0] for r in store.db.execute("SELECT name FROM migrations ORDER BY name")]
    store.close()
    assert applied == sorted(SQLITE_MIGRATIONS)


def test_a_query_command_on_an_empty_database_is_one_error_line_and_creates_nothing(kb_url):
    result = CliRunner().invoke(main, ["entities", "--db", kb_url])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {kb_url}: no knowledge base in this database (build one with `allsource add FOLDER --db {kb_url}`)"]
    with psycopg.connect(kb_url) as conn:
        assert conn.execute("SELECT to_regclass('migrations')").fetchone()[0] is None


def test_an_unreachable_server_is_one_error_line_without_the_password():
    url = "postgresql://reader:hunter2@127.0.0.1:9/nowhere?connect_timeout=2"
    result = CliRunner().invoke(main, ["entities", "--db", url])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: postgresql://reader:***@127.0.0.1:9/nowhere") and "hunter2" not in line
    with pytest.raises(StoreError, match="cannot open the PostgreSQL database"):
        PostgresStore(url)


def test_a_second_writer_waits_for_the_first_transaction(kb_url):
    first, second = PostgresStore(kb_url), PostgresStore(kb_url)
    second.db.execute("SET lock_timeout = '200ms'")
    with first.transaction():
        first.add_rule("never", "Tehran", "Moscow")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            with second.transaction():
                second.add_rule("never", "Paris", "Rome")
    with second.transaction():
        second.add_rule("never", "Paris", "Rome")
    assert second.rules().forbids(["Tehran"], ["Moscow"]) and first.rules().forbids(["Paris"], ["Rome"])
    first.close()
    second.close()


def test_placeholders_become_psycopg_ones_outside_quotes_comments_and_casts():
    sql = "SELECT ?, :name, x::text, '?:no', \"a?b\", '50%' -- why? :not\n FROM t WHERE y LIKE ?"
    assert translate(sql) == ("SELECT %s, %(name)s, x::text, '?:no', \"a?b\", '50%%' -- why? :not\n"
                              " FROM t WHERE y LIKE %s")
