"""Dependency-tree helpers shared by the statement and event extractors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from allsource.extract.mentionindex import MentionIndex
from allsource.extract.temporal import find_time_expressions, normalise_time
from allsource.model.ids import make_id
from allsource.model.records import Evidence, Statement, TimeSpan

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


@dataclass(frozen=True)
class Cues:
    verbs: dict
    nouns: dict
    light_verbs: frozenset
    traded_goods: frozenset
    leader_words: frozenset
    role_words: frozenset
    unit_words: frozenset
    hedges: frozenset
    prep_frames: tuple
    capital_words: frozenset
    event_side_preps: frozenset
    member_words: frozenset


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    text = resources.files("allsource").joinpath("data/predicate_cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    roles = data["roles"]
    return Cues(verbs=data["verbs"], nouns=data["nouns"], light_verbs=frozenset(data["light_verbs"]),
                traded_goods=frozenset(data["traded_goods"]), leader_words=frozenset(roles["leader_words"]),
                role_words=frozenset(roles["leader_words"]) | frozenset(roles["other_words"]),
                unit_words=frozenset(roles["unit_words"]), hedges=frozenset(data["hedges"]),
                prep_frames=tuple(data["prep_frames"]), capital_words=frozenset(data["capital_words"]),
                event_side_preps=frozenset(data["event_side_preps"]), member_words=frozenset(data["member_words"]))


def entity_of(token, mentions: MentionIndex, *, through_modifiers: bool = True) -> str | None:
    """The entity a noun phrase headed by `token` refers to: a mention on the head itself,
    or else one on its modifiers ("Russian forces" -> Russia, "Iran's government" -> Iran)."""
    found = mentions.entity_at(token.idx, token.idx + len(token.text))
    if found or not through_modifiers:
        return found
    for child in token.children:
        # "the Soviet leader, Mikhail Gorbachev": the apposition names whom the noun means
        if child.dep_ == "appos":
            named = mentions.entity_at(child.idx, child.idx + len(child.text))
            if named:
                return named
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and child.i < token.i:
            found = mentions.entity_at(child.idx, child.idx + len(child.text)) or entity_of(
                child, mentions, through_modifiers=False)
            if found:
                return found
    return None


def with_conjuncts(token) -> list:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def subjects_of(verb, *, through_prepositions: bool = False) -> list:
    """Subjects of a verb, inherited from the verb it is coordinated with or controlled by,
    and with `through_prepositions` from the verb a prepositional clause hangs from ("after
    suing the agency, Iran…"; events leave this off: it brings in agents of the main clause
    that the happening does not have)."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects and current.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_PRONOUNS:
            return with_conjuncts(described(current.head))  # "officials, who strike…": the officials strike
        if subjects:
            return [s for subject in subjects for s in with_conjuncts(subject)]
        if current.dep_ == "xcomp":
            # object control: in "appointed X to replace Y" the one replacing is X
            controllers = [c for c in current.head.children if c.dep_ in ("dobj", "obj")]
            if controllers:
                return with_conjuncts(controllers[0])
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
            current = current.head
        elif through_prepositions and current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
        else:
            break
    return []


