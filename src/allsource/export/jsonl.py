"""The JSON Lines export: one record per line, streamed (see docs/export-format.md)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable

from allsource.errors import ConfigError


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> int:
    """Writes records to `path` ('-' for standard output) and returns how many."""
    count = 0
    try:
        handle = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the export ({exc.strerror or exc})") from exc
    try:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if handle is not sys.stdout:
            handle.close()
    return count
