"""The PostgreSQL knowledge base: the SQLite store's writes and queries on a server.

`--db postgresql://user@host/dbname` opens one. The statements are shared with SQLite
(`store.sql` and the read mixins); a small adapter gives the psycopg connection sqlite3's
calling convention (`?` and `:name` placeholders, rows readable by index and by column name).
What differs lives here: connecting, migrations, transactions that admit one writer at a time
(as SQLite's file lock does) and run in pipeline mode (writes do not wait for their answers),
and full-text search through PostgreSQL's tsvector and ts_headline. Several knowledge bases
can share a database, one per schema, by adding `?options=-csearch_path%3Dname` to the URL.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

import psycopg
from psycopg import pq

from allsource.errors import StoreError
from allsource.store.sql import SQLStore, now
from allsource.store.webreads import SNIPPET_CLOSE, SNIPPET_OPEN

# names of SQLite's migrations (store.sqlite.MIGRATIONS) -> the script that brings PostgreSQL to
# the same point; each name is recorded in the migrations table when its script has run
MIGRATIONS = {("0001_initial", "0002_entity_forms", "0003_scale_indexes"): "schema_postgres.sql",
              ("0004_datasette",): "migration_0004_datasette_postgres.sql",
              # standard SQL: SQLite's own scripts
              ("0005_member_indexes",): "migration_0005_member_indexes.sql",
              ("0006_claim_about_index",): "migration_0006_claim_about_index.sql"}
# the advisory lock a writing transaction holds, with its schema's hash as the second key: one
# writer at a time in a knowledge base, as in SQLite, while other schemas' writers go on
WRITER_LOCK = 0x616C6C73  # "alls"


class Row(tuple):
    """A result row readable as row[0] and row["column"], like sqlite3.Row."""

    def __new__(cls, values, names: dict[str, int]):
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _rows(cursor):
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|::|\?|:[A-Za-z_]\w*|%""")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """sqlite3 placeholders to psycopg's: ? -> %s, :name -> %(name)s, every literal % -> %%;
    placeholders inside quoted strings, identifiers and comments, and :: casts, stay as they are."""
    def swap(match: re.Match) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token.startswith(":") and token != "::":
            return f"%({token[1:]})s"
        return token.replace("%", "%%")  # psycopg reads % everywhere, quotes included
    return _TOKENS.sub(swap, sql)


class Cursor(psycopg.Cursor):
    """Tells its columns as soon as it is executed, as sqlite3's do, also in pipeline mode (where
    results arrive later): asking for them syncs the pipeline first."""

    @property
    def description(self):
        if self.pgresult is None and self.connection.info.pipeline_status != pq.PipelineStatus.OFF:
            with self.connection.pipeline() as pipeline:
                pipeline.sync()
        return super().description


class Connection:
    """sqlite3's calling convention on a psycopg connection (autocommit outside transactions)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params=None) -> psycopg.Cursor:
        if not params:
            return self.conn.execute(sql)
        return self.conn.execute(translate(sql), params if isinstance(params, Mapping) else list(params))

    def executemany(self, sql: str, rows) -> None:
        rows = [row if isinstance(row, Mapping) else list(row) for row in rows]
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(translate(sql), rows)


def schema_url(database_url: str, schema: str) -> str:
    """The URL of the knowledge base kept in `schema` of the database `database_url` names."""
    return f"{database_url}{'&' if '?' in database_url else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def scratch_schema(database_url: str, prefix: str = "allsource_scratch") -> Iterator[str]:
    """A knowledge base URL in a new, empty schema of the database, dropped with all it holds
    on the way out: for measurements and tests that must not touch anything else there."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as exc:
        raise StoreError(f"{display_url(database_url)}: cannot create a schema there ({_first_line(exc)})") from exc
    try:
        yield schema_url(database_url, schema)
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


