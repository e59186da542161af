"""Read one file's bytes and turn them into text, refusing what is not a readable article."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from allsource.errors import InputError
from allsource.ingest.extracted import Extracted
from allsource.ingest.pdftext import extract_pdf
from allsource.ingest.webpage import extract_page

# Share of characters that may be non-ASCII in a cp1252 file before it stops looking like text.
_MAX_FOREIGN_SHARE = 0.2
# Share of control characters tolerated in decoded text (stray form feeds, escape codes).
_MAX_CONTROL_SHARE = 0.01
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, _too_big(size, max_bytes))
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(source, "no such file or folder") from None
    except PermissionError:
        raise InputError(source, "cannot read file: permission denied") from None
    except OSError as error:
        raise InputError(source, f"cannot read file: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(source, _too_big(len(data), max_bytes))
    if not data.strip():
        raise InputError(source, "file is empty")
    return data


def _too_big(size: int, limit: int) -> str:
    shown_size, shown_limit = _human_size(size), _human_size(limit)
    if shown_size == shown_limit:  # rounding hid the difference
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,}-byte"
    return f"file is {shown_size}, over the {shown_limit} limit (set --max-bytes)"


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def decode_text(data: bytes, source: str) -> str:
    """Text of a file that claims to be text: UTF-8 (BOM or not), UTF-16 with a BOM, or cp1252."""
    text = _decode(data, source)
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS
    )
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(source, "binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "file is empty")
    return text


def _decode(data: bytes, source: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "not valid UTF-16 text") from None
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(source, "not valid UTF-8 text") from None
    if not _reads_like_western_text(text):
        raise InputError(source, "not valid UTF-8 text")
    return text


def _reads_like_western_text(text: str) -> bool:
    """cp1252 decodes almost any bytes; accept it only for mostly-ASCII prose with accents."""
    foreign = [ch for ch in text if ord(ch) > 127]
    if len(foreign) > _MAX_FOREIGN_SHARE * len(text):
        return False
    return all(unicodedata.category(ch)[0] in "LPSZ" for ch in foreign)


def extract(fmt: str, data: bytes, source: str) -> Extracted:
    if fmt == "pdf":
        return extract_pdf(data, source)
    text = decode_text(data, source)
    if fmt == "html":
        return extract_page(text, source)
    return Extracted(text)
