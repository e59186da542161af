"""The Python facade: `kb = allsource.open(path)`; `kb.add(paths)`; queries return ResultSets."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from allsource.errors import ConfigError
from allsource.pipeline.run import DEFAULT_MAX_BYTES, AddReport, add_paths, refresh_conflicts
from allsource.store.reads import RECORD_KINDS

DB_ENV = "ALLSOURCE_DB"
DEFAULT_DB = "allsource.db"


def default_db_path() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_DB


class ResultSet(list):
    """A list of plain dict records that also converts to a pandas DataFrame."""

    def to_pandas(self):
        try:
            import pandas
        except ImportError as exc:
            raise ConfigError("to_pandas needs pandas: pip install 'allsource[pandas]'") from exc
        return pandas.DataFrame.from_records(list(self))


class Workbench:
    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True) -> None:
        """`path` is an SQLite file or a postgresql:// URL; `create=False` refuses to set up a
        knowledge base in an empty PostgreSQL database."""
        from allsource.store.connect import open_store

        self.path = str(path or default_db_path())
        self.store = open_store(self.path, create=create)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workbench:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, paths: str | os.PathLike | Iterable[str | os.PathLike], *, workers: int | None = None,
            max_bytes: int = DEFAULT_MAX_BYTES, engine: str = "local", scheduler: str | None = None,
            progress: Callable[[str], None] | None = None,
            on_total: Callable[[int], None] | None = None) -> AddReport:
        """Adds files, folders or article dumps. `engine="dask"` extracts on a Dask cluster: the
        one at `scheduler` (an address), or a local one with `workers` processes."""
        from allsource.pipeline.engines import make_engine

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        with make_engine(engine, workers=workers, scheduler=scheduler) as chosen:
            return add_paths(self.store, [Path(p) for p in paths], engine=chosen, max_bytes=max_bytes,
                             progress=progress, on_total=on_total)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def entities(self, type: str | None = None, search: str | None = None, limit: int | None = None) -> ResultSet:
        return ResultSet(self.store.entities(type=type, search=search, limit=limit))

    def entity(self, ref: str) -> dict:
        return self.store.find_entity(ref)

    def profile(self, ref: str) -> dict:
        from allsource.analyze.profiles import entity_profile

        return entity_profile(self.store, ref)

    def statements(self, subject: str | None = None, predicate: str | None = None, object: str | None = None,
                   entity: str | None = None) -> ResultSet:
        return ResultSet(self.store.statements(subject=subject, predicate=predicate, object=object, entity=entity))

    def events(self, entity: str | None = None) -> ResultSet:
        return ResultSet(self.store.events(entity=entity))

    def claims(self, speaker: str | None = None, about: str | None = None) -> ResultSet:
        return ResultSet(self.store.claims(speaker=speaker, about=about))

    def conflicts(self) -> ResultSet:
        return ResultSet(self.store.conflicts())

    def timeline(self, entity: str | None = None) -> ResultSet:
        from allsource.analyze.timeline import timeline

        return ResultSet(timeline(self.store, entity))

    def search(self, text: str, limit: int = 20) -> ResultSet:
        return ResultSet(self.store.search(text, limit))

    def documents(self, entity: str | None = None) -> ResultSet:
        return ResultSet(self.store.documents(entity))

    def merges(self, entity: str | None = None) -> ResultSet:
        return ResultSet(self.store.merges(entity))

    def unmerge(self, member: str) -> str:
        new_id = self.store.unmerge(member)
        refresh_conflicts(self.store)
        return new_id

    def add_rule(self, kind: str, a: str, b: str) -> None:
        with self.store.transaction():
            self.store.add_rule(kind, a, b)

    def import_aliases(self, path: str | os.PathLike, format: str = "csv"):
        """Loads known aliases and never-merge pairs from a CSV file or a Phoenix actor dictionary
        (`format="phoenix"`) as rules for documents added afterwards; see docs/exports.md."""
        from allsource.export.aliaslists import import_alias_file

        return import_alias_file(self.store, path, format)

    def failures(self) -> ResultSet:
        return ResultSet(self.store.failures())

    def records(self):
        """Every record of the knowledge base in the JSON Lines export order."""
        for kind in RECORD_KINDS:
            yield from self.store.iter_records(kind)

    def export(self, format: str, path: str | os.PathLike) -> int:
        """Writes the whole knowledge base in `format` (jsonl, graphml, gexf, csv, parquet, neo4j,
        stix, ftm; see docs/exports.md) to `path`; returns the records written."""
        from allsource.export.formats import export

        return export(self.store, format, path)

    def to_networkx(self):
        """The network as a networkx MultiDiGraph: entities as nodes, statements as edges keyed
        by statement id, with the attributes of the GraphML export."""
        from allsource.export.graph import to_networkx

        try:
            import networkx  # noqa: F401 - checked here so that the error names the extra
        except ImportError as exc:
            raise ConfigError("to_networkx needs networkx: pip install 'allsource[export]'") from exc
        return to_networkx(self.store)


def open(path: str | os.PathLike | None = None) -> Workbench:  # noqa: A001 - the public name users expect
    return Workbench(path)
