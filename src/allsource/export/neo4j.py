"""A folder for `neo4j-admin database import full`: node and relationship CSV files with typed
headers, constraints.cypher, and a README with the exact command.

Nodes: Entity (plus a label for its type: Person, Organization, State…), Document, Claim, Event.
Relationships: one per statement with an object, typed by its predicate (SELLS, HOLDS_ROLE…),
and MENTIONED_IN, SAID, ABOUT, TOOK_PART_IN, TOOK_PLACE_IN, REPORTED_IN. Every relationship
and claim or event node keeps its evidence ("doc:start-end" and the sentence)."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from allsource.export.files import output_folder
from allsource.export.graph import LIST_SEPARATOR, edge_attributes

ARRAY_DELIMITER = ";"


@dataclass(frozen=True)
class ImportFile:
    name: str
    header: tuple[str, ...]   # neo4j-admin header fields: "name:type", ":ID(Space)", ":LABEL"…
    rows: Callable[[object], Iterator[list]]
    nodes: bool


def _evidence_fields(evidence: list[dict]) -> list:
    return [len(evidence), LIST_SEPARATOR.join(f"{e['doc']}:{e['start']}-{e['end']}" for e in evidence),
            "\n".join(e["text"] for e in evidence)]


def _time_text(record: dict) -> list:
    return [record["time_text"] or "", record["time_start"] or "", record["time_end"] or ""]


def _array(values: list[str]) -> str:
    """A list property; the delimiter inside a value would split it, so it becomes a comma."""
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, ",") for v in values)


def _entity_rows(store) -> Iterator[list]:
    for e in store.iter_rows("entities"):
        yield [e["id"], f"Entity;{e['type'].capitalize()}", e["name"], e["type"], e["subtype"],
               _array(e["aliases"]), e["mention_count"], e["doc_count"]]


def _document_rows(store) -> Iterator[list]:
    for d in store.iter_rows("documents"):
        yield [d["id"], "Document", d["title"], _array(d["authors"]), d["publisher"], d["published"] or "",
               d["source"], d["format"], d["content_hash"], d["text"]]


def _with_evidence(store, table: str) -> Iterator[tuple[dict, list[dict]]]:
    for chunk in store.iter_table(table):
        evidence = store.evidence_for(r["id"] for r in chunk)
        for record in chunk:
            yield record, evidence[record["id"]]


def _claim_rows(store) -> Iterator[list]:
    for c, evidence in _with_evidence(store, "claims"):
        yield [c["id"], "Claim", c["cue"], c["text"], c["direct"], c["negated"], c["doc"], *_evidence_fields(evidence)]


def _event_rows(store) -> Iterator[list]:
    for v, evidence in _with_evidence(store, "events"):
        yield [v["id"], "Event", v["event_type"], v["trigger"], *_time_text(v), v["negated"], v["doc"],
               *_evidence_fields(evidence)]


def _statement_rows(store) -> Iterator[list]:
    for s, evidence in _with_evidence(store, "statements"):
        if s["object"]:
            a = edge_attributes(s, evidence)
            yield [s["subject"], s["object"], s["predicate"].upper(), s["id"], a["item"], a["role"], a["time"],
                   a["time_start"], a["time_end"], a["negated"], a["modality"], a["confidence"],
                   a["evidence_count"], a["evidence"], a["evidence_text"], a["doc"]]


def _simple(table: str, fields: Callable[[dict], list | None]) -> Callable[[object], Iterator[list]]:
    def rows(store) -> Iterator[list]:
        for row in store.iter_rows(table):
            values = fields(row)
            if values is not None:
                yield values
    return rows


EVIDENCE_HEADER = ("evidence_count:int", "evidence", "evidence_text")
TIME_HEADER = ("time", "time_start", "time_end")

FILES = (
    ImportFile("entities.csv", ("entityId:ID(Entity)", ":LABEL", "name", "type", "subtype", "aliases:string[]",
                                "mention_count:int", "doc_count:int"), _entity_rows, True),
    ImportFile("documents.csv", ("docId:ID(Document)", ":LABEL", "title", "authors:string[]", "publisher",
                                 "published", "source", "format", "content_hash", "text"), _document_rows, True),
    ImportFile("claims.csv", ("claimId:ID(Claim)", ":LABEL", "cue", "text", "direct:boolean", "negated:boolean",
                              "doc", *EVIDENCE_HEADER), _claim_rows, True),
    ImportFile("events.csv", ("eventId:ID(Event)", ":LABEL", "event_type", "trigger", *TIME_HEADER,
                              "negated:boolean", "doc", *EVIDENCE_HEADER), _event_rows, True),
    ImportFile("statements.csv", (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "statementId", "item", "role",
                                  *TIME_HEADER, "negated:boolean", "modality", "confidence:double",
                                  *EVIDENCE_HEADER, "doc"), _statement_rows, False),
    ImportFile("mentioned_in.csv", (":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "mention_count:int"),
               _simple("entity_documents", lambda r: [r["entity"], r["doc"], "MENTIONED_IN", r["mention_count"]]),
               False),
    ImportFile("said.csv", (":START_ID(Entity)", ":END_ID(Claim)", ":TYPE"),
               _simple("claims", lambda r: [r["speaker"], r["id"], "SAID"]), False),
    ImportFile("claim_about.csv", (":START_ID(Claim)", ":END_ID(Entity)", ":TYPE"),
               _simple("claim_about", lambda r: [r["claim"], r["entity"], "ABOUT"]), False),
    ImportFile("claim_sources.csv", (":START_ID(Claim)", ":END_ID(Document)", ":TYPE"),
               _simple("claims", lambda r: [r["id"], r["doc"], "REPORTED_IN"]), False),
    ImportFile("event_participants.csv", (":START_ID(Entity)", ":END_ID(Event)", ":TYPE", "seq:int"),
               _simple("event_participants", lambda r: [r["entity"], r["event"], "TOOK_PART_IN", r["seq"]]), False),
    ImportFile("event_places.csv", (":START_ID(Event)", ":END_ID(Entity)", ":TYPE"),
               _simple("events", lambda r: [r["id"], r["place"], "TOOK_PLACE_IN"] if r["place"] else None), False),
    ImportFile("event_sources.csv", (":START_ID(Event)", ":END_ID(Document)", ":TYPE"),
               _simple("events", lambda r: [r["id"], r["doc"], "REPORTED_IN"]), False),
)

CONSTRAINTS = """// Uniqueness constraints for the ids the import wrote; run once after the import
// (cypher-shell -d neo4j -f constraints.cypher).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.entityId IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.docId IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.claimId IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.eventId IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
"""


def import_command(folder: str = "import") -> str:
    nodes = " ".join(f"--nodes={folder}/{f.name}" for f in FILES if f.nodes)
    relationships = " ".join(f"--relationships={folder}/{f.name}" for f in FILES if not f.nodes)
    return (f"neo4j-admin database import full --overwrite-destination --multiline-fields=true "
            f"--array-delimiter='{ARRAY_DELIMITER}' {nodes} {relationships} neo4j")


def readme() -> str:
    return f"""# allsource knowledge base for Neo4j

