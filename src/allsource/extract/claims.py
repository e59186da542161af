"""Who claimed what: quoted and reported speech, found through reporting cues.

An attribution has a cue (a reporting verb such as "said", a phrase such as "according to", a
possessive such as "in Zarif's words", or "quoted as saying"), a speaker (the actor the cue
names, resolved to a document-local entity through the MentionIndex) and content (the reported
clause or the quote). A quote whose own sentence names no speaker borrows the speaker of the
nearest attribution in its paragraph. An attribution made inside someone else's account
("Kerry told me that…" within a quote by Zarif) points to that account through `via`.

The cues are data: `data/reporting_verbs.yaml`.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from allsource.errors import ConfigError
from allsource.extract.mentionindex import MentionIndex
from allsource.model.ids import make_id
from allsource.model.records import Claim, Document, Evidence

log = logging.getLogger(__name__)

LEXICON_PATH = "data/reporting_verbs.yaml"

# Straight quotes open after these characters and close everywhere else.
_OPENS_STRAIGHT_QUOTE_AFTER = frozenset(" \t\n\r([{—–-/:")
_QUOTE_MARKS = re.compile("[“”\"]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
# Punctuation that frames content rather than belonging to it.
_EDGE_PUNCTUATION = frozenset({",", ";", ":", ".", "—", "–", "-", "--"})
_SENTENCE_END = frozenset(".!?…")
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Grammatical links through which a participle or infinitive shares its head's subject:
# "Zarif went on to say", "…, adding that", "and maintained that".
# "dep" is the parser's "some link": a reporting verb hanging there mostly shares the subject.
_SUBJECT_SHARING_LINKS = frozenset({"xcomp", "advcl", "conj", "dep"})
_ASIDE_MARKS = frozenset({",", "—", "–", "(", ")"})
# Parts of a noun phrase that can carry the name when its head does not, most telling first:
# "an analyst, Beni Sabti," then "the Kremlin spokesman".
_NAME_PARTS = ("appos", "compound")
# A quote further than this from its cue is not attached to it by adjacency.
_MAX_CUE_TO_QUOTE_GAP = 80


# ----------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class VerbCue:
    """How one reporting verb carries a claim; see the header of the lexicon file."""

    denial: bool = False
    accusation: bool = False
    complement: str | None = None
    object_content: bool = False

    @property
    def complement_word(self) -> str | None:
        """Where the content sits when the verb's object is a target rather than the content."""
        if self.complement:
            return self.complement
        return "of" if self.accusation else None


@dataclass(frozen=True)
class QuotedAs:
    """"X was quoted as saying": the quoting verb, the link and the speech verb, as written."""

    verb: str
    link: str
    speech: str


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, VerbCue]
    source_phrases: tuple[tuple[str, ...], ...]
    possessive_nouns: frozenset[str]
    quoted_as: tuple[QuotedAs, ...]


def parse_lexicon(data: Any) -> Lexicon:
    if not isinstance(data, dict):
        raise ConfigError(f"{LEXICON_PATH}: expected a mapping at the top level")
    verbs = _parse_verbs(data.get("verbs"))
    phrases = tuple(tuple(phrase.split()) for phrase in _word_list(data, "source_phrases"))
    possessive_nouns = frozenset(_word_list(data, "possessive_nouns"))
    quoted_as = []
    for phrase in _word_list(data, "quoted_as"):
        words = phrase.split()
        if len(words) != 3:
            raise ConfigError(f"{LEXICON_PATH}: quoted_as entry {phrase!r} needs exactly three words")
        quoted_as.append(QuotedAs(*words))
    return Lexicon(verbs, phrases, possessive_nouns, tuple(quoted_as))


def _parse_verbs(section: Any) -> dict[str, VerbCue]:
    if not isinstance(section, dict) or not section:
        raise ConfigError(f"{LEXICON_PATH}: section 'verbs' is missing or empty")
    verbs = {}
    for lemma, flags in section.items():
        flags = flags or {}
        unknown = set(flags) - set(VerbCue.__dataclass_fields__)
        if not isinstance(flags, dict) or unknown:
            raise ConfigError(f"{LEXICON_PATH}: verb {lemma!r} has unknown flags {sorted(unknown)}")
        verbs[str(lemma).lower()] = VerbCue(**flags)
    return verbs


