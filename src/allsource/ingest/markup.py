"""Inline Markdown/HTML markup inside one line of text.

Web pages dumped to text keep link targets, emphasis marks and footnote markers. Readers and
the extractors want the words only, so `strip_inline` returns the visible text plus the pieces
it dropped that carry information (link targets, footnote markers, images), each with its
offset in the visible text. Pure formatting (emphasis marks, tags, escapes) is dropped silently:
it holds no words a reader could want back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_INLINE = re.compile(
    r"""
    (?P<image>!\[[^\]]*\]\([^)]*\))
  | (?P<link>\[(?P<label>[^\]]+)\]\((?P<target>[^)\s]*)(?:\s+"[^"]*")?\))
  | (?P<sup><sup>(?P<note>[^<]{0,16})</sup>)
  | (?P<notemark>(?<=[\w.,;:!?"'”’)])\[\d{1,3}\](?!\())
  | (?P<autolink><(?P<url>(?:https?|mailto|ftp):[^>\s]+)>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>)
  | (?P<escape>\\(?P<escaped>[\\`*_{}\[\]()\#+\-.!$|<>]))
  | (?P<emphasis>\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w))
    """,
    re.VERBOSE,
)
# End-of-article ornaments some sites print after the last sentence.
_ORNAMENT = re.compile(r"\s*[❖■□◆◇∎▪●★]+\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^(?:[-*+•·]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE = re.compile(r"^(?:>\s?)+")


@dataclass(frozen=True)
class Dropped:
    kind: str
    text: str
    at: int


@dataclass
class Plain:
    text: str
    dropped: list[Dropped] = field(default_factory=list)


def strip_inline(line: str) -> Plain:
    """Visible text of a line of inline Markdown/HTML, with the informative pieces dropped."""
    line = _ORNAMENT.sub("", line)
    out: list[str] = []
    dropped: list[Dropped] = []
    length = 0
    cursor = 0
    for match in _INLINE.finditer(line):
        kept = line[cursor : match.start()]
        out.append(kept)
        length += len(kept)
        cursor = match.end()
        visible, pieces = _render(match)
        dropped.extend(Dropped(p.kind, p.text, length + p.at) for p in pieces)
        out.append(visible)
        length += len(visible)
    out.append(line[cursor:])
    return Plain("".join(out), dropped)


def _render(match: re.Match[str]) -> tuple[str, list[Dropped]]:
    """What one markup match shows on the page, and what it hides."""
    if match["image"]:
        return "", [Dropped("image", match["image"], 0)]
    if match["link"]:
        label = strip_inline(match["label"])
        hidden = list(label.dropped)
        if _is_real_target(match["target"]):
            hidden.append(Dropped("markup", match["target"], len(label.text)))
        return label.text, hidden
    if match["sup"]:
        return "", [Dropped("markup", match["sup"], 0)] if match["note"].strip() else []
    if match["notemark"]:
        return "", [Dropped("markup", match["notemark"], 0)]
    if match["autolink"]:
        return match["url"], []
    if match["escape"]:
        return match["escaped"], []
    return "", []


def _is_real_target(target: str) -> bool:
    return bool(target) and not target.startswith("#") and not target.startswith("javascript:")


def heading_level(line: str) -> int:
    match = _HEADING.match(line.strip())
    return len(match.group(1)) if match else 0


def without_block_marks(line: str) -> tuple[str, bool]:
    """The line without heading, quote and bullet marks; True when it is a list item.

    Numbered list markers stay: the number is part of what the reader sees.
    """
    text = line.strip()
    heading = _HEADING.match(text)
    if heading:
        return heading.group(2), False
    text = _QUOTE.sub("", text)
    bullet = _BULLET.match(text)
    if not bullet:
        return text, False
    if bullet.group(0)[0].isdigit():
        return text, True
    return text[bullet.end() :], True


def plain_text(line: str) -> str:
    """Visible text of one source line, without any block or inline markup."""
    return strip_inline(without_block_marks(line)[0]).text.strip()
