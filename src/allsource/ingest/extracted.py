"""What a format reader hands to cleaning: text, page furniture it dropped, page metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PagePiece:
    """Page furniture a reader dropped before cleaning (a nav bar, a running page header).

    `after` is the kept text it followed, so it can be placed in the clean text; empty when
    it stood before all kept text.
    """

    kind: str
    text: str
    after: str


@dataclass
class Extracted:
    text: str
    dropped: list[PagePiece] = field(default_factory=list)
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str = ""
    # Web pages state their metadata on purpose; PDF properties are often a template's.
    metadata_first: bool = False
