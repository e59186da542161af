"""Fixtures shared by every test folder: the bundled corpus built once per session (read-only).

With ALLSOURCE_TEST_STORE=postgres and ALLSOURCE_TEST_POSTGRES set to a server's URL (dev/test
does both), every knowledge base the tests open lives in PostgreSQL instead of an SQLite file:
see tests/support/allsource_test_store.py. Tests marked `sqlite_only` are skipped then."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import allsource

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEST_STORE = os.environ.get("ALLSOURCE_TEST_STORE", "sqlite")
SUPPORT = Path(__file__).parent / "support"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): checks SQLite's own files or locks; "
                                       "skipped when the suite runs on PostgreSQL")
    if TEST_STORE not in ("sqlite", "postgres"):
        raise pytest.UsageError(f"ALLSOURCE_TEST_STORE={TEST_STORE!r}: expected sqlite or postgres")
    if TEST_STORE == "postgres":
        _use_postgres(config)


def _use_postgres(config) -> None:
    """A fresh database for this run; every process the tests start gets the same redirect."""
    import psycopg

    server = os.environ.get("ALLSOURCE_TEST_POSTGRES")
    if not server:
        raise pytest.UsageError("ALLSOURCE_TEST_STORE=postgres needs ALLSOURCE_TEST_POSTGRES=postgresql://... "
                                "(start a throwaway server with: bash dev/postgres start; bash dev/postgres url)")
    name = f"allsource_tests_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    config.allsource_test_database = (server, name)
    os.environ["ALLSOURCE_TEST_POSTGRES_DB"] = f"{server.rsplit('/', 1)[0]}/{name}"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SUPPORT), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(SUPPORT))
    import allsource_test_store

    allsource_test_store.install()


def pytest_unconfigure(config):
    if hasattr(config, "allsource_test_database"):
        import psycopg

        server, name = config.allsource_test_database
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pytest_report_header(config):
    return f"allsource store: {TEST_STORE}"


def pytest_collection_modifyitems(config, items):
    if TEST_STORE != "postgres":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.args[0] if marker.args else ''}"))


@pytest.fixture(scope="session")
def shared_data():
    """Returns a function that finds a path under ../shared. Tests that need outside data are
    skipped only when ../shared itself is absent; a missing file inside it is a failure."""
    def locate(*parts: str) -> Path:
        if not SHARED.is_dir():
            pytest.skip("../shared is absent beside the repository")
        path = SHARED.joinpath(*parts)
        assert path.exists(), f"{path} is missing from ../shared"
        return path
    return locate


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus-kb") / "corpus.db"
    with allsource.open(db) as kb:
        report = kb.add(CORPUS, workers=1)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def corpus_kb(corpus_db):
    kb = allsource.open(corpus_db)
    yield kb
    kb.close()
