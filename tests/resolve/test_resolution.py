"""Cross-document resolution: spelling variants merge, distinct people never do."""

from __future__ import annotations

import pytest

from allsource.model.names import person_key, person_names_compatible
from allsource.model.records import LocalEntity
from allsource.resolve.linker import CandidateEntity, Rules, blocking_keys, link


class MemorySource:
    """A CandidateSource over a list, the way the store answers by blocking keys."""

    def __init__(self) -> None:
        self.entities: dict[str, CandidateEntity] = {}
        self.keys: dict[str, set[str]] = {}

    def add(self, local: LocalEntity) -> str:
        judgement = link(local, self)
        old = self.entities.get(judgement.entity)
        aliases = tuple(dict.fromkeys((*(old.aliases if old else ()), local.name, *local.aliases)))
        name = old.name if old and len(old.name.split()) >= len(local.name.split()) else local.name
        count = (old.mention_count if old else 0) + local.mention_count
        self.entities[judgement.entity] = CandidateEntity(judgement.entity, local.type, name, aliases, count)
        for key in blocking_keys(local.type, [local.name, *local.aliases], local.acronym):
            self.keys.setdefault(key, set()).add(judgement.entity)
        return judgement.entity

    def candidates_for_keys(self, keys):
        return [self.entities[i] for k in keys for i in sorted(self.keys.get(k, ()))]

    def entity_named(self, name):
        return next((e for e in self.entities.values() if e.name.lower() == name.lower()), None)


def local(name: str, type_: str = "person", aliases=(), doc: str = "d", acronym: str = "") -> LocalEntity:
    return LocalEntity(f"{doc}:{name}", doc, type_, name, [name, *aliases], acronym=acronym, mention_count=3)


@pytest.mark.parametrize("a, b", [
    ("Qassem Soleimani", "Qasem Soleimani"), ("Qassem Soleimani", "Qasem Suleimani"),
    ("Esmail Ghaani", "Esmail Qaani"), ("Sergei Lavrov", "Sergey Lavrov"),
])
def test_transliteration_variants_share_a_key(a, b):
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a, b", [
    ("Ali Khamenei", "Ruhollah Khomeini"), ("Khamenei", "Khomeini"), ("Bashar al-Assad", "Hafez al-Assad"),
    ("Sergei Lavrov", "Sergei Shoigu"),
])
def test_distinct_people_are_not_compatible(a, b):
    assert not person_names_compatible(a, b)


def test_variants_across_documents_merge_and_namesakes_do_not():
    source = MemorySource()
    soleimani = source.add(local("Qassem Soleimani", doc="1"))
    assert source.add(local("Qasem Suleimani", doc="2")) == soleimani
    assert source.add(local("Soleimani", doc="3")) == soleimani
    bashar = source.add(local("Bashar al-Assad", doc="1"))
    assert source.add(local("Hafez al-Assad", doc="2")) != bashar
    lavrov = source.add(local("Sergey Lavrov", doc="1"))
    assert source.add(local("Sergei Shoigu", doc="2")) != lavrov
    assert source.add(local("Sergei Lavrov", doc="3")) == lavrov
    khamenei = source.add(local("Ali Khamenei", doc="1"))
    assert source.add(local("Khomeini", doc="2")) != khamenei


def test_quds_and_qods_force_merge_as_organisations():
    source = MemorySource()
    quds = source.add(local("Quds Force", "organization", doc="1"))
    assert source.add(local("Qods Force", "organization", doc="2")) == quds


def test_acronym_merges_with_its_expansion():
    source = MemorySource()
    irgc = source.add(local("Islamic Revolutionary Guard Corps", "organization", doc="1"))
    assert source.add(local("IRGC", "organization", doc="2")) == irgc


def test_a_never_rule_blocks_a_merge_the_names_would_allow():
    source = MemorySource()
    first = source.add(local("Mohammad Javad Zarif", doc="1"))
    rules = Rules(never={frozenset({"zarif", "mohammad javad zarif"})})
    judgement = link(local("Zarif", doc="2"), source, rules)
    assert judgement.new and judgement.entity != first


def test_an_always_rule_merges_names_that_do_not_match():
    source = MemorySource()
    target = source.add(local("Islamic Revolutionary Guard Corps", "organization", doc="1"))
    rules = Rules(always={"sepah": "Islamic Revolutionary Guard Corps"})
    assert link(local("Sepah", "organization", doc="2"), source, rules).entity == target
