"""Dyads: two actors, every record that links them, and how their relationship moves over time.

What links A and B
    - a statement whose subject is one and whose object is the other (either direction; the
      item, such as the weapon supplied, is a qualifier and does not make a link on its own);
    - an event in which both take part (as participants, or one of them as the place);
    - a claim in which one speaks about the other, or which is about both.

Weights and the yearly series
    A statement weighs its predicate's weight from the ontology (`allsource ontology`; a
    Goldstein-like scale, +10 closest cooperation, -10 most hostile). An event type weighs what
    its counterpart predicate weighs (`EVENT_PREDICATES`: delivery as supplies, attack as
    attacks…); election and intervention have no counterpart and weigh 0. A record enters the
    series unless (reason kept in `DyadRecord.excluded`):
      - it is negated: a source saying something did not happen is no act of either kind;
      - it is a claim: speech about the pair is listed, not weighed;
      - it is an event drawn from the same sentence as a statement of the pair (overlapping
        evidence in the same document): the statement already carries that act;
      - it has no year at all.
    Per year, `cooperation` is the sum of the positive weights and `conflict` the sum of the
    magnitudes of the negative ones (both >= 0); `count` is how many records entered that year.

Years
    A record is dated by the year its own time interval starts (`dated_by="text"`). A record
    whose text gives no time takes its document's publication year (`dated_by="publication"`);
    with neither it is `dated_by="none"` and stays out of the series.

Areas (a record may fall in several; one matching none is in no area)
    - arms: predicates supplies, sells, trains; event types delivery and exercise; an entity of
      type weapon in the record; or arms words in its sentence (weapon, missile, drone,
      air defence, fighter jet, S-300, Su-35, Shahed, tank, military hardware…);
    - diplomacy: predicates meets, visits, negotiates_with, signs, allied_with, joins,
      withdraws_from; event types meeting, visit, agreement; or words such as talks, summit,
      diplomat, foreign minister, embassy, treaty, alliance;
    - economy: predicate sanctions; event type sanction; or words such as trade (not "arms
      trade"), economy, oil, gas, investment, bank, export, market, reconstruction, mining;
    - Syria: the words or names Syria, Syrian, Damascus, Assad, Aleppo, Latakia, Hmeimim, Tartus
      in the sentence or among the record's entities;
    - nuclear: the words nuclear, uranium, enrichment, reactor, Bushehr, JCPOA or the Joint
      Comprehensive Plan of Action in the sentence or among the record's entities.
    The text searched is the record's evidence sentences, the names of its entities and, for a
    claim, what was claimed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from allsource.errors import ConfigError
from allsource.model.ontology import load_ontology

EVENT_PREDICATES = {"meeting": "meets", "visit": "visits", "delivery": "supplies", "agreement": "signs",
                    "attack": "attacks", "death": "kills", "sanction": "sanctions", "exercise": "cooperates_with"}

AREAS = ("arms", "diplomacy", "economy", "Syria", "nuclear")
AREA_PREDICATES = {
    "arms": {"supplies", "sells", "trains"},
    "diplomacy": {"meets", "visits", "negotiates_with", "signs", "allied_with", "joins", "withdraws_from"},
    "economy": {"sanctions"},
}
AREA_EVENT_TYPES = {"arms": {"delivery", "exercise"}, "diplomacy": {"meeting", "visit", "agreement"},
                    "economy": {"sanction"}}
AREA_ENTITY_TYPES = {"arms": {"weapon"}}
AREA_WORDS = {
    "arms": r"weapons?|arms|armou?r|missiles?|drones?|air[- ]defen[cs]e|fighters?|fighter jets?|jets?|bombers?"
            r"|S-[34]00|Su-\d+|MiG-\d+|Tor-M1|Shahed(?:-\d+)?|Geran(?:-\d+)?|tanks?|submarines?|military hardware"
            r"|munitions?|ammunition",
    "diplomacy": r"talks|summit|diplomac\w*|diplomat\w*|foreign minist\w+|embass\w+|treat(?:y|ies)"
                 r"|alliance|envoys?|ambassadors?|negotiat\w+",
    "economy": r"(?<!arms )trad(?:e|ing)|econom\w+|oil|gas|invest\w*|banks?|banking|exports?|imports?|markets?"
               r"|reconstruction|mining|currency|corridor|railway",
    "Syria": r"Syria|Syrian|Damascus|Assad|Aleppo|Latakia|Hmeimim|Tartus",
    "nuclear": r"nuclear|uranium|enrichment|reactors?|Bushehr|JCPOA|Joint Comprehensive Plan of Action",
}
# one pass over the lower-cased text finds every area: each area's words are a named group
# (lower-casing the text and the words is 2.5 times faster than re.IGNORECASE on a large dyad;
# the words use no upper-case escapes such as \D or \W, so lower-casing them keeps their meaning)
_AREA_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?P<{area}>{words.lower()})" for area, words in AREA_WORDS.items())
                           + r")\b")


@dataclass
class DyadRecord:
    """One statement, event or claim linking the pair, with what the dyad analysis made of it."""

    kind: str                 # statement | event | claim
    id: str
    summary: str              # "Russia supplies Iran (S-300)", built from the record's fields
    doc: str
    year: int | None
    dated_by: str             # text | publication | none
    weight: float             # the signed weight it adds to the series (0 when excluded)
    excluded: str | None      # why it stays out of the series, or None
    areas: list[str]
    evidence: list[dict]
    record: dict = field(repr=False)


@dataclass
class DyadYear:
    year: int
    cooperation: float
    conflict: float
    count: int


@dataclass
class Dyad:
    a: dict                   # the two entities, as `store.find_entity` returns them
    b: dict
    statements: list[DyadRecord]
    events: list[DyadRecord]
    claims: list[DyadRecord]
    series: list[DyadYear]
    areas: dict[str, list[str]]   # area -> ids of the records in it
    conflicts: list[dict]         # conflicts with a side among the pair's records

    @property
    def cooperation(self) -> float:
        return _totals(self.series)[0]

    @property
    def conflict(self) -> float:
        return _totals(self.series)[1]

    def records(self) -> list[DyadRecord]:
        return [*self.statements, *self.events, *self.claims]

    def to_dict(self) -> dict:
        return {**asdict(self), "cooperation": self.cooperation, "conflict": self.conflict,
                "balance": self.cooperation - self.conflict}


@dataclass
class DyadSummary:
    a: str
    a_name: str
    b: str
    b_name: str
    statement_count: int
    event_count: int
    cooperation: float
    conflict: float
    balance: float            # cooperation - conflict

    def to_dict(self) -> dict:
        return asdict(self)


def dyad(store, a_id: str, b_id: str) -> Dyad:
    """Everything linking entities `a_id` and `b_id` (ids, names or aliases): the records,
    the yearly series, the areas and the conflicts between sources over those records."""
    a, b = _pair(store, a_id, b_id)
    type_of = _type_lookup(store)
    statements, events = _weighted_records(store, a["id"], b["id"], type_of)
    claims = store.dyad_claims(a["id"], b["id"])
    headers = store.document_headers([c["doc"] for c in claims])
    claim_rows = [_dyad_record(type_of, "claim", c, headers, excluded="claim") for c in claims]
    linked = [*statements, *events, *claim_rows]
    areas = {area: [r.id for r in linked if area in r.areas] for area in AREAS}
    conflicts = store.conflicts_involving([r.id for r in linked])
    return Dyad(a, b, statements, events, claim_rows, _series(statements + events), areas, conflicts)


def relationship_series(store, a_id: str, b_id: str) -> list[DyadYear]:
    """The yearly cooperation/conflict series of a pair (see the module docstring for the rules)."""
    a, b = _pair(store, a_id, b_id)
    statements, events = _weighted_records(store, a["id"], b["id"], _type_lookup(store))
    return _series(statements + events)


def strongest_dyads(store, limit: int = 10) -> list[DyadSummary]:
    """The `limit` pairs linked by the most asserted statements and events that carry a weight
    (structural links such as holds_role, leads or part_of weigh 0 and do not rank a pair), with
    their counts (every statement and event linking them) and weighted totals."""
    ontology = load_ontology()
    predicates = sorted(name for name, p in ontology.predicates.items() if p.weight)
    event_types = sorted(t for t, p in EVENT_PREDICATES.items() if ontology.predicate(p).weight)
    summaries = []
    type_of = _type_lookup(store)
    for pair in store.linked_pairs(limit, predicates, event_types):
        a, b = store.find_entity(pair["a"]), store.find_entity(pair["b"])
        statements, events = _weighted_records(store, a["id"], b["id"], type_of)
        cooperation, conflict = _totals(_series(statements + events))
        summaries.append(DyadSummary(a["id"], a["name"], b["id"], b["name"], len(statements), len(events),
                                     cooperation, conflict, cooperation - conflict))
    return summaries


def describe(kind: str, record: dict) -> str:
    """A plain sentence fragment built only from the record's fields."""
    if kind == "statement":
        parts = [record["subject_name"], load_ontology().predicate(record["predicate"]).label,
                 record.get("object_name") or ""]
        if record.get("item_name"):
            parts.append(f"({record['item_name']})")
        if record.get("role"):
            parts.append(f"as {record['role']}")
        negation = " (reported as not having happened)" if record["negated"] else ""
        return " ".join(p for p in parts if p) + negation
    if kind == "event":
        who = ", ".join(record["participant_names"]) or "unnamed participants"
        place = f" at {record['place_name']}" if record.get("place_name") else ""
        negation = " (reported as not having happened)" if record["negated"] else ""
        return f"{record['event_type']}: {who}{place}{negation}"
    return f"{record['speaker_name']} ({record['cue'].lower()}): “{record['text']}”"


