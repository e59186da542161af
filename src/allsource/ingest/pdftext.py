"""Text of a PDF as paragraphs.

A PDF's line breaks are where the page ran out of width, not where paragraphs end. Lines are
re-flowed into paragraphs; a blank line, an indented line, or a short line that closes a
sentence ends one. Hyphens at line ends are joined back, and page furniture (page numbers,
running headers and footers repeated on most pages) is set aside.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pypdf

from allsource.errors import InputError
from allsource.ingest.extracted import Extracted, PagePiece
from allsource.ingest.lines import ends_sentence
from allsource.ingest.metadata import person_name

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
# Word processors fill the title property with the file name when the author did not.
_TOOL_TITLE = re.compile(
    r"\.(?:docx?|pdf|rtf|odt|indd|tex)$|^microsoft word\b|^untitled", re.IGNORECASE
)
# A line this much shorter than the page's usual line ends its paragraph when it ends a sentence.
_SHORT_LINE = 0.75
# A short line after a finished sentence, without closing punctuation, is a heading.
_HEADING_LINE = 0.6
# Columns of indentation that mark a paragraph's first line.
_INDENT = 2
# How many lines at each page edge may hold a running header or footer.
_EDGE_LINES = 2


@dataclass(frozen=True)
class _PdfLine:
    text: str
    indent: int
    blank_before: bool


def extract_pdf(data: bytes, source: str) -> Extracted:
    if not data.lstrip().startswith(b"%PDF-"):
        raise InputError(source, "malformed PDF: no %PDF header")
    pages, info = _read_pages(data, source)
    furniture = _running_lines(pages)
    paragraphs: list[str] = []
    dropped: list[PagePiece] = []
    for page in pages:
        kept: list[_PdfLine] = []
        top: list[tuple[str, str]] = []
        bottom: list[tuple[str, str]] = []
        for line in _page_lines(page):
            if line.text in furniture or _PAGE_NUMBER.match(line.text):
                kind = "header" if furniture.get(line.text) else "footer"
                (bottom if kept else top).append((kind, line.text))
            else:
                kept.append(line)
        before = paragraphs[-1] if paragraphs else ""
        paragraphs.extend(_reflow(kept))
        after = paragraphs[-1] if paragraphs else ""
        dropped.extend(PagePiece(kind, text, before) for kind, text in top)
        dropped.extend(PagePiece(kind, text, after) for kind, text in bottom)
    if not paragraphs:
        raise InputError(source, "no text layer in the PDF (scanned pages?)")
    return Extracted("\n\n".join(paragraphs), dropped, **info)


def _read_pages(data: bytes, source: str) -> tuple[list[str], dict[str, Any]]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source, "the PDF is encrypted")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        return pages, _document_info(reader)
    except InputError:
        raise
    # pypdf raises many exception types on damaged files; all of them mean the same to a user.
    except Exception as error:
        raise InputError(source, f"malformed PDF: {error}") from None


def _page_lines(page: str) -> list[_PdfLine]:
    lines: list[_PdfLine] = []
    blank = True
    for raw in page.split("\n"):
        if not raw.strip():
            blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        # Layout mode pads words to their printed position; the spacing is not the author's.
        lines.append(_PdfLine(" ".join(raw.split()), indent, blank))
        blank = False
    return lines


def _running_lines(pages: list[str]) -> dict[str, bool]:
    """Lines printed at the top or bottom of most pages; True when at the top."""
    if len(pages) < 2:
        return {}
    seen: Counter[tuple[str, bool]] = Counter()
    for page in pages:
        texts = [line.text for line in _page_lines(page)]
        top = set(texts[:_EDGE_LINES])
        bottom = set(texts[-_EDGE_LINES:]) - top
        seen.update((text, True) for text in top)
        seen.update((text, False) for text in bottom)
    needed = max(2, (len(pages) + 1) // 2)
    return {text: at_top for (text, at_top), count in seen.items() if count >= needed}


def _reflow(lines: list[_PdfLine]) -> list[str]:
    if not lines:
        return []
    margin = min(line.indent for line in lines)
    usual = statistics.median(len(line.text) for line in lines)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        indented = line.indent - margin >= _INDENT and (
            previous is None or previous.indent < line.indent
        )
        heading = _looks_like_heading(line.text, usual, previous)
        if current and (line.blank_before or indented or heading):
            paragraphs.append(current)
            current = []
        current.append(line.text)
        if heading or (ends_sentence(line.text) and len(line.text) < _SHORT_LINE * usual):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [_join_lines(paragraph) for paragraph in paragraphs]


def _looks_like_heading(text: str, usual: float, previous: _PdfLine | None) -> bool:
    after_sentence = previous is None or ends_sentence(previous.text)
    return (
        after_sentence
        and len(text) < _HEADING_LINE * usual
        and len(text.split()) <= 12
        and text[:1].isupper()
        and not ends_sentence(text)
    )


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if re.search(r"\w-$", text) and line[:1].islower():
            text = text[:-1] + line
        elif re.search(r"\w-$", text):
            text += line
        else:
            text = f"{text} {line}"
    return text


def _document_info(reader: pypdf.PdfReader) -> dict[str, Any]:
    """Title and author from the PDF's properties; its creation date is not a publication date."""
    info = reader.metadata
    if info is None:
        return {}
    title = (info.title or "").strip()
    author = person_name(info.author or "")
    return {
        "title": "" if _TOOL_TITLE.search(title) else title,
        "authors": [author] if author else [],
    }
