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
    found = (_gazetteer_candidates(doc, gazetteer) + _pattern_candidates(doc)
             + _ner_candidates(doc, gazetteer) + _demonym_candidates(doc, gazetteer))
    chosen = _without_overlaps(found)
    for candidate in chosen:
        _fix_type(doc, candidate, gazetteer)
    return sorted(chosen, key=lambda c: c.start)


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
        elif cand.text in gazetteer.seats_of_power:
            cand.seat_of, cand.source = gazetteer.seats_of_power[cand.text], "seat"
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
            and cand.text.isalpha():
        cand.type = "organization"
    elif cand.type == "product" and WEAPON_DESIGNATION.fullmatch(cand.text):
        cand.type = "weapon"
    if cand.type == "person":
        _drop_leading_titles(doc, cand)


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
