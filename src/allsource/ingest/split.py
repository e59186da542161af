"""Split a file that holds several articles (a digest, a newsletter) into one text per article.

A digest closes each item with a 'Read more at …' or 'More about: …' line. When real prose
follows such a closing line, a new article starts at the first free-standing line after it.
"""

from __future__ import annotations

from allsource.ingest.lines import is_sentence, line_kind, word_count
from allsource.ingest.markup import plain_text

_ARTICLE_END = frozenset({"read_more", "more_about"})
# A new article needs at least this much prose before the next closing line.
_MIN_ARTICLE_WORDS = 40
# How far ahead to look for that prose, so a huge file stays linear.
_LOOKAHEAD_LINES = 200


def split_articles(text: str) -> list[str]:
    lines = text.split("\n")
    kinds = [_kind(line) for line in lines]
    starts = [0]
    after_end = False
    for index, kind in enumerate(kinds):
        if kind in _ARTICLE_END:
            after_end = True
        elif after_end and kind is None and _article_follows(lines, kinds, index):
            starts.append(index)
            after_end = False
    bounds = zip(starts, [*starts[1:], len(lines)], strict=True)
    parts = ["\n".join(lines[start:end]).strip("\n") for start, end in bounds]
    return [part for part in parts if part.strip()]


def _kind(line: str) -> str | None:
    plain = plain_text(line)
    return line_kind(line, plain) if plain else "blank"


def _article_follows(lines: list[str], kinds: list[str | None], start: int) -> bool:
    """Enough prose, in whole paragraphs, before the next closing line."""
    words = 0
    paragraph: list[str] = []
    stop = min(len(lines), start + _LOOKAHEAD_LINES)
    for index in range(start, stop + 1):
        kind = kinds[index] if index < stop else "blank"
        if kind is None:
            paragraph.append(plain_text(lines[index]))
            continue
        text = " ".join(paragraph)
        if is_sentence(text):
            words += word_count(text)
        paragraph = []
        if kind in _ARTICLE_END:
            break
    return words >= _MIN_ARTICLE_WORDS
