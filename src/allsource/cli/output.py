"""Printing records as a table, JSON, JSON Lines or CSV (data on stdout, messages on stderr)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence

FORMATS = ("table", "json", "jsonl", "csv")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "text" in value and "start" in value:
        return str(value["text"])
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(records: Sequence[dict], fmt: str, columns: Sequence[str], *, title: str = "") -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record.get(c)) for c in columns])
    else:
        _table(records, columns, title)


def _table(records: Sequence[dict], columns: Sequence[str], title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for record in records:
        table.add_row(*[Text(_cell(record.get(c))) for c in columns])  # Text: never markup
    Console(soft_wrap=False).print(table)
    if not records:
        sys.stderr.write("(no results)\n")
