"""Speech quotes that no cue claimed: given to the speaker named before their colon, or borrowed
from the nearest attribution in their paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from allsource.extract.claims.attribution import Attribution, encloses
from allsource.extract.claims.content import SENTENCE_END, quote_content
from allsource.extract.claims.context import Context
from allsource.extract.claims.parse import can_speak, end_of, entity_of, is_negated, is_passive, phrase_span, subject_of
from allsource.extract.claims.quotes import Quote


def attribute_orphan_quotes(attributions: list[Attribution], context: Context) -> Iterable[Attribution]:
    """Speech quotes no cue claimed: the speaker named before their colon, else a neighbour's."""
    outermost = [a for a in attributions if not _is_nested(a, attributions, context)]
    for quote in context.quotes:
        if _is_claimed(quote, attributions) or not _opens_speech(quote, context):
            continue
        attribution = (_colon_attribution(quote, outermost, context)
                       or _borrowed_attribution(quote, outermost, context))
        if attribution is not None:
            yield attribution


def _is_claimed(quote: Quote, attributions: list[Attribution]) -> bool:
    # Attributions made inside the quote are part of it and do not account for it.
    return any(
        a.content.start <= quote.close and a.content.end > quote.open
        and not quote.open < a.cue_start < quote.close
        for a in attributions
    )


def _opens_speech(quote: Quote, context: Context) -> bool:
    """A quote that starts a sentence or follows a colon is speech; one inside a clause is a
    phrase the author borrows ("a “good will” advantage") and has no speaker to find."""
    text = context.text
    offset = quote.open - 1
    if text[quote.open] == "'" and offset >= 0 and text[offset] == "'":
        offset -= 1  # a quote opened by two apostrophes (''…'') starts at the first of them
    while offset >= 0 and text[offset].isspace():
        if text[offset] == "\n":
            return True
        offset -= 1
    if offset < 0:
        return True
    if text[offset] in "”\"'" and offset > 0:
        offset -= 1
    return text[offset] in SENTENCE_END or text[offset] == ":"


def _colon_attribution(quote: Quote, outermost: list[Attribution], context: Context) -> Attribution | None:
    """"Zarif illustrates the problem: “…”": the quote belongs to whoever speaks before the colon."""
    colon = _last_visible_before(quote.open, context.text)
    if colon < 0 or context.text[colon] != ":":
        return None
    colon_token = context.token_at(colon)
    if colon_token.i == 0:
        return None
    # The word before the colon belongs to the introducing clause; the colon itself is often
    # attached to the quoted sentence.
    clause = _introducing_verb(context.doc[colon_token.i - 1], colon)
    if clause is None:
        return None
    content = quote_content(quote, context)
    # "According to him, Putin forced Iran to act: “…”": the clause is itself someone's account.
    account = next((a for a in outermost if a.content.start <= clause.idx < a.content.end), None)
    if account is not None:
        return Attribution(account.speaker, account.cue, account.cue_start, account.cue_end, content,
                           borrowed=True, speaker_span=account.speaker_span, belief=account.belief)
    subject = None if is_passive(clause) else subject_of(clause)
    speaker = entity_of(subject, context.mentions)
    if speaker is None and not can_speak(subject):
        return None
    return Attribution(speaker, clause.text, clause.idx, end_of(clause), content, is_negated(clause),
                       speaker_span=phrase_span(subject))


def _introducing_verb(word: Token, colon: int) -> Token | None:
    """The main verb of the clause that ends at the colon: the highest verb above `word` that
    stands before the colon ("Zarif tells how he asked Soleimani to stop: “…”" gives "tells")."""
    found = None
    node = word
    while True:
        if node.pos_ in ("VERB", "AUX") and node.idx < colon:
            found = node
        if node.head.i == node.i:
            return found
        node = node.head


def _last_visible_before(offset: int, text: str) -> int:
    """Offset of the last non-space character before `offset`, or -1."""
    offset -= 1
    while offset >= 0 and text[offset].isspace():
        offset -= 1
    return offset


def _borrowed_attribution(quote: Quote, outermost: list[Attribution], context: Context) -> Attribution | None:
    """The nearest outermost attribution of the paragraph, preferring one before the quote."""
    paragraph = context.paragraph_of(quote.open)
    neighbours = [a for a in outermost if context.paragraph_of(a.cue_start) == paragraph]
    before = [a for a in neighbours if a.cue_start < quote.open]
    after = [a for a in neighbours if a.cue_start > quote.close]
    if before:
        source = max(before, key=lambda a: a.cue_start)
    elif after:
        source = min(after, key=lambda a: a.cue_start)
    else:
        return None
    content = quote_content(quote, context)
    return Attribution(source.speaker, source.cue, source.cue_start, source.cue_end, content, borrowed=True,
                       speaker_span=source.speaker_span, belief=source.belief)


def _is_nested(attribution: Attribution, attributions: list[Attribution], context: Context) -> bool:
    if attribution.borrowed or attribution.relayed_by is not None:
        return True
    if context.quote_containing(attribution.cue_start) is not None:
        return True
    return any(encloses(other, attribution) for other in attributions)