def _word_list(data: dict[str, Any], section: str) -> list[str]:
    entries = data.get(section)
    if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
        raise ConfigError(f"{LEXICON_PATH}: section {section!r} must be a list of phrases")
    return [entry.lower() for entry in entries]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    text = resources.files("allsource").joinpath(LEXICON_PATH).read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))


# ----------------------------------------------------------------------------- quotes


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
    paragraph_starts = [match.end() for match in _PARAGRAPH_BREAK.finditer(text)]
    quotes = []
    open_marks: list[int] = []
    for match in _QUOTE_MARKS.finditer(text):
        offset = match.start()
        paragraph = bisect.bisect_right(paragraph_starts, offset)
        opening = _is_opening_mark(text, offset)
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
    if mark != '"':
        return mark == "“"
    return offset == 0 or text[offset - 1] in _OPENS_STRAIGHT_QUOTE_AFTER


# ----------------------------------------------------------------------------- context


@dataclass
class _Context:
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


def _build_context(doc: Doc, document: Document, mentions: MentionIndex) -> _Context:
    lexicon = load_lexicon()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.source_phrases:
        phrases.setdefault(phrase[0], []).append(phrase)
    quoted_as: dict[str, list[QuotedAs]] = {}
    for pattern in lexicon.quoted_as:
        quoted_as.setdefault(pattern.verb, []).append(pattern)
    return _Context(
        document_id=document.id,
        doc=doc,
        text=document.text,
        mentions=mentions,
        lexicon=lexicon,
        quotes=find_quotes(document.text),
        sentences=list(doc.sents),
        paragraph_breaks=[match.span() for match in _PARAGRAPH_BREAK.finditer(document.text)],
        phrases_by_first_word=phrases,
        quoted_as_by_verb=quoted_as,
    )


# ----------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class _Content:
    start: int
    end: int
    direct: bool
    # Entities the cue names as what the claim is about although they sit outside the
    # content: the accused in "X accused Y of Z".
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Frame:
    """The characters of an attribution itself: speaker and cue, without the content."""

    start: int
    end: int


@dataclass(frozen=True)
class _Attribution:
    speaker: str
    cue: str
    cue_start: int
    cue_end: int
    content: _Content
    negated: bool = False
    # The entity relaying the speaker's words ("Laylaz quoted Zarif as saying …").
    relayed_by: str | None = None
    # A quote whose speaker and cue were borrowed from a neighbouring attribution.
    borrowed: bool = False


def extract_claims(doc: Doc, document: Document, mentions: MentionIndex) -> list[Claim]:
    """One Claim per attribution in `document`, sorted by where its content starts.

    `doc` is the parsed `document.text`; `mentions` resolves spans to local entity ids.
    """
    context = _build_context(doc, document, mentions)
    attributions: list[_Attribution] = []
    for sentence in context.sentences:
        found = _guarded(_attributions_in_sentence, sentence, context)
        attributions.extend(a for a in found if _content_meets_cue_paragraph(a, context))
    attributions.extend(_guarded(_attribute_orphan_quotes, attributions, context))
    return _to_claims(attributions, context)


def _guarded(rule: Callable[[Any, _Context], Iterable[_Attribution]], subject: Any,
             context: _Context) -> list[_Attribution]:
    # Parses of real prose are sometimes malformed in ways no rule foresaw; losing one
    # sentence is better than losing the document, so the failure is logged and skipped.
    try:
        return list(rule(subject, context))
    except Exception:
        where = f"offset {subject.start_char}" if isinstance(subject, Span) else "quotes"
        log.warning("claims: %s failed at %s of %s", rule.__name__, where, context.document_id,
                    exc_info=True)
        return []


def _content_meets_cue_paragraph(attribution: _Attribution, context: _Context) -> bool:
    # The parser glues headings to the sentence below them; content found across such a seam
    # belongs to another paragraph than its cue and is a misparse.
    paragraph = context.paragraph_of(attribution.cue_start)
    content = attribution.content
    return paragraph in (context.paragraph_of(content.start), context.paragraph_of(content.end - 1))


