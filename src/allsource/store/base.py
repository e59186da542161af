"""The store interface. Analysis, views and exports talk to a `Store`; only store modules
write SQL, so a PostgreSQL store can stand beside the SQLite one."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager

from allsource.model.records import Conflict, Extraction, LocalEntity
from allsource.resolve.linker import CandidateEntity, Judgement, Rules


class Store(ABC):
    """Writes (one transaction per document) and the resolution hooks the pipeline needs."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def source_state(self, path: str) -> tuple[str, str] | None: ...

    @abstractmethod
    def record_source(self, path: str, content_hash: str, status: str, error: str | None = None) -> None: ...

    @abstractmethod
    def record_failure(self, source: str, stage: str, reason: str) -> None: ...

    @abstractmethod
    def has_content(self, content_hash: str) -> bool: ...

    @abstractmethod
    def remove_source_documents(self, path: str) -> list[str]: ...

    @abstractmethod
    def write_extraction(self, extraction: Extraction) -> None: ...

    @abstractmethod
    def candidates_for_keys(self, keys: list[str]) -> list[CandidateEntity]: ...

    @abstractmethod
    def entity_named(self, name: str) -> CandidateEntity | None: ...

    @abstractmethod
    def rules(self) -> Rules: ...

    @abstractmethod
    def add_rule(self, kind: str, a: str, b: str) -> None: ...

    @abstractmethod
    def assign(self, local: LocalEntity, judgement: Judgement, decided_by: str = "resolver") -> None: ...

    @abstractmethod
    def unmerge(self, local_id: str) -> str: ...

    @abstractmethod
    def replace_conflicts(self, conflicts: list[Conflict]) -> None: ...

    # -- incremental conflicts (issue 6): each store implements these four ----------------------
    # document_records(kind, doc_ids)  "statement" or "event" records of these documents, in the
    #     iter_records format and order.
    # statements_matching(predicate, **fixed)  statements with this predicate whose fields named in
    #     `fixed` equal the values given: subject/object/item are corpus entity ids (None: no such
    #     entity), role is compared case-insensitively with NULL read as "", negated is a bool.
    # meetings_with(participant, event_types, start, end)  events of these types with this corpus
    #     entity among their participants and a time overlapping the ISO dates [start, end].
    # add_conflicts(conflicts)  inserts or replaces these conflicts and leaves every other one.

    @abstractmethod
    def document_records(self, kind: str, doc_ids: list[str]) -> list[dict]: ...

    @abstractmethod
    def statements_matching(self, predicate: str, **fixed: str | bool | None) -> list[dict]: ...

    @abstractmethod
    def meetings_with(self, participant: str, event_types: list[str], start: str, end: str) -> list[dict]: ...

    @abstractmethod
    def add_conflicts(self, conflicts: list[Conflict]) -> None: ...

    @abstractmethod
    def iter_records(self, kind: str) -> Iterator[dict]: ...
