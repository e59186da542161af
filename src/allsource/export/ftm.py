"""FollowTheMoney entities as JSON Lines (the format `ftm` and Aleph read), built with the
followthemoney model so every value is cleaned and checked by the library itself.

- person → Person; state → PublicBody whose `jurisdiction` and `country` are the state's ISO
  code (when followthemoney recognises the name); organization → PublicBody for government
  bodies, Organization otherwise; place → Address (with `country` when the place names one);
  named event → Event. Weapons, products, agreements, facilities and "other" have no fitting
  schema and are left out, with the links that need them.
- document → Document (title, author, publisher, publishedAt, sourceUrl or fileName, bodyText;
  not contentHash, which followthemoney defines as SHA-1 where allsource keeps SHA-256).
- each entity–document pair → Documentation (role: how often the document mentions it).
- statement → UnknownLink (role = predicate, dates, proof = the document, description = the
  evidence sentence, status "negated" when the source says it did not happen).
- claim → Note (about the speaker; description = what was said; proof = the document)."""

from __future__ import annotations

import json
import os

from allsource.export.files import output_file

ENTITY_SCHEMATA = {"person": "Person", "state": "PublicBody", "organization": "Organization", "place": "Address",
                   "event": "Event"}


def schema_of(entity: dict) -> str | None:
    if entity["type"] == "organization" and entity["subtype"] == "government_body":
        return "PublicBody"
    return ENTITY_SCHEMATA.get(entity["type"])


class _Writer:
    def __init__(self, handle) -> None:
        from followthemoney import model
        from followthemoney.types import registry

        self.model, self.countries, self.handle, self.count = model, registry.country, handle, 0

    def write(self, schema: str, entity_id: str, **properties) -> None:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        for name, values in properties.items():
            for value in values if isinstance(values, list) else [values]:
                if value not in (None, ""):
                    proxy.add(name, value)
        self.handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")
        self.count += 1


def write_ftm(store, path: str | os.PathLike) -> int:
    """Writes the entities to `path` ('-' for standard output); returns how many."""
    with output_file(path) as out:
        writer = _Writer(out)
        _entities(store, writer)
        _documents(store, writer)
        _documentation(store, writer)
        _links(store, writer)
        _notes(store, writer)
    return writer.count


def _entities(store, writer: _Writer) -> None:
    for entity in store.iter_rows("entities"):
        schema = schema_of(entity)
        if schema is None:
            continue
        aliases = [a for a in entity["aliases"] if a != entity["name"]]
        if schema == "Address":
            writer.write(schema, entity["id"], full=entity["name"], alias=aliases,
                         country=writer.countries.clean(entity["name"]))
        elif entity["type"] == "state":
            code = writer.countries.clean(entity["name"])
            writer.write(schema, entity["id"], name=entity["name"], alias=aliases, jurisdiction=code, country=code)
        else:
            writer.write(schema, entity["id"], name=entity["name"], alias=aliases,
                         description=entity["subtype"] or None)


def _documents(store, writer: _Writer) -> None:
    for d in store.iter_rows("documents"):
        is_url = d["source"].startswith(("http://", "https://"))
        writer.write("Document", d["id"], title=d["title"], author=d["authors"], publisher=d["publisher"],
                     publishedAt=d["published"], sourceUrl=d["source"] if is_url else None,
                     fileName=None if is_url else os.path.basename(d["source"]), bodyText=d["text"])


def _documentation(store, writer: _Writer) -> None:
    for chunk in store.iter_table("entity_documents"):
        entities = store.entities_by_id(r["entity"] for r in chunk)
        for row in chunk:
            if schema_of(entities[row["entity"]]):
                writer.write("Documentation", f"{row['entity']}.{row['doc']}", entity=row["entity"],
                             document=row["doc"], role=f"mentioned {row['mention_count']} time(s)")


def _links(store, writer: _Writer) -> None:
    for chunk in store.iter_table("statements"):
        chunk = [s for s in chunk if s["object"]]
        entities = store.entities_by_id([s["subject"] for s in chunk] + [s["object"] for s in chunk])
        kept = [s for s in chunk if schema_of(entities[s["subject"]]) and schema_of(entities[s["object"]])]
        evidence = store.evidence_for(s["id"] for s in kept)
        for s in kept:
            writer.write("UnknownLink", s["id"], subject=s["subject"], object=s["object"],
                         role=s["predicate"].replace("_", " ") + (f" ({s['role']})" if s["role"] else ""),
                         startDate=s["time_start"], endDate=s["time_end"], proof=s["doc"],
                         status="negated" if s["negated"] else s["modality"],
                         description=[e["text"] for e in evidence[s["id"]]])


def _notes(store, writer: _Writer) -> None:
    for chunk in store.iter_table("claims"):
        entities = store.entities_by_id(c["speaker"] for c in chunk)
        for c in chunk:
            speaker = entities[c["speaker"]]
            writer.write("Note", c["id"], name=f"{speaker['name']} {c['cue']}", description=c["text"],
                         entity=c["speaker"] if schema_of(speaker) else None, proof=c["doc"])
