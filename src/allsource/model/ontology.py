"""The ontology is data: loaded from `data/ontology.yaml` and validated at load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from allsource.errors import ConfigError


@dataclass(frozen=True)
class Predicate:
    name: str
    weight: float
    label: str
    description: str


@dataclass(frozen=True)
class Ontology:
    entity_types: dict[str, dict[str, str]]
    organization_subtypes: dict[str, str]
    predicates: dict[str, Predicate]
    event_types: dict[str, str]

    def predicate(self, name: str) -> Predicate:
        try:
            return self.predicates[name]
        except KeyError:
            raise ConfigError(f"unknown predicate {name!r}; see `allsource ontology`") from None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity_types": self.entity_types,
            "organization_subtypes": self.organization_subtypes,
            "predicates": {p.name: {"weight": p.weight, "label": p.label, "description": p.description}
                           for p in self.predicates.values()},
            "event_types": self.event_types,
        }


def parse_ontology(data: dict[str, Any]) -> Ontology:
    for section in ("entity_types", "organization_subtypes", "predicates", "event_types"):
        if not isinstance(data.get(section), dict) or not data[section]:
            raise ConfigError(f"ontology: section {section!r} is missing or empty")
    predicates = {}
    for name, spec in data["predicates"].items():
        if not isinstance(spec, dict) or not spec.get("description") or not spec.get("label"):
            raise ConfigError(f"ontology: predicate {name!r} needs a label and a description")
        weight = spec.get("weight")
        if not isinstance(weight, (int, float)) or not -10 <= weight <= 10:
            raise ConfigError(f"ontology: predicate {name!r} needs a weight between -10 and 10")
        predicates[name] = Predicate(name, float(weight), spec["label"], spec["description"])
    for name, spec in data["entity_types"].items():
        if not isinstance(spec, dict) or not spec.get("description"):
            raise ConfigError(f"ontology: entity type {name!r} needs a description")
    return Ontology(data["entity_types"], data["organization_subtypes"], predicates, data["event_types"])


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    text = resources.files("allsource").joinpath("data/ontology.yaml").read_text(encoding="utf-8")
    return parse_ontology(yaml.safe_load(text))
