"""Mention candidates: the trained NER combined with the gazetteer and domain patterns.

The statistical model makes systematic errors on this genre (surnames of Persian and Arabic
names tagged as places, acronyms such as IRGC tagged as countries, possessives inside spans);
the rules here fix those classes of error, never single sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from allsource.extract.gazetteer import Gazetteer, load_gazetteer
from allsource.model.names import TITLES

NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
             "FAC": "facility", "PRODUCT": "product", "LAW": "agreement", "EVENT": "event"}

PERSON_TITLE_WORDS = frozenset({
    "president", "minister", "commander", "general", "gen", "ayatollah", "mr", "mrs", "ms", "dr",
    "lt", "col", "colonel", "sheikh", "king", "prince", "envoy", "ambassador", "spokesman",
    "spokeswoman", "chief", "secretary", "senator", "sen", "admiral", "brigadier", "major",
    "hojatoleslam", "imam", "leader", "premier", "chairman", "director", "deputy", "emir",
})

UNIT_WORDS = ["force", "forces", "brigade", "brigades", "corps", "division", "regiment",
              "battalion", "militia", "army", "guard", "guards", "front", "movement", "party",
              "ministry", "council", "agency", "organization", "organisation", "committee"]
AGREEMENT_WORDS = ["treaty", "accord", "accords", "agreement", "pact", "protocol", "convention"]

WEAPON_DESIGNATION = re.compile(
    r"\b(?!COVID|SARS|G-|P-|H-|N-|A-\d)[A-Z][A-Za-z]{0,7}-(?:[A-Z]{1,2})?\d{1,4}(?:[A-Z]{1,3}\d?)?\b")
FACILITY_WORDS = ["base", "airbase", "airfield", "port", "plant", "reactor", "facility", "complex", "zone", "site",
                  "airport", "refinery", "shipyard"]
NAME_TOKEN = {"TEXT": {"REGEX": r"^(?:[A-Z][\w'-]*|al|el|-)$"}}

# Capitalised words the model tags alone as organisations or places inside titles
# ("Supreme Leader", "Secretary of State", "Defence Minister"): never a name by themselves.
GENERIC_WORDS = frozenset({"state", "defence", "defense", "supreme", "foreign", "interior", "security", "government",
                           "regime", "republic", "ministry", "council", "leader", "president", "parliament",
                           "treasury", "cabinet", "court", "navy", "army", "air", "force", "guard", "guards"})
# Nouns that only describe people: an apposition with one marks its head as a person.
PERSON_NOUNS = frozenset({"cleric", "diplomat", "commander", "minister", "president", "leader", "general", "official",
                          "analyst", "journalist", "spokesman", "spokeswoman", "successor", "predecessor", "son",
                          "daughter", "father", "brother", "adviser", "advisor", "aide", "envoy", "ambassador",
                          "politician", "lawmaker", "head", "chief", "founder", "negotiator", "deputy", "colonel",
                          "scientist", "economist", "theologian", "ayatollah", "cleric", "strongman", "ruler"})

PRIORITY = {"gazetteer": 5, "pattern": 4, "ner": 3, "seat": 2, "demonym": 1}


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    type: str
    source: str
    subtype: str = ""
    canonical: str = ""
    seat_of: str = ""
    token_start: int = 0
    token_end: int = 0


@lru_cache(maxsize=4)
def _matchers(vocab_id: int, vocab):
    from spacy.matcher import Matcher, PhraseMatcher

    gazetteer = load_gazetteer()
    exact, lower = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
    from spacy.lang.en import English

    make = English(vocab=vocab).make_doc
    for surface in gazetteer.surfaces():
        # the gazetteer keeps case-sensitive forms as written and the others lower-cased
        (lower if surface == surface.lower() else exact).add("GAZ", [make(surface)])
    for capitalised in gazetteer.capitalised:
        exact.add("CAPS", [make(capitalised)])
    seats = PhraseMatcher(vocab, attr="ORTH")
    for seat in gazetteer.seats_of_power:
        seats.add("SEAT", [make(seat)])
    patterns = Matcher(vocab)
    patterns.add("UNIT", [[{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": UNIT_WORDS}, "IS_TITLE": True}]],
                 greedy="LONGEST")
    patterns.add("AGREEMENT", [
        [{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": AGREEMENT_WORDS}, "IS_TITLE": True}],
        [{"LOWER": {"IN": ["treaty", "accord", "accords"]}, "IS_TITLE": True}, {"LOWER": "of"},
         {"IS_TITLE": True, "OP": "+"}],
        [{"LOWER": "resolution"}, {"LIKE_NUM": True}],
    ], greedy="LONGEST")
    patterns.add("FACILITY", [[{**NAME_TOKEN, "OP": "+"}, {"LOWER": {"IN": ["air", "naval", "nuclear", "military"]}, "OP": "?"},
                               {"LOWER": {"IN": FACILITY_WORDS}}]], greedy="LONGEST")
    patterns.add("WEAPON_CLASS", [[{"TEXT": {"REGEX": r"^[A-Z]\w*-class$"}}, {"POS": "NOUN"}],
                                  [{"TEXT": {"REGEX": r"^[A-Z]\w*$"}}, {"ORTH": "-"}, {"LOWER": "class"}, {"POS": "NOUN"}]],
                 greedy="LONGEST")
    return exact, lower, seats, patterns


def find_candidates(doc, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Every named-mention candidate in the document, overlaps resolved, spans trimmed."""
    gazetteer = gazetteer or load_gazetteer()
    named = _ner_candidates(doc, gazetteer)
    found = (_outside_longer_names(doc, _gazetteer_candidates(doc, gazetteer), named) + _pattern_candidates(doc)
             + named + _demonym_candidates(doc, gazetteer))
    chosen = _without_overlaps(found)
    for candidate in chosen:
        _fix_type(doc, candidate, gazetteer)
    chosen = _whole_person_names(doc, chosen, gazetteer)
    return sorted(chosen + _unlabelled_agents(doc, chosen, gazetteer), key=lambda c: c.start)