def _pair(store, a_ref: str, b_ref: str) -> tuple[dict, dict]:
    a, b = store.find_entity(a_ref), store.find_entity(b_ref)
    if a["id"] == b["id"]:
        raise ConfigError(f"{a_ref!r} and {b_ref!r} are the same entity ({a['name']}); a dyad needs two")
    return a, b


def _weighted_records(store, a: str, b: str, type_of) -> tuple[list[DyadRecord], list[DyadRecord]]:
    statements = store.dyad_statements(a, b)
    events = store.dyad_events(a, b)
    headers = store.document_headers([r["doc"] for r in statements + events])
    statement_rows = [_dyad_record(type_of, "statement", s, headers) for s in statements]
    spans = [(e["doc"], e["start"], e["end"]) for s in statements for e in s["evidence"]]
    event_rows = []
    for event in events:
        shared = any(doc == e["doc"] and start < e["end"] and e["start"] < end
                     for e in event["evidence"] for doc, start, end in spans)
        event_rows.append(_dyad_record(type_of, "event", event, headers,
                                       excluded="same sentence as a statement of the pair" if shared else None))
    return statement_rows, event_rows


def _dyad_record(type_of, kind: str, record: dict, headers: dict, excluded: str | None = None) -> DyadRecord:
    year, dated_by = _year(record, headers.get(record["doc"], {}))
    if excluded is None and record["negated"]:
        excluded = "negated"
    if excluded is None and year is None:
        excluded = "undated"
    weight = 0.0 if excluded else _weight(kind, record)
    return DyadRecord(kind, record["id"], describe(kind, record), record["doc"], year, dated_by, weight, excluded,
                      _areas(type_of, kind, record), record["evidence"], record)