def _attributions_in_sentence(sentence: Span, context: _Context) -> Iterable[_Attribution]:
    lexicon = context.lexicon
    for token in sentence:
        lower = token.lower_
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            yield from _from_reporting_verb(token, lexicon.verbs[lemma], context)
        if lower in context.phrases_by_first_word:
            yield from _from_source_phrase(token, sentence, context)
        if lower in lexicon.possessive_nouns:
            yield from _from_possessive(token, context)
        if lower in context.quoted_as_by_verb:
            yield from _from_quoted_as(token, context)


# --- "Zarif said that …", "“…,” he said", "X accused Y of …"


def _from_reporting_verb(verb: Token, cue: VerbCue, context: _Context) -> Iterable[_Attribution]:
    speaker_token = _speaker_token(verb, context)
    speaker = _entity_of(speaker_token, context.mentions)
    if speaker is None:
        return
    negated = cue.denial or _is_negated(verb)
    for content in _verb_contents(verb, cue, _frame(verb, speaker_token), context):
        yield _Attribution(speaker, verb.text, verb.idx, _end(verb), content, negated)


def _speaker_token(verb: Token, context: _Context) -> Token | None:
    # A passive subject is the topic, not the source ("X is said to …"); only an agent speaks.
    if _is_passive(verb):
        return _agent(verb)
    subject = _subject(verb)
    if _entity_of(subject, context.mentions) is None and verb.tag_ == "VBG" and verb.head.i != verb.i:
        # A trailing participle is often misparsed with a subject of its own ("echoed this view
        # while underscoring their proximity stating, “…”"); its speaker is the main clause's.
        governing = _verb_above(verb.head)
        if governing is not None:
            return _subject(governing)
    return subject


def _verb_contents(verb: Token, cue: VerbCue, frame: _Frame, context: _Context) -> list[_Content]:
    targeted = _targeted_content(verb, cue, context)
    if targeted is not None:
        return [targeted]
    contents = [_as_content(span, verb.idx, context) for span in _syntactic_spans(verb, cue, frame, context)]
    if not any(contents):
        contents = [_quote_content(quote, context) for quote in _adjacent_quotes(frame, context)]
    if not any(contents):
        parenthetical = _parenthetical_span(verb)
        contents = [_as_content(parenthetical, verb.idx, context)] if parenthetical else []
    contents = [content for content in contents if content is not None]
    if contents and contents[-1].direct and contents[-1].end <= frame.start:
        # "“…,” he said, “…”": the quote goes on after the attribution.
        continuation = _quote_after(frame.end, context)
        if continuation is not None:
            contents.append(_quote_content(continuation, context))
    return list(dict.fromkeys(contents))


def _targeted_content(verb: Token, cue: VerbCue, context: _Context) -> _Content | None:
    """"accused Y of Z", "described Y as Z", "called Y Z": Y is a target, Z the content."""
    word = cue.complement_word
    if word is None:
        return None
    target = _child(verb, "dobj")
    if word == "predicate":
        predicate = _child(verb, "oprd")
        span = _clause_span(predicate) if predicate is not None else None
    else:
        preposition = _preposition(verb, word)
        if preposition is None and target is not None:
            preposition = _preposition(target, word)
        span = _tokens_span(verb.doc, preposition.i + 1, preposition.right_edge.i) if preposition else None
    if span is None:
        return None
    content = _as_content(span, verb.idx, context)
    if content is None:
        return None
    target_entity = _entity_of(target, context.mentions)
    targets = (target_entity,) if target_entity else ()
    return _Content(content.start, content.end, content.direct, targets)


def _syntactic_spans(verb: Token, cue: VerbCue, frame: _Frame, context: _Context) -> list[tuple[int, int]]:
    """Content the parse ties to the verb: its clauses, or a that-clause on its object."""
    clauses = [_clause_span(child, _stray_subject(verb, child)) for child in verb.children if child.dep_ == "ccomp"]
    clauses = [span for span in clauses if span is not None and _reaches_frame(span, frame, context)]
    if clauses:
        return clauses
    target = _child(verb, "dobj")
    if target is None:
        return []
    # "rejected claims that …", "dismissed reports that …"
    for child in target.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and _opens_with_that(child):
            span = _clause_span(child)
            return [span] if span else []
    if cue.object_content and target.pos_ != "PRON":
        span = _clause_span(target)
        return [span] if span else []
    return []


