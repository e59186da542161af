"""Statements from dependency patterns: verb frames, titles, appositions, copulas, possessives."""

from __future__ import annotations

from dataclasses import replace

from allsource.extract.descriptions import description_statements
from allsource.extract.mentionindex import MentionIndex
from allsource.extract.syntax import Cues, entity_of, load_cues, make_statement, subjects_of, with_conjuncts
from allsource.model.ids import make_id
from allsource.model.records import Document, LocalEntity, Mention, Statement

ACTOR_TYPES = frozenset({"person", "organization", "state"})
ITEM_TYPES = frozenset({"weapon", "product", "facility", "agreement"})


def extract_statements(doc, document: Document, mentions: MentionIndex,
                       entities: dict[str, LocalEntity]) -> list[Statement]:
    cues = load_cues()
    mentions = with_topic_pronouns(doc, document.id, mentions, entities)
    found: dict[str, Statement] = {}
    for sentence in doc.sents:
        for statement in _sentence_statements(sentence, document, mentions, entities, cues):
            found.setdefault(statement.id, statement)
        for statement in description_statements(sentence, document, mentions, entities, cues):
            found.setdefault(statement.id, statement)
    for statement in offices_of_the_main_state(list(found.values()), entities):
        found.setdefault(statement.id, statement)
    return sorted(found.values(), key=lambda s: (s.evidence[0].start, s.id))


def offices_of_the_main_state(statements: list[Statement], entities: dict[str, LocalEntity]) -> list[Statement]:
    """'He was the Minister of Fisheries', 'president Ravalomanana': an office named without its
    body, in a text about one state (named at least twice as often as all others together), is
    taken to be an office of that state."""
    states = sorted((e for e in entities.values() if e.type == "state"), key=lambda e: -e.mention_count)
    if not states or states[0].mention_count < 2 * sum(e.mention_count for e in states[1:]):
        return []
    state = states[0].id
    out = []
    for statement in statements:
        # "Joseph Israel": a surname may be taken for the state
        if entities[statement.subject].type != "person" or states[0].name in entities[statement.subject].name:
            continue
        if statement.predicate == "holds_role" and statement.object is None and statement.role:
            out.append(replace(statement, object=state, confidence=round(statement.confidence * 0.7, 2),
                               id=make_id(statement.id, "main-state", state)))
        elif statement.predicate == "born_in" and entities[statement.object].type == "place":
            # born in a town of the country the text is about: a citizen of it
            out.append(replace(statement, predicate="citizen_of", object=state,
                               confidence=round(statement.confidence * 0.7, 2),
                               id=make_id(statement.id, "main-state", state)))
    return out


TOPIC_TYPES = frozenset({"organization", "state", "place"})


def with_topic_pronouns(doc, document_id: str, mentions: MentionIndex,
                        entities: dict[str, LocalEntity]) -> MentionIndex:
    """Reference-style texts open on their topic ("Roketsan is a Turkish arms maker…") and go on
    to call it "it" ("It was founded in 1988 by…"): a subject "it" with no mention of its own
    refers to the first sentence's subject when that is an organisation or a place."""
    sentences = list(doc.sents)
    if not sentences:
        return mentions
    opening = [c for c in sentences[0].root.children if c.dep_ in ("nsubj", "nsubjpass")]
    topic = entity_of(opening[0], mentions) if opening else None
    if not topic or entities[topic].type not in TOPIC_TYPES:
        return mentions
    added = [Mention(make_id("m", document_id, token.idx, "topic"), document_id, token.idx,
                     token.idx + len(token.text), token.text, entities[topic].type, topic, "topic")
             for sentence in sentences[1:] for token in sentence
             if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass")
             and not mentions.entity_at(token.idx, token.idx + len(token.text))]
    return MentionIndex([*mentions, *added]) if added else mentions


