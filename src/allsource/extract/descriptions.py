"""Statements from how things are described: nationality adjectives ("the Peruvian poet X"),
capitals ("Lima, the capital of Peru"), places in a group ("the drummer of the orchestra"),
service ("an officer in the Navy during the war") and verb-plus-preposition frames ("worked
for", "based in", "served in the war")."""

from __future__ import annotations

from collections.abc import Iterator

from allsource.extract.mentionindex import MentionIndex
from allsource.extract.syntax import Cues, entity_of, make_statement, subjects_of, with_conjuncts
from allsource.model.records import Document, LocalEntity, Statement

COPULAS = frozenset({"be", "become", "remain"})
DESCRIBING_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


def description_statements(sentence, document: Document, mentions: MentionIndex,
                           entities: dict[str, LocalEntity], cues: Cues) -> Iterator[Statement]:
    office_words = cues.role_words | cues.member_words
    for token in sentence:
        if token.pos_ in ("NOUN", "PROPN"):
            yield from _affiliations(token, sentence, document, mentions, entities, cues)
            if token.lower_ in cues.capital_words:
                yield from _capital(token, sentence, document, mentions, entities)
            yield from _event_sides(token, sentence, document, mentions, entities, cues)
            if token.lower_ in cues.member_words:
                yield from _place_in_group(token, sentence, document, mentions, entities)
            if token.lower_ in office_words:
                yield from _service(token, sentence, document, mentions, entities)
        if token.pos_ in ("VERB", "AUX"):
            yield from _prep_frames(token, sentence, document, mentions, entities, cues)
        if token.text == "(":
            yield from _bracketed_party(token, sentence, document, mentions, entities)


def referents(noun, mentions: MentionIndex) -> list[str]:
    """The entities a noun phrase names or describes: its own mention, the name it is in
    apposition with ("X, a Peruvian poet"; "the Peruvian poet, X"), or the subject it is
    predicated of ("X is a Peruvian poet"; "X was a poet and essayist")."""
    # "an author and composer": the later nouns describe what the first one does; a noun
    # coordinated with a name ("Al Gore and the Russian prime minister") describes someone else
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and not mentions.overlapping(
            noun.head.idx, noun.head.idx + len(noun.head.text)):
        noun = noun.head
    found = mentions.entity_at(noun.idx, noun.idx + len(noun.text))
    if found:
        return [found]
    if noun.dep_ == "appos" or (noun.dep_ == "compound" and noun.head.pos_ == "PROPN"):
        # "the American writer K.C. Constantine": a noun before a name describes its bearer
        return [e for e in [entity_of(noun.head, mentions, through_modifiers=False)] if e]
    named = [mentions.entity_at(t.idx, t.idx + len(t.text)) for c in noun.children if c.dep_ == "appos"
             for t in with_conjuncts(c)]
    # "Australian recording artist and songwriter Kylie Minogue": the name closes a list of
    # nouns that all describe it
    named += [mentions.entity_at(c.idx, c.idx + len(c.text)) for c in noun.children
              if c.dep_ == "conj" and c.pos_ == "PROPN"
              and any(g.dep_ == "compound" and g.pos_ == "NOUN" for g in c.children)]
    if any(named):
        return [e for e in named if e]
    if noun.dep_ in ("attr", "oprd") and noun.head.lemma_ in COPULAS:
        return [e for e in (entity_of(s, mentions, through_modifiers=False) for s in subjects_of(noun.head)) if e]
    return []


def _affiliations(noun, sentence, document, mentions, entities, cues: Cues):
    """Modifiers on a description of a person: a nationality adjective names the person's
    country ("a Peruvian poet"), a party the person's party ("the Liberal candidate").
    An office ("the Israeli prime minister") is left to holds_role, which names the state."""
    if noun.lower_ in cues.role_words or any(t.lower_ in cues.role_words for t in noun.subtree if t.i < noun.i):
        return
    people = [e for e in referents(noun, mentions) if entities[e].type == "person"]
    if not people:
        return
    for body, predicate in _describing_bodies(noun, mentions, entities, set(people)):
        for person in people:
            yield make_statement(document, sentence, person, predicate, body, anchor=noun,
                                 extractor="description", confidence=0.7)


