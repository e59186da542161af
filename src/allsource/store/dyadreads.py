"""Read queries for dyads (two entities and what links them), mixed into the store.

Built on the record iterators of `store.reads` (`_iter_statements`, `_iter_events`,
`_iter_claims`, which take a WHERE clause and named parameters), so a backend that provides
those iterators gets these queries too. The SQL is standard (a CTE, UNION, CASE, LIMIT).
"""

from __future__ import annotations

def _placeholders(prefix: str, values: list[str], params: dict) -> str:
    """Named placeholders for an IN list (NULL when empty, so the list matches nothing)."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values))
    return ", ".join(f":{n}" for n in names) or "NULL"


class DyadReads:
    def dyad_statements(self, a: str, b: str) -> list[dict]:
        """Statements whose subject is one entity and whose object is the other (either direction)."""
        where = ("WHERE (subject_entity = :a AND object_entity = :b)"
                 " OR (subject_entity = :b AND object_entity = :a)")
        return list(self._iter_statements(where, {"a": a, "b": b}))

    def dyad_events(self, a: str, b: str) -> list[dict]:
        """Events that involve both entities, as participants or as the place."""
        involving = ("id IN (SELECT p.event FROM event_participants p JOIN local_entities l ON l.id = p.local_entity"
                     " WHERE l.entity = :{0} UNION SELECT v.id FROM events v JOIN local_entities l ON l.id = v.place"
                     " WHERE l.entity = :{0})")
        return list(self._iter_events(f"WHERE {involving.format('a')} AND {involving.format('b')}", {"a": a, "b": b}))

    def dyad_claims(self, a: str, b: str) -> list[dict]:
        """Claims where one entity speaks about the other, or that are about both."""
        ids = ("SELECT c.id FROM claims c JOIN local_entities ls ON ls.id = c.speaker"
               " JOIN claim_about x ON x.claim = c.id JOIN local_entities lx ON lx.id = x.local_entity"
               " WHERE (ls.entity = :a AND lx.entity = :b) OR (ls.entity = :b AND lx.entity = :a)"
               " UNION SELECT x.claim FROM claim_about x JOIN local_entities lx ON lx.id = x.local_entity"
               " JOIN claim_about y ON y.claim = x.claim JOIN local_entities ly ON ly.id = y.local_entity"
               " WHERE lx.entity = :a AND ly.entity = :b")
        return list(self._iter_claims(f"WHERE id IN ({ids})", {"a": a, "b": b}))

    def linked_pairs(self, limit: int, predicates: list[str], event_types: list[str]) -> list[dict]:
        """Entity pairs (a < b by id), most linked first, counting only asserted statements with one
        of `predicates` between them and asserted events of one of `event_types` they share."""
        params: dict = {"limit": limit}
        chosen_predicates = _placeholders("p", predicates, params)
        chosen_types = _placeholders("t", event_types, params)
        sql = (
            "WITH event_entities AS ("
            " SELECT p.event, l.entity FROM event_participants p JOIN local_entities l ON l.id = p.local_entity"
            f" JOIN events v ON v.id = p.event WHERE v.negated = 0 AND v.event_type IN ({chosen_types})"
            " UNION SELECT v.id, l.entity FROM events v JOIN local_entities l ON l.id = v.place"
            f" WHERE v.negated = 0 AND v.event_type IN ({chosen_types})),"
            " links AS ("
            " SELECT CASE WHEN ls.entity < lo.entity THEN ls.entity ELSE lo.entity END AS a,"
            " CASE WHEN ls.entity < lo.entity THEN lo.entity ELSE ls.entity END AS b,"
            " 1 AS statements, 0 AS events"
            " FROM statements s JOIN local_entities ls ON ls.id = s.subject JOIN local_entities lo ON lo.id = s.object"
            f" WHERE ls.entity <> lo.entity AND s.negated = 0 AND s.predicate IN ({chosen_predicates})"
            " UNION ALL"
            " SELECT x.entity AS a, y.entity AS b, 0 AS statements, 1 AS events"
            " FROM event_entities x JOIN event_entities y ON x.event = y.event AND x.entity < y.entity)"
            " SELECT a, b, sum(statements) AS statements, sum(events) AS events FROM links GROUP BY a, b"
            " ORDER BY sum(statements) + sum(events) DESC, a, b LIMIT :limit")
        return [dict(a=r[0], b=r[1], statements=r[2], events=r[3]) for r in self.db.execute(sql, params)]

    def document_headers(self, doc_ids: list[str]) -> dict[str, dict]:
        """Title, source, publisher and publication date of each document, by id (no text)."""
        ids = sorted(set(doc_ids))
        params: dict = {}
        rows = self.db.execute("SELECT id, title, source, publisher, published FROM documents"
                               f" WHERE id IN ({_placeholders('d', ids, params)})", params)
        return {r[0]: dict(id=r[0], title=r[1], source=r[2], publisher=r[3], published=r[4]) for r in rows}

    def mention_per_form(self, entity_id: str) -> list[dict]:
        """One mention (document, span, surface text) for each way the documents name an entity."""
        rows = self.db.execute(
            'SELECT m.doc, m.start, m."end", m.text FROM mentions m WHERE m.id IN ('
            " SELECT min(m2.id) FROM mentions m2 JOIN local_entities l ON l.id = m2.local_entity"
            " WHERE l.entity = :e GROUP BY m2.text) ORDER BY m.text", {"e": entity_id})
        return [dict(doc=r[0], start=r[1], end=r[2], text=r[3]) for r in rows]

    def conflicts_involving(self, record_ids: list[str]) -> list[dict]:
        """Conflicts with either side among `record_ids`, each with both records."""
        ids = sorted(set(record_ids))
        rows = {}
        for start in range(0, len(ids), 400):  # under every driver's limit on bound parameters
            chunk = ids[start:start + 400]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT id, a, b, kind, reason FROM conflicts WHERE a IN ({marks})"
                                       f" UNION SELECT id, a, b, kind, reason FROM conflicts WHERE b IN ({marks})",
                                       [*chunk, *chunk]):
                rows[row[0]] = row
        records = self._records_by_id(sorted({side for row in rows.values() for side in (row[1], row[2])}))
        found = []
        for id_, a, b, kind, reason in sorted(rows.values(), key=lambda row: (row[3], row[0])):
            found.append({"record": "conflict", "id": id_, "a": a, "b": b, "kind": kind, "reason": reason,
                          "a_record": records.get(a) or self.record(a), "b_record": records.get(b) or self.record(b)})
        return found
