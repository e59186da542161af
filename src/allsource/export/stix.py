"""A STIX 2.1 bundle, written object by object.

Mapping (docs/exports.md explains the choices):
- person → identity (identity_class "individual"); state → identity ("organization", sector
  government-national); organization → identity ("organization"; government bodies
  government-national, military units defense), except armed groups → threat-actor. No
  intrusion-set: nothing in the ontology describes a cluster of cyber operations.
- places, facilities, weapons, products, agreements, named events and "other" have no faithful
  STIX domain object and are left out, with the statements that need them as an end.
- statement between two actors → relationship (predicate with hyphens as relationship_type,
  confidence 0–100, start_time/stop_time from its time, "negated"/"hedged"/"reported" labels).
- claim → note (content = what was said; abstract = who said it; object_refs = the speaker and
  the actors it is about, and the document's report).
- document → report (published = publication date, else when it was added; object_refs = its
  actors, relationships and notes).
Every relationship and note cites its evidence in external_references: external_id
"doc-id:start-end" and the sentence as description. Ids are UUIDv5 of allsource ids, so two
exports of the same knowledge base give the same ids."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone

from allsource.export.files import output_file

NAMESPACE = uuid.UUID("6f1c2d3e-8a4b-5c6d-9e0f-a1b2c3d4e5f6")
ACTOR_TYPES = ("person", "organization", "state")
PRODUCER_ID = f"identity--{uuid.uuid5(NAMESPACE, 'allsource')}"
SECTORS = {"state": ["government-national"], "government_body": ["government-national"],
           "military_unit": ["defense"]}


def stix_id(kind: str, allsource_id: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, allsource_id)}"


def actor_id(entity: dict) -> str:
    return stix_id("threat-actor" if entity["subtype"] == "armed_group" else "identity", entity["id"])


def _is_actor(entity: dict | None) -> bool:
    return entity is not None and entity["type"] in ACTOR_TYPES


def _timestamp(day: str, end: bool = False) -> str:
    """'2016', '2016-12' or '2016-12-05' as a STIX timestamp at the start (or end) of that day."""
    parts = (day.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T{'23:59:59.999' if end else '00:00:00.000'}Z"


def _evidence_references(evidence: list[dict]) -> list[dict]:
    return [{"source_name": "allsource evidence", "external_id": f"{e['doc']}:{e['start']}-{e['end']}",
             "description": e["text"]} for e in evidence]


class _Writer:
    def __init__(self, handle, now: str) -> None:
        self.handle, self.now, self.count = handle, now, 0

    def add(self, kind: str, object_id: str, **properties) -> None:
        record = {"type": kind, "spec_version": "2.1", "id": object_id, "created": self.now, "modified": self.now,
                  **{k: v for k, v in properties.items() if v not in (None, "", [])}}
        self.handle.write(("\n" if self.count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        self.count += 1


def write_stix(store, path: str | os.PathLike) -> int:
    """Writes the bundle to `path` ('-' for standard output); returns the objects written."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    with output_file(path) as out:
        out.write(json.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}"})[:-1] + ', "objects": [')
        writer = _Writer(out, now)
        writer.add("identity", PRODUCER_ID, name="allsource", identity_class="system",
                      description="Knowledge base extracted from news and analysis by allsource")
        _actors(store, writer)
        _relationships(store, writer)
        _notes(store, writer)
        _reports(store, writer)
        out.write("\n]}\n")
    return writer.count


def _actors(store, writer: _Writer) -> None:
    for entity in store.iter_rows("entities"):
        if not _is_actor(entity):
            continue
        aliases = [a for a in entity["aliases"] if a != entity["name"]]
        if entity["subtype"] == "armed_group":
            writer.add("threat-actor", actor_id(entity), name=entity["name"], aliases=aliases,
                          description=f"armed group, mentioned {entity['mention_count']} times")
        else:
            writer.add("identity", actor_id(entity), name=entity["name"],
                          identity_class="individual" if entity["type"] == "person" else "organization",
                          sectors=SECTORS.get(entity["subtype"] or entity["type"]),
                          description=f"{entity['subtype'] or entity['type']}, also called: {', '.join(aliases)}"
                          if aliases else entity["subtype"] or entity["type"])


def _relationships(store, writer: _Writer) -> None:
    for chunk in store.iter_table("statements"):
        chunk = [s for s in chunk if s["object"]]
        entities = store.entities_by_id([s["subject"] for s in chunk] + [s["object"] for s in chunk])
        kept = [s for s in chunk if _is_actor(entities.get(s["subject"])) and _is_actor(entities.get(s["object"]))]
        evidence = store.evidence_for(s["id"] for s in kept)
        for s in kept:
            subject, obj = entities[s["subject"]], entities[s["object"]]
            labels = (["negated"] if s["negated"] else []) + ([s["modality"]] if s["modality"] != "plain" else [])
            when = f" [{s['time_text']}]" if s["time_text"] else ""
            writer.add(
                "relationship", stix_id("relationship", s["id"]), relationship_type=s["predicate"].replace("_", "-"),
                source_ref=actor_id(subject), target_ref=actor_id(obj),
                description=f"{subject['name']} {s['predicate'].replace('_', ' ')} {obj['name']}"
                            f"{' (' + s['role'] + ')' if s['role'] else ''}{when}"
                            f"{' — the source says this did not happen' if s['negated'] else ''}",
                start_time=_timestamp(s["time_start"]) if s["time_start"] else None,
                stop_time=_timestamp(s["time_end"], end=True) if s["time_end"] else None,
                confidence=round(s["confidence"] * 100), labels=labels,
                external_references=_evidence_references(evidence[s["id"]]))


def _notes(store, writer: _Writer) -> None:
    for chunk in store.iter_table("claims"):
        ids = [c["id"] for c in chunk]
        about = store.claim_subjects(ids)
        entities = store.entities_by_id([c["speaker"] for c in chunk] + [e for a in about.values() for e in a])
        evidence = store.evidence_for(ids)
        for c in chunk:
            speaker = entities.get(c["speaker"])
            refs = [actor_id(entities[e]) for e in [c["speaker"], *about[c["id"]]] if _is_actor(entities.get(e))]
            labels = ["direct-quote" if c["direct"] else "paraphrase"] + (["denial"] if c["negated"] else [])
            writer.add("note", stix_id("note", c["id"]),
                          abstract=f"{speaker['name'] if speaker else 'unknown speaker'} {c['cue']}",
                          content=c["text"], authors=[speaker["name"]] if speaker else None,
                          object_refs=list(dict.fromkeys(refs)) + [stix_id("report", c["doc"])], labels=labels,
                          external_references=_evidence_references(evidence[c["id"]]))


def _reports(store, writer: _Writer) -> None:
    for chunk in store.iter_table("documents"):
        contents = store.document_contents([d["id"] for d in chunk], entity_types=ACTOR_TYPES)
        for d in chunk:
            held = contents[d["id"]]
            refs = [actor_id(e) for e in store.entities_by_id(held["entities"]).values()]
            refs += [stix_id("relationship", s) for s in held["statements"]]
            refs += [stix_id("note", c) for c in held["claims"]]
            source = {"source_name": d["publisher"] or "source document", "external_id": d["id"],
                      "description": d["source"]}
            if d["source"].startswith(("http://", "https://")):
                source["url"] = d["source"]
            writer.add("report", stix_id("report", d["id"]), name=d["title"] or d["id"],
                          published=_timestamp(d["published"]) if d["published"] else writer.now,
                          description=f"by {', '.join(d['authors'])}" if d["authors"] else None,
                          object_refs=refs or [PRODUCER_ID],
                          external_references=[source])
