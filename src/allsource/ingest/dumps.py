"""News dumps: CSV or JSON Lines files (optionally gzip-compressed) holding one article per row.

A dump is read as a stream, one row at a time, so its size never matters to memory. Reading
(`read_rows`) happens where the rows are dispatched from; turning a row into a `Document`
(`document_from_row`) happens where it is extracted. A row that cannot be an article is a
`Row` with an error and its line number, never the end of the file.

Accepted column names (case-insensitive; the first one present wins), chosen to cover the
common scraper exports, e.g. the AllSides corpus (text, title, date, authors, url, source):
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from allsource.errors import InputError
from allsource.model.ids import make_id
from allsource.model.records import Document

COLUMNS = {
    "text": ("text", "content", "body", "content_original", "article", "full_text", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "published_at", "date_publish", "pubdate"),
    "author": ("author", "authors", "byline", "creator"),
    "url": ("url", "link", "source_url"),
    "publisher": ("publisher", "source", "outlet", "site_name"),
}
__doc__ += "\n".join(f"- {field}: {', '.join(names)}" for field, names in COLUMNS.items()) + "\n"

DUMP_SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass(frozen=True)
class Row:
    """One article of a dump as read: its fields by canonical name, or why it is not usable."""

    line: int
    fields: dict[str, str] | None = None
    error: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.fields["text"].encode("utf-8")).hexdigest()


def is_dump(path: Path) -> bool:
    return path.name.lower().endswith(DUMP_SUFFIXES)


def read_rows(path: Path, *, max_bytes: int = 20_000_000) -> Iterator[Row]:
    """The rows of a dump in file order; InputError only when the file as a whole is unreadable."""
    name = path.name.lower().removesuffix(".gz")
    try:
        if name.endswith(".csv"):
            yield from _csv_rows(path, max_bytes)
        else:
            yield from _jsonl_rows(path, max_bytes)
    except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream, an unreadable file
        raise InputError(str(path), f"cannot read dump: {getattr(exc, 'strerror', None) or exc}") from None


def count_rows(path: Path) -> int:
    """How many rows `read_rows` will yield (for a progress bar); one cheap pass over the file."""
    return sum(1 for _ in read_rows(path, max_bytes=sys.maxsize))


def _open_binary(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _jsonl_rows(path: Path, max_bytes: int) -> Iterator[Row]:
    with _open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield Row(number, error=f"row is {len(raw):,} bytes, over the {max_bytes:,}-byte limit (set --max-bytes)")
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield Row(number, error="not valid UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield Row(number, error=f"not a JSON object ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield Row(number, error=f"not a JSON object (a {type(record).__name__})")
                continue
            yield _row(number, {str(k).strip().lower(): v for k, v in record.items()})


def _csv_rows(path: Path, max_bytes: int) -> Iterator[Row]:
    csv.field_size_limit(max(max_bytes, 131_072))
    with _open_binary(path) as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip().lower() for h in next(reader, [])]
            if not any(name in header for name in COLUMNS["text"]):
                raise InputError(str(path), f"no article text column (name one of: {', '.join(COLUMNS['text'])})")
            start = reader.line_num + 1
            for values in reader:
                number, start = start, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    yield Row(number, error=f"{len(values)} fields where the header has {len(header)}")
                    continue
                yield _row(number, dict(zip(header, values)))
        except csv.Error as exc:
            raise InputError(f"{path}:{reader.line_num}", f"not valid CSV ({exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}:{reader.line_num + 1}", "not valid UTF-8 (rows before it are kept)") from None


def _row(number: int, record: dict) -> Row:
    fields = {}
    for field, names in COLUMNS.items():
        value = next((record[n] for n in names if record.get(n) not in (None, "", [])), "")
        fields[field] = _as_text(value)
    if not fields["text"].strip():
        return Row(number, error="no article text (empty or missing text column)")
    return Row(number, fields)


def _as_text(value) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value if v)
    return value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict) else str(value)


def document_from_row(dump: str, line: int, fields: dict[str, str]) -> Document:
    """The Document of one dump row: clean text, the row's metadata before what the text says.

    Its id comes from the text alone, so the same article met again (in this or another dump)
    is recognised; its source is the row's URL, or `dump:line` when it has none."""
    from allsource.ingest.clean import clean_article
    from allsource.ingest.metadata import normalise_date, read_metadata

    label = f"{dump}:{line}"
    text = fields["text"].replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean_article(text)
    if not cleaned.text:
        raise InputError(label, "no text left after cleaning")
    own = read_metadata(cleaned.text, cleaned.removed, cleaned.title)
    digest = hashlib.sha256(fields["text"].encode("utf-8")).hexdigest()
    authors = [a.strip() for a in fields["author"].replace(";", ",").split(",") if a.strip()]
    return Document(
        id=make_id("doc", digest, 0),
        source=fields["url"] or label,
        text=cleaned.text,
        title=" ".join(fields["title"].split()) or own.title or f"{Path(dump).name} line {line}",
        authors=authors or own.authors,
        publisher=fields["publisher"] or own.publisher,
        published=(normalise_date(fields["date"]) if fields["date"].strip() else None) or own.published,
        removed=cleaned.removed,
        part=0,
        content_hash=digest,
        format="dump",
    )
