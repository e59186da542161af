"""Events: n-ary happenings with participants, place and time, from verb and noun triggers."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from allsource.extract.mentionindex import MentionIndex
from allsource.extract.syntax import (entity_of, evidence_for, is_negated, load_cues, subjects_of, time_for,
                                      with_conjuncts)
from allsource.model.ids import make_id
from allsource.model.records import Document, Event, LocalEntity

PARTICIPANT_TYPES = frozenset({"person", "organization", "state"})
PLACE_TYPES = frozenset({"place", "facility"})
PLACE_PREPS = frozenset({"in", "at", "to", "near", "on"})
TRIGGER_POS = frozenset({"VERB", "NOUN"})


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, str]:
    text = resources.files("allsource").joinpath("data/event_triggers.yaml").read_text(encoding="utf-8")
    return {lemma: event_type for event_type, lemmas in yaml.safe_load(text).items() for lemma in lemmas}


def extract_events(doc, document: Document, mentions: MentionIndex,
                   entities: dict[str, LocalEntity]) -> list[Event]:
    triggers = load_triggers()
    events = []
    for sentence in doc.sents:
        # "signed an agreement": one happening named twice, by a verb and the noun it governs
        found: dict[int, Event] = {}
        for token in sentence:
            event_type = triggers.get(token.lemma_.lower()) if token.pos_ in TRIGGER_POS else None
            if event_type is None:
                continue
            event = _event(token, event_type, sentence, document, mentions, entities)
            if event is None:
                continue
            governor = token.head.i if token.pos_ == "NOUN" and token.dep_ in ("dobj", "obj", "nsubjpass") else None
            if governor in found and found[governor].event_type == event_type:
                _absorb(found[governor], event)
            else:
                found[token.i] = event
        events.extend(found.values())
    return events


def _absorb(kept: Event, same: Event) -> None:
    kept.participants += [p for p in same.participants if p not in kept.participants]
    kept.place = kept.place or same.place
    kept.time = kept.time or same.time


TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})


def _event(trigger, event_type, sentence, document, mentions, entities) -> Event | None:
    if _inside_a_name(trigger, mentions) or (event_type == "delivery" and _untraded_object(trigger)):
        return None
    participants: dict[str, None] = {}
    place = None
    for token in _argument_tokens(trigger):
        if token.dep_ == "pobj" and token.head.lower_ in TOPIC_PREPS:
            continue  # a summit on Syria is about Syria, not attended by it
        found = entity_of(token, mentions)
        if not found:
            continue
        kind = entities[found].type
        if kind in PLACE_TYPES and token.head.lower_ in PLACE_PREPS and place is None:
            place = found
        elif kind in PARTICIPANT_TYPES:
            participants.setdefault(found, None)
        elif kind in PLACE_TYPES and place is None:
            place = found
    if not participants:
        return None
    evidence = evidence_for(document.id, document.text, sentence)
    return Event(
        id=make_id("ev", document.id, event_type, trigger.idx),
        event_type=event_type, participants=list(participants), evidence=[evidence], place=place,
        time=time_for(trigger, sentence, document.published), trigger=trigger.text,
        negated=trigger.pos_ == "VERB" and is_negated(trigger))


def _inside_a_name(trigger, mentions: MentionIndex) -> bool:
    """'the nuclear deal' names an agreement; it is not a happening."""
    return bool(mentions.overlapping(trigger.idx, trigger.idx + len(trigger.text)))


def _untraded_object(trigger) -> bool:
    goods = load_cues().traded_goods
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    return bool(objects) and all(o.lemma_.lower() not in goods and o.ent_type_ == "" and o.pos_ != "PROPN"
                                 and not any(c.pos_ == "PROPN" for c in o.children) for o in objects)


def _argument_tokens(trigger):
    """Subject, objects, possessors and prepositional objects around the trigger."""
    if trigger.pos_ == "VERB":
        yield from subjects_of(trigger)
        for child in trigger.children:
            if child.dep_ in ("dobj", "obj", "agent", "dative", "nsubjpass"):
                yield from with_conjuncts(child)
                yield from (g for g in child.children if g.dep_ == "pobj")
    for child in trigger.children:
        if child.dep_ == "poss" or (trigger.pos_ == "NOUN" and child.dep_ in ("compound", "amod")):
            yield from with_conjuncts(child)
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield from with_conjuncts(grandchild)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj", "pobj"):
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb.pos_ in ("VERB", "AUX"):
            yield from subjects_of(verb)
