"""Cross-document entity resolution: which corpus entity a document-local entity joins.

Resolution is a pure decision over candidates found by blocking keys, so adding a document
costs time in proportion to that document. The decision is a judgement with a reason and a
score; the store records it, and a user can undo it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from allsource.model.ids import make_id
from allsource.model.names import (acronym_of, alike_keys, clean_surface, lone_surname_alike, long_surname_keys,
                                   name_parts, org_key, person_key, person_names_alike, person_names_compatible,
                                   surname_key)
from allsource.model.records import LocalEntity

NAME_PARTICLE_WORDS = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von"})
# words in organisation and place names that are never part of a person's name
NOT_NAME_WORDS = frozenset({
    "bank", "company", "corporation", "group", "university", "airlines", "airways", "party", "front", "council",
    "ministry", "force", "forces", "army", "brigade", "corps", "guard", "guards", "movement", "union", "agency",
    "committee", "organization", "organisation", "league", "association", "institute", "foundation", "fund",
    "news", "times", "post", "press", "television", "radio", "city", "province", "river", "island", "islands",
    "mountains", "sea", "gulf", "airport", "base", "port", "street", "square", "house", "palace", "republic",
    "kingdom", "state", "states", "united", "national", "international", "federal", "islamic", "democratic",
})

# the groups the model puts people's names in by mistake
MISTYPED_GROUPS = frozenset({"place", "org", "thing"})

GROUPS = {"person": "person", "organization": "org", "state": "state", "place": "place", "facility": "place",
          "weapon": "thing", "product": "thing", "agreement": "agreement", "event": "event", "other": "other"}


@dataclass(frozen=True)
class CandidateEntity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mention_count: int


@dataclass(frozen=True)
class Judgement:
    entity: str
    reason: str
    score: float
    new: bool


@dataclass
class Rules:
    """User rules over names (case-insensitive): always merge a into b, never merge a and b."""

    always: dict[str, str] = field(default_factory=dict)
    never: set[frozenset[str]] = field(default_factory=set)

    def forbids(self, names_a: Iterable[str], names_b: Iterable[str]) -> bool:
        a = {n.lower() for n in names_a}
        b = {n.lower() for n in names_b}
        return any(frozenset((x, y)) in self.never for x in a for y in b if x != y)


class CandidateSource(Protocol):
    def candidates_for_keys(self, keys: list[str]) -> list[CandidateEntity]: ...

    def entity_named(self, name: str) -> CandidateEntity | None: ...


def blocking_keys(entity_type: str, names: Iterable[str], acronym: str = "") -> list[str]:
    group = GROUPS.get(entity_type, "other")
    keys: dict[str, None] = {}
    for name in names:
        if group == "person":
            _person_keys(name, keys)
        else:
            key = org_key(name)
            if key:
                keys.setdefault(f"{group}:{key}", None)
            if group == "org" and clean_surface(name).isupper():
                keys.setdefault(f"acronym:{clean_surface(name)}", None)
            elif group == "org" and len(name.split()) > 1:
                keys.setdefault(f"acronym:{acronym_of(name)}", None)
        if group in ("place", "org") and len(name_parts(name)) == 1:
            # a lone surname the model typed as a place or organisation ("Soleimani")
            keys.setdefault(f"surname:{surname_key(name)}", None)
            for key in long_surname_keys(name):
                keys.setdefault(key, None)
        elif group in MISTYPED_GROUPS and _reads_as_person_name(name):
            _person_keys(name, keys)
    if acronym:
        keys.setdefault(f"acronym:{acronym}", None)
    return list(keys)


def _person_keys(name: str, keys: dict[str, None]) -> None:
    parts = name_parts(name)
    if parts:
        keys.setdefault(f"person:{person_key(name)}", None)
        keys.setdefault(f"surname:{surname_key(name)}", None)
    for key in alike_keys(name):
        keys.setdefault(key, None)


def _reads_as_person_name(name: str) -> bool:
    """Two to four capitalised words, no acronym and no word that names an organisation or a
    place: a person's name the model may have mistyped."""
    words = clean_surface(name).split()
    return (2 <= len(words) <= 4 and not clean_surface(name).isupper()
            and all(w[:1].isupper() or w.lower() in NAME_PARTICLE_WORDS for w in words)
            and not any(w.lower() in NOT_NAME_WORDS for w in words))


