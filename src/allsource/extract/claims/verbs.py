"""Attributions through a reporting verb: "Zarif said that …", "“…,” he said", "X accused Y of …"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from allsource.extract.claims.attribution import Attribution, Content, Frame
from allsource.extract.claims.content import (SENTENCE_END, adjacent_quotes, as_content, only_marks_between,
                                              quote_after, quote_content)
from allsource.extract.claims.context import Context
from allsource.extract.claims.lexicon import VerbCue
from allsource.extract.claims.parse import (agent_of, can_speak, child_of, clause_span, clause_without, end_of,
                                            entity_of, frame_of, is_negated, is_passive, phrase_span, preposition_of,
                                            subject_of, tokens_span, verb_above)

_ASIDE_MARKS = frozenset({",", "—", "–", "(", ")"})
_SPEAKING_SELVES = frozenset({"i", "we", "you"})


def from_reporting_verb(verb: Token, cue: VerbCue, context: Context) -> Iterable[Attribution]:
    speaker_token = _speaker_token(verb, context)
    speaker = entity_of(speaker_token, context.mentions)
    if speaker is None and not can_speak(speaker_token):
        return
    if cue.belief and speaker_token.lower_ in _SPEAKING_SELVES:
        return  # "I think", "we want to", "you know": a way of speaking, not a reported belief
    negated = cue.denial or is_negated(verb)
    for content in verb_contents(verb, cue, frame_of(verb, speaker_token), context):
        yield Attribution(speaker, verb.text, verb.idx, end_of(verb), content, negated,
                          speaker_span=phrase_span(speaker_token), belief=cue.belief)


def _speaker_token(verb: Token, context: Context) -> Token | None:
    # A passive subject is the topic, not the source ("X is said to …"); only an agent speaks.
    if is_passive(verb):
        return agent_of(verb)
    subject = subject_of(verb)
    if entity_of(subject, context.mentions) is None and verb.tag_ == "VBG" and verb.head.i != verb.i:
        # A trailing participle is often misparsed with a subject of its own ("echoed this view
        # while underscoring their proximity stating, “…”"); its speaker is the main clause's.
        governing = verb_above(verb.head)
        if governing is not None:
            return subject_of(governing)
    return subject


def verb_contents(verb: Token, cue: VerbCue, frame: Frame, context: Context) -> list[Content]:
    targeted = _targeted_content(verb, cue, context)
    if targeted is not None:
        return [targeted]
    contents = [as_content(span, verb.idx, context) for span in _syntactic_spans(verb, cue, frame, context)]
    if not any(contents):
        contents = [quote_content(quote, context) for quote in adjacent_quotes(frame, context)]
    if not any(contents):
        parenthetical = _parenthetical_span(verb)
        contents = [as_content(parenthetical, verb.idx, context)] if parenthetical else []
    contents = [_from_sentence_start(content, verb, frame, context) for content in contents if content is not None]
    if contents and contents[-1].direct and contents[-1].end <= frame.start:
        # "“…,” he said, “…”": the quote goes on after the attribution.
        continuation = quote_after(frame.end, context)
        if continuation is not None:
            contents.append(quote_content(continuation, context))
    return list(dict.fromkeys(contents))


def _from_sentence_start(content: Content, verb: Token, frame: Frame, context: Context) -> Content:
    """"A happened, but B followed, a source said": a trailing attribution reports everything
    before it in its sentence, although the parse hangs the verb on the last clause only."""
    if content.direct or content.end > frame.start:
        return content
    sentence = verb.sent
    first = next((t for t in sentence if not (t.is_space or t.is_punct)), None)
    if first is None or first.idx >= content.start or context.quote_containing(first.idx) is not None:
        return content
    if context.paragraph_of(first.idx) != context.paragraph_of(content.start):
        return content
    return Content(first.idx, content.end, False, content.targets)


def _targeted_content(verb: Token, cue: VerbCue, context: Context) -> Content | None:
    """"accused Y of Z", "described Y as Z", "called Y Z", "called for Z": Y is a target, Z the content."""
    target = child_of(verb, "dobj")
    span = next(filter(None, (_complement_span(verb, target, word) for word in cue.complement_words)), None)
    if span is None:
        return None
    content = as_content(span, verb.idx, context)
    if content is None:
        return None
    target_entity = entity_of(target, context.mentions)
    targets = (target_entity,) if target_entity else ()
    return Content(content.start, content.end, content.direct, targets)


def _complement_span(verb: Token, target: Token | None, word: str) -> tuple[int, int] | None:
    if word == "predicate":
        predicate = child_of(verb, "oprd")
        return clause_span(predicate) if predicate is not None else None
    preposition = preposition_of(verb, word)
    if preposition is None and target is not None:
        preposition = preposition_of(target, word)
    if preposition is None:
        return None
    clause = _to_clause(verb)
    if clause is not None and clause.i > preposition.right_edge.i:
        # "called on Trump to stop …": the one called on, with what they are to do
        return _to_clause_span(verb, clause, child_of(preposition, "pobj") or preposition.right_edge)
    return tokens_span(verb.doc, preposition.i + 1, preposition.right_edge.i)


def _syntactic_spans(verb: Token, cue: VerbCue, frame: Frame, context: Context) -> list[tuple[int, int]]:
    """Content the parse ties to the verb: its clauses, or a that-clause on its object."""
    clauses = [clause_span(child, _stray_subject(verb, child)) for child in verb.children if child.dep_ == "ccomp"]
    clauses = [span for span in clauses if span is not None and _reaches_frame(span, frame, context)]
    if clauses:
        return clauses
    target = child_of(verb, "dobj")
    if cue.infinitive:
        # "vowed to repeal", "urged Congress to act": the to-clause, with its own object as subject
        clause = _to_clause(verb)
        if clause is not None:
            span = _to_clause_span(verb, clause, target if target is not None and target.i < clause.i else None)
            return [span] if span else []
    if target is None:
        return []
    clause = _to_clause(verb)
    if clause is not None and clause.i > target.i:
        # "told his advisers to find a way": what is told is the object with its to-clause
        span = _to_clause_span(verb, clause, target)
        return [span] if span else []
    # "rejected claims that …", "dismissed reports that …"
    for child in target.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and _opens_with_that(child):
            span = clause_span(child)
            return [span] if span else []
    if cue.object_content and target.pos_ != "PRON":
        span = clause_span(target)
        return [span] if span else []
    return []


def _to_clause(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and _opens_with_to(c)), None)


def _to_clause_span(verb: Token, clause: Token, subject: Token | None) -> tuple[int, int] | None:
    """The to-clause, with the bare verbs the parse coordinated with the cue instead of with it
    ("vowed to triple X, grow Y and create Z")."""
    first = subject.left_edge.i if subject is not None else clause.left_edge.i
    last = clause.right_edge.i
    for sibling in verb.children:
        if (sibling.dep_ == "conj" and sibling.i > last and sibling.tag_ == "VB"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in sibling.children)):
            last = sibling.right_edge.i
    return tokens_span(verb.doc, first, last)


def _opens_with_to(clause: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in clause.children)


def _opens_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"


def _stray_subject(verb: Token, clause: Token) -> Token | None:
    """"claimed its division is the largest" is often parsed with "its division" as the object of
    "claimed" and a subjectless clause after it; the object is then the clause's subject."""
    if any(child.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for child in clause.children):
        return None
    target = child_of(verb, "dobj")
    if target is not None and target.right_edge.i + 1 == clause.left_edge.i:
        return target
    return None


def _reaches_frame(span: tuple[int, int], frame: Frame, context: Context) -> bool:
    # Content before the cue must end right where the attribution starts ("Iran is weak, he
    # said"); otherwise the parser has hung an earlier, unrelated clause on the verb.
    return span[1] > frame.start or only_marks_between(span[1], frame.start, context)


def _parenthetical_span(verb: Token) -> tuple[int, int] | None:
    """"This plan, he says, would fail": the content is the clause around the aside."""
    if verb.dep_ != "parataxis" or child_of(verb, "dobj") is not None or not _is_aside(verb):
        return None
    return clause_without(verb.head, verb.left_edge.i, verb.right_edge.i)


def _is_aside(verb: Token) -> bool:
    """The verb's words are set off by commas or dashes, or close the sentence after one."""
    doc = verb.doc
    first, last = verb.left_edge.i, verb.right_edge.i
    left = doc[first] if doc[first].is_punct else (doc[first - 1] if first > 0 else None)
    right = doc[last] if doc[last].is_punct else (doc[last + 1] if last + 1 < len(doc) else None)
    if left is None or left.text not in _ASIDE_MARKS:
        return False
    return right is None or right.text in _ASIDE_MARKS or right.text in SENTENCE_END
