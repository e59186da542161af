"""Streaming reads for the exports: every table of the knowledge base in chunks, with corpus-wide
entity ids in place of document-local ones.

Each chunk is fetched by keyset pagination (`WHERE key > last ORDER BY key LIMIT n`), so an
export holds one chunk at a time however large the knowledge base grows. The SQL is standard
(row-value comparison, LIMIT) so that another store can run the same queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DEFAULT_CHUNK = 500


@dataclass(frozen=True)
class TableSpec:
    """A flat export table: a SELECT whose output columns include `key` (unique, orderable)."""

    select: str
    key: tuple[str, ...]          # output column names, in order
    key_sql: tuple[str, ...]      # the same columns as SQL expressions for WHERE / ORDER BY
    booleans: tuple[str, ...] = ()
    json_lists: tuple[str, ...] = ()
    where: str = ""
    group_by: str = ""
    chunk_size: int = DEFAULT_CHUNK


_TIME = "time_start, {p}.time_end, {p}.time_precision, {p}.time_text"

EXPORT_TABLES: dict[str, TableSpec] = {
    "documents": TableSpec(
        "SELECT id, title, authors, publisher, published, source, part, format, content_hash, text FROM documents",
        ("id",), ("id",), json_lists=("authors",), chunk_size=50),  # whole texts: smaller chunks
    "entities": TableSpec(
        "SELECT id, type, subtype, name, aliases, mention_count, doc_count FROM entities",
        ("id",), ("id",), json_lists=("aliases",)),
    "mentions": TableSpec(
        'SELECT m.id, l.entity, m.doc, m.start, m."end", m.text, m.type, m.source'
        " FROM mentions m JOIN local_entities l ON l.id = m.local_entity",
        ("id",), ("m.id",)),
    "statements": TableSpec(
        "SELECT s.id, ls.entity AS subject, s.predicate, lo.entity AS object, li.entity AS item, s.role,"
        " s." + _TIME.format(p="s") + ", s.negated, s.modality, s.confidence, s.extractor, s.doc"
        " FROM statements s JOIN local_entities ls ON ls.id = s.subject"
        " LEFT JOIN local_entities lo ON lo.id = s.object LEFT JOIN local_entities li ON li.id = s.item",
        ("id",), ("s.id",), booleans=("negated",)),
    "events": TableSpec(
        "SELECT v.id, v.event_type, lp.entity AS place, v." + _TIME.format(p="v") + ", v.trigger, v.negated, v.doc"
        " FROM events v LEFT JOIN local_entities lp ON lp.id = v.place",
        ("id",), ("v.id",), booleans=("negated",)),
    "event_participants": TableSpec(
        "SELECT p.event, p.seq, l.entity FROM event_participants p JOIN local_entities l ON l.id = p.local_entity",
        ("event", "seq"), ("p.event", "p.seq")),
    "claims": TableSpec(
        "SELECT c.id, l.entity AS speaker, c.cue, c.text, c.direct, c.statement, c.via, c.negated, c.doc"
        " FROM claims c JOIN local_entities l ON l.id = c.speaker",
        ("id",), ("c.id",), booleans=("direct", "negated")),
    "claim_about": TableSpec(
        "SELECT a.claim, l.entity FROM claim_about a JOIN local_entities l ON l.id = a.local_entity",
        ("claim", "entity"), ("a.claim", "l.entity"), group_by="a.claim, l.entity"),
    "evidence": TableSpec(
        'SELECT record, seq, doc, start, "end", text FROM evidence', ("record", "seq"), ("record", "seq")),
    "conflicts": TableSpec("SELECT id, a, b, kind, reason FROM conflicts", ("id",), ("id",)),
    "entity_documents": TableSpec(
        "SELECT l.entity, l.doc, sum(l.mention_count) AS mention_count FROM local_entities l",
        ("entity", "doc"), ("l.entity", "l.doc"), where="l.entity IS NOT NULL", group_by="l.entity, l.doc"),
}


# Columns holding allsource ids, per table, for replicate_for_benchmark; the first is the row's own.
_ID_COLUMNS = {
    "documents": ("id", "source"), "removals": ("doc",), "entities": ("id",),
    "local_entities": ("id", "doc", "entity"), "mentions": ("id", "doc", "local_entity"),
    "statements": ("id", "doc", "subject", "object", "item"), "events": ("id", "doc", "place"),
    "event_participants": ("event", "local_entity"), "claims": ("id", "doc", "speaker", "statement", "via"),
    "claim_about": ("claim", "local_entity"), "evidence": ("record", "doc"), "conflicts": ("id", "a", "b"),
}



def _marks(values: list) -> str:
    return ",".join("?" * len(values))


class ExportReads:
    db = None  # an sqlite3.Connection, set by the store

    def iter_table(self, name: str, chunk_size: int | None = None) -> Iterator[list[dict]]:
        """Yields the rows of export table `name` (see EXPORT_TABLES) in chunks, ordered by its key.
        A consumer holds at most two chunks: the one it has and the one being read."""
        spec = EXPORT_TABLES.get(name)
        if spec is None:
            raise ValueError(f"unknown export table {name!r}")
        chunk_size = chunk_size or spec.chunk_size
        last: tuple | None = None
        while True:
            clauses = [spec.where] if spec.where else []
            params: list = []
            if last is not None:
                clauses.append(f"({', '.join(spec.key_sql)}) > ({_marks(list(last))})")
                params += list(last)
            sql = spec.select + (" WHERE " + " AND ".join(clauses) if clauses else "")
            if spec.group_by:
                sql += f" GROUP BY {spec.group_by}"
            sql += f" ORDER BY {', '.join(spec.key_sql)} LIMIT ?"
            rows = [_plain(row, spec) for row in self.db.execute(sql, [*params, chunk_size])]
            if not rows:
                return
            yield rows
            last = tuple(rows[-1][k] for k in spec.key)

    def iter_rows(self, name: str, chunk_size: int | None = None) -> Iterator[dict]:
        for chunk in self.iter_table(name, chunk_size):
            yield from chunk

    def table_columns(self, name: str) -> list[str]:
        """The output columns of export table `name`, in order (also when it is empty)."""
        spec = EXPORT_TABLES[name]
        sql = spec.select + (f" GROUP BY {spec.group_by}" if spec.group_by else "") + " LIMIT 0"
        return [d[0] for d in self.db.execute(sql).description]

    def evidence_for(self, record_ids: Iterable[str]) -> dict[str, list[dict]]:
        """Evidence spans of the given statements, events or claims, in order, by record id."""
        ids = list(record_ids)
        found: dict[str, list[dict]] = {i: [] for i in ids}
        if ids:
            for row in self.db.execute(f'SELECT record, doc, start, "end", text FROM evidence'
                                       f" WHERE record IN ({_marks(ids)}) ORDER BY record, seq", ids):
                found[row[0]].append({"doc": row[1], "start": row[2], "end": row[3], "text": row[4]})
        return found

    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, dict]:
        ids = sorted({i for i in entity_ids if i})
        if not ids:
            return {}
        spec = EXPORT_TABLES["entities"]
        rows = self.db.execute(f"{spec.select} WHERE id IN ({_marks(ids)})", ids)
        return {row["id"]: _plain(row, spec) for row in rows}

    def claim_subjects(self, claim_ids: Iterable[str]) -> dict[str, list[str]]:
        """Entity ids each claim is about, by claim id."""
        ids = list(claim_ids)
        found: dict[str, list[str]] = {i: [] for i in ids}
        if ids:
            for claim, entity in self.db.execute(
                    "SELECT DISTINCT a.claim, l.entity FROM claim_about a JOIN local_entities l"
                    f" ON l.id = a.local_entity WHERE a.claim IN ({_marks(ids)}) ORDER BY a.claim, l.entity", ids):
                found[claim].append(entity)
        return found

    def document_contents(self, doc_ids: Iterable[str], entity_types: Iterable[str] | None = None
                          ) -> dict[str, dict[str, list[str]]]:
        """For each document: ids of its statements, claims and the entities it mentions. With
        `entity_types`, only entities of those types, and only statements whose subject and
        object are both such entities. (Types are compared here, not in SQL, so that every
        query starts from the documents' own rows and costs the same however large the
        knowledge base is.)"""
        ids = list(doc_ids)
        found = {i: {"statements": [], "claims": [], "entities": []} for i in ids}
        if not ids:
            return found
        wanted = set(entity_types) if entity_types is not None else None
        statements = self.db.execute(
            "SELECT s.doc, s.id, es.type, eo.type FROM statements s"
            " JOIN local_entities ls ON ls.id = s.subject JOIN entities es ON es.id = ls.entity"
            " LEFT JOIN local_entities lo ON lo.id = s.object LEFT JOIN entities eo ON eo.id = lo.entity"
            f" WHERE s.doc IN ({_marks(ids)}) ORDER BY s.doc, s.id", ids)
        for doc, statement, subject_type, object_type in statements:
            if wanted is None or (subject_type in wanted and object_type in wanted):
                found[doc]["statements"].append(statement)
        for doc, claim in self.db.execute(f"SELECT doc, id FROM claims WHERE doc IN ({_marks(ids)})"
                                          " ORDER BY doc, id", ids):
            found[doc]["claims"].append(claim)
        for doc, entity, entity_type in self.db.execute(
                "SELECT DISTINCT l.doc, l.entity, e.type FROM local_entities l JOIN entities e ON e.id = l.entity"
                f" WHERE l.doc IN ({_marks(ids)}) ORDER BY l.doc, l.entity", ids):
            if wanted is None or entity_type in wanted:
                found[doc]["entities"].append(entity)
        return found

    def replicate_for_benchmark(self, copies: int) -> None:
        """Adds `copies` copies of every record, each with new ids ("k~" before the old id, so
        that each copy sorts as one block in the original order and a chunk of copies mixes
        records as the original does), so that a small built knowledge base stands in for a
        large one. Only for benchmarks: the copies are exact duplicates apart from their ids."""
        with self.transaction():
            for table, id_columns in _ID_COLUMNS.items():
                columns = [d[0] for d in self.db.execute(f"SELECT * FROM {table} LIMIT 0").description]
                select = ", ".join(f':prefix || "{c}"' if c in id_columns else f'"{c}"' for c in columns)
                for k in range(1, copies + 1):
                    self.db.execute(f"INSERT INTO {table} SELECT {select} FROM {table}"
                                    f" WHERE \"{id_columns[0]}\" NOT LIKE '%~%'", {"prefix": f"{k}~"})


def _plain(row, spec: TableSpec) -> dict:
    record = dict(row)
    for column in spec.booleans:
        record[column] = bool(record[column])
    for column in spec.json_lists:
        record[column] = json.loads(record[column])
    return record

