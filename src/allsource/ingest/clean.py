"""Turn one article's text dump into clean prose, keeping every dropped piece as a Removal.

The input is Markdown-ish text (a saved web page, trafilatura's output, re-flowed PDF text).
Each source line is judged first on its own (`lines.line_kind`), then by where it stands:
inside a "Recommended"/"Endnotes"/"About the author" section, before the title, between the
title and the first paragraph (bylines, dates, labels), or after the last sentence (footer).
Kept lines become paragraphs separated by one blank line; words inside a line are never
rewritten, so offsets into the clean text land on the source's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from allsource.ingest.lines import (
    ends_sentence,
    is_citation,
    is_sentence,
    line_kind,
    section_kind,
    word_count,
)
from allsource.ingest.markup import Dropped, heading_level, strip_inline, without_block_marks
from allsource.ingest.metadata import parse_byline, parse_date_line
from allsource.model.records import Removal

_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_BIO = re.compile(
    r"\b(?:is|was|serves as|has served as)\s+(?:currently\s+|also\s+|now\s+)?"
    r"(?:a|an|the)\b"
)
# Section names that open an article's body; they never serve as its title.
_GENERIC_HEADINGS = re.compile(
    r"^(?:summary|executive summary|abstract|introduction|overview|background|key points|"
    r"key takeaways|highlights|in brief|contents|table of contents)$",
    re.IGNORECASE,
)
_ITALIC_LINE = re.compile(r"^\s*(?:\*[^*].*\*|_[^_].*_)\W*$")
# Kinds that mark the end of the article body when nothing but short lines follows them.
_TAIL_STARTERS = frozenset(
    [
        "navigation",
        "share",
        "signup",
        "recommended",
        "more_about",
        "read_more",
        "footer",
        "endnotes",
    ]
)
# Prose this long after a "Recommended"-style heading means the article resumed.
_RESUMED_PROSE_WORDS = 60


@dataclass(frozen=True)
class Line:
    raw: str
    plain: str
    dropped: tuple[Dropped, ...]
    heading: int
    list_item: bool
    gap_before: bool


@dataclass
class Cleaned:
    text: str
    removed: list[Removal]
    title: str


@dataclass
class _Paragraph:
    text: str
    dropped: list[Dropped]
    heading: bool
    list_item: bool

    def extend(self, other: _Paragraph) -> None:
        shift = len(self.text) + 1
        self.text = f"{self.text} {other.text}"
        self.dropped.extend(Dropped(d.kind, d.text, d.at + shift) for d in other.dropped)


@dataclass
class _Cut:
    kind: str
    lines: list[str] = field(default_factory=list)


def clean_article(text: str) -> Cleaned:
    lines = parse_lines(text)
    kinds: list[str | None] = [line_kind(line.raw, line.plain) for line in lines]
    _mark_sections(lines, kinds)
    title_at = _find_title(lines, kinds)
    if title_at is not None:
        lines[title_at] = replace(lines[title_at], heading=lines[title_at].heading or 1)
    _mark_header(lines, kinds, title_at)
    _mark_trailing_citations(lines, kinds)
    _mark_tail(lines, kinds)
    _mark_closing_bio(lines, kinds, _byline_surnames(lines, kinds))
    text_out, removed = _assemble(lines, kinds)
    title = lines[title_at].plain if title_at is not None else ""
    return Cleaned(text_out, removed, title)


def parse_lines(text: str) -> list[Line]:
    """Source lines with their visible text; blank lines and rules become paragraph gaps."""
    lines: list[Line] = []
    gap = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw = raw.rstrip()
        if lines and not gap and _SETEXT.match(raw):
            lines[-1] = replace(lines[-1], heading=1 if "=" in raw else 2)
            gap = True
            continue
        if not raw.strip() or _RULE.match(raw):
            gap = True
            continue
        line = _parse_line(raw, gap)
        if line is None:
            continue
        lines.append(line)
        gap = False
    return lines


def _parse_line(raw: str, gap_before: bool) -> Line | None:
    body, list_item = without_block_marks(raw)
    visible = strip_inline(body)
    lead = len(visible.text) - len(visible.text.lstrip())
    plain = visible.text.strip()
    if not plain and not visible.dropped:
        return None
    dropped = tuple(
        Dropped(d.kind, d.text, min(max(d.at - lead, 0), len(plain))) for d in visible.dropped
    )
    return Line(raw.strip(), plain, dropped, heading_level(raw), list_item, gap_before)


def _is_body(line: Line) -> bool:
    """A paragraph of running prose, which ends the header zone."""
    return not line.heading and (
        is_sentence(line.plain, min_words=8) or word_count(line.plain) >= 20
    )


def _mark_sections(lines: list[Line], kinds: list[str | None]) -> None:
    index = 0
    while index < len(lines):
        line = lines[index]
        kind = section_kind(line.plain) if (line.heading or line.gap_before) else None
        if kind is None:
            index += 1
            continue
        kinds[index] = kinds[index] or kind
        if kind == "author_bio":
            end = _bio_block_end(lines, index + 1)
        elif kind == "endnotes":
            end = _heading_bound(lines, index + 1, line.heading)
        else:
            end = _listing_end(lines, kinds, index + 1, line.heading)
        for inside in range(index + 1, end):
            kinds[inside] = kinds[inside] or kind
        index = max(end, index + 1)


def _bio_block_end(lines: list[Line], start: int) -> int:
    """End of an 'About the authors' block: name lines, each followed by a bio sentence."""
    end = start
    pending_names = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.heading:
            break
        if _BIO.search(line.plain) and word_count(line.plain) <= 90:
            end = index + 1
            pending_names = 0
        elif _is_name_line(line.plain) and pending_names < 3:
            pending_names += 1
        else:
            break
    return end


def _is_name_line(plain: str) -> bool:
    words = plain.split()
    return 1 <= len(words) <= 5 and not ends_sentence(plain) and all(w[:1].isupper() for w in words)


def _heading_bound(lines: list[Line], start: int, level: int) -> int:
    """First heading of the same or a higher level that does not open another section."""
    if not level:
        return len(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        if line.heading and line.heading <= level and section_kind(line.plain) is None:
            return index
    return len(lines)


def _listing_end(lines: list[Line], kinds: list[str | None], start: int, level: int) -> int:
    """A list of links ends at a new heading, another section, or where prose resumes."""
    bound = _heading_bound(lines, start, level)
    for index in range(start, bound):
        line = lines[index]
        if (line.heading or line.gap_before) and section_kind(line.plain):
            return index
        if _prose_run_words(lines, kinds, index) >= _RESUMED_PROSE_WORDS:
            return index
    return bound


def _prose_run_words(lines: list[Line], kinds: list[str | None], start: int) -> int:
    words = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if kinds[index] or line.heading or not is_sentence(line.plain):
            break
        words += word_count(line.plain)
    return words


def _find_title(lines: list[Line], kinds: list[str | None]) -> int | None:
    """The first heading before the first sentence, else the first short free-standing line.

    Stopping at the first sentence keeps prose from ever standing before the title, where
    it would be taken for page chrome.
    """
    candidates = []
    for index, line in enumerate(lines):
        if kinds[index]:
            continue
        if _is_body(line) or (
            not line.heading and is_sentence(line.plain) and line.plain[-1] != "?"
        ):
            break
        candidates.append(index)
    for index in candidates:
        if lines[index].heading and not _GENERIC_HEADINGS.match(lines[index].plain):
            return index
    for index in candidates:
        if _could_be_title(lines[index].plain):
            return index
    return None


def _could_be_title(plain: str) -> bool:
    return (
        word_count(plain) <= 25
        and not re.search(r"[.,;:]$", plain)
        and parse_byline(plain) is None
        and parse_date_line(plain) is None
    )


def _mark_header(lines: list[Line], kinds: list[str | None], title_at: int | None) -> None:
    """Drop what stands before the title, and the bylines, dates and labels between the title
    and the first paragraph (bylines and dates only, when there is no title)."""
    for index in range(title_at or 0):
        kinds[index] = kinds[index] or "header"
    start = 0 if title_at is None else title_at + 1
    for index in range(start, len(lines)):
        line = lines[index]
        if kinds[index]:
            continue
        if parse_byline(line.plain):
            kinds[index] = "byline"
        elif parse_date_line(line.plain):
            kinds[index] = "header"
        elif _is_body(line):
            return
        elif title_at is not None and _is_label(line):
            kinds[index] = "header"


def _is_label(line: Line) -> bool:
    """A section label such as 'Brief Analysis' printed between a title and its text."""
    return not line.heading and word_count(line.plain) <= 4 and not ends_sentence(line.plain)


def _mark_trailing_citations(lines: list[Line], kinds: list[str | None]) -> None:
    """Numbered source notes after the last paragraph are endnotes, heading or not."""
    trailing: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if kinds[index]:
            continue
        if not is_citation(lines[index].raw):
            break
        trailing.append(index)
    if len(trailing) >= 2:
        for index in trailing:
            kinds[index] = "endnotes"


def _mark_tail(lines: list[Line], kinds: list[str | None]) -> None:
    """After the last sentence, the first boilerplate line starts the page footer."""
    last_prose = -1
    for index, line in enumerate(lines):
        if not kinds[index] and not line.heading and is_sentence(line.plain):
            last_prose = index
    if last_prose < 0:
        return
    for start in range(last_prose + 1, len(lines)):
        if kinds[start] in _TAIL_STARTERS:
            break
    else:
        return
    for index in range(start, len(lines)):
        if not kinds[index]:
            kinds[index] = "endnotes" if is_citation(lines[index].raw) else "footer"


def _byline_surnames(lines: list[Line], kinds: list[str | None]) -> set[str]:
    names = [
        name
        for line, kind in zip(lines, kinds, strict=True)
        if kind == "byline"
        for name in parse_byline(line.plain) or []
    ]
    return {name.split()[-1] for name in names}


def _mark_closing_bio(lines: list[Line], kinds: list[str | None], surnames: set[str]) -> None:
    """An author's bio printed as the last paragraph or two of the article."""
    kept = [i for i, line in enumerate(lines) if not kinds[i] and not line.heading]
    for index in kept[-2:]:
        line = lines[index]
        if word_count(line.plain) > 90 or not _BIO.search(line.plain):
            continue
        opening = set(re.findall(r"[\w'’-]+", " ".join(line.plain.split()[:15])))
        if opening & surnames or _ITALIC_LINE.match(line.raw):
            kinds[index] = "author_bio"