def _sentence_statements(sentence, document, mentions, entities, cues: Cues):
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues.verbs:
            yield from _verb_frame(token, sentence, document, mentions, entities, cues)
        elif token.pos_ == "NOUN" and token.lower_ in cues.nouns:
            yield from _noun_frame(token, sentence, document, mentions, entities, cues)
        if token.pos_ == "PROPN" or mentions.entity_at(token.idx, token.idx + len(token.text)):
            yield from _role_statements(token, sentence, document, mentions, entities, cues)
            yield from _branch_statements(token, sentence, document, mentions, entities, cues)
        if token.lemma_ in ("be", "become", "remain", "serve") and token.dep_ in ("ROOT", "conj", "ccomp", "relcl"):
            yield from _copula_roles(token, sentence, document, mentions, entities, cues)


def _actor(token, mentions, entities) -> str | None:
    found = entity_of(token, mentions)
    if found and entities[found].type in ACTOR_TYPES:
        return found
    return None


def _target(token, mentions, entities) -> str | None:
    """Objects may be anything named but a date-like event: agreements are signed, bases used."""
    found = entity_of(token, mentions)
    if found and entities[found].type != "event":
        return found
    return None


def _verb_frame(verb, sentence, document, mentions, entities, cues: Cues):
    spec = cues.verbs[verb.lemma_.lower()]
    predicate = spec["predicate"]
    if spec.get("needs") and not set(spec["needs"]) <= {t.lower_ for c in verb.children for t in c.subtree}:
        return
    if spec.get("action"):
        yield from _initiates(verb, [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in [c]],
                              subjects_of(verb), sentence, document, mentions, entities)
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    # "the S-300 systems delivered by Russia": a participle describing what was acted on
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN"
    if passive or reduced:
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subjects = [s for a in agents for s in with_conjuncts(a)]
        patients = ([verb.head] if reduced else
                    [s for c in verb.children if c.dep_ == "nsubjpass" for s in with_conjuncts(c)])
    else:
        subjects = subjects_of(verb, through_prepositions=True)
        patients = [o for c in verb.children if c.dep_ in ("dobj", "obj") for o in with_conjuncts(c)]
    prep_objects = [o for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in spec.get("object_preps", [])
                    for p in c.children if p.dep_ == "pobj" for o in with_conjuncts(p)]
    prep_objects += [o for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP" for o in with_conjuncts(c)]
    subject_ids = [e for e in (_actor(s, mentions, entities) for s in subjects) if e]
    item = None
    if spec.get("item"):
        items = [entity_of(p, mentions) for p in patients]
        item = next((i for i in items if i and entities[i].type in ITEM_TYPES), None)
        if item is None and any(not i and p.lemma_.lower() not in cues.traded_goods for p, i in zip(patients, items)):
            return
        object_ids = [e for e in (_actor(o, mentions, entities) for o in prep_objects) if e]
        if not object_ids and item is None:
            object_ids = [e for e in (_actor(p, mentions, entities) for p in patients) if e]
    elif spec.get("needs_prep"):
        object_ids = [e for e in (_actor(o, mentions, entities) for o in prep_objects) if e]
    else:
        object_ids = [e for e in (_target(o, mentions, entities) for o in patients + prep_objects) if e]
    if spec.get("object_types"):
        object_ids = [o for o in object_ids if entities[o].type in spec["object_types"]]
    if spec.get("reverse"):
        subject_ids, object_ids = object_ids, subject_ids
    if spec.get("symmetric") and not object_ids and len(subject_ids) > 1:
        first, *rest = subject_ids
        subject_ids, object_ids = [first], rest
    if not object_ids and item is not None:
        object_ids = [None]
    for subject in subject_ids:
        for obj in object_ids:
            if subject != obj:
                yield make_statement(document, sentence, subject, predicate, obj, anchor=verb, extractor="verb-frame",
                                     item=item)


def _role_statements(token, sentence, document, mentions, entities, cues: Cues):
    """Titles before a name ("Iranian Foreign Minister Zarif") and appositions after it
    ("Soleimani, the commander of the Quds Force")."""
    person = mentions.entity_at(token.idx, token.idx + len(token.text))
    if not person or entities[person].type != "person":
        return
    if token.dep_ == "compound" and token.head.pos_ == "PROPN" and \
            mentions.entity_at(token.head.idx, token.head.idx + len(token.head.text)) == person:
        return  # only the name's head token carries its titles
    title = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
             and not mentions.entity_at(c.idx, c.idx + len(c.text)) == person]
    role_tokens = [t for c in title for t in c.subtree if t.lower_ in cues.role_words]
    if role_tokens:
        yield from _role(person, role_tokens[-1], title, token, sentence, document, mentions, entities, cues,
                         extractor="title")
    if token.dep_ == "appos" and token.head.lower_ in cues.role_words:
        # "the Foreign Ministry's spokesman, Hossein Jaber Ansari"
        yield from _role(person, token.head, [token.head], token, sentence, document, mentions, entities, cues,
                         extractor="apposition")
    for appos in (c for c in token.children if c.dep_ == "appos"):
        if appos.lower_ in cues.role_words or any(t.lower_ in cues.role_words for t in appos.children if t.dep_ == "compound"):
            yield from _role(person, appos, [appos], token, sentence, document, mentions, entities, cues,
                             extractor="apposition")


