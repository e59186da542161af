"""A folder of CSV tables (one per record kind and link table) with a README.md describing every
column. Lists are joined with "; ", booleans are `true`/`false`, missing values are empty."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from allsource.export.files import output_folder
from allsource.export.tables import TABLES

LIST_SEPARATOR = "; "


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def write_csv_tables(store, path: str | os.PathLike) -> int:
    """Writes every table into the folder `path`; returns the rows written."""
    count = 0
    with output_folder(path) as folder:
        for table, (_, columns) in TABLES.items():
            with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for chunk in store.iter_table(table):
                    writer.writerows([_cell(row[c]) for c in columns] for row in chunk)
                    count += len(chunk)
        (folder / "README.md").write_text(readme(), encoding="utf-8")
    return count


def readme() -> str:
    lines = ["# allsource knowledge base as CSV tables", "",
             "Exported by `allsource export --format csv`. UTF-8, comma-separated, a header row, values",
             'quoted when needed. Lists are joined with "; ", booleans are `true`/`false`, a missing value',
             "is an empty cell. Ids are corpus-wide; `start`/`end` are character offsets into",
             "`documents.text` (Python string indexes). `table.column` names the column an id refers to.", ""]
    for table, (description, columns) in TABLES.items():
        lines += [f"## {table}.csv", "", description, "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {meaning} |" for name, meaning in columns.items()]
        lines.append("")
    return "\n".join(lines)


def read_readme_columns(folder: Path) -> dict[str, list[str]]:
    """The columns the README documents, by table (for checking the README against the files)."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in (folder / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## ") and line.endswith(".csv"):
            current = tables.setdefault(line[3:-4], [])
        elif current is not None and line.startswith("| `"):
            current.append(line.split("`")[1])
    return tables