def _describing_bodies(noun, mentions, entities, people: set[str]) -> list[tuple[str, str]]:
    found: dict[tuple[str, str], None] = {}
    for child in noun.children:
        if child.dep_ not in DESCRIBING_DEPS or child.i > noun.i:
            continue
        for token in child.subtree:
            if token.pos_ not in ("ADJ", "PROPN") and token.ent_type_ != "NORP":
                continue
            named = [m.entity for m in mentions.overlapping(token.idx, token.idx + len(token.text))]
            derived = not named and token.text[:1].isupper()
            if derived:
                named = _country_named_by(token.text, entities)
            for entity_id in named:
                entity = entities[entity_id]
                if entity_id in people:
                    continue
                # a country outside the gazetteer is typed place; a derived name is one all the same
                if entity.type == "state" or (entity.type == "place" and derived):
                    found.setdefault((entity_id, "citizen_of"), None)
                elif entity.type == "organization" and entity.subtype == "party":
                    found.setdefault((entity_id, "member_of"), None)
    return list(found)


# How a nationality word and its country's name part from a shared stem:
# Chile/Chilean, Canada/Canadian, Turkey/Turkish, Thailand/Thai, Britain/British.
DEMONYM_ENDINGS = frozenset({"", "n", "an", "ian", "ean", "ese", "ish", "i", "e", "tish", "nish"})
COUNTRY_ENDINGS = frozenset({"", "a", "y", "ia", "o", "e", "land", "and", "ain", "ey", "en", "um", "istan"})


def _country_named_by(word: str, entities) -> list[str]:
    """A state or place of the document whose name a nationality word unnamed by any
    mention derives from ("a Chilean poet" in a text that names Chile)."""
    word = word.lower()
    found = []
    for entity in entities.values():
        if entity.type not in ("state", "place"):
            continue
        name = entity.name.lower()
        stem = 0
        while stem < min(len(word), len(name)) and word[stem] == name[stem]:
            stem += 1
        if stem >= 3 and word[stem:] in DEMONYM_ENDINGS and name[stem:] in COUNTRY_ENDINGS:
            found.append(entity.id)
    return found


PARTY_WORDS = frozenset({"party", "parti", "partei", "partido", "partito"})


def is_party(entity: LocalEntity) -> bool:
    """A party by subtype, or by a name such as "Progress Party" when its subtype was left empty."""
    named_party = bool(PARTY_WORDS & set(entity.name.lower().split()))
    return entity.type == "organization" and (entity.subtype == "party" or named_party)


def _bracketed_party(bracket, sentence, document, mentions, entities):
    """'the mayor is Janne Johnsen (Conservative Party)': a party in brackets right after a
    person's name is that person's party."""
    if bracket.i == sentence.start:
        return
    before = bracket.doc[bracket.i - 1]
    person = mentions.entity_at(before.idx, before.idx + len(before.text))
    closing = next((t for t in bracket.doc[bracket.i + 1:sentence.end] if t.text in ("(", ")")), None)
    if not person or entities[person].type != "person" or closing is None or closing.text != ")":
        return
    for body in mentions.entities_in(bracket.idx + 1, closing.idx):
        if is_party(entities[body]):
            yield make_statement(document, sentence, person, "member_of", body, anchor=before,
                                 extractor="description", confidence=0.75)


def _capital(noun, sentence, document, mentions, entities):
    """'Lima, the capital of Peru', 'Lima is Peru's capital', 'the capital, Lima'."""
    owners = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj"] + [c for c in noun.children if c.dep_ == "poss"]
    states = [e for e in (entity_of(o, mentions) for o in owners) if e and entities[e].type in ("state", "place")]
    cities = [e for e in referents(noun, mentions) if entities[e].type in ("place", "state")]
    for city in cities:
        for state in states:
            if city != state:
                yield make_statement(document, sentence, city, "capital_of", state, anchor=noun,
                                     extractor="description", confidence=0.8)


def _prep_frames(verb, sentence, document, mentions, entities, cues: Cues):
    frames = [f for f in cues.prep_frames if verb.lemma_.lower() in f["verbs"]]
    if not frames:
        return
    subjects = _frame_subjects(verb, mentions)
    found: list[tuple[str, str, str]] = []
    for prep, obj in _frame_objects(verb, mentions):
        for subject in subjects:
            frame = next((f for f in frames if prep in f["preps"] and entities[subject].type in f["subject_types"]
                          and entities[obj].type in f["object_types"]), None)
            if frame and subject != obj:
                found.append((subject, frame["predicate"], obj))
    # "served with the Air Force during the war": the unit served in took part too
    units = [o for _, p, o in found if p == "member_of"]
    found += [(unit, p, o) for _, p, o in found if p == "takes_part_in" for unit in units]
    for subject, predicate, obj in dict.fromkeys(found):
        yield make_statement(document, sentence, subject, predicate, obj, anchor=verb, extractor="prep-frame",
                             confidence=0.7)


