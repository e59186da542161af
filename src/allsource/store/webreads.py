"""Read queries behind the web pages, mixed into the store.

Each query returns a bounded page of plain dicts (a LIMIT on every list), fetches the first
evidence sentence of each record in the same statement instead of one query per record, and
uses named parameters and standard SQL (CTEs, UNION ALL, CASE, LIMIT/OFFSET), so a PostgreSQL
store can run the same text. Builds on the views and iterators of `store.reads`.
"""

from __future__ import annotations

import json
import re

from allsource.errors import NotFoundError
from allsource.store.reads import _fts_query, _time

# Everything an event involves: its participants and its place.
_EVENT_ENTITIES = ("SELECT p.event, l.entity FROM event_participants p JOIN local_entities l ON l.id = p.local_entity"
                   " UNION SELECT v.id, l.entity FROM events v JOIN local_entities l ON l.id = v.place")
# A document's outlet: its publisher when known, else the file or feed it came from.
_OUTLET = "coalesce(nullif(d.publisher, ''), d.source)"
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


def _statement(row) -> dict:
    return {"record": "statement", "id": row["id"], "doc": row["doc"], "subject": row["subject_entity"],
            "subject_name": row["subject_name"], "predicate": row["predicate"], "object": row["object_entity"],
            "object_name": row["object_name"], "item": row["item_entity"], "item_name": row["item_name"],
            "role": row["role"], "time": _time(row), "negated": bool(row["negated"]), "modality": row["modality"],
            "sentence": row["sentence"]}


def _members(param: str) -> str:
    """The document-local ids of a corpus entity: records store these, and their columns are
    indexed, so filtering on them avoids joining every record to its entity first."""
    return f"(SELECT id FROM local_entities WHERE entity = :{param})"


def _statements_touching(param: str) -> str:
    members = _members(param)
    return (f"(SELECT id FROM statements WHERE subject IN {members} UNION ALL"
            f" SELECT id FROM statements WHERE object IN {members} UNION ALL"
            f" SELECT id FROM statements WHERE item IN {members})")


