"""Opens the store a location names: a postgresql:// URL or an SQLite file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allsource.errors import ConfigError

if TYPE_CHECKING:
    from allsource.store.sql import SQLStore

URL_PREFIXES = ("postgresql://", "postgres://")


def is_url(location: str) -> bool:
    return str(location).startswith(URL_PREFIXES)


def open_store(location: str, *, create: bool = True) -> SQLStore:
    """The knowledge base at `location`; a PostgreSQL one is only set up when `create` is true
    (an SQLite file's absence is checked by the caller, before the file would be made)."""
    if is_url(location):
        try:
            from allsource.store.postgres import PostgresStore
        except ImportError as exc:
            raise ConfigError(f"a postgresql:// knowledge base needs psycopg ({exc}): "
                              "pip install 'allsource[scale]'") from exc
        return PostgresStore(location, create=create)
    from allsource.store.sqlite import SQLiteStore

    return SQLiteStore(location)