def _frame_objects(verb, mentions) -> list[tuple[str, str]]:
    """(preposition, entity) pairs after a verb; the direct object counts as preposition "dobj"."""
    pairs = []
    for child in verb.children:
        if child.dep_ == "prep":
            # "in Cusco, Peru": the apposition names the wider place
            tokens = [o for g in child.children if g.dep_ == "pobj"
                      for o in [*with_conjuncts(g), *(a for a in g.children if a.dep_ == "appos")]]
            pairs += [(child.lower_, t) for t in tokens]
        elif child.dep_ in ("dobj", "obj"):
            pairs += [("dobj", t) for t in with_conjuncts(child)]
    return [(prep, found) for prep, token in pairs if (found := entity_of(named_place(token), mentions))]


PLACE_KIND_NOUNS = frozenset({"city", "town", "village", "province", "state", "county", "region", "district",
                              "municipality", "country", "capital", "island", "borough", "suburb", "prefecture"})


def named_place(token):
    """'the central province of Ankara', 'the city of Bergen': the place is the one named after "of"."""
    if token.lower_ in PLACE_KIND_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), token)
    return token


def _frame_subjects(verb, mentions) -> list[str]:
    passive = [s for c in verb.children if c.dep_ == "nsubjpass" for s in with_conjuncts(c)]
    if passive:
        tokens = passive
    elif verb.dep_ == "acl":
        tokens = [verb.head]  # "a company based in Zurich"
    else:
        tokens = subjects_of(verb, through_prepositions=True)
    found: dict[str, None] = {}
    for token in tokens:
        for entity in referents(token, mentions) or [entity_of(token, mentions)]:
            if entity:
                found.setdefault(entity, None)
    return list(found)


def _event_sides(noun, sentence, document, mentions, entities, cues: Cues):
    """'the war between Peru and Ecuador': the sides take part."""
    event = mentions.entity_at(noun.idx, noun.idx + len(noun.text))
    if not event or entities[event].type != "event":
        return
    sides = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in cues.event_side_preps
             for g in c.children if g.dep_ == "pobj" for o in with_conjuncts(g)]
    for side in dict.fromkeys(e for e in (entity_of(t, mentions) for t in sides) if e):
        if entities[side].type in ("person", "organization", "state"):
            yield make_statement(document, sentence, side, "takes_part_in", event, anchor=noun,
                                 extractor="description", confidence=0.7)


def _place_in_group(noun, sentence, document, mentions, entities):
    """'X was the drummer of the orchestra', 'X, a member of the council': a member noun with
    "of" or "in" a group makes its referent a member."""
    people = [e for e in referents(noun, mentions) if entities[e].type == "person"]
    groups = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for g in c.children
              if g.dep_ == "pobj" for o in with_conjuncts(g)]
    for body in dict.fromkeys(e for e in (entity_of(g, mentions) for g in groups) if e):
        if entities[body].type != "organization":
            continue
        for person in people:
            if person != body:
                yield make_statement(document, sentence, person, "member_of", body, anchor=noun,
                                     extractor="description", confidence=0.7)


def _service(noun, sentence, document, mentions, entities):
    """'X was an officer in the Peruvian Air Force during the Cenepa War', 'X, a candidate
    for the Liberal Party': the office's body is one the person belongs to, and
    a named event it is set in is one the person (and the body) took part in."""
    people = [e for e in referents(noun, mentions) if entities[e].type == "person"]
    if not people:
        return
    holders = [noun] + ([noun.head] if noun.dep_ in ("attr", "oprd") else [])
    pairs = [(c.lower_, o) for h in holders for c in h.children if c.dep_ == "prep"
             for g in c.children if g.dep_ == "pobj" for o in with_conjuncts(g)]
    found = [(prep, entity) for prep, token in pairs if (entity := entity_of(token, mentions))]
    bodies = [e for prep, e in found if prep in ("in", "with", "for") and entities[e].type == "organization"]
    wars = [e for prep, e in found if prep in ("during", "in") and entities[e].type == "event"]
    triples = [(p, "member_of", b) for p in people for b in bodies]
    triples += [(actor, "takes_part_in", war) for war in wars for actor in people + bodies]
    for subject, predicate, obj in dict.fromkeys(triples):
        if subject != obj:
            yield make_statement(document, sentence, subject, predicate, obj, anchor=noun,
                                 extractor="description", confidence=0.7)