def link(local: LocalEntity, source: CandidateSource, rules: Rules | None = None) -> Judgement:
    rules = rules or Rules()
    names = [local.name, *local.aliases]
    for name in names:
        target = rules.always.get(name.lower())
        if target:
            found = source.entity_named(target)
            if found:
                return Judgement(found.id, f"user rule: always merge {name!r} into {found.name!r}", 1.0, False)
    # one entity found under several keys is one candidate
    unique = {c.id: c for c in source.candidates_for_keys(blocking_keys(local.type, names, local.acronym))}
    found = [c for c in unique.values() if not rules.forbids(names, (c.name, *c.aliases))]
    candidates = [c for c in found if GROUPS.get(c.type) == GROUPS.get(local.type)]
    decision = _person_decision(local, candidates) if local.type == "person" else _name_decision(local, candidates)
    if decision is None and GROUPS.get(local.type) in MISTYPED_GROUPS:
        people = [c for c in found if c.type == "person"]
        # a name the model typed as a place in one document and an organisation in another
        named_alike = people + [c for c in found
                                if GROUPS.get(c.type) in MISTYPED_GROUPS and _reads_as_person_name(c.name)]
        # a lone word typed as a weapon or product ("Kalashnikov") is not taken for a surname
        lone = _mistyped_surname(local, people) if GROUPS.get(local.type) in ("place", "org") else None
        decision = lone or _mistyped_full_name(local, named_alike)
    if decision is None and local.type == "person":
        others = [c for c in found if GROUPS.get(c.type) in MISTYPED_GROUPS]
        decision = (_earlier_mistyped_surname(local, [c for c in others if GROUPS.get(c.type) != "thing"])
                    or _earlier_mistyped_full_name(local, others))
    if decision:
        return decision
    return Judgement(new_entity_id(local), "new entity", 1.0, True)


def new_entity_id(local: LocalEntity) -> str:
    key = person_key(local.name) if local.type == "person" else org_key(local.name)
    return make_id("ent", GROUPS.get(local.type, "other"), key or local.id)


def _name_decision(local: LocalEntity, candidates: list[CandidateEntity]) -> Judgement | None:
    local_keys = {org_key(n) for n in [local.name, *local.aliases]}
    local_acronyms = {local.acronym} | {clean_surface(n) for n in local.aliases if clean_surface(n).isupper()}
    local_acronyms.discard("")
    best = None
    for cand in sorted(candidates, key=lambda c: (-c.mention_count, c.id)):
        cand_names = (cand.name, *cand.aliases)
        shared = local_keys & {org_key(n) for n in cand_names}
        if shared:
            spelled = sorted(shared)[0]
            return Judgement(cand.id, f"same name once spelling is normalised ({spelled})", 0.95, False)
        if best is None:
            if local_acronyms & {acronym_of(n) for n in cand_names if len(n.split()) > 1}:
                best = Judgement(cand.id, f"acronym {sorted(local_acronyms)[0]} of {cand.name!r}", 0.85, False)
            elif {acronym_of(n) for n in [local.name, *local.aliases] if len(n.split()) > 1} & set(cand_names):
                best = Judgement(cand.id, f"{cand.name!r} is the acronym of {local.name!r}", 0.85, False)
    return best


def _person_decision(local: LocalEntity, candidates: list[CandidateEntity]) -> Judgement | None:
    local_full = max([local.name, *local.aliases], key=lambda n: len(name_parts(n)))
    exact = [c for c in candidates if person_key(c.name) == person_key(local_full)
             or person_key(local_full) in {person_key(a) for a in c.aliases if len(name_parts(a)) > 1}]
    if exact:
        chosen = min(exact, key=lambda c: (-c.mention_count, c.id))
        return Judgement(chosen.id, f"same full name once spelling is normalised ({person_key(local_full)})", 0.95, False)
    compatible = [c for c in candidates if person_names_compatible(local_full, _fullest(c))]
    if len(compatible) == 1:
        chosen = compatible[0]
        return Judgement(chosen.id, f"name parts of {local_full!r} are part of {_fullest(chosen)!r}", 0.8, False)
    alike = [c for c in candidates if _alike(local_full, c)]
    if not compatible and alike and _all_alike(alike):
        # several entities alike each other too are one person split earlier: join the most mentioned
        chosen = min(alike, key=lambda c: (-c.mention_count, c.id))
        return Judgement(chosen.id, f"{local_full!r} and {_fullest(chosen)!r} are written alike", 0.7, False)
    # a lone surname and a full name spelled a letter apart, in either arrival order
    spelled_alike = [c for c in candidates
                     if lone_surname_alike(local_full, _fullest(c)) or lone_surname_alike(_fullest(c), local_full)]
    if not compatible and len(spelled_alike) == 1:
        chosen = spelled_alike[0]
        return Judgement(chosen.id, f"{local_full!r} is the surname of {_fullest(chosen)!r}, spelled alike", 0.6, False)
    if len(compatible) > 1 and len(name_parts(local_full)) == 1:
        ranked = sorted(compatible, key=lambda c: (-c.mention_count, c.id))
        if ranked[0].mention_count >= 3 * ranked[1].mention_count:
            return Judgement(ranked[0].id, f"surname {local_full!r}: by far the most mentioned bearer", 0.6, False)
    return None