def _role(person, role_head, scope, anchor, sentence, document, mentions, entities, cues: Cues, *, extractor):
    role_words = [t for part in scope for t in part.subtree
                  if t.i <= role_head.i and (t.lower_ in cues.role_words or (t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN", "ADJ"))
                                            or t.lower_ in ("foreign", "defense", "defence", "supreme", "interior", "prime", "vice"))
                  and not mentions.entity_at(t.idx, t.idx + len(t.text))]
    role = " ".join(t.text for t in sorted(role_words, key=lambda t: t.i)) or role_head.text
    body = _role_body(role_head, scope, mentions, entities, person)
    yield make_statement(document, sentence, person, "holds_role", body, anchor=anchor, extractor=extractor, role=role,
                         confidence=0.85)
    if body and role_head.lower_ in cues.leader_words and entities[body].type in ("organization", "state"):
        yield make_statement(document, sentence, person, "leads", body, anchor=anchor, extractor=extractor, role=role,
                             confidence=0.8)


def _role_body(role_head, scope, mentions, entities, person) -> str | None:
    """The organisation or state an office belongs to: a modifier mention ("Iranian",
    "Quds Force commander") or the object of "of" ("head of the IRGC")."""
    for part in scope:
        for t in part.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == role_head.i:
                found = entity_of(t, mentions)
                # "mayor of Calgary", "governor of Texas": places have offices too
                if found and found != person and entities[found].type in ("organization", "state", "place"):
                    return found
    for part in scope:
        for t in part.subtree:
            found = mentions.entity_at(t.idx, t.idx + len(t.text))
            if found and found != person and entities[found].type in ("organization", "state") and t.i < role_head.i:
                return found
    return None


def _copula_roles(verb, sentence, document, mentions, entities, cues: Cues):
    """'X is the head of Y' and 'X became commander of Y'."""
    subjects = [s for s in subjects_of(verb) if mentions.entity_at(s.idx, s.idx + len(s.text))]
    attrs = [c for c in verb.children if c.dep_ in ("attr", "oprd") and c.lower_ in cues.role_words | cues.unit_words]
    if verb.lemma_ == "serve":
        attrs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                  if p.dep_ == "pobj" and p.lower_ in cues.role_words]
    for subject in subjects:
        subject_id = entity_of(subject, mentions)
        if not subject_id:
            continue
        for attr in attrs:
            if entities[subject_id].type == "person" and attr.lower_ in cues.role_words:
                yield from _role(subject_id, attr, [attr], verb, sentence, document, mentions, entities, cues,
                                 extractor="copula")
            elif entities[subject_id].type == "organization" and attr.lower_ in cues.unit_words:
                body = _role_body(attr, [attr], mentions, entities, subject_id)
                if body:
                    yield make_statement(document, sentence, subject_id, "part_of", body, anchor=verb,
                                         extractor="copula", confidence=0.8)