# Verbs whose subject is a person: a proper name the model left untagged (or called a
# nationality) that does one of these is a person's name. A lone word needs a verb that only
# people do; "said" also has companies and governments for subjects.
PEOPLE_ONLY_VERBS = frozenset({"meet", "tell", "criticise", "criticize", "arrive", "attend", "visit", "resign",
                               "speak", "travel", "vow", "pledge", "smile", "die", "marry", "testify"})
PERSON_AGENT_VERBS = PEOPLE_ONLY_VERBS | {"say", "add", "announce", "claim", "insist", "warn", "urge", "deny",
                                          "argue", "accuse", "praise", "condemn", "call", "ask", "reply"}
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "ben", "de", "da", "van", "von", "ul"})


def _whole_person_names(doc, chosen: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """The model often cuts an unfamiliar name short or splits it in two ("Nkosazana Clarice" +
    "Dlamini Zuma"): a person's span grows over the capitalised proper nouns beside it (and a
    particle such as "al" or "bin" between them), taking in any other model-only span there."""
    owner = {i: c for c in chosen for i in range(c.token_start, c.token_end)}
    absorbed: set[int] = set()
    for cand in chosen:
        if cand.type != "person" or cand.source != "ner" or id(cand) in absorbed:
            continue
        start, end = cand.token_start, cand.token_end
        # a name never runs across a sentence boundary
        while start > 0 and not doc[start].is_sent_start and _joins_name(doc, start - 1, owner, cand, gazetteer):
            start -= 1
        while end < len(doc) and not doc[end].is_sent_start:
            if _joins_name(doc, end, owner, cand, gazetteer):
                end += 1
            elif (doc[end].lower_ in NAME_PARTICLES and end + 1 < len(doc) and not doc[end + 1].is_sent_start
                  and _joins_name(doc, end + 1, owner, cand, gazetteer)):
                end += 2
            else:
                break
        if (start, end) == (cand.token_start, cand.token_end):
            continue
        absorbed.update(id(owner[i]) for i in range(start, end) if i in owner and owner[i] is not cand)
        cand.token_start, cand.token_end = start, end
        cand.start, cand.end, cand.text = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), doc[start:end].text
        for i in range(start, end):
            owner[i] = cand
    return [c for c in chosen if id(c) not in absorbed]


