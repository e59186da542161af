"""The SQLite knowledge base: one file, one writer, one transaction per document.

Every write and query is shared with the PostgreSQL store (`store.sql` and the read mixins);
this module holds what only SQLite does: the connection, its migrations, transactions and FTS5."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from allsource.errors import StoreError
from allsource.store.reads import _fts_query, _join_marks
from allsource.store.sql import SQLStore, now

# name -> script, applied in order, each once, each recorded in the migrations table
MIGRATIONS = {"0001_initial": "schema.sql", "0002_entity_forms": "migration_0002_entity_forms.sql",
              "0003_scale_indexes": "migration_0003_scale_indexes.sql",
              "0004_datasette": "migration_0004_datasette.sql",
              "0005_member_indexes": "migration_0005_member_indexes.sql",
              "0006_claim_about_index": "migration_0006_claim_about_index.sql"}


class SQLiteStore(SQLStore):
    # without statistics SQLite would walk every statement of the predicate instead
    SUBJECT_STATEMENTS = ("id IN (SELECT s.id FROM local_entities l JOIN statements s"
                          " INDEXED BY statements_subject_predicate ON s.subject = l.id"
                          " WHERE l.entity = :subject AND s.predicate = :predicate)")

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an allsource knowledge base ({exc})") from exc

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        for name, script_file in MIGRATIONS.items():
            if name in applied:
                continue
            script = resources.files("allsource").joinpath(f"store/{script_file}").read_text(encoding="utf-8")
            with self.transaction():
                for statement in _split_sql(script):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.in_transaction:
            savepoint = f"sp{id(self)}"
            self.db.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                self.db.execute(f"ROLLBACK TO {savepoint}")
                raise
            self.db.execute(f"RELEASE {savepoint}")
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def search(self, text: str, limit: int = 20) -> list[dict]:
        query = _fts_query(text)
        if not query:
            return []
        rows = self.db.execute(
            "SELECT d.id, d.title, d.source, d.published, snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?"
            " ORDER BY rank LIMIT ?", (query, limit))
        return [{**dict(r), "snippet": _join_marks(r["snippet"])} for r in rows]

    def table_names(self) -> list[str]:
        """The knowledge base's own tables (not the full-text indexes' virtual and shadow tables)."""
        return [r[0] for r in self.db.execute("SELECT name FROM pragma_table_list WHERE schema = 'main'"
                                              " AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]

    def integrity_problems(self) -> list[str]:
        """What SQLite's own checks find wrong: damaged pages and rows whose foreign key dangles."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"{r[0]} row {r[1]}: no {r[2]} row it refers to" for r in self.db.execute("PRAGMA foreign_key_check")]
        return problems


def _split_sql(script: str) -> list[str]:
    """Splits a schema script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if line.rstrip().endswith(";") and (not joined.lstrip().upper().startswith("CREATE TRIGGER")
                                            or line.strip().upper() == "END;"):
            statements.append(joined)
            current = []
    return statements