def _branch_statements(token, sentence, document, mentions, entities, cues: Cues):
    """'the IRGC's Quds Force' and 'the Quds Force, the IRGC's elite branch' give part_of."""
    unit = mentions.entity_at(token.idx, token.idx + len(token.text))
    if not unit or entities[unit].type != "organization" or token.dep_ == "compound":
        return
    for child in token.children:
        if child.dep_ == "poss":
            parent = entity_of(child, mentions)
            if parent and parent != unit and entities[parent].type == "organization":
                yield make_statement(document, sentence, unit, "part_of", parent, anchor=token, extractor="possessive",
                                     confidence=0.7)
        elif child.dep_ == "appos" and child.lower_ in cues.unit_words:
            parent = _role_body(child, [child], mentions, entities, unit)
            if parent and entities[parent].type in ("organization", "state"):
                yield make_statement(document, sentence, unit, "part_of", parent, anchor=token, extractor="apposition",
                                     confidence=0.8)


def _noun_frame(noun, sentence, document, mentions, entities, cues: Cues):
    spec = cues.nouns[noun.lower_]
    if spec.get("only_after") and not (noun.dep_ == "pobj" and noun.head.lower_ in spec["only_after"]):
        return
    subjects = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound") and c.i < noun.i]
    subjects += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in spec.get("subject_preps", [])
                 for g in c.children if g.dep_ == "pobj"]
    if spec["predicate"] == "initiates":
        if not subjects and noun.dep_ in ("dobj", "obj") and noun.head.lemma_ in cues.light_verbs:
            subjects = subjects_of(noun.head)
        acted = noun.head.head if noun.dep_ == "pobj" else None  # "arranged at Russia's request"
        actions = [c for c in acted.children if c.dep_ in ("nsubjpass", "dobj")] if acted is not None else []
        yield from _initiates(noun, actions, subjects, sentence, document, mentions, entities)
        return
    if not subjects and noun.dep_ in ("dobj", "obj") and noun.head.lemma_ in cues.light_verbs:
        subjects = subjects_of(noun.head)
    subject_ids = list(dict.fromkeys(e for e in (_actor(s, mentions, entities) for t in subjects
                                                 for s in with_conjuncts(t)) if e))
    preps = [c for c in noun.children if c.dep_ == "prep"]
    objects = [o for p in preps if p.lower_ in spec.get("object_preps", []) for g in p.children
               if g.dep_ == "pobj" for o in with_conjuncts(g)]
    items = [o for p in preps if p.lower_ in spec.get("item_preps", []) for g in p.children
             if g.dep_ == "pobj" for o in with_conjuncts(g)]
    item = next((i for i in (entity_of(t, mentions) for t in items) if i and entities[i].type in ITEM_TYPES), None)
    object_ids = [e for e in (_target(o, mentions, entities) for o in objects) if e] or ([None] if item else [])
    for subject in subject_ids:
        for obj in object_ids:
            if subject != obj:
                yield make_statement(document, sentence, subject, spec["predicate"], obj, anchor=noun,
                                     extractor="noun-frame", item=item, confidence=0.65)


def _initiates(anchor, actions, subjects, sentence, document, mentions, entities):
    """Who started an action: the action's words go in the role field, since actions
    ("the intervention") are seldom named entities."""
    action = None
    if actions:
        head = actions[0]
        words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case", "punct")]
        action = " ".join(t.text for t in words) or head.text
    for subject in dict.fromkeys(e for e in (_actor(s, mentions, entities) for t in subjects
                                             for s in with_conjuncts(t)) if e):
        yield make_statement(document, sentence, subject, "initiates", None, anchor=anchor, extractor="initiative",
                             role=action, confidence=0.6)
