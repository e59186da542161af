"""Reading the dependency parse: who a verb's subject or agent is, which entity a noun phrase
names, and which characters a clause covers."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from allsource.extract.claims.attribution import Frame
from allsource.extract.mentionindex import MentionIndex

# Punctuation that frames content rather than belonging to it.
_EDGE_PUNCTUATION = frozenset({",", ";", ":", ".", "—", "–", "-", "--"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Grammatical links through which a participle or infinitive shares its head's subject:
# "Zarif went on to say", "…, adding that", "and maintained that".
# "dep" is the parser's "some link": a reporting verb hanging there mostly shares the subject.
_SUBJECT_SHARING_LINKS = frozenset({"xcomp", "advcl", "conj", "dep"})
# Parts of a noun phrase that can carry the name when its head does not, most telling first:
# "an analyst, Beni Sabti," then "the Kremlin spokesman".
_NAME_PARTS = ("appos", "compound")
_SPEAKER_TAGS = frozenset({"NOUN", "PROPN", "PRON"})
_NOT_SPEAKERS = frozenset({"that", "which", "this", "what", "there", "something", "nothing", "everything"})


def end_of(token: Token) -> int:
    return token.idx + len(token)


def phrase_span(token: Token | None) -> tuple[int, int] | None:
    """The characters of the phrase `token` heads."""
    if token is None:
        return None
    return token.left_edge.idx, end_of(token.right_edge)


def child_of(token: Token, dep: str) -> Token | None:
    return next((child for child in token.children if child.dep_ == dep), None)


def preposition_of(token: Token, word: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == "prep" and c.lower_ == word), None)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def agent_of(verb: Token) -> Token | None:
    agent = child_of(verb, "agent")
    return child_of(agent, "pobj") if agent is not None else None


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or the one it shares with the verb it hangs from."""
    node = verb
    for _ in range(4):  # such chains are short; the bound guards against odd parses
        # of two subjects the parser hung on one verb ("“… it …,” said Acton"), the nearer speaks
        subject = min((c for c in node.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - node.i), default=None)
        if subject is not None:
            if subject.lower_ in _RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ not in _SUBJECT_SHARING_LINKS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and child_of(node.head, "dobj") is not None:
            return child_of(node.head, "dobj")  # "told me to say": the object is who speaks
        node = node.head
    return None


def can_speak(token: Token | None) -> bool:
    """A noun phrase or pronoun that can be a source, even when it names no known entity."""
    return (token is not None and token.pos_ in _SPEAKER_TAGS and token.dep_ != "expl"
            and token.lower_ not in _NOT_SPEAKERS)


def entity_of(token: Token | None, mentions: MentionIndex) -> str | None:
    if token is None:
        return None
    parts = sorted((c for c in token.children if c.dep_ in _NAME_PARTS), key=lambda c: _NAME_PARTS.index(c.dep_))
    for candidate in (token, *parts):
        entity = mentions.entity_at(candidate.idx, end_of(candidate))
        if entity is not None:
            return entity
    return None


def verb_above(token: Token) -> Token | None:
    """The nearest verb at or above `token`: the clause a phrase such as "according to" qualifies."""
    node = token
    while True:
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head


def frame_of(verb: Token, *participants: Token | None) -> Frame:
    """The attribution's own characters: the verb and the participants hanging from it."""
    start, end = verb.idx, end_of(verb)
    for participant in participants:
        if participant is not None and participant.head.i == verb.i:
            start = min(start, participant.left_edge.idx)
            end = max(end, end_of(participant.right_edge))
    return Frame(start, end)


def clause_span(head: Token, subject: Token | None = None) -> tuple[int, int] | None:
    first = subject.left_edge.i if subject is not None else head.left_edge.i
    return tokens_span(head.doc, first, head.right_edge.i)


def clause_without(head: Token, first_excluded: int, last_excluded: int) -> tuple[int, int] | None:
    """The clause of `head` minus an attribution at its edge; one in its middle stays in."""
    first, last = head.left_edge.i, head.right_edge.i
    if first_excluded <= first:
        first = last_excluded + 1
    elif last_excluded >= last:
        last = first_excluded - 1
    return tokens_span(head.doc, first, last)


def tokens_span(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Characters of tokens first..last without framing punctuation or a leading "that"."""
    while first <= last and _is_framing(doc[first], leading=True):
        first += 1
    while last >= first and _is_framing(doc[last], leading=False):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, end_of(doc[last])


def _is_framing(token: Token, leading: bool) -> bool:
    """Spacing, punctuation around the content, the "that" that introduces it, or a quote mark
    that belongs to a quote on the other side of the span's edge."""
    stray_mark = "”" if leading else "“"
    if token.is_space or token.text in _EDGE_PUNCTUATION or token.text == stray_mark:
        return True
    return leading and token.dep_ == "mark" and token.lower_ == "that"
