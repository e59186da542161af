"""Main text and metadata of a saved web page, and the page furniture left out of it.

trafilatura finds the article; it does not say what it threw away. To keep every dropped
piece unfoldable, the page's visible text blocks are compared with what trafilatura kept:
blocks absent from its output are recorded, named after the region they sat in (<nav>,
<footer>, a "share" bar) or, failing that, after what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from allsource.errors import InputError
from allsource.ingest.extracted import Extracted, PagePiece
from allsource.ingest.lines import line_kind
from allsource.ingest.markup import plain_text
from allsource.ingest.metadata import parse_byline, person_name

_INVISIBLE = frozenset(
    "script style noscript template svg head iframe select object canvas".split()
)
_BLOCKS = frozenset(
    "p div section article main header footer nav aside li ul ol dl dt dd h1 h2 h3 h4 h5 h6 "
    "blockquote pre table thead tbody tr td th figure figcaption form address fieldset "
    "details summary body".split()
)
_REGION_TAGS = {"nav": "navigation", "header": "header", "footer": "footer", "aside": "recommended"}
_REGION_ROLES = {
    "navigation": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "recommended",
}
_REGION_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("share", re.compile(r"share|social")),
    ("signup", re.compile(r"newsletter|subscri|sign-?up")),
    ("recommended", re.compile(r"related|recommend|more-stories|read-next")),
    ("navigation", re.compile(r"breadcrumb|menu|navbar|\bnav\b|masthead")),
    ("footer", re.compile(r"footer|copyright|colophon")),
    ("byline", re.compile(r"byline|author")),
    ("more_about", re.compile(r"\btags?\b|topics?")),
)


@dataclass(frozen=True)
class _Block:
    text: str
    region: str | None


def extract_page(html: str, source: str) -> Extracted:
    root = _parse(html, source)
    body = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html, extensive=False)
    return Extracted(
        text=body,
        dropped=_dropped_blocks(_visible_blocks(root), body),
        title=(meta.title or "").strip() if meta else "",
        authors=_authors(meta.author if meta else None),
        published=(meta.date or None) if meta else None,
        publisher=(meta.sitename or "").strip() if meta else "",
        metadata_first=True,
    )


def _parse(html: str, source: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(source, f"malformed HTML: {error}") from None


def _authors(author: str | None) -> list[str]:
    names = []
    for piece in re.split(r"\s*[;|]\s*|\s+and\s+", author or ""):
        name = person_name(piece)
        if name and name not in names:
            names.append(name)
    return names


def _visible_blocks(root: lxml.html.HtmlElement) -> list[_Block]:
    """The page's text as a reader sees it, one entry per block element."""
    blocks: list[_Block] = []
    pending: list[str] = []
    regions: list[str | None] = [None]

    def flush(region: str | None) -> None:
        text = " ".join("".join(pending).split())
        pending.clear()
        if text:
            blocks.append(_Block(text, region))

    walker = lxml.etree.iterwalk(root, events=("start", "end", "comment"))
    for event, element in walker:
        if event == "comment":
            pending.append(element.tail or "")
        elif event == "start" and element.tag in _INVISIBLE:
            walker.skip_subtree()
            regions.append(regions[-1])
        elif event == "start":
            if element.tag in _BLOCKS:
                flush(regions[-1])
            regions.append(_region(element) or regions[-1])
            pending.append(element.text or "")
        else:
            region = regions.pop()
            if element.tag in _BLOCKS:
                flush(region)
            pending.append(element.tail or "")
    flush(None)
    return blocks


def _region(element: lxml.html.HtmlElement) -> str | None:
    if element.tag in _REGION_TAGS:
        return _REGION_TAGS[element.tag]
    role = (element.get("role") or "").lower()
    if role in _REGION_ROLES:
        return _REGION_ROLES[role]
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    for kind, pattern in _REGION_NAMES:
        if pattern.search(names):
            return kind
    return None


def _dropped_blocks(blocks: list[_Block], kept_markdown: str) -> list[PagePiece]:
    kept_text = " ".join(" ".join(plain_text(line) for line in kept_markdown.splitlines()).split())
    kept = [_is_kept(block.text, kept_text) for block in blocks]
    first = kept.index(True) if any(kept) else len(blocks)
    last = len(kept) - 1 - kept[::-1].index(True) if any(kept) else len(blocks)
    pieces: list[PagePiece] = []
    last_kept = ""
    for index, block in enumerate(blocks):
        if kept[index]:
            last_kept = block.text
            continue
        position = "header" if index < first else "footer" if index > last else "navigation"
        pieces.append(PagePiece(_kind(block, position), block.text, last_kept))
    return pieces


def _is_kept(block: str, kept_text: str) -> bool:
    words = block.split()
    # A long block trafilatura trimmed a little (a link, an inline ad) still counts as kept.
    probe = " ".join(words[:8]) if len(words) >= 20 else block
    return re.search(rf"(?<!\w){re.escape(probe)}(?!\w)", kept_text) is not None


def _kind(block: _Block, position: str) -> str:
    """Name a dropped block by what it says, else the region it sat in, else where it stood."""
    return (
        line_kind(block.text, block.text)
        or block.region
        or ("byline" if parse_byline(block.text) else position)
    )