def _reaches_frame(span: tuple[int, int], frame: _Frame, context: _Context) -> bool:
    # Content before the cue must end right where the attribution starts ("Iran is weak, he
    # said"); otherwise the parser has hung an earlier, unrelated clause on the verb.
    return span[1] > frame.start or _only_marks_between(span[1], frame.start, context)


def _parenthetical_span(verb: Token) -> tuple[int, int] | None:
    """"This plan, he says, would fail": the content is the clause around the aside."""
    if verb.dep_ != "parataxis" or _child(verb, "dobj") is not None or not _is_aside(verb):
        return None
    return _clause_without(verb.head, verb.left_edge.i, verb.right_edge.i)


def _is_aside(verb: Token) -> bool:
    """The verb's words are set off by commas or dashes, or close the sentence after one."""
    doc = verb.doc
    first, last = verb.left_edge.i, verb.right_edge.i
    left = doc[first] if doc[first].is_punct else (doc[first - 1] if first > 0 else None)
    right = doc[last] if doc[last].is_punct else (doc[last + 1] if last + 1 < len(doc) else None)
    if left is None or left.text not in _ASIDE_MARKS:
        return False
    return right is None or right.text in _ASIDE_MARKS or right.text in _SENTENCE_END


# --- quotes next to their cue


def _adjacent_quotes(frame: _Frame, context: _Context) -> list[Quote]:
    after = _quote_after(frame.end, context)
    if after is not None:
        return [after]
    before = _quote_before(frame.start, context)
    return [before] if before is not None else []


def _quote_after(offset: int, context: _Context) -> Quote | None:
    """A quote introduced by the cue: "said: “…”", "told reporters, “…”"."""
    quote = context.first_quote_from(offset)
    if quote is None or quote.open - offset > _MAX_CUE_TO_QUOTE_GAP:
        return None
    gap = context.text[offset:quote.open]
    introduced = gap.strip() == "" or gap.rstrip()[-1] in ",:"
    if not introduced or any(char in _SENTENCE_END for char in gap):
        return None
    # Another verb in between means the quote belongs to another clause ("echoed this view
    # while stressing …, stating, “…”" gives the quote to "stating").
    if _has_verb_between(offset, quote.open, context):
        return None
    return quote


def _quote_before(offset: int, context: _Context) -> Quote | None:
    """A quote the attribution follows: "“…,” he said"."""
    quote = context.last_quote_closed_before(offset)
    if quote is None or not _only_marks_between(quote.close + 1, offset, context):
        return None
    return quote


def _only_marks_between(start: int, end: int, context: _Context) -> bool:
    return not context.text[start:end].strip(" \t\n,”\"—–")


def _has_verb_between(start: int, end: int, context: _Context) -> bool:
    token = context.token_at(start)
    doc = context.doc
    index = token.i if token.idx >= start else token.i + 1
    while index < len(doc) and doc[index].idx < end:
        if doc[index].pos_ == "VERB":
            return True
        index += 1
    return False


def _as_content(span: tuple[int, int], cue_start: int, context: _Context) -> _Content | None:
    """The content for a syntactic span; a span lying within a quote stands for the whole quote.

    None for a span that runs over a paragraph break, which only a misparse produces."""
    start, end = span
    quote = context.quote_containing(start)
    cue_inside_quote = quote is not None and quote.open < cue_start < quote.close
    if quote is not None and end <= quote.close + 1 and not cue_inside_quote:
        return _quote_content(quote, context)
    return _balanced(start, end, context)


def _quote_content(quote: Quote, context: _Context) -> _Content:
    """The words between the marks, without the comma that hands over to the attribution."""
    text = context.text
    start, end = quote.open + 1, quote.close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return _Content(start, end, True)


def _balanced(start: int, end: int, context: _Context) -> _Content | None:
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
    return _Content(start, end, False)