def _unlabelled_agents(doc, chosen: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """Runs of capitalised proper nouns that no candidate covers and that are the subject of a
    verb people do ("Albade Abouba criticised the budget") are people."""
    covered = {i for c in chosen for i in range(c.token_start, c.token_end)}
    out = []
    for token in doc:
        if token.dep_ != "nsubj" or token.i in covered or not _bare_name_word(token, gazetteer):
            continue
        start, end = token.i, token.i + 1
        while start > 0 and start - 1 not in covered and (_bare_name_word(doc[start - 1], gazetteer)
                                                        or doc[start - 1].lower_ in NAME_PARTICLES):
            start -= 1
        while doc[start].lower_ in NAME_PARTICLES:
            start += 1
        verbs = PERSON_AGENT_VERBS if end - start > 1 else PEOPLE_ONLY_VERBS
        if token.head.lemma_.lower() not in verbs or gazetteer.lookup(doc[start:end].text):
            continue
        span = doc[start:end]
        out.append(Candidate(span.start_char, span.end_char, span.text, "person", "agent",
                             token_start=start, token_end=end))
        covered.update(range(start, end))
    return out


def _bare_name_word(token, gazetteer: Gazetteer) -> bool:
    word = token.lower_.rstrip(".")
    return (token.pos_ == "PROPN" and token.is_title and word not in TITLES and word not in PERSON_TITLE_WORDS
            and word not in GENERIC_WORDS and token.text not in gazetteer.demonyms and not gazetteer.lookup(token.text)
            and not gazetteer.seat(token.text))


def _joins_name(doc, i: int, owner: dict, cand: Candidate, gazetteer: Gazetteer) -> bool:
    token = doc[i]
    other = owner.get(i)
    if other is cand or token.pos_ != "PROPN" or not token.is_title:
        return False
    word = token.lower_.rstrip(".")
    if (word in TITLES or word in PERSON_TITLE_WORDS or word in GENERIC_WORDS or token.text in gazetteer.demonyms
            or gazetteer.lookup(token.text)):
        return False
    return other is None or (other.source == "ner" and all(t.pos_ == "PROPN" and t.is_title
                                                            for t in doc[other.token_start:other.token_end]))


def _span_candidate(doc, start_token: int, end_token: int, type_: str, source: str, **extra):
    span = _trim(doc[start_token:end_token])
    if span is None:
        return None
    return Candidate(span.start_char, span.end_char, span.text, type_, source,
                     token_start=span.start, token_end=span.end, **extra)


def _trim(span):
    """Drops a leading article, leading person titles and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("'s", "\u2019s")):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in "([":
        start += 1
    if start >= end:
        return None
    return doc[start:end]


def _gazetteer_candidates(doc, gazetteer: Gazetteer) -> list[Candidate]:
    exact, lower, seats, _ = _matchers(id(doc.vocab), doc.vocab)
    out = []
    for _, start, end in list(exact(doc)) + list(lower(doc)):
        entry = gazetteer.lookup(doc[start:end].text)
        if entry is None:
            seat_of = gazetteer.seat(doc[start:end].text)
            cand = seat_of and _span_candidate(doc, start, end, "place", "seat", seat_of=seat_of)
            if cand:
                out.append(cand)
            continue
        cand = _span_candidate(doc, start, end, entry.type, "gazetteer", subtype=entry.subtype,
                               canonical=entry.name)
        if cand:
            out.append(cand)
    for _, start, end in seats(doc):
        state = gazetteer.seats_of_power[doc[start:end].text]
        cand = _span_candidate(doc, start, end, "place", "seat", seat_of=state)
        if cand:
            out.append(cand)
    return out


def _pattern_candidates(doc) -> list[Candidate]:
    *_, patterns = _matchers(id(doc.vocab), doc.vocab)
    out = []
    for match_id, start, end in patterns(doc):
        label = doc.vocab.strings[match_id]
        if label == "UNIT" and doc[start].is_sent_start and end - start == 2 and doc[start].pos_ != "PROPN":
            continue  # a sentence-initial capital is no evidence of a name
        type_, subtype = {"AGREEMENT": ("agreement", ""), "FACILITY": ("facility", ""),
                          "WEAPON_CLASS": ("weapon", "")}.get(label, ("organization", ""))
        if label == "UNIT" and doc[end - 1].lower_ in ("force", "forces", "brigade", "brigades", "corps",
                                                       "division", "regiment", "battalion", "army",
                                                       "guard", "guards", "militia"):
            subtype = "military_unit"
        cand = _span_candidate(doc, start, end, type_, "pattern", subtype=subtype)
        if cand:
            out.append(cand)
    for match in WEAPON_DESIGNATION.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            out.append(Candidate(span.start_char, span.end_char, span.text, "weapon", "pattern",
                                 token_start=span.start, token_end=span.end))
    return out


def _ner_candidates(doc, gazetteer: Gazetteer) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None:
            continue
        cand = _span_candidate(doc, ent.start, ent.end, type_, "ner")
        if cand is None or not any(ch.isupper() for ch in cand.text) or cand.text.lower() in GENERIC_WORDS:
            continue
        if "\n" in cand.text:
            continue
        entry = gazetteer.lookup(cand.text)
        if entry is not None:
            cand.type, cand.subtype, cand.canonical, cand.source = entry.type, entry.subtype, entry.name, "gazetteer"
        elif gazetteer.seat(cand.text):
            cand.seat_of, cand.source = gazetteer.seat(cand.text), "seat"
        out.append(cand)
    return out


def _demonym_candidates(doc, gazetteer: Gazetteer) -> list[Candidate]:
    out = []
    for token in doc:
        state = gazetteer.demonyms.get(token.text)
        if state:
            out.append(Candidate(token.idx, token.idx + len(token.text), token.text, "state", "demonym",
                                 canonical=state, token_start=token.i, token_end=token.i + 1))
    return out


def _outside_longer_names(doc, listed: list[Candidate], named: list[Candidate]) -> list[Candidate]:
    """A state or capital inside a longer name the model found ("Air France", "Bank of England",
    "Michael Jordan", "U.S. Treasury") is part of that name, not a mention of the state; a name
    with a title or a possessive in it ("Iran's Foreign Minister Zarif") is not such a name."""
    containers = [c for c in named if c.source == "ner" and not _has_title_or_possessive(doc, c)]

    def inside_a_name(cand: Candidate) -> bool:
        return (cand.source == "seat" or cand.type == "state") and any(
            c.start <= cand.start and cand.end <= c.end and (c.end - c.start) > (cand.end - cand.start)
            for c in containers)
    return [cand for cand in listed if not inside_a_name(cand)]


def _has_title_or_possessive(doc, cand: Candidate) -> bool:
    return any(t.lower_.rstrip(".") in PERSON_TITLE_WORDS or t.lower_.rstrip(".") in TITLES or t.tag_ == "POS"
               or t.lower_ in ("'s", "\u2019s") for t in doc[cand.token_start:cand.token_end])


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    ranked = sorted(candidates, key=lambda c: (-PRIORITY[c.source], -(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for cand in ranked:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return taken


def _fix_type(doc, cand: Candidate, gazetteer: Gazetteer) -> None:
    if cand.source in ("gazetteer", "demonym", "seat"):
        return
    words = cand.text.split()
    previous = _previous_word(doc, cand.token_start)
    name_like = len(words) <= 4 and all(w[:1].isupper() for w in words) and not cand.text.isupper()
    if cand.type in ("place", "organization", "product") and name_like and (
            previous in PERSON_TITLE_WORDS or words[0] in gazetteer.given_names and len(words) > 1
            or _has_person_apposition(doc, cand)):
        cand.type = "person"
    elif cand.type in ("place", "person") and cand.text.isupper() and 2 <= len(cand.text) <= 6 \
            and cand.text.isalpha() and not _in_capitals_line(doc, cand):
        cand.type = "organization"
    elif cand.type == "product" and WEAPON_DESIGNATION.fullmatch(cand.text):
        cand.type = "weapon"
    if cand.type == "person":
        _drop_leading_titles(doc, cand)


def _in_capitals_line(doc, cand: Candidate) -> bool:
    """In a headline or dateline written in capitals, capitals are no sign of an acronym."""
    sentence = doc[cand.token_start].sent
    return not any(ch.islower() for ch in sentence.text)


def _has_person_apposition(doc, cand: Candidate) -> bool:
    root = doc[cand.token_start:cand.token_end].root
    return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in root.children)


def _previous_word(doc, token_index: int) -> str:
    i = token_index - 1
    while i >= 0 and doc[i].text == ".":
        i -= 1
    return doc[i].lower_.rstrip(".") if i >= 0 else ""


def _drop_leading_titles(doc, cand: Candidate) -> None:
    start = cand.token_start
    while start < cand.token_end - 1 and (doc[start].lower_.rstrip(".") in TITLES or doc[start].is_punct):
        start += 1
    if start != cand.token_start:
        cand.token_start, cand.start = start, doc[start].idx
        cand.text = doc[start:cand.token_end].text