class PostgresStore(SQLStore):
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.path = url
        shown = display_url(url)
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=_rows, cursor_factory=Cursor)
        except psycopg.Error as exc:
            raise StoreError(f"{shown}: cannot open the PostgreSQL database ({_first_line(exc)})") from exc
        self.db = Connection(conn)
        try:
            if not create and not self._has_schema():
                raise StoreError(f"{shown}: no knowledge base in this database "
                                 f"(build one with `allsource add FOLDER --db {shown}`)")
            self._migrate()
        except BaseException:
            conn.close()
            raise

    def _has_schema(self) -> bool:
        return self.db.execute("SELECT to_regclass('migrations')").fetchone()[0] is not None

    def _migrate(self) -> None:
        # a transaction outside pipeline mode, which cannot send a script of several statements;
        # the writer lock keeps two processes from migrating at once
        with self.db.conn.transaction():
            self._take_writer_lock()
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            applied = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
            for names, script_file in MIGRATIONS.items():
                if set(names) <= applied:
                    continue
                script = resources.files("allsource").joinpath(f"store/{script_file}").read_text(encoding="utf-8")
                self.db.execute(script)
                self.db.executemany("INSERT INTO migrations VALUES (?, ?)", [(name, now()) for name in names])

    def close(self) -> None:
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction, or a savepoint inside one; the outermost waits for the writer lock.
        The outermost also runs in pipeline mode: statements whose results nobody reads (most
        writes) go to the server without waiting for each answer, and reading a result waits
        for what came before, so a document costs far fewer round trips."""
        if self.db.conn.info.transaction_status != pq.TransactionStatus.IDLE:
            with self.db.conn.transaction():
                yield
            return
        with self.db.conn.pipeline() as pipeline, self.db.conn.transaction():
            self._take_writer_lock()
            pipeline.sync()  # hold the lock now, not when the first result is read
            yield

    def _take_writer_lock(self) -> None:
        self.db.execute("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", (WRITER_LOCK,))

    # -- full-text search --------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[dict]:
        return self._text_search(text, "d.id, d.title, d.source, d.published", "[", "]", 16, limit)

    def search_snippets(self, text: str, limit: int = 20) -> list[dict]:
        return self._text_search(text, "d.id, d.title, d.source, d.publisher, d.published",
                                 SNIPPET_OPEN, SNIPPET_CLOSE, 24, limit)

    def _text_search(self, text: str, columns: str, open_mark: str, close_mark: str, words: int,
                     limit: int) -> list[dict]:
        """Documents matching every word of `text` (stemmed; operators are plain words), best
        first (ranked with the document's length discounted, as FTS5's bm25 does), each with a
        snippet whose matched words sit between the two marks."""
        if not re.search(r"\w", text):
            return []
        options = (f'StartSel="{open_mark}", StopSel="{close_mark}", MaxWords={words}, MinWords={words // 2},'
                   ' ShortWord=0, MaxFragments=2, FragmentDelimiter=" … "')
        rows = self.db.execute(
            f"SELECT {columns}, ts_headline('allsource', d.text, q, :options) AS snippet"
            " FROM documents_fts f JOIN documents d ON d.id = f.doc, plainto_tsquery('allsource', :text) q"
            " WHERE f.terms @@ q ORDER BY ts_rank(f.terms, q, 1) DESC, d.rowid, d.id LIMIT :limit",
            {"options": options, "text": text, "limit": limit})
        return [{**dict(r), "snippet": _join_adjacent_marks(r["snippet"], open_mark, close_mark)} for r in rows]

    # -- introspection -----------------------------------------------------------------------

    def table_names(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' AND table_name <> 'documents_fts' ORDER BY 1")]

    def integrity_problems(self) -> list[str]:
        """Rows whose foreign key dangles, found by an anti-join per constraint (PostgreSQL
        enforces them on every statement, so this finds none unless a constraint was dropped)."""
        constraints = self.db.execute(
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,"
            " array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
            "       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),"
            " array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)"
            "       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)"
            " FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"
            " ORDER BY 1, 2").fetchall()
        problems = []
        for child, parent, child_columns, parent_columns in constraints:
            present = " AND ".join(f"c.{_quote(col)} IS NOT NULL" for col in child_columns)
            joined = " AND ".join(f"p.{_quote(pc)} = c.{_quote(cc)}" for cc, pc in zip(child_columns, parent_columns))
            dangling = self.db.execute(f"SELECT count(*) FROM {child} c WHERE {present}"
                                       f" AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {joined})").fetchone()[0]
            if dangling:
                problems.append(f"{child}: {dangling} rows with no {parent} row they refer to")
        return problems


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _join_adjacent_marks(snippet: str, open_mark: str, close_mark: str) -> str:
    """'[S][-300]' -> '[S-300]': PostgreSQL's parser reads "S-300" as a word and a signed number,
    and marks each; touching marks are one term as the reader typed it."""
    o, c = re.escape(open_mark), re.escape(close_mark)
    return re.sub(f"{c}([^\\w\\s{o}{c}]{{0,3}}){o}", r"\1", snippet)
