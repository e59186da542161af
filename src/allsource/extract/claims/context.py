"""One document as the attribution rules see it: its text, parse, quotes and paragraphs."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from allsource.extract.claims.lexicon import Lexicon, QuotedAs, load_lexicon
from allsource.extract.claims.quotes import PARAGRAPH_BREAK, Quote, find_quotes
from allsource.extract.mentionindex import MentionIndex
from allsource.model.records import Document


@dataclass
class Context:
    """One document's text with the look-ups every rule shares, built once per document."""

    document_id: str
    doc: Doc
    text: str
    mentions: MentionIndex
    lexicon: Lexicon
    quotes: list[Quote]
    sentences: list[Span]
    # Paragraph breaks as (start, end) offsets of the blank lines between paragraphs.
    paragraph_breaks: list[tuple[int, int]]
    phrases_by_first_word: dict[str, list[tuple[str, ...]]]
    quoted_as_by_verb: dict[str, list[QuotedAs]]
    quote_opens: list[int] = field(init=False)
    paragraph_starts: list[int] = field(init=False)
    sentence_starts: list[int] = field(init=False)
    token_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.quote_opens = [quote.open for quote in self.quotes]
        self.paragraph_starts = [end for _, end in self.paragraph_breaks]
        self.sentence_starts = [sentence.start_char for sentence in self.sentences]
        self.token_starts = [token.idx for token in self.doc]

    def quote_containing(self, offset: int) -> Quote | None:
        """The quote whose marks enclose `offset` (the marks themselves included)."""
        index = bisect.bisect_right(self.quote_opens, offset) - 1
        if index >= 0 and self.quotes[index].close >= offset:
            return self.quotes[index]
        return None

    def first_quote_from(self, offset: int) -> Quote | None:
        index = bisect.bisect_left(self.quote_opens, offset)
        return self.quotes[index] if index < len(self.quotes) else None

    def last_quote_closed_before(self, offset: int) -> Quote | None:
        index = bisect.bisect_left(self.quote_opens, offset) - 1
        if index >= 0 and self.quotes[index].close >= offset:
            index -= 1
        return self.quotes[index] if index >= 0 else None

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset)

    def token_at(self, offset: int) -> Token:
        return self.doc[max(bisect.bisect_right(self.token_starts, offset) - 1, 0)]

    def paragraph_bounds(self, paragraph: int) -> tuple[int, int]:
        start = self.paragraph_breaks[paragraph - 1][1] if paragraph else 0
        end = self.paragraph_breaks[paragraph][0] if paragraph < len(self.paragraph_breaks) else len(self.text)
        return start, end

    def sentences_around(self, start: int, end: int) -> tuple[int, int]:
        """The whole sentences that [start, end) touches, kept within its paragraphs (the parser
        sometimes runs a sentence over a heading) and without surrounding spaces."""
        last_offset = max(end - 1, start)
        first = max(bisect.bisect_right(self.sentence_starts, start) - 1, 0)
        last = max(bisect.bisect_right(self.sentence_starts, last_offset) - 1, first)
        low = max(self.sentences[first].start_char, self.paragraph_bounds(self.paragraph_of(start))[0])
        high = min(self.sentences[last].end_char, self.paragraph_bounds(self.paragraph_of(last_offset))[1])
        while low < high and self.text[low].isspace():
            low += 1
        while high > low and self.text[high - 1].isspace():
            high -= 1
        return low, high


def build_context(doc: Doc, document: Document, mentions: MentionIndex) -> Context:
    lexicon = load_lexicon()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.source_phrases:
        phrases.setdefault(phrase[0], []).append(phrase)
    quoted_as: dict[str, list[QuotedAs]] = {}
    for pattern in lexicon.quoted_as:
        quoted_as.setdefault(pattern.verb, []).append(pattern)
    return Context(
        document_id=document.id,
        doc=doc,
        text=document.text,
        mentions=mentions,
        lexicon=lexicon,
        quotes=find_quotes(document.text),
        sentences=list(doc.sents),
        paragraph_breaks=[match.span() for match in PARAGRAPH_BREAK.finditer(document.text)],
        phrases_by_first_word=phrases,
        quoted_as_by_verb=quoted_as,
    )
