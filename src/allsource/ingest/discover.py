"""Expand the paths a user named into the article files to read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from allsource.errors import InputError
from allsource.ingest.dumps import is_dump

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_EXPECTED = "(expected .txt, .md, .html or .pdf)"


def format_of(path: Path) -> str:
    """The format name of a supported file; InputError for any other extension."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise InputError(str(path), f"unsupported file type {shown} {_EXPECTED}")
    return FORMATS[suffix]


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Supported files and news dumps (.csv, .jsonl, optionally .gz) under the given paths:
    folders searched recursively, hidden ones skipped.

    A file named explicitly must exist and be supported; inside folders, other files are
    simply not articles and are passed over.
    """
    found: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(given), "no such file or folder")
        if path.is_dir():
            candidates = _walk(path)
        else:
            if not is_dump(path):
                format_of(path)
            candidates = [path]
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return sorted(found.values(), key=str)


def _walk(folder: Path) -> list[Path]:
    files = []

    def refuse(error: OSError) -> None:
        raise InputError(
            error.filename or str(folder),
            "cannot read folder: permission denied"
            if isinstance(error, PermissionError)
            else f"cannot read folder: {error}",
        )

    for root, dirs, names in os.walk(folder, onerror=refuse):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and (Path(name).suffix.lower() in FORMATS or is_dump(Path(name))):
                files.append(Path(root) / name)
    return files
