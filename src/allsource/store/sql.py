"""What the SQLite and PostgreSQL stores share: every write and resolution step, in SQL both run.

The statements use `?` and `:name` placeholders and standard upserts (`INSERT … ON CONFLICT`),
which SQLite runs as written and the PostgreSQL store translates (see `store.postgres`). A
store subclass supplies the connection (`db`), `transaction()`, `close()`, the schema
migrations and full-text search.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

from allsource.errors import NotFoundError, StoreError
from allsource.model.names import name_parts
from allsource.model.records import Conflict, Extraction, LocalEntity
from allsource.resolve.linker import CandidateEntity, Judgement, Rules, blocking_keys
from allsource.store import dyadreads, exportreads, reads, webreads
from allsource.store.base import Store


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLStore(reads.Reads, dyadreads.DyadReads, webreads.WebReads, exportreads.ExportReads, Store):

    # -- sources -----------------------------------------------------------------------------

    def source_state(self, path: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT content_hash, status FROM sources WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def record_source(self, path: str, content_hash: str, status: str, error: str | None = None) -> None:
        self.db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                        " content_hash = excluded.content_hash, status = excluded.status, error = excluded.error,"
                        " updated_at = excluded.updated_at", (path, content_hash, status, error, now()))

    def record_failure(self, source: str, stage: str, reason: str) -> None:
        self.db.execute("INSERT INTO failures VALUES (?, ?, ?, ?)", (source, stage, reason, now()))

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
             d.published, d.text, now()))
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
            self.db.executemany("INSERT INTO claim_about VALUES (?,?) ON CONFLICT DO NOTHING",
                                [(c.id, a) for a in c.about])
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
        self.db.execute("INSERT INTO rules VALUES (?, ?, ?, ?) ON CONFLICT (kind, a, b)"
                        " DO UPDATE SET created_at = excluded.created_at", (kind, a, b, now()))

    def assign(self, local: LocalEntity, judgement: Judgement, decided_by: str = "resolver") -> None:
        if judgement.new and self.db.execute("SELECT 1 FROM entities WHERE id = ?", (judgement.entity,)).fetchone():
            # a new entity whose name-derived id is taken (a rule kept it apart): never join the holder
            judgement = replace(judgement, entity=f"{judgement.entity}-{local.id[-8:]}")
        if judgement.new and self.db.execute("SELECT 1 FROM entities WHERE id = ?", (judgement.entity,)).fetchone() is None:
            self.db.execute("INSERT INTO entities (id, type, subtype, name, aliases) VALUES (?,?,?,?,?)",
                            (judgement.entity, local.type, local.subtype, local.name, "[]"))
        self.db.execute("UPDATE local_entities SET entity = ? WHERE id = ?", (judgement.entity, local.id))
        self.db.execute("UPDATE merges SET undone_at = ? WHERE local_entity = ? AND undone_at IS NULL",
                        (now(), local.id))
        self.db.execute("INSERT INTO merges (local_entity, entity, reason, score, decided_by, created_at)"
                        " VALUES (?,?,?,?,?,?)", (local.id, judgement.entity, judgement.reason, judgement.score,
                                                 decided_by, now()))
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
            " DO UPDATE SET weight = entity_forms.weight + excluded.weight",
            [(entity, kind, value, row["mention_count"]) for kind, value in forms])
        keys = blocking_keys(row["type"], [row["name"], *json.loads(row["aliases"])], row["acronym"])
        self.db.executemany("INSERT INTO name_keys VALUES (?, ?) ON CONFLICT DO NOTHING", [(k, entity) for k in keys])

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
            self.db.execute("INSERT INTO entities (id, type, subtype, name, aliases) VALUES (?,?,?,?,?)"
                            " ON CONFLICT DO NOTHING", (new_id, row["type"], row["subtype"], row["name"], "[]"))
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
        self.db.executemany("INSERT INTO conflicts VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                            [(c.id, c.a, c.b, c.kind, c.reason) for c in conflicts])

    # -- incremental conflicts: the candidates of the questions a new document touches ----------

    def document_records(self, kind: str, doc_ids: list[str]) -> list[dict]:
        if kind not in ("statement", "event"):
            raise ValueError(f"no per-document records of kind {kind!r}")
        marks = ",".join("?" * len(doc_ids))
        return list(getattr(self, f"_iter_{kind}s")(f"WHERE doc IN ({marks})", tuple(doc_ids))) if doc_ids else []

    # The statements of one subject entity and predicate, reached through the subject's members,
    # so a look-up costs what that entity holds, never a scan of every statement of the predicate.
    SUBJECT_STATEMENTS = ("id IN (SELECT s.id FROM local_entities l JOIN statements s ON s.subject = l.id"
                          " WHERE l.entity = :subject AND s.predicate = :predicate)")

    def statements_matching(self, predicate: str, **fixed: str | bool | None) -> list[dict]:
        clauses, params = ["predicate = :predicate"], {"predicate": predicate}
        if fixed.get("subject") is not None:
            clauses.append(self.SUBJECT_STATEMENTS)
        for name, value in fixed.items():
            if name == "role":
                clauses.append("lower(coalesce(role, '')) = lower(:role)")
            elif name == "negated":
                clauses.append("negated = :negated")
                value = int(bool(value))
            elif name not in ("subject", "object", "item"):
                raise ValueError(f"statements cannot be matched on {name!r}")
            elif value is None:
                clauses.append(f"{name}_entity IS NULL")
            else:
                clauses.append(f"{name}_entity = :{name}")
            params[name] = value
        return list(self._iter_statements("WHERE " + " AND ".join(clauses), params))

    def meetings_with(self, participant: str, event_types: list[str], start: str, end: str) -> list[dict]:
        types = ",".join(f":t{i}" for i in range(len(event_types)))
        where = (f"WHERE event_type IN ({types}) AND time_start <= :end AND time_end >= :start AND id IN"
                 " (SELECT p.event FROM event_participants p JOIN local_entities l ON l.id = p.local_entity"
                 " WHERE l.entity = :participant)")
        params = {"participant": participant, "start": start, "end": end,
                  **{f"t{i}": t for i, t in enumerate(event_types)}}
        return list(self._iter_events(where, params))

    def add_conflicts(self, conflicts: list[Conflict]) -> None:
        self.db.executemany("INSERT INTO conflicts VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                            " a = excluded.a, b = excluded.b, kind = excluded.kind, reason = excluded.reason",
                            [(c.id, c.a, c.b, c.kind, c.reason) for c in conflicts])


def _time(span) -> tuple:
    return (span.start, span.end, span.precision, span.text) if span else (None, None, None, None)


def _candidate(row) -> CandidateEntity:
    return CandidateEntity(row["id"], row["type"], row["name"], tuple(json.loads(row["aliases"])),
                           row["mention_count"])
