"""The JSON Lines export: one record per line, streamed (see docs/export-format.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from allsource.export.files import output_file
from allsource.store.reads import RECORD_KINDS


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> int:
    """Writes records to `path` ('-' for standard output) and returns how many."""
    count = 0
    with output_file(path) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def export_jsonl(store, path: str | os.PathLike) -> int:
    return write_jsonl((record for kind in RECORD_KINDS for record in store.iter_records(kind)), path)
