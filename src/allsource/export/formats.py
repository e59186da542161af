"""The export formats by name; each module is imported only when its format is used, so the
heavy libraries some need (pyarrow, followthemoney) stay out of `import allsource`."""

from __future__ import annotations

import importlib
import os

from allsource.errors import ConfigError

# name -> (module, function, the library it needs beyond the core dependencies, or None)
FORMATS = {
    "jsonl": ("allsource.export.jsonl", "export_jsonl", None),
    "graphml": ("allsource.export.graphml", "write_graphml", None),
    "gexf": ("allsource.export.gexf", "write_gexf", None),
    "csv": ("allsource.export.csvtables", "write_csv_tables", None),
    "parquet": ("allsource.export.parquet", "write_parquet_tables", "pyarrow"),
    "neo4j": ("allsource.export.neo4j", "write_neo4j", None),
    "stix": ("allsource.export.stix", "write_stix", None),
    "ftm": ("allsource.export.ftm", "write_ftm", "followthemoney"),
}


def export(store, format: str, path: str | os.PathLike) -> int:
    """Writes the knowledge base held by `store` to `path` in `format`; returns the number of
    records (rows, nodes and edges, or objects) written."""
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r} (available: {', '.join(FORMATS)})")
    module_name, function, library = FORMATS[format]
    if library:
        try:
            importlib.import_module(library)
        except ImportError as exc:
            raise ConfigError(f"the {format} export needs {library}: pip install 'allsource[export]'") from exc
    return getattr(importlib.import_module(module_name), function)(store, path)
