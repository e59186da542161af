"""Adding files to a knowledge base: ingest -> extract (through an engine) -> resolve -> store.

Each document is written in its own transaction, together with the conflicts it brings, so an
interrupted run leaves whole documents behind and the next run picks up the files that are not
recorded as done. News dumps (CSV or JSON Lines, one article per row) are streamed row by row:
their rows go to the engine as it takes them, and each row is a document of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from allsource.analyze.conflicts import conflicts_of_documents, find_conflicts
from allsource.errors import InputError
from allsource.ingest.discover import discover
from allsource.ingest.dumps import count_rows, is_dump, read_rows
from allsource.model.records import Extraction
from allsource.pipeline.engines.local import LocalEngine
from allsource.resolve.linker import link
from allsource.store.base import Store

DEFAULT_MAX_BYTES = 20_000_000
# Failures kept in the report of one run (every one is recorded in the knowledge base).
REPORTED_FAILURES = 100


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    words: int = 0
    more_failures: int = 0  # beyond the first REPORTED_FAILURES, which `failed` lists

    def add_failure(self, source: str, reason: str) -> None:
        if len(self.failed) < REPORTED_FAILURES:
            self.failed.append((source, reason))
        else:
            self.more_failures += 1


def process_file(task: tuple[str, int]) -> list[Extraction]:
    """Worker side: read one file and extract every document in it. Pure, picklable in and out."""
    from allsource.extract.document import extract_document
    from allsource.ingest.load import load_documents

    path, max_bytes = task
    return [extract_document(document) for document in load_documents(Path(path), max_bytes=max_bytes)]


def process_row(task: tuple[str, str, int, dict[str, str]]) -> list[Extraction]:
    """Worker side: one dump row (`dump:line`, dump, line, fields) to the extraction of its document."""
    from allsource.extract.document import extract_document
    from allsource.ingest.dumps import document_from_row

    _, dump, line, fields = task
    return [extract_document(document_from_row(dump, line, fields))]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def add_paths(store: Store, paths: Iterable[str | Path], *, engine=None, max_bytes: int = DEFAULT_MAX_BYTES,
              progress: Callable[[str], None] | None = None, on_total: Callable[[int], None] | None = None) -> AddReport:
    """Adds files and dumps. `on_total` hears how many steps the run has (a file, or a dump row)
    and `progress` is called after each one."""
    report = AddReport()
    pending: dict[str, str] = {}
    unchanged: dict[str, str] = {}
    dumps: dict[str, str] = {}
    for path in discover(paths):
        source = str(path)
        try:
            digest = file_hash(path)
        except OSError as exc:
            _fail(store, report, source, "", f"cannot read ({exc.strerror or exc})")
            continue
        state = store.source_state(source)
        if is_dump(path):
            # a dump is done once every row was read; rows are documents, checked one by one
            if state == (digest, "done"):
                unchanged[source] = digest
            else:
                dumps[source] = digest
        # a file skipped as a copy of another has no documents of its own: done only while the content is stored
        elif state == (digest, "done") and store.has_content(digest):
            unchanged[source] = digest
        else:
            pending[source] = digest
    if on_total:
        on_total(len(pending) + sum(_rows_or_zero(Path(dump)) for dump in dumps))
    engine = engine or LocalEngine()
    _extract_and_store(store, report, engine, pending, max_bytes, progress)
    # copies whose stored twin was just replaced by an edit are read now, so their text is not lost
    orphans = {s: d for s, d in unchanged.items() if not is_dump(Path(s)) and not store.has_content(d)}
    _extract_and_store(store, report, engine, orphans, max_bytes, progress)
    for dump, digest in dumps.items():
        _add_dump(store, report, engine, dump, digest, max_bytes, progress)
    report.unchanged = [s for s in unchanged if s not in orphans]
    return report


def _extract_and_store(store: Store, report: AddReport, engine, pending: dict[str, str], max_bytes: int,
                       progress: Callable[[str], None] | None) -> None:
    if not pending:
        return
    # largest files first, so one long file does not run alone at the end while the other workers idle
    ordered = sorted(pending, key=_size_or_zero, reverse=True)
    for (source, _), extractions, error in engine.map(process_file, [(s, max_bytes) for s in ordered]):
        if error is not None:
            _fail(store, report, source, pending[source], error)
        else:
            _store_file(store, report, source, pending[source], extractions)
        if progress:
            progress(source)


def _size_or_zero(source: str) -> int:
    try:
        return Path(source).stat().st_size
    except OSError:
        return 0


def _store_file(store: Store, report: AddReport, source: str, digest: str, extractions: list[Extraction]) -> None:
    with store.transaction():
        store.remove_source_documents(source)
        for extraction in extractions:
            if store.has_content(extraction.document.content_hash) and extraction.document.part == 0:
                break  # the same bytes were already read from another path
            store_extraction(store, report, extraction)
        store.record_source(source, digest, "done")
    report.added.append(source)


def store_extraction(store: Store, report: AddReport, extraction: Extraction) -> None:
    """Writes one document, resolves its entities and adds the conflicts it brings (inside the
    caller's transaction)."""
    store.write_extraction(extraction)
    rules = store.rules()
    for local in extraction.entities:
        store.assign(local, link(local, store, rules))
    store.add_conflicts(conflicts_of_documents(store, [extraction.document.id]))
    report.documents += 1
    report.words += len(extraction.document.text.split())


def _add_dump(store: Store, report: AddReport, engine, dump: str, digest: str, max_bytes: int,
              progress: Callable[[str], None] | None) -> None:
    def tasks():
        for row in read_rows(Path(dump), max_bytes=max_bytes):
            label = f"{dump}:{row.line}"
            if row.error or store.has_content(row.content_hash):
                if row.error:
                    _fail_row(store, report, label, "", row.error)
                if progress:
                    progress(label)
                continue
            yield label, dump, row.line, row.fields

    try:
        for (label, *_), extractions, error in engine.map(process_row, tasks()):
            if error is not None:
                _fail_row(store, report, label, "", _reason(label, error))
            else:
                with store.transaction():
                    # a copy of an article met earlier in this run, extracted while the first was in flight
                    if not store.has_content(extractions[0].document.content_hash):
                        store_extraction(store, report, extractions[0])
            if progress:
                progress(label)
    except InputError as exc:  # the file as a whole broke off (corrupt gzip, bad CSV quoting)
        _fail(store, report, dump, digest, f"InputError: {exc}")
        return
    with store.transaction():
        store.record_source(dump, digest, "done")
    report.added.append(dump)


def _rows_or_zero(dump: Path) -> int:
    try:
        return count_rows(dump)
    except InputError:
        return 0  # reported when the rows are read


def _reason(source: str, error: str) -> str:
    reason = error.split(": ", 1)[1] if error.startswith("InputError: ") else error
    return reason[len(source) + 2:] if reason.startswith(source + ": ") else reason


def _fail(store: Store, report: AddReport, source: str, digest: str, error: str) -> None:
    reason = _reason(source, error)
    with store.transaction():
        store.record_source(source, digest, "failed", reason)
        store.record_failure(source, "ingest" if error.startswith("InputError") else "extract", reason)
    report.add_failure(source, reason)


def _fail_row(store: Store, report: AddReport, label: str, digest: str, reason: str) -> None:
    with store.transaction():
        store.record_source(label, digest, "failed", reason)
        store.record_failure(label, "ingest", reason)
    report.add_failure(label, reason)


def refresh_conflicts(store: Store) -> None:
    """Recomputes every conflict: after an unmerge or a rule, which change who is who."""
    statements = list(store.iter_records("statement"))
    events = list(store.iter_records("event"))
    with store.transaction():
        store.replace_conflicts(find_conflicts(statements, events))


def check_inputs(paths: Iterable[str]) -> None:
    """Raises InputError for the first path that does not exist (before any work starts)."""
    for path in paths:
        if not Path(path).exists():
            raise InputError(str(path), "no such file or folder")
