"""Where exports write: one file (or standard output) or one folder, all or nothing.

A file is written beside its target under a temporary name and renamed into place at the end,
so a failed export never leaves half a file behind. A folder is filled the same way: its files
are written in a temporary sibling folder and moved in when every one is complete."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from allsource.errors import ConfigError

# Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _cannot_write(path, exc: OSError) -> ConfigError:
    return ConfigError(f"{path}: cannot write the export ({exc.strerror or exc})")


@contextmanager
def output_file(path: str | os.PathLike, *, allow_stdout: bool = True) -> Iterator[TextIO]:
    """A text handle for `path` ('-' for standard output) that appears only when complete."""
    if str(path) == "-":
        if not allow_stdout:
            raise ConfigError("-: this format writes a file; give a file name with -o")
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"{path}: is a folder; this format writes one file")
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".partial", delete=False)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with handle:
            yield handle
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@contextmanager
def output_folder(path: str | os.PathLike) -> Iterator[Path]:
    """A scratch folder whose files are moved into `path` (created if needed) when all are written."""
    if str(path) == "-":
        raise ConfigError("-: this format writes a folder of files; give a folder name with -o")
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{path}: is a file; this format writes a folder")
    try:
        scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial"))
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        yield scratch
        target.mkdir(exist_ok=True)
        for written in sorted(scratch.iterdir()):
            os.replace(written, target / written.name)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
