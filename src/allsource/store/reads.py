"""Read queries of the SQL stores, returning plain dicts in the export format (plus names).

Standard SQL with `?` and `:name` placeholders: SQLite runs it as written, the PostgreSQL store
translates the placeholders. Full-text search is each store's own (FTS5, tsvector)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from allsource.errors import NotFoundError
from allsource.resolve.linker import blocking_keys

RECORD_KINDS = ("document", "entity", "mention", "statement", "event", "claim", "conflict")
# Records read per batch: their evidence (and participants, subjects, removals) comes in one query
# per batch, not one per record, which a server store pays for in round trips. Also keeps every
# IN list under the backends' parameter limits.
BATCH = 200


def _batches(cursor) -> Iterator[list]:
    while rows := cursor.fetchmany(BATCH):
        yield rows


def _time(row) -> dict | None:
    if row["time_start"] is None:
        return None
    return {"start": row["time_start"], "end": row["time_end"], "precision": row["time_precision"],
            "text": row["time_text"]}


class Reads:
    db = None  # a connection, set by the store: sqlite3's, or the PostgreSQL store's adapter

    # -- records in the export format --------------------------------------------------------

    def iter_records(self, kind: str) -> Iterator[dict]:
        if kind not in RECORD_KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        yield from getattr(self, f"_iter_{kind}s")()

    def _grouped(self, sql: str, ids: list[str]) -> dict[str, list]:
        """The rows of `sql` (its first column an id, `{ids}` where the id list goes) by id, in
        the query's order: one query for a batch of records instead of one per record."""
        found: dict[str, list] = {i: [] for i in ids}
        for row in self.db.execute(sql.format(ids=",".join("?" * len(ids))), ids):
            found[row[0]].append(row)
        return found

    def _evidence_of(self, record_ids: list[str]) -> dict[str, list[dict]]:
        grouped = self._grouped('SELECT record, doc, start, "end", text FROM evidence WHERE record IN ({ids})'
                                " ORDER BY record, seq", record_ids)
        return {i: [dict(doc=r[1], start=r[2], end=r[3], text=r[4]) for r in rows] for i, rows in grouped.items()}

    def _iter_documents(self, where: str = "", params: tuple = ()) -> Iterator[dict]:
        for rows in _batches(self.db.execute(f"SELECT * FROM documents {where} ORDER BY source, part", params)):
            removals = self._grouped("SELECT doc, kind, at, text FROM removals WHERE doc IN ({ids}) ORDER BY doc, seq",
                                     [row["id"] for row in rows])
            for row in rows:
                yield {"record": "document", "id": row["id"], "title": row["title"],
                       "authors": json.loads(row["authors"]), "publisher": row["publisher"],
                       "published": row["published"], "source": row["source"], "part": row["part"],
                       "format": row["format"], "content_hash": row["content_hash"], "text": row["text"],
                       "removed": [dict(kind=r[1], at=r[2], text=r[3]) for r in removals[row["id"]]]}

    def _iter_entitys(self, where: str = "", params: tuple = ()) -> Iterator[dict]:
        for row in self.db.execute(f"SELECT * FROM entities {where} ORDER BY mention_count DESC, name", params):
            yield _entity(row)

    def _iter_mentions(self) -> Iterator[dict]:
        for row in self.db.execute('SELECT m.*, l.entity FROM mentions m JOIN local_entities l ON l.id = m.local_entity'
                                   ' ORDER BY m.doc, m.start'):
            yield {"record": "mention", "id": row["id"], "entity": row["entity"], "doc": row["doc"],
                   "start": row["start"], "end": row["end"], "text": row["text"], "type": row["type"],
                   "source": row["source"]}

    def _iter_statements(self, where: str = "", params: tuple | dict = ()) -> Iterator[dict]:
        for rows in _batches(self.db.execute(
                f"SELECT * FROM statement_view {where} ORDER BY time_start IS NULL, time_start, doc, id", params)):
            evidence = self._evidence_of([row["id"] for row in rows])
            for row in rows:
                yield {"record": "statement", "id": row["id"], "subject": row["subject_entity"],
                       "predicate": row["predicate"], "object": row["object_entity"], "item": row["item_entity"],
                       "role": row["role"], "time": _time(row), "negated": bool(row["negated"]),
                       "modality": row["modality"], "confidence": row["confidence"], "extractor": row["extractor"],
                       "doc": row["doc"], "subject_name": row["subject_name"], "object_name": row["object_name"],
                       "item_name": row["item_name"], "evidence": evidence[row["id"]]}

    def _iter_events(self, where: str = "", params: tuple | dict = ()) -> Iterator[dict]:
        for rows in _batches(self.db.execute(
                f"SELECT * FROM event_view {where} ORDER BY time_start IS NULL, time_start, doc, id", params)):
            ids = [row["id"] for row in rows]
            evidence = self._evidence_of(ids)
            participants = self._grouped(
                "SELECT p.event, l.entity, e.name FROM event_participants p JOIN local_entities l"
                " ON l.id = p.local_entity JOIN entities e ON e.id = l.entity WHERE p.event IN ({ids})"
                " ORDER BY p.event, p.seq", ids)
            for row in rows:
                who = participants[row["id"]]
                yield {"record": "event", "id": row["id"], "event_type": row["event_type"],
                       "participants": list(dict.fromkeys(p[1] for p in who)),
                       "participant_names": list(dict.fromkeys(p[2] for p in who)),
                       "place": row["place_entity"], "place_name": row["place_name"], "time": _time(row),
                       "trigger": row["trigger"], "negated": bool(row["negated"]), "doc": row["doc"],
                       "evidence": evidence[row["id"]]}

    def _iter_claims(self, where: str = "", params: tuple | dict = ()) -> Iterator[dict]:
        for rows in _batches(self.db.execute(f"SELECT * FROM claim_view {where} ORDER BY doc, id", params)):
            ids = [row["id"] for row in rows]
            evidence = self._evidence_of(ids)
            about_of = self._grouped(
                "SELECT a.claim, l.entity, e.name FROM claim_about a JOIN local_entities l ON l.id = a.local_entity"
                " JOIN entities e ON e.id = l.entity WHERE a.claim IN ({ids}) GROUP BY a.claim, l.entity, e.name"
                " ORDER BY a.claim, min(a.local_entity)", ids)
            for row in rows:
                about = about_of[row["id"]]
                yield {"record": "claim", "id": row["id"], "speaker": row["speaker_entity"],
                       "speaker_name": row["speaker_name"], "cue": row["cue"], "text": row["text"],
                       "direct": bool(row["direct"]), "about": [a[1] for a in about],
                       "about_names": [a[2] for a in about], "statement": row["statement"], "via": row["via"],
                       "negated": bool(row["negated"]), "doc": row["doc"], "evidence": evidence[row["id"]]}

    def _iter_conflicts(self) -> Iterator[dict]:
        for row in self.db.execute("SELECT * FROM conflicts ORDER BY kind, id"):
            yield {"record": "conflict", "id": row["id"], "a": row["a"], "b": row["b"], "kind": row["kind"],
                   "reason": row["reason"]}

    # -- queries -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = {"documents": "documents", "entities": "entities", "mentions": "mentions",
                  "statements": "statements", "events": "events", "claims": "claims", "conflicts": "conflicts",
                  "failed": "sources WHERE status = 'failed'"}
        row = self.db.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in tables.values())
                              ).fetchone()  # one query: one round trip to a server
        return dict(zip(tables, row))

    def entities(self, type: str | None = None, search: str | None = None, limit: int | None = None) -> list[dict]:
        clauses, params = [], []
        if type:
            clauses.append("type = ?")
            params.append(type)
        if search:
            clauses.append("(lower(name) LIKE lower(?) OR lower(aliases) LIKE lower(?))")
            params += [f"%{search}%", f"%{search}%"]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = list(self._iter_entitys(where, tuple(params)))
        return rows[:limit] if limit else rows

    def find_entity(self, ref: str) -> dict:
        """An entity by id, name or any alias (case-insensitive); the most mentioned wins."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (ref,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT * FROM entities WHERE lower(name) = lower(?) ORDER BY mention_count DESC",
                                  (ref,)).fetchone()
        if row is None:
            needle = ref.lower()
            for candidate in self.db.execute("SELECT * FROM entities WHERE lower(aliases) LIKE ? ORDER BY mention_count DESC",
                                             (f"%{needle}%",)):
                if needle in (a.lower() for a in json.loads(candidate["aliases"])):
                    row = candidate
                    break
        if row is None:
            row = self._entity_by_spelling(ref)
        if row is None:
            close = [r[0] for r in self.db.execute(
                "SELECT name FROM entities WHERE lower(name) LIKE lower(?) ORDER BY mention_count DESC LIMIT 5", (f"%{ref}%",))]
            hint = f"; did you mean {', '.join(close)}?" if close else "; list them with `allsource entities`"
            raise NotFoundError(f"no entity named {ref!r}{hint}")
        return _entity(row)

    def _entity_by_spelling(self, ref: str):
        """An unseen spelling of a known name ("Qasem Suleimani"): the same normalised keys
        resolution uses, full names before surnames."""
        for entity_type in ("person", "organization", "state", "place"):
            keys = [k for k in blocking_keys(entity_type, [ref]) if not k.startswith("surname:")]
            for key in keys:
                row = self.db.execute("SELECT e.* FROM name_keys k JOIN entities e ON e.id = k.entity WHERE k.key = ?"
                                      " ORDER BY e.mention_count DESC LIMIT 1", (key,)).fetchone()
                if row is not None:
                    return row
        return None

    def statements(self, subject: str | None = None, predicate: str | None = None, object: str | None = None,
                   entity: str | None = None) -> list[dict]:
        clauses, params = [], {}
        if subject:
            clauses.append("subject_entity = :subject")
            params["subject"] = self.find_entity(subject)["id"]
        if object:
            clauses.append("object_entity = :object")
            params["object"] = self.find_entity(object)["id"]
        if entity:
            clauses.append("(subject_entity = :entity OR object_entity = :entity OR item_entity = :entity)")
            params["entity"] = self.find_entity(entity)["id"]
        if predicate:
            clauses.append("predicate = :predicate")
            params["predicate"] = predicate
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return list(self._iter_statements(where, params))

    def events(self, entity: str | None = None) -> list[dict]:
        if not entity:
            return list(self._iter_events())
        entity_id = self.find_entity(entity)["id"]
        # one IN over a UNION rather than `place_entity = :e OR id IN (…)`, which PostgreSQL scans
        where = ("WHERE id IN (SELECT p.event FROM event_participants p JOIN local_entities l"
                 " ON l.id = p.local_entity WHERE l.entity = :e"
                 " UNION SELECT v.id FROM events v JOIN local_entities l ON l.id = v.place WHERE l.entity = :e)")
        return list(self._iter_events(where, {"e": entity_id}))

    def claims(self, speaker: str | None = None, about: str | None = None) -> list[dict]:
        clauses, params = [], {}
        if speaker:
            clauses.append("speaker_entity = :speaker")
            params["speaker"] = self.find_entity(speaker)["id"]
        if about:
            clauses.append("id IN (SELECT a.claim FROM claim_about a JOIN local_entities l ON l.id = a.local_entity"
                           " WHERE l.entity = :about)")
            params["about"] = self.find_entity(about)["id"]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return list(self._iter_claims(where, params))

    def record(self, record_id: str) -> dict:
        for kind in ("statement", "event", "claim"):
            found = list(getattr(self, f"_iter_{kind}s")("WHERE id = ?", (record_id,)))
            if found:
                return found[0]
        raise NotFoundError(f"no statement, event or claim with id {record_id!r}")

    def conflicts(self) -> list[dict]:
        conflicts = list(self._iter_conflicts())
        records = self._records_by_id(sorted({c[side] for c in conflicts for side in ("a", "b")}))
        for conflict in conflicts:
            for side in ("a", "b"):
                # a side no record has any more raises record()'s NotFoundError
                conflict[f"{side}_record"] = records.get(conflict[side]) or self.record(conflict[side])
        return conflicts

    def _records_by_id(self, record_ids: list[str]) -> dict[str, dict]:
        """Statements, events and claims by id, a batch per query (statements win a shared id,
        as in `record`)."""
        found: dict[str, dict] = {}
        for start in range(0, len(record_ids), BATCH):
            chunk = tuple(record_ids[start:start + BATCH])
            for kind in ("statement", "event", "claim"):
                for record in getattr(self, f"_iter_{kind}s")(f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    found.setdefault(record["id"], record)
        return found

    def documents(self, entity: str | None = None) -> list[dict]:
        if entity:
            entity_id = self.find_entity(entity)["id"]
            return list(self._iter_documents("WHERE id IN (SELECT doc FROM local_entities WHERE entity = ?)", (entity_id,)))
        return list(self._iter_documents())

    def document(self, doc_id: str) -> dict:
        found = list(self._iter_documents("WHERE id = ?", (doc_id,)))
        if not found:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return found[0]

    def merges(self, entity: str | None = None) -> list[dict]:
        params: tuple = ()
        where = ""
        if entity:
            where = "WHERE m.entity = ?"
            params = (self.find_entity(entity)["id"],)
        rows = self.db.execute(
            "SELECT m.id, m.local_entity AS member, l.name AS member_name, l.doc, d.source, m.entity,"
            " e.name AS entity_name, m.reason, m.score, m.decided_by, m.created_at, m.undone_at"
            f" FROM merges m JOIN local_entities l ON l.id = m.local_entity LEFT JOIN entities e ON e.id = m.entity"
            f" JOIN documents d ON d.id = l.doc {where} ORDER BY m.entity, m.id", params)
        return [dict(r) for r in rows]

    def failures(self) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT path AS source, error, updated_at FROM sources WHERE status = 'failed' ORDER BY path")]


def _entity(row) -> dict:
    return {"record": "entity", "id": row["id"], "type": row["type"], "subtype": row["subtype"], "name": row["name"],
            "aliases": json.loads(row["aliases"]), "mention_count": row["mention_count"], "doc_count": row["doc_count"]}


def _join_marks(snippet: str) -> str:
    """'[S]-[300]' -> '[S-300]': FTS5 marks each token, so a hyphenated term would not read as typed."""
    return re.sub(r"\]([^\w\s\[\]]{1,3})\[", r"\1", snippet)


def _fts_query(text: str) -> str:
    """Quotes each word so user text never reaches FTS5 as query syntax."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)
