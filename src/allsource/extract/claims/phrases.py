"""Attributions through a phrase: "according to X, …", "in X's words, …", "X was quoted as saying …"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from allsource.extract.claims.attribution import Attribution, Content, Frame
from allsource.extract.claims.content import as_content, quote_after, quote_content
from allsource.extract.claims.context import Context
from allsource.extract.claims.lexicon import VerbCue
from allsource.extract.claims.parse import (agent_of, can_speak, child_of, clause_span, clause_without, end_of,
                                            entity_of, frame_of, is_negated, is_passive, phrase_span, subject_of,
                                            verb_above)
from allsource.extract.claims.verbs import verb_contents


def from_source_phrase(first: Token, sentence: Span, context: Context) -> Iterable[Attribution]:
    for words in context.phrases_by_first_word[first.lower_]:
        stop = first.i + len(words)
        if stop > sentence.end:
            continue
        phrase = context.doc[first.i:stop]
        if tuple(token.lower_ for token in phrase) != words:
            continue
        source = child_of(phrase[-1], "pobj")
        speaker = entity_of(source, context.mentions)
        # "according" is itself tagged as a verb; the clause it qualifies is above it.
        clause = verb_above(first.head) if first.head.i != first.i else None
        if clause is None or (speaker is None and not can_speak(source)):
            continue
        content = _phrase_content(clause, first, source, context)
        if content is not None:
            yield Attribution(speaker, phrase.text, first.idx, phrase.end_char, content,
                              speaker_span=phrase_span(source))


def _phrase_content(clause: Token, first: Token, source: Token, context: Context) -> Content | None:
    """"according to X, “…”" gives the quote; "according to X, Y did Z" the rest of the clause."""
    quote = quote_after(end_of(source.right_edge), context)
    if quote is not None:
        return quote_content(quote, context)
    span = clause_without(clause, first.i, source.right_edge.i)
    return as_content(span, first.idx, context) if span else None


def from_possessive(noun: Token, context: Context) -> Iterable[Attribution]:
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "in":
        return
    owner = child_of(noun, "poss")
    speaker = entity_of(owner, context.mentions)
    clause = verb_above(preposition)
    if clause is None or (speaker is None and not can_speak(owner)):
        return
    span = clause_without(clause, preposition.i, preposition.right_edge.i)
    content = as_content(span, preposition.idx, context) if span else None
    if content is not None:
        cue = context.doc[preposition.i:noun.i + 1]
        yield Attribution(speaker, cue.text, cue.start_char, cue.end_char, content, speaker_span=phrase_span(owner))


def from_cue_noun(noun: Token, context: Context) -> Iterable[Attribution]:
    """"Trump's claim that the election is rigged": the owner speaks, the that-clause is the content."""
    owner = child_of(noun, "poss")
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)
    if owner is None or clause is None or not can_speak(owner):
        return
    span = clause_span(clause)
    content = as_content(span, noun.idx, context) if span else None
    if content is not None:
        # a claim or statement is speech; a belief or view is not something said
        yield Attribution(entity_of(owner, context.mentions), noun.text, noun.idx, end_of(noun), content,
                          speaker_span=phrase_span(owner), belief=noun.lemma_.lower() in ("belief", "view"))


def from_quoted_as(verb: Token, context: Context) -> Iterable[Attribution]:
    """The quoted speaker's claim, and the relayer's when one is named; both share the content."""
    for pattern in context.quoted_as_by_verb[verb.lower_]:
        link = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == pattern.link), None)
        speech = next((c for c in link.children if c.lower_ == pattern.speech), None) if link else None
        if speech is None:
            continue
        passive = is_passive(verb)
        speaker_token = child_of(verb, "nsubjpass" if passive else "dobj")
        relayer_token = agent_of(verb) if passive else subject_of(verb)
        speaker = entity_of(speaker_token, context.mentions)
        relayer = entity_of(relayer_token, context.mentions)
        frame = frame_of(verb, speaker_token, relayer_token)
        frame = Frame(frame.start, max(frame.end, end_of(speech)))
        negated = is_negated(verb) or is_negated(speech)
        cue = " ".join(token.text for token in (verb, link, speech))
        for content in verb_contents(speech, VerbCue(), frame, context):
            if relayer is not None:
                yield Attribution(relayer, verb.text, verb.idx, end_of(verb), content, negated,
                                  speaker_span=phrase_span(relayer_token))
            if speaker is not None:
                yield Attribution(speaker, cue, verb.idx, end_of(speech), content, negated,
                                  relayed_by=relayer, speaker_span=phrase_span(speaker_token))