# --- "according to X, …", "in X's words, …", "X was quoted as saying …"


def _from_source_phrase(first: Token, sentence: Span, context: _Context) -> Iterable[_Attribution]:
    for words in context.phrases_by_first_word[first.lower_]:
        stop = first.i + len(words)
        if stop > sentence.end:
            continue
        phrase = context.doc[first.i:stop]
        if tuple(token.lower_ for token in phrase) != words:
            continue
        source = _child(phrase[-1], "pobj")
        speaker = _entity_of(source, context.mentions)
        # "according" is itself tagged as a verb; the clause it qualifies is above it.
        clause = _verb_above(first.head) if first.head.i != first.i else None
        if speaker is None or clause is None:
            continue
        content = _phrase_content(clause, first, source, context)
        if content is not None:
            yield _Attribution(speaker, phrase.text, first.idx, phrase.end_char, content)


def _phrase_content(clause: Token, first: Token, source: Token, context: _Context) -> _Content | None:
    """"according to X, “…”" gives the quote; "according to X, Y did Z" the rest of the clause."""
    quote = _quote_after(_end(source.right_edge), context)
    if quote is not None:
        return _quote_content(quote, context)
    span = _clause_without(clause, first.i, source.right_edge.i)
    return _as_content(span, first.idx, context) if span else None


def _from_possessive(noun: Token, context: _Context) -> Iterable[_Attribution]:
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "in":
        return
    speaker = _entity_of(_child(noun, "poss"), context.mentions)
    clause = _verb_above(preposition)
    if speaker is None or clause is None:
        return
    span = _clause_without(clause, preposition.i, preposition.right_edge.i)
    content = _as_content(span, preposition.idx, context) if span else None
    if content is not None:
        cue = context.doc[preposition.i:noun.i + 1]
        yield _Attribution(speaker, cue.text, cue.start_char, cue.end_char, content)


def _from_quoted_as(verb: Token, context: _Context) -> Iterable[_Attribution]:
    """The quoted speaker's claim, and the relayer's when one is named; both share the content."""
    for pattern in context.quoted_as_by_verb[verb.lower_]:
        link = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == pattern.link), None)
        speech = next((c for c in link.children if c.lower_ == pattern.speech), None) if link else None
        if speech is None:
            continue
        passive = _is_passive(verb)
        speaker_token = _child(verb, "nsubjpass" if passive else "dobj")
        relayer_token = _agent(verb) if passive else _subject(verb)
        speaker = _entity_of(speaker_token, context.mentions)
        relayer = _entity_of(relayer_token, context.mentions)
        frame = _frame(verb, speaker_token, relayer_token)
        frame = _Frame(frame.start, max(frame.end, _end(speech)))
        negated = _is_negated(verb) or _is_negated(speech)
        cue = " ".join(token.text for token in (verb, link, speech))
        for content in _verb_contents(speech, VerbCue(), frame, context):
            if relayer is not None:
                yield _Attribution(relayer, verb.text, verb.idx, _end(verb), content, negated)
            if speaker is not None:
                yield _Attribution(speaker, cue, verb.idx, _end(speech), content, negated,
                                   relayed_by=relayer)


# --- quotes with no cue of their own


def _attribute_orphan_quotes(attributions: list[_Attribution], context: _Context) -> Iterable[_Attribution]:
    """Speech quotes no cue claimed: the speaker named before their colon, else a neighbour's."""
    outermost = [a for a in attributions if not _is_nested(a, attributions, context)]
    for quote in context.quotes:
        if _is_claimed(quote, attributions) or not _opens_speech(quote, context):
            continue
        attribution = (_colon_attribution(quote, outermost, context)
                       or _borrowed_attribution(quote, outermost, context))
        if attribution is not None:
            yield attribution


def _is_claimed(quote: Quote, attributions: list[_Attribution]) -> bool:
    # Attributions made inside the quote are part of it and do not account for it.
    return any(
        a.content.start <= quote.close and a.content.end > quote.open
        and not quote.open < a.cue_start < quote.close
        for a in attributions
    )


