"""Runs the test suite's knowledge bases on PostgreSQL (ALLSOURCE_TEST_STORE=postgres).

Tests name a knowledge base by an SQLite path (`allsource.open(tmp_path / "kb.db")`, `--db
path`). Here each such path opens instead a PostgreSQL schema of its own, in the database whose
URL ALLSOURCE_TEST_POSTGRES_DB holds; the same path always gives the same schema, in this
process and in every process a test starts (see sitecustomize.py). A small file at the path
names the schema, as an SQLite file would hold the data: checks that a knowledge base exists
still hold, and a test that copies the file (`shutil.copy`) gets a copy of the knowledge base
when it opens the copy.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from allsource.store import connect

DB_ENV = "ALLSOURCE_TEST_POSTGRES_DB"
MARK = "allsource-test-schema:"


def install() -> None:
    """Routes file paths given to `allsource.store.connect.open_store` to PostgreSQL schemas."""
    database_url = os.environ[DB_ENV]
    open_original = connect.open_store

    def open_store(location: str, *, create: bool = True):
        if connect.is_url(location):
            return open_original(location, create=create)
        import psycopg

        from allsource.store.postgres import schema_url

        if location == ":memory:":
            path, schema = None, f"kb_memory_{uuid.uuid4().hex[:16]}"
        else:
            path = Path(location).resolve()
            schema = "kb_" + hashlib.sha1(str(path).encode()).hexdigest()[:24]
        copied_from = _schema_named_in(path) if path is not None else None
        with psycopg.connect(database_url, autocommit=True) as conn:
            fresh = conn.execute("SELECT to_regnamespace(%s) IS NULL", (schema,)).fetchone()[0]
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        store = open_original(schema_url(database_url, schema), create=True)
        if fresh and copied_from not in (None, schema):
            _copy_rows(store, copied_from)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(MARK + schema, encoding="utf-8")
        return store

    connect.open_store = open_store


def _schema_named_in(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.removeprefix(MARK) if text.startswith(MARK) else None


def _copy_rows(store, source_schema: str) -> None:
    """Fills the freshly migrated schema of `store` with every row of `source_schema`."""
    tables = store.table_names() + ["documents_fts"]
    with store.transaction():
        store.db.execute("SET LOCAL session_replication_role = replica")  # no triggers, no key checks
        store.db.execute("DELETE FROM migrations")
        for table in tables:
            store.db.execute(f"INSERT INTO {table} SELECT * FROM {source_schema}.{table}")
        for table, column in (("merges", "id"), ("documents", "rowid")):
            store.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                             f" coalesce(max({column}), 0) + 1, false) FROM {table}")
