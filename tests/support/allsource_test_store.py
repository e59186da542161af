"""Runs the test suite's knowledge bases on PostgreSQL (ALLSOURCE_TEST_STORE=postgres).

Tests name a knowledge base by an SQLite path (`allsource.open(tmp_path / "kb.db")`, `--db
path`). Here each such path opens instead a PostgreSQL schema of its own, in the database whose
URL ALLSOURCE_TEST_POSTGRES_DB holds; the same path always gives the same schema, in this
process and in every process a test starts (see sitecustomize.py). An empty file is left at the
path, as SQLite would leave one, so that checks for a knowledge base's existence still hold.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from allsource.store import connect

DB_ENV = "ALLSOURCE_TEST_POSTGRES_DB"


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
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
        return open_original(schema_url(database_url, schema), create=True)

    connect.open_store = open_store