def _fullest(candidate: CandidateEntity) -> str:
    return max((candidate.name, *candidate.aliases), key=lambda n: (len(name_parts(n)), len(n)))


def _all_alike(candidates: list[CandidateEntity]) -> bool:
    return all(_alike(_fullest(a), b) for a in candidates for b in candidates if a is not b)


def _alike(name: str, candidate: CandidateEntity) -> bool:
    return any(person_names_alike(name, form) for form in (candidate.name, *candidate.aliases))


def _same_person(name: str, candidate: CandidateEntity) -> bool:
    """The name is the candidate's full name, a part of it, or spelled a letter apart."""
    return person_names_compatible(name, _fullest(candidate)) or _alike(name, candidate)


def _mistyped_full_name(local: LocalEntity, people: list[CandidateEntity]) -> Judgement | None:
    """A full name typed as a place or organisation ("Pakalitha Bethuel Mosisili") that names
    exactly one known person (or one name typed the same way) is that person; the model often
    mistypes unfamiliar names."""
    if local.acronym or not _reads_as_person_name(local.name):
        return None
    bearers = [p for p in people if _same_person(local.name, p)]
    if len(bearers) == 1:
        return Judgement(bearers[0].id, f"{local.name!r} names the person {_fullest(bearers[0])!r} "
                                        f"(tagged as a {local.type})", 0.7, False)
    return None


def _earlier_mistyped_full_name(local: LocalEntity, others: list[CandidateEntity]) -> Judgement | None:
    """The same judgement the other way round, so the order documents arrive in does not matter."""
    full = max([local.name, *local.aliases], key=lambda n: len(name_parts(n)))
    named = [c for c in others if _reads_as_person_name(c.name) and len(name_parts(c.name)) > 1
             and (person_names_compatible(full, c.name) or person_names_alike(full, c.name))]
    if len(named) == 1:
        return Judgement(named[0].id, f"{named[0].name!r}, tagged as a {named[0].type}, names the person {full!r}",
                         0.7, False)
    return None


def _mistyped_surname(local: LocalEntity, people: list[CandidateEntity]) -> Judgement | None:
    """A single name typed as a place or organisation that is exactly one known person's
    surname is that person; the statistical model often tags Persian surnames as places."""
    if len(name_parts(local.name)) != 1 or local.acronym or clean_surface(local.name).isupper():
        return None
    surname = surname_key(local.name)
    bearers = [p for p in people if len(name_parts(_fullest(p))) > 1 and surname_key(_fullest(p)) == surname]
    if not bearers:
        bearers = [p for p in people if lone_surname_alike(local.name, _fullest(p))]
    if len(bearers) == 1:
        return Judgement(bearers[0].id, f"{local.name!r} is the surname of {_fullest(bearers[0])!r} "
                                        f"(tagged as a {local.type})", 0.6, False)
    return None


def _earlier_mistyped_surname(local: LocalEntity, others: list[CandidateEntity]) -> Judgement | None:
    """The same judgement the other way round, so the order documents arrive in does not matter."""
    full = max([local.name, *local.aliases], key=lambda n: len(name_parts(n)))
    if len(name_parts(full)) < 2:
        return None
    lone = [c for c in others if len(name_parts(c.name)) == 1 and not clean_surface(c.name).isupper()
            and surname_key(c.name) == surname_key(full)]
    if len(lone) == 1:
        return Judgement(lone[0].id, f"{lone[0].name!r}, tagged as a {lone[0].type}, is the surname of {full!r}",
                         0.6, False)
    return None