def described(noun):
    """The phrase a common noun describes: "X, a politician who…" and "X was a politician
    who…" are about X; any other noun stands for itself."""
    if noun.pos_ != "NOUN":
        return noun
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ in ("attr", "oprd") and noun.head.lemma_ in ("be", "become", "remain"):
        subjects = [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
    return noun


def is_negated(verb) -> bool:
    """'did not supply', 'never met', and 'No Americans were killed' (a negative subject)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.lower_ in ("never", "no longer") for c in verb.children if c.dep_ in ("advmod", "neg")):
        return True
    return any(d.lower_ in ("no", "neither") and d.dep_ == "det"
               for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for d in c.children)


def modality(verb, sentence) -> str:
    hedges = load_cues().hedges
    if any(c.lower_ in hedges for c in verb.children if c.dep_ in ("advmod", "aux")):
        return "hedged"
    if any(t.lower_ in hedges and t.dep_ == "advmod" for t in sentence):
        return "hedged"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in ("say", "believe", "report", "think", "seem", "appear", "allege"):
        return "hedged"
    return "plain"


def evidence_for(document_id: str, text: str, sentence) -> Evidence:
    start, end = sentence.start_char, sentence.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(document_id, start, end, text[start:end])


CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "xcomp", "parataxis"})


def time_for(anchor_token, sentence, published: str | None) -> TimeSpan | None:
    """The time of a clause: the nearest date attached to the anchor, else to the clauses it
    hangs from ("visited Moscow in January and met Putin": the meeting is in January), else
    the only date expression in the sentence."""
    spans = _date_spans(sentence)
    if not spans:
        return None
    token, pool = anchor_token, []
    for _ in range(4):
        pool = [s for s in spans if _within_clause(token, s)]
        if pool or token.head is token:
            break
        token = token.head
    if not pool and len(spans) == 1:
        pool = spans
    for start, end in sorted(pool, key=lambda s: abs(s[0] - anchor_token.idx)):
        found = normalise_time(sentence.text[start - sentence.start_char:end - sentence.start_char], published)
        if found:
            return found
    return None


DESCRIPTIVE_DEPS = CLAUSE_DEPS | {"appos", "acl"}


def _within_clause(head, span: tuple[int, int]) -> bool:
    """True when the span's first word hangs from `head` without passing through another
    clause or a description ("positions in Syria, the first time since 1979")."""
    stack, seen = [head], []
    while stack:
        token = stack.pop()
        seen.append(token)
        stack.extend(c for c in token.children if c.dep_ not in DESCRIPTIVE_DEPS
                     and not (c.dep_ == "npadvmod" and c.ent_type_ != "DATE"))  # "the first time since…"
    return any(t.idx <= span[0] < t.idx + len(t.text) for t in seen)


def _date_spans(sentence) -> list[tuple[int, int]]:
    # cached per document: Span.ents scans the whole document's entities on each access
    cache = sentence.doc.user_data.setdefault("allsource_date_spans", {})
    if sentence.start_char not in cache:
        cache[sentence.start_char] = _find_date_spans(sentence)
    return cache[sentence.start_char]


def _find_date_spans(sentence) -> list[tuple[int, int]]:
    ents = sentence.doc.user_data.get("allsource_date_ents")
    if ents is None:
        ents = sentence.doc.user_data["allsource_date_ents"] = [
            (e.start_char, e.end_char) for e in sentence.doc.ents if e.label_ == "DATE"]
    spans = {(a, b) for a, b in ents if sentence.start_char <= a and b <= sentence.end_char}
    base = sentence.start_char
    for start, end in find_time_expressions(sentence.text):
        span = (base + start, base + end)
        if not any(s <= span[0] and span[1] <= e for s, e in spans):
            spans.add(span)
    cleaned = []
    text = sentence.text
    for start, end in sorted(spans):
        while end > start and text[end - 1 - base].isspace():
            end -= 1
        cleaned.append((start, end))
    return cleaned


def make_statement(document, sentence, subject, predicate, obj, *, anchor, extractor, item=None, role=None,
                   confidence=0.75) -> Statement:
    """A statement with the sentence as evidence, its negation and modality read off `anchor`."""
    evidence = evidence_for(document.id, document.text, sentence)
    negated = is_negated(anchor) if anchor.pos_ in ("VERB", "AUX") else False
    mood = modality(anchor, sentence)
    # a title or apposition names an office, not when it was held: the sentence's date
    # ("Major General Soleimani was killed on January 3, 2020") belongs to something else
    undated = extractor in ("title", "apposition", "possessive")
    time = None if undated else time_for(anchor, sentence, document.published)
    if mood == "hedged":
        confidence *= 0.7
    return Statement(
        id=make_id("st", document.id, subject, predicate, obj, item, role, evidence.start, extractor, negated),
        subject=subject, predicate=predicate, object=obj, evidence=[evidence], item=item, role=role,
        time=time, negated=negated, modality=mood, confidence=round(confidence, 2), extractor=extractor)
