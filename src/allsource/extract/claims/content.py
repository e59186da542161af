"""The content an attribution reports: a span of the parse, or a quote, found beside its cue."""

from __future__ import annotations

from allsource.extract.claims.attribution import Content, Frame
from allsource.extract.claims.context import Context
from allsource.extract.claims.quotes import Quote

SENTENCE_END = frozenset(".!?…")
# A quote further than this from its cue is not attached to it by adjacency.
_MAX_CUE_TO_QUOTE_GAP = 80


def adjacent_quotes(frame: Frame, context: Context) -> list[Quote]:
    after = quote_after(frame.end, context)
    if after is not None:
        return [after]
    before = _quote_before(frame.start, context)
    return [before] if before is not None else []


def quote_after(offset: int, context: Context) -> Quote | None:
    """A quote introduced by the cue: "said: “…”", "told reporters, “…”"."""
    quote = context.first_quote_from(offset)
    if quote is None or quote.open - offset > _MAX_CUE_TO_QUOTE_GAP:
        return None
    gap = context.text[offset:quote.open]
    gap = gap.rstrip(" \t\n'")
    introduced = gap.strip() == "" or gap[-1] in ",:"
    if not introduced or any(char in SENTENCE_END for char in gap):
        return None
    # Another verb in between means the quote belongs to another clause ("echoed this view
    # while stressing …, stating, “…”" gives the quote to "stating").
    if _has_verb_between(offset, quote.open, context):
        return None
    return quote


def _quote_before(offset: int, context: Context) -> Quote | None:
    """A quote the attribution follows: "“…,” he said"."""
    quote = context.last_quote_closed_before(offset)
    if quote is None or not only_marks_between(quote.close + 1, offset, context):
        return None
    return quote


def only_marks_between(start: int, end: int, context: Context) -> bool:
    return not context.text[start:end].strip(" \t\n,”\"'—–")


def _has_verb_between(start: int, end: int, context: Context) -> bool:
    token = context.token_at(start)
    doc = context.doc
    index = token.i if token.idx >= start else token.i + 1
    while index < len(doc) and doc[index].idx < end:
        if doc[index].pos_ == "VERB":
            return True
        index += 1
    return False


def as_content(span: tuple[int, int], cue_start: int, context: Context) -> Content | None:
    """The content for a syntactic span; a span lying within a quote stands for the whole quote.

    None for a span that runs over a paragraph break, which only a misparse produces."""
    start, end = span
    quote = context.quote_containing(start)
    if quote is None and context.text.startswith("''", start):
        quote = context.quote_containing(start + 1)  # the span opens on the first of two apostrophes
    cue_inside_quote = quote is not None and quote.open < cue_start < quote.close
    if quote is not None and end <= quote.close + 1 and not cue_inside_quote:
        return quote_content(quote, context)
    return _balanced(start, end, context)


def quote_content(quote: Quote, context: Context) -> Content:
    """The words between the marks, without the comma that hands over to the attribution."""
    text = context.text
    start, end = quote.open + 1, quote.close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Content(start, end, True)


def _balanced(start: int, end: int, context: Context) -> Content | None:
    """Pulls in what the parse left of a quote the span opens or closes, so marks come in pairs."""
    # A quote opened inside the span runs to its closing mark: the rest is the same speech.
    closing = context.quote_containing(end - 1)
    if closing is not None and start <= closing.open and closing.close >= end:
        end = closing.close + 1
    opening = context.quote_containing(start)
    if opening is not None and opening.open < start and not context.text[opening.open + 1:start].strip():
        start = opening.open
    if context.paragraph_of(start) != context.paragraph_of(end - 1):
        return None
    return Content(start, end, False)
