"""`extract_claims`: every rule over every sentence, then the quotes no rule claimed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc, Span

from allsource.extract.claims.attribution import Attribution
from allsource.extract.claims.context import Context, build_context
from allsource.extract.claims.marks import from_colon_label, from_signed_quotes
from allsource.extract.claims.orphans import attribute_orphan_quotes
from allsource.extract.claims.phrases import from_cue_noun, from_possessive, from_quoted_as, from_source_phrase
from allsource.extract.claims.records import to_claims, unique_attributions
from allsource.extract.claims.verbs import from_reporting_verb
from allsource.extract.mentionindex import MentionIndex
from allsource.model.records import Claim, Document

log = logging.getLogger(__name__)


def extract_claims(doc: Doc, document: Document, mentions: MentionIndex) -> list[Claim]:
    """One Claim per attribution in `document`, sorted by where its content starts.

    `doc` is the parsed `document.text`; `mentions` resolves spans to local entity ids.
    """
    context = build_context(doc, document, mentions)
    return to_claims(_find_attributions(context), context)


def find_attributions(doc: Doc, document: Document, mentions: MentionIndex) -> list[Attribution]:
    """The attributions `extract_claims` turns into claims, one per speaker and content, with
    the characters of their speaker, cue and content (what the attribution benchmark scores)."""
    context = build_context(doc, document, mentions)
    return list(unique_attributions(_find_attributions(context), document.id).values())


def _find_attributions(context: Context) -> list[Attribution]:
    attributions: list[Attribution] = []
    for sentence in context.sentences:
        found = _guarded(_attributions_in_sentence, sentence, context)
        attributions.extend(a for a in found if _content_meets_cue_paragraph(a, context))
    attributions.extend(_guarded(from_signed_quotes, context.quotes, context))
    attributions.extend(_guarded(attribute_orphan_quotes, attributions, context))
    return attributions


def _guarded(rule: Callable[[Any, Context], Iterable[Attribution]], subject: Any,
             context: Context) -> list[Attribution]:
    # Parses of real prose are sometimes malformed in ways no rule foresaw; losing one
    # sentence is better than losing the document, so the failure is logged and skipped.
    try:
        return list(rule(subject, context))
    except Exception:
        where = f"offset {subject.start_char}" if isinstance(subject, Span) else "the quotes"
        log.warning("claims: %s failed at %s of %s", rule.__name__, where, context.document_id,
                    exc_info=True)
        return []


def _content_meets_cue_paragraph(attribution: Attribution, context: Context) -> bool:
    # The parser glues headings to the sentence below them; content found across such a seam
    # belongs to another paragraph than its cue and is a misparse.
    paragraph = context.paragraph_of(attribution.cue_start)
    content = attribution.content
    return paragraph in (context.paragraph_of(content.start), context.paragraph_of(content.end - 1))


def _attributions_in_sentence(sentence: Span, context: Context) -> Iterable[Attribution]:
    lexicon = context.lexicon
    yield from from_colon_label(sentence, context)
    for token in sentence:
        lower = token.lower_
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            yield from from_reporting_verb(token, lexicon.verbs[lemma], context)
        if lower in context.phrases_by_first_word:
            yield from from_source_phrase(token, sentence, context)
        if lower in lexicon.possessive_nouns:
            yield from from_possessive(token, context)
        if token.pos_ == "NOUN" and lemma in lexicon.cue_nouns:
            yield from from_cue_noun(token, context)
        if lower in context.quoted_as_by_verb:
            yield from from_quoted_as(token, context)
