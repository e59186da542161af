"""Read one file into Documents: one per article it holds, each with clean text and metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

from allsource.errors import InputError
from allsource.ingest.clean import Cleaned, clean_article
from allsource.ingest.discover import format_of
from allsource.ingest.extracted import Extracted, PagePiece
from allsource.ingest.metadata import Metadata, read_metadata
from allsource.ingest.readers import extract, read_bytes
from allsource.ingest.split import split_articles
from allsource.model.ids import make_id
from allsource.model.records import Document, Removal

# Enough of a kept block's end to find it again in the clean text.
_ANCHOR_CHARS = 60


def load_documents(path: Path, *, max_bytes: int = 20_000_000) -> list[Document]:
    path = Path(path)
    source = str(path)
    fmt = format_of(path)
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    page = extract(fmt, data, source)
    articles = [c for c in map(clean_article, split_articles(page.text)) if c.text]
    if not articles:
        raise InputError(source, "no text left after cleaning")
    furniture = _place_page_pieces(page.dropped, articles)
    documents = []
    for part, article in enumerate(articles):
        own = read_metadata(article.text, article.removed, article.title)
        meta = _merge(own, page, first_part=part == 0, single=len(articles) == 1)
        removed = sorted(article.removed + furniture[part], key=lambda r: r.at)
        documents.append(
            Document(
                id=make_id("doc", digest, part),
                source=source,
                text=article.text,
                title=meta.title or path.stem,
                authors=meta.authors,
                publisher=meta.publisher,
                published=meta.published,
                removed=removed,
                part=part,
                content_hash=digest,
                format=fmt,
            )
        )
    return documents


def _merge(own: Metadata, page: Extracted, *, first_part: bool, single: bool) -> Metadata:
    """Combine what the article's text says with what the page or file says about itself.

    A page's metadata describes the page, so it leads only when the page is one article.
    """
    from_page = Metadata(
        page.title if first_part else "", page.authors, page.published, page.publisher
    )
    first, second = (from_page, own) if page.metadata_first and single else (own, from_page)
    return Metadata(
        title=first.title or second.title,
        authors=first.authors or second.authors,
        published=first.published or second.published,
        publisher=first.publisher or second.publisher,
    )


def _place_page_pieces(pieces: list[PagePiece], articles: list[Cleaned]) -> list[list[Removal]]:
    """Attach page furniture to the article whose text it followed, at the end of that text."""
    placed: list[list[Removal]] = [[] for _ in articles]
    for piece in pieces:
        part, at = _locate(piece.after, articles)
        placed[part].append(Removal(piece.kind, piece.text, at))
    return placed


def _locate(after: str, articles: list[Cleaned]) -> tuple[int, int]:
    if not after:
        return 0, 0
    anchor = after[-_ANCHOR_CHARS:]
    for part, article in enumerate(articles):
        found = article.text.find(anchor)
        if found >= 0:
            return part, found + len(anchor)
    return len(articles) - 1, len(articles[-1].text)