def _assemble(lines: list[Line], kinds: list[str | None]) -> tuple[str, list[Removal]]:
    items = _join_page_breaks(_group(lines, kinds))
    texts: list[str] = []
    removed: list[Removal] = []
    end = 0
    for item in items:
        if isinstance(item, _Cut):
            removed.append(Removal(item.kind, "\n".join(item.lines), end))
            continue
        start = end + 2 if texts else 0
        texts.append(item.text)
        removed.extend(Removal(d.kind, d.text, start + d.at) for d in item.dropped)
        end = start + len(item.text)
    return "\n\n".join(texts), removed


def _group(lines: list[Line], kinds: list[str | None]) -> list[_Paragraph | _Cut]:
    """Kept lines into paragraphs, dropped lines into runs of one kind."""
    items: list[_Paragraph | _Cut] = []
    for line, kind in zip(lines, kinds, strict=True):
        last = items[-1] if items else None
        if kind:
            if isinstance(last, _Cut) and last.kind == kind:
                last.lines.append(line.raw)
            else:
                items.append(_Cut(kind, [line.raw]))
            continue
        paragraph = _Paragraph(line.plain, list(line.dropped), bool(line.heading), line.list_item)
        if not paragraph.text:
            items.extend(_Cut(d.kind, [d.text]) for d in paragraph.dropped)
        elif isinstance(last, _Paragraph) and _continues(last, line):
            last.extend(paragraph)
        else:
            items.append(paragraph)
    return items


def _continues(paragraph: _Paragraph, line: Line) -> bool:
    """A wrapped line of the same paragraph, not a new block."""
    return not (line.gap_before or line.heading or line.list_item or paragraph.heading)


def _join_page_breaks(items: list[_Paragraph | _Cut]) -> list[_Paragraph | _Cut]:
    """Rejoin a paragraph that a page break cut in the middle of a sentence."""
    joined: list[_Paragraph | _Cut] = []
    for item in items:
        last = joined[-1] if joined else None
        if isinstance(item, _Paragraph) and isinstance(last, _Paragraph) and _broken(last, item):
            last.extend(item)
        else:
            joined.append(item)
    return joined


def _broken(before: _Paragraph, after: _Paragraph) -> bool:
    if before.heading or after.heading or before.list_item or after.list_item:
        return False
    if ends_sentence(before.text) or word_count(before.text) < 12:
        return False
    return after.text[:1].islower() or word_count(before.text) >= 25
