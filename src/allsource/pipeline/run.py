"""Adding files to a knowledge base: ingest -> extract (through an engine) -> resolve -> store.

Each document is written in its own transaction, so an interrupted run leaves whole documents
behind and the next run picks up the files that are not recorded as done.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from allsource.analyze.conflicts import find_conflicts
from allsource.errors import InputError
from allsource.ingest.discover import discover
from allsource.model.records import Extraction
from allsource.pipeline.engines.local import LocalEngine
from allsource.resolve.linker import link
from allsource.store.base import Store

DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    words: int = 0


def process_file(task: tuple[str, int]) -> list[Extraction]:
    """Worker side: read one file and extract every document in it. Pure, picklable in and out."""
    from allsource.extract.document import extract_document
    from allsource.ingest.load import load_documents

    path, max_bytes = task
    return [extract_document(document) for document in load_documents(Path(path), max_bytes=max_bytes)]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def add_paths(store: Store, paths: Iterable[str | Path], *, engine=None, max_bytes: int = DEFAULT_MAX_BYTES,
              progress: Callable[[str], None] | None = None, on_total: Callable[[int], None] | None = None) -> AddReport:
    report = AddReport()
    pending: dict[str, str] = {}
    unchanged: dict[str, str] = {}
    for path in discover(paths):
        source = str(path)
        try:
            digest = file_hash(path)
        except OSError as exc:
            _fail(store, report, source, "", f"cannot read ({exc.strerror or exc})")
            continue
        state = store.source_state(source)
        # a file skipped as a copy of another has no documents of its own: done only while the content is stored
        if state == (digest, "done") and store.has_content(digest):
            unchanged[source] = digest
        else:
            pending[source] = digest
    if on_total:
        on_total(len(pending))
    engine = engine or LocalEngine()
    _extract_and_store(store, report, engine, pending, max_bytes, progress)
    # copies whose stored twin was just replaced by an edit are read now, so their text is not lost
    orphans = {s: d for s, d in unchanged.items() if not store.has_content(d)}
    _extract_and_store(store, report, engine, orphans, max_bytes, progress)
    report.unchanged = [s for s in unchanged if s not in orphans]
    # also when nothing was pending: a run killed after its last document but before this
    # point would otherwise leave the conflicts stale for good
    refresh_conflicts(store)
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
        rules = store.rules()
        for extraction in extractions:
            if store.has_content(extraction.document.content_hash) and extraction.document.part == 0:
                break  # the same bytes were already read from another path
            store.write_extraction(extraction)
            for local in extraction.entities:
                store.assign(local, link(local, store, rules))
            report.documents += 1
            report.words += len(extraction.document.text.split())
        store.record_source(source, digest, "done")
    report.added.append(source)


def _fail(store: Store, report: AddReport, source: str, digest: str, error: str) -> None:
    reason = error.split(": ", 1)[1] if error.startswith("InputError: ") else error
    if reason.startswith(source + ": "):
        reason = reason[len(source) + 2:]
    with store.transaction():
        store.record_source(source, digest, "failed", reason)
        store.record_failure(source, "ingest" if error.startswith("InputError") else "extract", reason)
    report.failed.append((source, reason))


def refresh_conflicts(store: Store) -> None:
    statements = list(store.iter_records("statement"))
    events = list(store.iter_records("event"))
    with store.transaction():
        store.replace_conflicts(find_conflicts(statements, events))


def check_inputs(paths: Iterable[str]) -> None:
    """Raises InputError for the first path that does not exist (before any work starts)."""
    for path in paths:
        if not Path(path).exists():
            raise InputError(str(path), "no such file or folder")
