"""Quotations: pairing the double quote marks of a text into its outermost quotes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Straight quotes open after these characters and close everywhere else.
_OPENS_STRAIGHT_QUOTE_AFTER = frozenset(" \t\n\r([{—–-/:")
# Two apostrophes stand for a straight double quote in some newspapers' archives (''like this'').
_QUOTE_MARKS = re.compile("[“”\"]|''")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class Quote:
    """A quotation: the offsets of its opening and closing marks."""

    open: int
    close: int


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations, pairing double quote marks in one pass.

    Quotes may nest (“… a “regional superpower” …”) and may run over one paragraph break; an
    opening mark still unclosed after that is dropped, so one stray mark cannot swallow the rest
    of the document. A quote opening a paragraph ends an unclosed one from the paragraph before,
    which is how a quotation running over several paragraphs is written.
    """
    paragraph_starts = [match.end() for match in PARAGRAPH_BREAK.finditer(text)]
    quotes = []
    open_marks: list[int] = []
    for match in _QUOTE_MARKS.finditer(text):
        offset = match.start()
        paragraph = bisect.bisect_right(paragraph_starts, offset)
        opening = _is_opening_mark(text, offset)
        if opening and match.group() == "''":
            # the quote's words start after the second apostrophe, as after a one-character mark
            offset += 1
        if open_marks:
            first_paragraph = bisect.bisect_right(paragraph_starts, open_marks[0])
            starts_paragraph = (opening and paragraph > first_paragraph
                                and not text[paragraph_starts[paragraph - 1]:offset].strip())
            if paragraph > first_paragraph + 1 or starts_paragraph:
                open_marks.clear()
        if opening:
            open_marks.append(offset)
        elif open_marks:
            start = open_marks.pop()
            if not open_marks:
                quotes.append(Quote(start, offset))
    return quotes


def _is_opening_mark(text: str, offset: int) -> bool:
    mark = text[offset]
    if mark not in "\"'":
        return mark == "“"
    return offset == 0 or text[offset - 1] in _OPENS_STRAIGHT_QUOTE_AFTER
