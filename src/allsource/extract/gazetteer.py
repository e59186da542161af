"""The domain gazetteer: known states (with capitals, seats of power and demonyms) and actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from allsource.errors import ConfigError


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    subtype: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    surface_to_entry: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    seats_of_power: dict[str, str] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()
    # case-sensitive names and seats written in capitals, as headlines and datelines write
    # them ("IRAN", "LONDON"), mapped to the form listed
    capitalised: dict[str, str] = field(default_factory=dict)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        key = surface if surface in self.surface_to_entry else surface.lower()
        name = self.surface_to_entry.get(key) or self.surface_to_entry.get(self.capitalised.get(surface, ""))
        return self.entries.get(name) if name else None

    def seat(self, surface: str) -> str:
        """The state a capital or seat of power stands for ('' if none), written as listed or in capitals."""
        return self.seats_of_power.get(surface) or self.seats_of_power.get(self.capitalised.get(surface, ""), "")

    def surfaces(self) -> list[str]:
        return list(self.surface_to_entry)


def _is_case_sensitive(alias: str) -> bool:
    # Short or all-capital forms (US, IS, UN) collide with ordinary words when lower-cased.
    return len(alias) <= 4 or alias.isupper() or "." in alias


def _register(gazetteer: Gazetteer, entry: GazetteerEntry) -> None:
    if entry.name in gazetteer.entries:
        raise ConfigError(f"gazetteer: {entry.name!r} is listed twice")
    gazetteer.entries[entry.name] = entry
    for surface in (entry.name, *entry.aliases):
        key = surface if _is_case_sensitive(surface) else surface.lower()
        gazetteer.surface_to_entry.setdefault(key, entry.name)


def parse_gazetteer(data: dict) -> Gazetteer:
    gazetteer = Gazetteer(given_names=frozenset(data.get("given_names", [])))
    for state in data.get("states", []):
        _register(gazetteer, GazetteerEntry(state["name"], "state", "", tuple(state.get("aliases", ()))))
        for demonym in state.get("demonyms", []):
            gazetteer.demonyms[demonym] = state["name"]
        for seat in [state.get("capital"), *state.get("seats", [])]:
            if seat:
                gazetteer.seats_of_power[seat] = state["name"]
    for actor in data.get("actors", []):
        if "type" not in actor:
            raise ConfigError(f"gazetteer: actor {actor.get('name')!r} has no type")
        _register(gazetteer, GazetteerEntry(actor["name"], actor["type"], actor.get("subtype", ""),
                                            tuple(actor.get("aliases", ())), actor.get("country", "")))
    forms = [s for s in gazetteer.surface_to_entry if s != s.lower()] + list(gazetteer.seats_of_power)
    gazetteer.capitalised = {form.upper(): form for form in forms if not form.isupper()}
    return gazetteer


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = resources.files("allsource").joinpath("data/gazetteer.yaml").read_text(encoding="utf-8")
    return parse_gazetteer(yaml.safe_load(text))
