"""Schema migrations run once each, in order, and fill new tables from what is stored."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import allsource
from allsource.store.sqlite import MIGRATIONS

pytestmark = pytest.mark.sqlite_only("migrations of SQLite files (PostgreSQL's: tests/store/test_postgres_store.py)")


def forms(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT entity, kind, value, weight FROM entity_forms ORDER BY 1, 2, 3").fetchall()


def test_every_migration_is_recorded_once(corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert applied == sorted(MIGRATIONS)


def test_entity_forms_migration_backfills_what_incremental_writes_built(corpus_db, tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(corpus_db, copy)
    built_incrementally = forms(copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TABLE entity_forms")
        conn.execute("DELETE FROM migrations WHERE name = '0002_entity_forms'")
    allsource.open(copy).close()
    assert built_incrementally and forms(copy) == built_incrementally