def _filters(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


class WebReads:
    db = None  # an sqlite3.Connection, set by the store

    # -- overview ----------------------------------------------------------------------------

    def most_connected(self, limit: int) -> list[dict]:
        """Entities with the most distinct statement partners."""
        sql = ("WITH ends AS (SELECT ls.entity AS a, lo.entity AS b FROM statements s"
               " JOIN local_entities ls ON ls.id = s.subject JOIN local_entities lo ON lo.id = s.object"
               " WHERE ls.entity <> lo.entity),"
               " pairs AS (SELECT a AS entity, b AS partner FROM ends UNION ALL SELECT b, a FROM ends)"
               " SELECT e.id, e.name, e.type, count(DISTINCT p.partner) AS partners, count(*) AS statements"
               " FROM pairs p JOIN entities e ON e.id = p.entity GROUP BY e.id, e.name, e.type"
               " ORDER BY partners DESC, statements DESC, e.name LIMIT :limit")
        return [dict(r) for r in self.db.execute(sql, {"limit": limit})]

    def latest_documents(self, limit: int) -> list[dict]:
        rows = self.db.execute("SELECT id, title, source, publisher, published FROM documents"
                               " ORDER BY published IS NULL, published DESC, added_at DESC, id LIMIT :limit",
                               {"limit": limit})
        return [dict(r) for r in rows]

    def conflict_page(self, limit: int, offset: int = 0) -> list[dict]:
        """Conflicts with both sides' records, their documents' headers and the reason."""
        rows = self.db.execute("SELECT * FROM conflicts ORDER BY kind, id LIMIT :limit OFFSET :offset",
                               {"limit": limit, "offset": offset}).fetchall()
        return [self.conflict(r["id"]) for r in rows]

    def conflict(self, conflict_id: str) -> dict:
        row = self.db.execute("SELECT * FROM conflicts WHERE id = :id", {"id": conflict_id}).fetchone()
        if row is None:
            raise NotFoundError(f"no conflict with id {conflict_id!r}")
        sides = {side: self.record(row[side]) for side in ("a", "b")}
        return {"record": "conflict", "id": row["id"], "kind": row["kind"], "reason": row["reason"],
                "a": row["a"], "b": row["b"], "a_record": sides["a"], "b_record": sides["b"],
                "a_document": self._outlet(sides["a"]["doc"]), "b_document": self._outlet(sides["b"]["doc"])}

    def conflicts_of(self, record_id: str) -> list[dict]:
        rows = self.db.execute("SELECT id, kind, reason FROM conflicts WHERE a = :r OR b = :r ORDER BY kind, id",
                               {"r": record_id})
        return [dict(r) for r in rows]

    def conflict_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM conflicts").fetchone()[0]

    # -- statements, claims, timeline --------------------------------------------------------

    def statement_rows(self, *, entity: str | None = None, subject: str | None = None, object: str | None = None,
                       predicate: str | None = None, limit: int = 100) -> list[dict]:
        """Statements with their first evidence sentence, dated ones first in time order."""
        clauses, params = [], {"limit": limit}
        for name, value in (("subject", subject), ("object", object)):
            if value:
                clauses.append(f"s.{name} IN {_members(name)}")
                params[name] = value
        if predicate:
            clauses.append("s.predicate = :predicate")
            params["predicate"] = predicate
        if entity:
            clauses.append(f"s.id IN {_statements_touching('entity')}")
            params["entity"] = entity
        sql = ("SELECT s.*, ev.text AS sentence FROM statement_view s"
               " LEFT JOIN evidence ev ON ev.record = s.id AND ev.seq = 0"
               f" {_filters(clauses)} ORDER BY s.time_start IS NULL, s.time_start, s.doc, s.id LIMIT :limit")
        return [_statement(r) for r in self.db.execute(sql, params)]

    def predicate_counts(self, entity: str) -> dict[str, dict[str, int]]:
        """How many statements of each predicate an entity has as subject ("out") and otherwise ("in")."""
        rows = self.db.execute(
            "SELECT predicate, CASE WHEN subject_entity = :e THEN 'out' ELSE 'in' END AS direction, count(*)"
            f" FROM statement_view WHERE id IN {_statements_touching('e')}"
            " GROUP BY predicate, CASE WHEN subject_entity = :e THEN 'out' ELSE 'in' END", {"e": entity})
        counts: dict[str, dict[str, int]] = {"out": {}, "in": {}}
        for predicate, direction, count in rows:
            counts[direction][predicate] = count
        return counts

    def claim_rows(self, *, speaker: str | None = None, about: str | None = None, source: str | None = None,
                   since: str | None = None, until: str | None = None, limit: int = 100) -> list[dict]:
        """Claims with their speaker, the entities they are about and their document's header.
        `source` matches the outlet or file name (substring); `since`/`until` bound the
        document's publication date (ISO prefixes compare as text)."""
        clauses, params = [], {"limit": limit}
        if speaker:
            clauses.append(f"c.speaker IN {_members('speaker')}")
            params["speaker"] = speaker
        if about:
            clauses.append(f"c.id IN (SELECT claim FROM claim_about WHERE local_entity IN {_members('about')})")
            params["about"] = about
        if source:
            clauses.append(f"lower({_OUTLET}) LIKE :source")
            params["source"] = f"%{source.lower()}%"
        if since:
            clauses.append("d.published >= :since")
            params["since"] = since
        if until:
            clauses.append("d.published <= :until")
            params["until"] = until + "\uffff"  # "2020" includes every day of 2020
        # pick the page from the bare tables first, then join names and evidence to those rows only
        order = "d.published IS NULL, d.published, c.doc, c.id"
        sql = (f"WITH page AS (SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc {_filters(clauses)}"
               f" ORDER BY {order} LIMIT :limit)"
               " SELECT c.id, c.doc, c.speaker_entity, c.speaker_name, c.cue, c.text, c.direct, c.negated,"
               f" d.title, d.published, {_OUTLET} AS outlet, ev.text AS sentence"
               " FROM page JOIN claim_view c ON c.id = page.id JOIN documents d ON d.id = c.doc"
               f" LEFT JOIN evidence ev ON ev.record = c.id AND ev.seq = 0 ORDER BY {order}")
        claims = [{"record": "claim", "id": r["id"], "doc": r["doc"], "speaker": r["speaker_entity"],
                   "speaker_name": r["speaker_name"], "cue": r["cue"], "text": r["text"], "direct": bool(r["direct"]),
                   "negated": bool(r["negated"]), "title": r["title"], "published": r["published"],
                   "outlet": r["outlet"], "sentence": r["sentence"], "about": []}
                  for r in self.db.execute(sql, params)]
        about_of = self._claims_about([c["id"] for c in claims])
        for claim in claims:
            claim["about"] = about_of.get(claim["id"], [])
        return claims

    def _claims_about(self, claim_ids: list[str]) -> dict[str, list[dict]]:
        if not claim_ids:
            return {}
        grouped = self._grouped(
            "SELECT DISTINCT a.claim, e.id, e.name FROM claim_about a JOIN local_entities l ON l.id = a.local_entity"
            " JOIN entities e ON e.id = l.entity WHERE a.claim IN ({ids}) ORDER BY a.claim, e.name", claim_ids)
        return {claim: [{"id": row[1], "name": row[2]} for row in rows] for claim, rows in grouped.items()}

    def timeline_rows(self, *, actor: str | None = None, predicate: str | None = None, since: str | None = None,
                      until: str | None = None, limit: int = 200, offset: int = 0) -> list[dict]:
        """Dated statements and events in time order; `predicate` matches a statement's predicate
        or an event's type."""
        params = {"limit": limit, "offset": offset}
        statement_clauses, event_clauses = ["s.time_start IS NOT NULL"], ["v.time_start IS NOT NULL"]
        if actor:
            params["actor"] = actor
            statement_clauses.append(f"s.id IN {_statements_touching('actor')}")
            event_clauses.append(f"v.id IN (SELECT x.event FROM ({_EVENT_ENTITIES}) x WHERE x.entity = :actor)")
        if predicate:
            params["predicate"] = predicate
            statement_clauses.append("s.predicate = :predicate")
            event_clauses.append("v.event_type = :predicate")
        for bound, op, value in (("since", ">=", since), ("until", "<=", until)):
            if value:
                params[bound] = value + ("\uffff" if bound == "until" else "")
                statement_clauses.append(f"s.time_start {op} :{bound}")
                event_clauses.append(f"v.time_start {op} :{bound}")
        sql = ("SELECT 'statement' AS kind, s.id, s.doc, s.time_start, s.time_end, s.time_precision, s.time_text,"
               " s.predicate AS what, s.negated, s.subject_entity AS a, s.subject_name AS a_name,"
               " s.object_entity AS b, s.object_name AS b_name, ev.text AS sentence"
               " FROM statement_view s LEFT JOIN evidence ev ON ev.record = s.id AND ev.seq = 0"
               f" {_filters(statement_clauses)}"
               " UNION ALL"
               " SELECT 'event', v.id, v.doc, v.time_start, v.time_end, v.time_precision, v.time_text, v.event_type,"
               " v.negated, NULL, NULL, NULL, NULL, ev.text"
               " FROM events v LEFT JOIN evidence ev ON ev.record = v.id AND ev.seq = 0"
               f" {_filters(event_clauses)}"
               " ORDER BY time_start, time_end, id LIMIT :limit OFFSET :offset")
        rows = [dict(r) for r in self.db.execute(sql, params)]
        participants = self._event_participants([r["id"] for r in rows if r["kind"] == "event"])
        for row in rows:
            row["time"] = _time(row)
            row["negated"] = bool(row["negated"])
            row["who"] = ([{"id": row["a"], "name": row["a_name"]}]
                          + ([{"id": row["b"], "name": row["b_name"]}] if row["b"] else [])
                          if row["kind"] == "statement" else participants.get(row["id"], []))
            for key in ("time_start", "time_end", "time_precision", "time_text", "a", "a_name", "b", "b_name"):
                del row[key]
        return rows

    def _event_participants(self, event_ids: list[str]) -> dict[str, list[dict]]:
        if not event_ids:
            return {}
        grouped = self._grouped(
            "SELECT p.event, e.id, e.name FROM event_participants p JOIN local_entities l ON l.id = p.local_entity"
            " JOIN entities e ON e.id = l.entity WHERE p.event IN ({ids}) ORDER BY p.event, p.seq", event_ids)
        # one entity named twice in an event (two local mentions) is one participant
        return {event: list({row[1]: {"id": row[1], "name": row[2]} for row in rows}.values())
                for event, rows in grouped.items()}

    def predicates_in_use(self, *, event_types: bool = True) -> list[str]:
        """Predicates that statements use, and (unless told not to) event types that events use."""
        sql = "SELECT DISTINCT predicate FROM statements"
        if event_types:
            sql += " UNION SELECT DISTINCT event_type FROM events"
        return [r[0] for r in self.db.execute(sql + " ORDER BY 1")]

    # -- entity pages ------------------------------------------------------------------------

    def entity_documents(self, entity: str, limit: int) -> list[dict]:
        """Documents that mention an entity, most mentions first."""
        rows = self.db.execute(
            "SELECT d.id, d.title, d.source, d.publisher, d.published, sum(l.mention_count) AS mentions"
            " FROM local_entities l JOIN documents d ON d.id = l.doc WHERE l.entity = :e"
            " GROUP BY d.id, d.title, d.source, d.publisher, d.published"
            " ORDER BY mentions DESC, d.published DESC, d.id LIMIT :limit", {"e": entity, "limit": limit})
        return [dict(r) for r in rows]

    def entity_matches(self, text: str, limit: int) -> list[dict]:
        """Entities whose name or an alias contains `text`, most mentioned first."""
        pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.execute("SELECT id, name, type, aliases, mention_count FROM entities"
                               " WHERE lower(name) LIKE :p ESCAPE '\\' OR lower(aliases) LIKE :p ESCAPE '\\'"
                               " ORDER BY mention_count DESC, name LIMIT :limit", {"p": pattern, "limit": limit})
        return [{**dict(r), "aliases": json.loads(r["aliases"])} for r in rows]

    # -- graph -------------------------------------------------------------------------------

    def data_version(self) -> tuple[int, ...]:
        """Changes whenever documents, records or conflicts are added or removed or a merge is
        judged (each run of `add` and each unmerge does one of these), so a cached aggregate
        can tell it is stale."""
        row = self.db.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM statements),"
                              " (SELECT count(*) FROM events), (SELECT count(*) FROM claims),"
                              " (SELECT count(*) FROM conflicts), (SELECT coalesce(max(id), 0) FROM merges)")
        return tuple(row.fetchone())

    def graph_edges(self, *, types: list[str] | None = None, predicates: list[str] | None = None,
                    since: str | None = None, until: str | None = None, around: list[str] | None = None,
                    limit: int = 20000) -> list[dict]:
        """Statement links between two entities, one row per (subject, object, predicate) with
        both ends' names and types and how many statements and documents say so; optionally
        only links touching `around`."""
        clauses, params = ["ls.entity <> lo.entity"], {"limit": limit}
        for name, values, column in (("t", types, "es.type"), ("t", types, "eo.type"),
                                     ("p", predicates, "s.predicate"), ("r", around, None)):
            if not values:
                continue
            marks = ", ".join(f":{name}{i}" for i in range(len(values)))
            params.update({f"{name}{i}": v for i, v in enumerate(values)})
            members = f"(SELECT id FROM local_entities WHERE entity IN ({marks}))"
            clauses.append(f"(s.subject IN {members} OR s.object IN {members})" if column is None
                           else f"{column} IN ({marks})")
        for bound, op, value in (("since", ">=", since), ("until", "<=", until)):
            if value:
                params[bound] = value + ("\uffff" if bound == "until" else "")
                clauses.append(f"s.time_start {op} :{bound}")
        sql = ("SELECT ls.entity AS source, es.name AS source_name, es.type AS source_type,"
               " lo.entity AS target, eo.name AS target_name, eo.type AS target_type, s.predicate,"
               " count(*) AS statements, count(DISTINCT s.doc) AS documents FROM statements s"
               " JOIN local_entities ls ON ls.id = s.subject JOIN local_entities lo ON lo.id = s.object"
               " JOIN entities es ON es.id = ls.entity JOIN entities eo ON eo.id = lo.entity"
               f" {_filters(clauses)} GROUP BY ls.entity, es.name, es.type, lo.entity, eo.name, eo.type, s.predicate"
               " ORDER BY count(*) DESC, ls.entity, lo.entity, s.predicate LIMIT :limit")
        return [dict(r) for r in self.db.execute(sql, params)]

    def edge_statements(self, source: str, target: str, predicate: str, limit: int = 50) -> list[dict]:
        """The statements behind one graph edge."""
        return self.statement_rows(subject=source, object=target, predicate=predicate, limit=limit)

    # -- documents and evidence --------------------------------------------------------------

    def document_annotations(self, doc: str) -> dict:
        """Every mention (with its entity) and every evidence span (with its record's kind and a
        label) of one document."""
        mentions = [dict(r) for r in self.db.execute(
            'SELECT m.start, m."end", m.text, e.id AS entity, e.name, e.type FROM mentions m'
            " JOIN local_entities l ON l.id = m.local_entity JOIN entities e ON e.id = l.entity"
            " WHERE m.doc = :doc ORDER BY m.start", {"doc": doc})]
        labels: dict[str, tuple[str, str]] = {}
        for r in self.db.execute("SELECT id, subject_name, predicate, object_name, item_name, negated"
                                 " FROM statement_view WHERE doc = :doc", {"doc": doc}):
            other = r["object_name"] or r["item_name"] or ""
            labels[r["id"]] = ("statement", f"{r['subject_name']} {'not ' if r['negated'] else ''}"
                                            f"{r['predicate']} {other}".strip())
        for r in self.db.execute("SELECT id, speaker_name, cue FROM claim_view WHERE doc = :doc", {"doc": doc}):
            labels[r["id"]] = ("claim", f"{r['speaker_name']} {r['cue']}")
        for r in self.db.execute("SELECT id, event_type, time_text FROM events WHERE doc = :doc", {"doc": doc}):
            labels[r["id"]] = ("event", " ".join(x for x in (r["event_type"], r["time_text"]) if x))
        spans = [{"record": r["record"], "start": r["start"], "end": r["end"], "kind": labels[r["record"]][0],
                  "label": labels[r["record"]][1]}
                 for r in self.db.execute('SELECT record, start, "end" FROM evidence WHERE doc = :doc'
                                          ' ORDER BY start, "end", record', {"doc": doc})
                 if r["record"] in labels]
        return {"mentions": mentions, "spans": spans}

    def document_header(self, doc: str) -> dict:
        row = self.db.execute("SELECT id, title, source, publisher, published, authors, format, part"
                              " FROM documents WHERE id = :doc", {"doc": doc}).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc!r}")
        return {**dict(row), "authors": json.loads(row["authors"])}

    def text_around(self, doc: str, start: int, end: int, width: int) -> dict:
        """The evidence text with up to `width` characters either side."""
        begin = max(0, start - width)
        row = self.db.execute("SELECT substr(text, :b1, :n1), substr(text, :s1, :n2), substr(text, :e1, :w)"
                              " FROM documents WHERE id = :doc",
                              {"b1": begin + 1, "n1": start - begin, "s1": start + 1, "n2": end - start,
                               "e1": end + 1, "w": width, "doc": doc}).fetchone()
        return {"before": row[0], "text": row[1], "after": row[2], "cut_before": begin > 0}

    def agreeing_records(self, record: dict) -> list[dict]:
        """Records of the same kind that say the same thing (same parties, predicate or event
        type, polarity), each with its document's outlet, the record itself included."""
        if record["record"] == "statement":
            sql = ("SELECT s.id, s.doc FROM statement_view s WHERE s.subject_entity = :a AND s.predicate = :p"
                   " AND coalesce(s.object_entity, '') = :b AND coalesce(s.item_entity, '') = :i AND s.negated = :n")
            params = {"a": record["subject"], "p": record["predicate"], "b": record["object"] or "",
                      "i": record["item"] or "", "n": int(record["negated"])}
        elif record["record"] == "claim":
            sql = ("SELECT c.id, c.doc FROM claim_view c WHERE c.speaker_entity = :a AND lower(c.text) = lower(:t)"
                   " AND c.negated = :n")
            params = {"a": record["speaker"], "t": record["text"], "n": int(record["negated"])}
        else:
            wanted = set(record["participants"])
            if not wanted:
                return [{**self._outlet(record["doc"]), "id": record["id"], "doc": record["doc"]}]
            sql = (f"SELECT v.id, v.doc FROM events v WHERE v.event_type = :t AND v.negated = :n"
                   f" AND v.id IN (SELECT x.event FROM ({_EVENT_ENTITIES}) x WHERE x.entity = :a)")
            params = {"t": record["event_type"], "n": int(record["negated"]), "a": sorted(wanted)[0]}
            rows = self.db.execute(sql, params).fetchall()
            participants = self._event_participants([r["id"] for r in rows])
            keep = {r["id"] for r in rows if {p["id"] for p in participants.get(r["id"], [])} == wanted}
            return [{**self._outlet(r["doc"]), "id": r["id"], "doc": r["doc"]} for r in rows if r["id"] in keep]
        return [{**self._outlet(r["doc"]), "id": r["id"], "doc": r["doc"]} for r in self.db.execute(sql, params)]

    def _outlet(self, doc: str) -> dict:
        row = self.db.execute(f"SELECT d.id, d.title, d.published, {_OUTLET} AS outlet FROM documents d"
                              " WHERE d.id = :doc",
                              {"doc": doc}).fetchone()
        return dict(row)

    # -- search ------------------------------------------------------------------------------

    def search_snippets(self, text: str, limit: int = 20) -> list[dict]:
        """Full-text matches with a snippet whose matched words are wrapped in SNIPPET_OPEN and
        SNIPPET_CLOSE (control characters no document text keeps), so a page can mark them
        after escaping everything else."""
        query = _fts_query(text)
        if not query:
            return []
        rows = self.db.execute(
            "SELECT d.id, d.title, d.source, d.publisher, d.published,"
            f" snippet(documents_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', ' … ', 24) AS snippet"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH :q"
            " ORDER BY rank LIMIT :limit", {"q": query, "limit": limit})
        return [{**dict(r), "snippet": _join_marks(r["snippet"])} for r in rows]


def _join_marks(snippet: str) -> str:
    """Joins FTS5's per-token marks across hyphens ("S-300"), as `reads._join_marks` does."""
    return re.sub(f"{SNIPPET_CLOSE}([^\\w\\s{SNIPPET_OPEN}{SNIPPET_CLOSE}]{{1,3}}){SNIPPET_OPEN}", r"\1", snippet)
