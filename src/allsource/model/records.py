"""The records every layer passes around: plain, picklable dataclasses.

Every derived record carries at least one `Evidence`; construction without it fails.
Ids are deterministic (see `model.ids`), so re-running extraction is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A span of a document's clean text: `text == document.text[start:end]`."""

    doc: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad evidence span {self.start}..{self.end} in {self.doc}")


@dataclass(frozen=True)
class TimeSpan:
    """A normalised interval with its precision and the words it came from.

    `start` and `end` are ISO dates (YYYY-MM-DD); `precision` is one of
    day, month, season, year, decade, century, range.
    """

    start: str
    end: str
    precision: str
    text: str


@dataclass(frozen=True)
class Removal:
    """A piece of the source text that cleaning dropped, kept so a reader can unfold it.

    `at` is the offset in the clean text where the piece used to stand.
    """

    kind: str
    text: str
    at: int


@dataclass
class Document:
    id: str
    source: str
    text: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    publisher: str = ""
    published: str | None = None
    removed: list[Removal] = field(default_factory=list)
    part: int = 0
    content_hash: str = ""
    format: str = "txt"


@dataclass
class Mention:
    id: str
    doc: str
    start: int
    end: int
    text: str
    type: str
    entity: str
    source: str = "ner"


@dataclass
class LocalEntity:
    """One actor as seen inside one document, after within-document coreference.

    `id` is document-scoped; resolution links it to a corpus-wide entity.
    """

    id: str
    doc: str
    type: str
    name: str
    aliases: list[str]
    subtype: str = ""
    acronym: str = ""
    mention_count: int = 0


@dataclass
class Statement:
    id: str
    subject: str
    predicate: str
    object: str | None
    evidence: list[Evidence]
    item: str | None = None
    role: str | None = None
    time: TimeSpan | None = None
    negated: bool = False
    modality: str = "plain"
    confidence: float = 0.7
    extractor: str = ""

    def __post_init__(self) -> None:
        _require_evidence(self)


@dataclass
class Event:
    id: str
    event_type: str
    participants: list[str]
    evidence: list[Evidence]
    place: str | None = None
    time: TimeSpan | None = None
    trigger: str = ""
    negated: bool = False

    def __post_init__(self) -> None:
        _require_evidence(self)


@dataclass
class Claim:
    id: str
    speaker: str
    cue: str
    text: str
    direct: bool
    evidence: list[Evidence]
    about: list[str] = field(default_factory=list)
    statement: str | None = None
    via: str | None = None
    negated: bool = False

    def __post_init__(self) -> None:
        _require_evidence(self)


@dataclass
class Conflict:
    id: str
    a: str
    b: str
    reason: str
    kind: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extraction found in one document, in document-local entity ids."""

    document: Document
    entities: list[LocalEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def _require_evidence(record: Any) -> None:
    if not record.evidence:
        raise ValueError(f"{type(record).__name__} {record.id} has no evidence")