def _weight(kind: str, record: dict) -> float:
    ontology = load_ontology()
    if kind == "statement":
        return ontology.predicate(record["predicate"]).weight
    predicate = EVENT_PREDICATES.get(record["event_type"])
    return ontology.predicate(predicate).weight if predicate else 0.0


def _year(record: dict, header: dict) -> tuple[int | None, str]:
    if record.get("time"):
        return int(record["time"]["start"][:4]), "text"
    if header.get("published"):
        return int(header["published"][:4]), "publication"
    return None, "none"


def _areas(type_of, kind: str, record: dict) -> list[str]:
    entity_ids, names = _entities_of(kind, record)
    types = {type_of(e) for e in entity_ids}
    text = " ".join([*(e["text"] for e in record["evidence"]), *names,
                     record["text"] if kind == "claim" else ""])
    worded = {match.lastgroup for match in _AREA_PATTERN.finditer(text.lower())}
    return [area for area in AREAS
            if area in worded
            or (kind == "statement" and record["predicate"] in AREA_PREDICATES.get(area, ()))
            or (kind == "event" and record["event_type"] in AREA_EVENT_TYPES.get(area, ()))
            or types & AREA_ENTITY_TYPES.get(area, set())]


def _type_lookup(store):
    """entity id -> type, asking the store once per entity within one analysis."""
    types: dict[str, str] = {}

    def type_of(entity_id: str) -> str:
        if entity_id not in types:
            types[entity_id] = store.find_entity(entity_id)["type"]
        return types[entity_id]
    return type_of


def _entities_of(kind: str, record: dict) -> tuple[list[str], list[str]]:
    if kind == "statement":
        pairs = [(record["subject"], record["subject_name"]), (record["object"], record["object_name"]),
                 (record["item"], record["item_name"])]
    elif kind == "event":
        pairs = [*zip(record["participants"], record["participant_names"]),
                 (record["place"], record["place_name"])]
    else:
        pairs = [(record["speaker"], record["speaker_name"]), *zip(record["about"], record["about_names"])]
    pairs = [(i, n) for i, n in pairs if i]
    return [i for i, _ in pairs], [n for _, n in pairs]


def _totals(series: list[DyadYear]) -> tuple[float, float]:
    return sum((y.cooperation for y in series), 0.0), sum((y.conflict for y in series), 0.0)


def _series(records: list[DyadRecord]) -> list[DyadYear]:
    years: dict[int, DyadYear] = defaultdict(lambda: DyadYear(0, 0.0, 0.0, 0))
    for r in records:
        if r.excluded:
            continue
        row = years[r.year]
        row.year = r.year
        row.count += 1
        if r.weight > 0:
            row.cooperation += r.weight
        else:
            row.conflict -= r.weight
    return [years[y] for y in sorted(years)]