Copy these files into the `import` folder of a stopped Neo4j 5 installation and run, from the
installation folder:

```
{import_command()}
```

then start Neo4j and create the constraints:

```
cypher-shell -d neo4j -f import/constraints.cypher
```

Every file has its header on the first line. Text fields may hold line breaks, hence
`--multiline-fields=true`; lists (`aliases`, `authors`) are separated by `{ARRAY_DELIMITER}`.

- Nodes: `Entity` (with a second label for its type: `Person`, `Organization`, `State`, …;
  property `entityId`), `Document` (`docId`), `Claim` (`claimId`), `Event` (`eventId`).
- Relationships: one per statement with an object, typed by its predicate in capitals
  (`SELLS`, `HOLDS_ROLE`, …; property `statementId`), plus `MENTIONED_IN` (entity → document,
  with `mention_count`), `SAID` (entity → claim), `ABOUT` (claim → entity), `TOOK_PART_IN`
  (entity → event), `TOOK_PLACE_IN` (event → entity), `REPORTED_IN` (claim or event → document).
- Evidence: `evidence` holds `doc-id:start-end` per supporting span (character offsets into the
  document's `text`), `evidence_text` the sentences themselves.
"""


def write_neo4j(store, path: str | os.PathLike) -> int:
    """Writes the import folder `path`; returns nodes + relationships written."""
    count = 0
    with output_folder(path) as folder:
        for spec in FILES:
            with open(folder / spec.name, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(spec.header)
                for row in spec.rows(store):
                    writer.writerow(["true" if v is True else "false" if v is False else v for v in row])
                    count += 1
        (folder / "constraints.cypher").write_text(CONSTRAINTS, encoding="utf-8")
        (folder / "README.md").write_text(readme(), encoding="utf-8")
    return count