def _opens_speech(quote: Quote, context: _Context) -> bool:
    """A quote that starts a sentence or follows a colon is speech; one inside a clause is a
    phrase the author borrows ("a “good will” advantage") and has no speaker to find."""
    text = context.text
    offset = quote.open - 1
    while offset >= 0 and text[offset].isspace():
        if text[offset] == "\n":
            return True
        offset -= 1
    if offset < 0:
        return True
    if text[offset] in "”\"" and offset > 0:
        offset -= 1
    return text[offset] in _SENTENCE_END or text[offset] == ":"


def _colon_attribution(quote: Quote, outermost: list[_Attribution], context: _Context) -> _Attribution | None:
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
    content = _quote_content(quote, context)
    # "According to him, Putin forced Iran to act: “…”": the clause is itself someone's account.
    account = next((a for a in outermost if a.content.start <= clause.idx < a.content.end), None)
    if account is not None:
        return _Attribution(account.speaker, account.cue, account.cue_start, account.cue_end, content,
                            borrowed=True)
    speaker = None if _is_passive(clause) else _entity_of(_subject(clause), context.mentions)
    if speaker is None:
        return None
    return _Attribution(speaker, clause.text, clause.idx, _end(clause), content, _is_negated(clause))


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


def _borrowed_attribution(quote: Quote, outermost: list[_Attribution], context: _Context) -> _Attribution | None:
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
    content = _quote_content(quote, context)
    return _Attribution(source.speaker, source.cue, source.cue_start, source.cue_end, content, borrowed=True)


def _is_nested(attribution: _Attribution, attributions: list[_Attribution], context: _Context) -> bool:
    if attribution.borrowed or attribution.relayed_by is not None:
        return True
    if context.quote_containing(attribution.cue_start) is not None:
        return True
    return any(_encloses(other, attribution) for other in attributions)


def _encloses(outer: _Attribution, inner: _Attribution) -> bool:
    """`inner` was made inside `outer`'s account: its cue lies in the larger content of another speaker."""
    outer_size = outer.content.end - outer.content.start
    inner_size = inner.content.end - inner.content.start
    return (outer.speaker != inner.speaker
            and outer.content.start <= inner.cue_start < outer.content.end
            and outer_size > inner_size)


# ----------------------------------------------------------------------------- claims


def _to_claims(attributions: list[_Attribution], context: _Context) -> list[Claim]:
    unique: dict[str, _Attribution] = {}
    # Two cues may report the same content by the same speaker; the first cue wins.
    for attribution in sorted(attributions, key=lambda a: (a.content.start, a.content.end, a.cue_start)):
        if attribution.content.end > attribution.content.start:
            unique.setdefault(_claim_id(context.document_id, attribution.content, attribution.speaker),
                              attribution)
    claims = [
        _to_claim(claim_id, attribution, _enclosing_claim(attribution, unique, context), context)
        for claim_id, attribution in unique.items()
    ]
    return sorted(claims, key=lambda claim: (claim.evidence[0].start, claim.evidence[0].end, claim.id))


def _claim_id(document_id: str, content: _Content, speaker: str) -> str:
    return make_id("claim", document_id, content.start, content.end, speaker)


def _enclosing_claim(attribution: _Attribution, unique: dict[str, _Attribution], context: _Context) -> str | None:
    """The id of the innermost claim whose account contains this one."""
    if attribution.relayed_by is not None:
        relay_id = _claim_id(context.document_id, attribution.content, attribution.relayed_by)
        return relay_id if relay_id in unique else None
    enclosing = [(other.content.end - other.content.start, claim_id)
                 for claim_id, other in unique.items() if _encloses(other, attribution)]
    return min(enclosing)[1] if enclosing else None


def _to_claim(claim_id: str, attribution: _Attribution, via: str | None, context: _Context) -> Claim:
    content = attribution.content
    if attribution.borrowed:
        around = context.sentences_around(content.start, content.end)
    else:
        around = context.sentences_around(min(content.start, attribution.cue_start),
                                          max(content.end, attribution.cue_end))
    evidence = [_evidence(context, content.start, content.end), _evidence(context, *around)]
    return Claim(
        id=claim_id,
        speaker=attribution.speaker,
        cue=attribution.cue,
        text=context.text[content.start:content.end],
        direct=content.direct,
        evidence=evidence,
        about=_about(attribution, context),
        via=via,
        negated=attribution.negated,
    )


