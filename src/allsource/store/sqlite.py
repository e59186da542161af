"""The SQLite knowledge base: one file, one writer, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from allsource.errors import NotFoundError, StoreError
from allsource.model.names import name_parts
from allsource.model.records import Conflict, Extraction, LocalEntity
from allsource.resolve.linker import CandidateEntity, Judgement, Rules, blocking_keys
from allsource.store.base import Store
from allsource.store import reads

# name -> script, applied in order, each once, each recorded in the migrations table
MIGRATIONS = {"0001_initial": "schema.sql", "0002_entity_forms": "migration_0002_entity_forms.sql"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore(reads.Reads, Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an allsource knowledge base ({exc})") from exc

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        for name, script_file in MIGRATIONS.items():
            if name in applied:
                continue
            script = resources.files("allsource").joinpath(f"store/{script_file}").read_text(encoding="utf-8")
            with self.transaction():
                for statement in _split_sql(script):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.in_transaction:
            savepoint = f"sp{id(self)}"
            self.db.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                self.db.execute(f"ROLLBACK TO {savepoint}")
                raise
            self.db.execute(f"RELEASE {savepoint}")
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- sources -----------------------------------------------------------------------------

    def source_state(self, path: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT content_hash, status FROM sources WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def record_source(self, path: str, content_hash: str, status: str, error: str | None = None) -> None:
        self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
                        (path, content_hash, status, error, _now()))

    def record_failure(self, source: str, stage: str, reason: str) -> None:
        self.db.execute("INSERT INTO failures VALUES (?, ?, ?, ?)", (source, stage, reason, _now()))

    def has_content(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1",
                               (content_hash,)).fetchone() is not None

    def remove_source_documents(self, path: str) -> list[str]:
        """Deletes every record of the documents read from `path`; returns the entities touched."""
        docs = [r[0] for r in self.db.execute("SELECT id FROM documents WHERE source = ?", (path,))]
        touched: set[str] = set()
        for doc in docs:
            touched |= {r[0] for r in self.db.execute("SELECT DISTINCT entity FROM local_entities WHERE doc = ?", (doc,))}
            records = "SELECT id FROM statements WHERE doc = :d UNION SELECT id FROM events WHERE doc = :d " \
                      "UNION SELECT id FROM claims WHERE doc = :d"
            self.db.execute(f"DELETE FROM conflicts WHERE a IN ({records}) OR b IN ({records})", {"d": doc})
            self.db.execute("DELETE FROM claim_about WHERE claim IN (SELECT id FROM claims WHERE doc = ?)", (doc,))
            self.db.execute("DELETE FROM event_participants WHERE event IN (SELECT id FROM events WHERE doc = ?)", (doc,))
            for table in ("evidence", "claims", "events", "statements", "mentions", "removals"):
                self.db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
            self.db.execute("DELETE FROM merges WHERE local_entity IN (SELECT id FROM local_entities WHERE doc = ?)", (doc,))
            self.db.execute("DELETE FROM local_entities WHERE doc = ?", (doc,))
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc,))
        for entity in touched:
            self._refresh_entity(entity)
        return sorted(touched)

    # -- writing one document ----------------------------------------------------------------

    def write_extraction(self, extraction: Extraction) -> None:
        d = extraction.document
        self.db.execute(
            "INSERT INTO documents (id, content_hash, source, part, format, title, authors, publisher, published,"
            " text, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (d.id, d.content_hash, d.source, d.part, d.format, d.title, json.dumps(d.authors), d.publisher,
             d.published, d.text, _now()))
        self.db.executemany("INSERT INTO removals VALUES (?,?,?,?,?)",
                            [(d.id, i, r.kind, r.at, r.text) for i, r in enumerate(d.removed)])
        self.db.executemany(
            "INSERT INTO local_entities VALUES (?,?,?,?,?,?,?,?,?)",
            [(e.id, e.doc, e.type, e.subtype, e.name, json.dumps(e.aliases), e.acronym, e.mention_count, None)
             for e in extraction.entities])
        self.db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?)",
                            [(m.id, m.doc, m.start, m.end, m.text, m.type, m.entity, m.source)
                             for m in extraction.mentions])
        for s in extraction.statements:
            self.db.execute("INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            (s.id, d.id, s.subject, s.predicate, s.object, s.item, s.role, *_time(s.time),
                             int(s.negated), s.modality, s.confidence, s.extractor))
            self._write_evidence(s.id, s.evidence)
        for v in extraction.events:
            self.db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)",
                            (v.id, d.id, v.event_type, v.place, *_time(v.time), v.trigger, int(v.negated)))
            self.db.executemany("INSERT INTO event_participants VALUES (?,?,?)",
                                [(v.id, i, p) for i, p in enumerate(v.participants)])
            self._write_evidence(v.id, v.evidence)
        for c in extraction.claims:
            self.db.execute("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?)",
                            (c.id, d.id, c.speaker, c.cue, c.text, int(c.direct), c.statement, c.via, int(c.negated)))
            self.db.executemany("INSERT OR IGNORE INTO claim_about VALUES (?,?)", [(c.id, a) for a in c.about])
            self._write_evidence(c.id, c.evidence)

    def _write_evidence(self, record: str, evidence) -> None:
        self.db.executemany("INSERT INTO evidence VALUES (?,?,?,?,?,?)",
                            [(record, i, e.doc, e.start, e.end, e.text) for i, e in enumerate(evidence)])

    # -- resolution --------------------------------------------------------------------------

    def candidates_for_keys(self, keys: list[str]) -> list[CandidateEntity]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT DISTINCT e.* FROM name_keys k JOIN entities e ON e.id = k.entity WHERE k.key IN ({marks})", keys)
        return [_candidate(r) for r in rows]

    def entity_named(self, name: str) -> CandidateEntity | None:
        row = self.db.execute("SELECT * FROM entities WHERE lower(name) = lower(?) ORDER BY mention_count DESC",
                              (name,)).fetchone()
        return _candidate(row) if row else None

    def rules(self) -> Rules:
        rules = Rules()
        for kind, a, b in self.db.execute("SELECT kind, a, b FROM rules"):
            if kind == "always":
                rules.always[a.lower()] = b
            else:
                rules.never.add(frozenset((a.lower(), b.lower())))
        return rules

    def add_rule(self, kind: str, a: str, b: str) -> None:
        if kind not in ("never", "always"):
            raise StoreError(f"unknown rule kind {kind!r} (expected never or always)")
        self.db.execute("INSERT OR REPLACE INTO rules VALUES (?, ?, ?, ?)", (kind, a, b, _now()))

    def assign(self, local: LocalEntity, judgement: Judgement, decided_by: str = "resolver") -> None:
        if judgement.new and self.db.execute("SELECT 1 FROM entities WHERE id = ?", (judgement.entity,)).fetchone():
            # a new entity whose name-derived id is taken (a rule kept it apart): never join the holder
            judgement = replace(judgement, entity=f"{judgement.entity}-{local.id[-8:]}")
        if judgement.new and self.db.execute("SELECT 1 FROM entities WHERE id = ?", (judgement.entity,)).fetchone() is None:
            self.db.execute("INSERT INTO entities (id, type, subtype, name, aliases) VALUES (?,?,?,?,?)",
                            (judgement.entity, local.type, local.subtype, local.name, "[]"))
        self.db.execute("UPDATE local_entities SET entity = ? WHERE id = ?", (judgement.entity, local.id))
        self.db.execute("UPDATE merges SET undone_at = ? WHERE local_entity = ? AND undone_at IS NULL",
                        (_now(), local.id))
        self.db.execute("INSERT INTO merges (local_entity, entity, reason, score, decided_by, created_at)"
                        " VALUES (?,?,?,?,?,?)", (local.id, judgement.entity, judgement.reason, judgement.score,
                                                 decided_by, _now()))
        row = self.db.execute("SELECT * FROM local_entities WHERE id = ?", (local.id,)).fetchone()
        first_in_doc = self.db.execute("SELECT count(*) FROM local_entities WHERE entity = ? AND doc = ?",
                                       (judgement.entity, row["doc"])).fetchone()[0] == 1
        self._add_member(judgement.entity, row)
        self.db.execute("UPDATE entities SET mention_count = mention_count + ?, doc_count = doc_count + ? WHERE id = ?",
                        (row["mention_count"], int(first_in_doc), judgement.entity))
        self._summarise(judgement.entity)

    def _add_member(self, entity: str, row) -> None:
        """Adds a member's forms to its entity's weights, and its names to the blocking keys."""
        forms = [("alias", a) for a in json.loads(row["aliases"])] + [("name", row["name"]), ("type", row["type"])]
        if row["subtype"]:
            forms.append(("subtype", row["subtype"]))
        self.db.executemany(
            "INSERT INTO entity_forms VALUES (?, ?, ?, ?) ON CONFLICT (entity, kind, value)"
            " DO UPDATE SET weight = weight + excluded.weight",
            [(entity, kind, value, row["mention_count"]) for kind, value in forms])
        keys = blocking_keys(row["type"], [row["name"], *json.loads(row["aliases"])], row["acronym"])
        self.db.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?)", [(k, entity) for k in keys])

    def _summarise(self, entity: str) -> None:
        """Sets an entity's type, name and aliases from its weighted forms (a few rows)."""
        forms: dict[str, dict[str, int]] = {"alias": {}, "name": {}, "type": {}, "subtype": {}}
        for kind, value, weight in self.db.execute("SELECT kind, value, weight FROM entity_forms WHERE entity = ?",
                                                   (entity,)):
            forms[kind][value] = weight
        types, names, aliases, subtypes = forms["type"], forms["name"], forms["alias"], forms["subtype"]
        entity_type = max(types, key=lambda t: (types[t], t))
        if entity_type == "person":
            name = max(names, key=lambda n: (len(name_parts(n)), names[n], n))
        else:
            name = max(names, key=lambda n: (names[n], -len(n) if n.isupper() else len(n), n))
        subtype = max(subtypes, key=lambda t: (subtypes[t], t)) if subtypes else ""
        self.db.execute("UPDATE entities SET type=?, subtype=?, name=?, aliases=? WHERE id=?",
                        (entity_type, subtype, name, json.dumps(sorted(aliases, key=lambda a: (-aliases[a], a))),
                         entity))

    def _refresh_entity(self, entity: str) -> None:
        """Recomputes an entity from all its members: after removals and unmerges, which are rare."""
        rows = self.db.execute("SELECT * FROM local_entities WHERE entity = ?", (entity,)).fetchall()
        self.db.execute("DELETE FROM name_keys WHERE entity = ?", (entity,))
        self.db.execute("DELETE FROM entity_forms WHERE entity = ?", (entity,))
        if not rows:
            # only undone judgements can still point here (each member has moved on): drop them with it
            self.db.execute("DELETE FROM merges WHERE entity = ?", (entity,))
            self.db.execute("DELETE FROM entities WHERE id = ?", (entity,))
            return
        for row in rows:
            self._add_member(entity, row)
        self.db.execute("UPDATE entities SET mention_count = ?, doc_count = ? WHERE id = ?",
                        (sum(r["mention_count"] for r in rows), len({r["doc"] for r in rows}), entity))
        self._summarise(entity)

    def unmerge(self, local_id: str) -> str:
        """Splits one document's entity out of the corpus entity it was merged into."""
        row = self.db.execute("SELECT * FROM local_entities WHERE id = ?", (local_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no merged member {local_id!r}; see `allsource merges ENTITY`")
        old = row["entity"]
        with self.transaction():
            new_id = f"{old}-split-{local_id[-8:]}"
            self.db.execute("INSERT OR IGNORE INTO entities (id, type, subtype, name, aliases) VALUES (?,?,?,?,?)",
                            (new_id, row["type"], row["subtype"], row["name"], "[]"))
            local = LocalEntity(row["id"], row["doc"], row["type"], row["name"], json.loads(row["aliases"]))
            self.assign(local, Judgement(new_id, "user unmerge", 1.0, False), decided_by="user")
            self._refresh_entity(old)
            # the rule names what is left: the member's name may have been the entity's name
            target = self.db.execute("SELECT name FROM entities WHERE id = ?", (old,)).fetchone()
            if target and target["name"].lower() != row["name"].lower():
                self.add_rule("never", row["name"], target["name"])
        return new_id

    def replace_conflicts(self, conflicts: list[Conflict]) -> None:
        self.db.execute("DELETE FROM conflicts")
        self.db.executemany("INSERT OR IGNORE INTO conflicts VALUES (?,?,?,?,?)",
                            [(c.id, c.a, c.b, c.kind, c.reason) for c in conflicts])


def _time(span) -> tuple:
    return (span.start, span.end, span.precision, span.text) if span else (None, None, None, None)


def _candidate(row) -> CandidateEntity:
    return CandidateEntity(row["id"], row["type"], row["name"], tuple(json.loads(row["aliases"])),
                           row["mention_count"])


def _split_sql(script: str) -> list[str]:
    """Splits a schema script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if line.rstrip().endswith(";") and (not joined.lstrip().upper().startswith("CREATE TRIGGER")
                                            or line.strip().upper() == "END;"):
            statements.append(joined)
            current = []
    return statements
