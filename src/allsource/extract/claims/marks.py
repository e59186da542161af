"""Attributions made by punctuation alone: a headline's "Speaker: what they said", and a quote
signed with a dash ("“…” ― Speaker", as readers' and witnesses' words are printed)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from allsource.extract.claims.attribution import Attribution, Content
from allsource.extract.claims.content import quote_content
from allsource.extract.claims.context import Context
from allsource.extract.claims.parse import can_speak, end_of, entity_of, phrase_span
from allsource.extract.claims.quotes import Quote

SIGNATURE_DASHES = frozenset("―—–")
# A label before a colon longer than this is a sentence, not a speaker's name.
_MAX_LABEL_TOKENS = 5


def from_colon_label(sentence: Span, context: Context) -> Iterable[Attribution]:
    """"Pat Caddell: Voters are worried", "PENCE: Well, look, …": a sentence that opens with a
    name and a colon. A turn in a transcript (a label opening its paragraph) runs to the
    paragraph's end."""
    first = sentence.start
    while first < sentence.end and (context.doc[first].is_quote or context.doc[first].is_space):
        first += 1
    colon = next((t for t in context.doc[first:min(first + _MAX_LABEL_TOKENS + 1, sentence.end)]
                  if t.text == ":"), None)
    if colon is None or colon.i == first:
        return
    label = context.doc[first:colon.i]
    if not _is_name(label):
        return
    paragraph_start, paragraph_end = context.paragraph_bounds(context.paragraph_of(label.start_char))
    rest = [t for t in context.doc[colon.i + 1:sentence.end]
            if not t.is_space and not t.is_punct and t.idx < paragraph_end]
    if len(rest) < 3:
        return
    start, end = rest[0].idx, end_of(rest[-1])
    if not context.text[paragraph_start:label.start_char].strip(" \t\n\"“'"):
        end = max(end, len(context.text[:paragraph_end].rstrip(" \t\n\"”'")))
    quote = context.quote_containing(start)
    content = quote_content(quote, context) if quote is not None and quote.open < start else Content(start, end, False)
    speaker = context.mentions.entity_at(label.start_char, label.end_char)
    yield Attribution(speaker, ":", colon.idx, colon.idx + 1, content,
                      speaker_span=(label.start_char, label.end_char))


def _is_name(label: Span) -> bool:
    """A name or a name-like label ("Gov. Pence", "WALLACE"), not "Two questions" or "Poll"."""
    words = [t for t in label if not t.is_punct]
    return bool(words) and words[-1].pos_ == "PROPN" and all(
        t.pos_ == "PROPN" or t.text[:1].isupper() for t in words) and not any(t.pos_ in ("VERB", "AUX") for t in label)


def from_signed_quotes(quotes: list[Quote], context: Context) -> Iterable[Attribution]:
    """A quote followed by a dash and the name of whoever said it."""
    text = context.text
    for quote in quotes:
        offset = quote.close + 1
        while offset < len(text) and text[offset] != "\n" and (text[offset].isspace() or text[offset] == "'"):
            offset += 1
        if offset >= len(text) or text[offset] not in SIGNATURE_DASHES:
            continue
        signer = _signer_after(offset + 1, context)
        if signer is None:
            continue
        yield Attribution(entity_of(signer, context.mentions), text[offset], offset, offset + 1,
                          quote_content(quote, context), speaker_span=phrase_span(signer))


def _signer_after(offset: int, context: Context) -> Token | None:
    """The head of the noun phrase that starts right after the dash, on the same line."""
    token = context.token_at(offset)
    while token.i + 1 < len(context.doc) and (token.idx < offset or token.is_space):
        if "\n" in token.text:
            return None
        token = context.doc[token.i + 1]
    if token.idx < offset or "\n" in context.text[offset:token.idx]:
        return None
    head = token
    while head.head.i != head.i and head.head.idx >= offset and head.dep_ in ("compound", "amod", "det", "flat"):
        head = head.head
    return head if can_speak(head) and head.pos_ in ("PROPN", "NOUN") else None