def _evidence(context: _Context, start: int, end: int) -> Evidence:
    return Evidence(context.document_id, start, end, context.text[start:end])


def _about(attribution: _Attribution, context: _Context) -> list[str]:
    content = attribution.content
    entities = [*content.targets, *context.mentions.entities_in(content.start, content.end)]
    return [entity for entity in dict.fromkeys(entities) if entity != attribution.speaker]


# ----------------------------------------------------------------------------- parse helpers


def _end(token: Token) -> int:
    return token.idx + len(token)


def _child(token: Token, dep: str) -> Token | None:
    return next((child for child in token.children if child.dep_ == dep), None)


def _preposition(token: Token, word: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == "prep" and c.lower_ == word), None)


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _agent(verb: Token) -> Token | None:
    agent = _child(verb, "agent")
    return _child(agent, "pobj") if agent is not None else None


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, or the one it shares with the verb it hangs from."""
    node = verb
    for _ in range(4):  # such chains are short; the bound guards against odd parses
        subject = _child(node, "nsubj")
        if subject is not None:
            if subject.lower_ in _RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ not in _SUBJECT_SHARING_LINKS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and _child(node.head, "dobj") is not None:
            return _child(node.head, "dobj")  # "told me to say": the object is who speaks
        node = node.head
    return None


def _entity_of(token: Token | None, mentions: MentionIndex) -> str | None:
    if token is None:
        return None
    parts = sorted((c for c in token.children if c.dep_ in _NAME_PARTS), key=lambda c: _NAME_PARTS.index(c.dep_))
    for candidate in (token, *parts):
        entity = mentions.entity_at(candidate.idx, _end(candidate))
        if entity is not None:
            return entity
    return None


def _verb_above(token: Token) -> Token | None:
    """The nearest verb at or above `token`: the clause a phrase such as "according to" qualifies."""
    node = token
    while True:
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head


def _frame(verb: Token, *participants: Token | None) -> _Frame:
    """The attribution's own characters: the verb and the participants hanging from it."""
    start, end = verb.idx, _end(verb)
    for participant in participants:
        if participant is not None and participant.head.i == verb.i:
            start = min(start, participant.left_edge.idx)
            end = max(end, _end(participant.right_edge))
    return _Frame(start, end)


def _opens_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"


def _clause_span(head: Token, subject: Token | None = None) -> tuple[int, int] | None:
    first = subject.left_edge.i if subject is not None else head.left_edge.i
    return _tokens_span(head.doc, first, head.right_edge.i)


def _stray_subject(verb: Token, clause: Token) -> Token | None:
    """"claimed its division is the largest" is often parsed with "its division" as the object of
    "claimed" and a subjectless clause after it; the object is then the clause's subject."""
    if any(child.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for child in clause.children):
        return None
    target = _child(verb, "dobj")
    if target is not None and target.right_edge.i + 1 == clause.left_edge.i:
        return target
    return None


def _clause_without(head: Token, first_excluded: int, last_excluded: int) -> tuple[int, int] | None:
    """The clause of `head` minus an attribution at its edge; one in its middle stays in."""
    first, last = head.left_edge.i, head.right_edge.i
    if first_excluded <= first:
        first = last_excluded + 1
    elif last_excluded >= last:
        last = first_excluded - 1
    return _tokens_span(head.doc, first, last)


def _tokens_span(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Characters of tokens first..last without framing punctuation or a leading "that"."""
    while first <= last and _is_framing(doc[first], leading=True):
        first += 1
    while last >= first and _is_framing(doc[last], leading=False):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, _end(doc[last])


def _is_framing(token: Token, leading: bool) -> bool:
    """Spacing, punctuation around the content, the "that" that introduces it, or a quote mark
    that belongs to a quote on the other side of the span's edge."""
    stray_mark = "”" if leading else "“"
    if token.is_space or token.text in _EDGE_PUNCTUATION or token.text == stray_mark:
        return True
    return leading and token.dep_ == "mark" and token.lower_ == "that"
