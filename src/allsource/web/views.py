"""What each page shows, as plain data: one function per page, called by both the HTML page and
its JSON twin under /api, so the two can never disagree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict

from allsource.analyze.dyads import describe, dyad, relationship_series, strongest_dyads
from allsource.analyze.layout import force_layout
from allsource.analyze.reader import reading_segments
from allsource.errors import ConfigError
from allsource.model.ontology import load_ontology
from allsource.store.webreads import SNIPPET_CLOSE, SNIPPET_OPEN
from allsource.web import charts

CONTEXT_CHARS = 280
STATEMENTS_SHOWN = 150  # per entity page, dated first; the predicate counts cover them all
CLAIMS_SHOWN = 40
MERGES_SHOWN = 100  # the rest are listed by `allsource merges ENTITY`
NEIGHBOURHOOD_SIZE = 12
EXPANDED_NODES = 400
MAX_GRAPH_NODES = 5000
EDGE_FIELDS = ("source", "target", "predicate", "statements", "documents")


class Views:
    """The pages' data over one knowledge base. Holds the only state the app keeps: a few
    corpus-wide aggregates (strongest pairs, best-connected actors, the whole graph's layout),
    computed once per version of the data and dropped when it changes."""

    def __init__(self, kb) -> None:
        self.kb = kb
        self.store = kb.store
        self._cache: dict[str, object] = {}
        self._version: tuple | None = None

    def _aggregate(self, key: str, compute):
        version = self.store.data_version()
        if version != self._version:
            self._cache, self._version = {}, version
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- overview ----------------------------------------------------------------------------

    def overview(self) -> dict:
        dyads = self._aggregate("dyads", lambda: [d.to_dict() for d in strongest_dyads(self.store, 10)])
        return {"counts": self.store.counts(),
                "most_connected": self._aggregate("connected", lambda: self.store.most_connected(15)),
                "latest_documents": self.store.latest_documents(10),
                "conflicts": self.store.conflict_page(8), "conflict_count": self.store.conflict_count(),
                "strongest_dyads": dyads, "chart": charts.dyad_balance(dyads)}

    # -- entities ----------------------------------------------------------------------------

    def entity(self, ref: str, other: str | None = None) -> dict:
        store = self.store
        entity = store.find_entity(ref)
        entity_id = entity["id"]
        rows = store.statement_rows(entity=entity_id, limit=STATEMENTS_SHOWN)
        out, into = defaultdict(list), defaultdict(list)
        for row in rows:
            if row["subject"] == entity_id and row["predicate"] != "holds_role":
                out[row["predicate"]].append(row)
            elif row["subject"] != entity_id:
                into[row["predicate"]].append(row)
        partners = self._partners(entity_id)
        other_entity = store.find_entity(other) if other else (
            store.find_entity(partners[0]["id"]) if partners else None)
        if other_entity and other_entity["id"] == entity_id:
            raise ConfigError(f"{other!r} is {entity['name']} itself; pick another actor to compare with")
        relationship = None
        if other_entity:
            series = [asdict(y) for y in relationship_series(store, entity_id, other_entity["id"])]
            relationship = {"other": other_entity, "series": series,
                            "chart": charts.cooperation_conflict(series, f"{entity['name']} and {other_entity['name']}")}
        merges = store.merges(entity=entity_id)
        return {
            "entity": entity,
            "merges": merges[:MERGES_SHOWN], "merge_count": len(merges),
            "roles": _roles(store.statement_rows(subject=entity_id, predicate="holds_role", limit=200)),
            "predicate_counts": store.predicate_counts(entity_id), "statements_shown": len(rows),
            "statements_out": dict(out), "statements_in": dict(into),
            "claims_by": store.claim_rows(speaker=entity_id, limit=CLAIMS_SHOWN),
            "claims_about": [c for c in store.claim_rows(about=entity_id, limit=CLAIMS_SHOWN)
                             if c["speaker"] != entity_id],
            "partners": partners[:30],
            "neighbourhood": self._neighbourhood(entity, partners[:NEIGHBOURHOOD_SIZE]),
            "relationship": relationship,
            "documents": store.entity_documents(entity_id, 60),
        }

    def _partners(self, entity_id: str) -> list[dict]:
        """The entities linked to this one by statements, most statements first."""
        totals: dict[str, dict] = {}
        for edge in self.store.graph_edges(around=[entity_id], limit=2000):
            end = "target" if edge["source"] == entity_id else "source"
            row = totals.setdefault(edge[end], {"id": edge[end], "name": edge[f"{end}_name"],
                                                "type": edge[f"{end}_type"], "statements": 0, "predicates": set()})
            row["statements"] += edge["statements"]
            row["predicates"].add(edge["predicate"])
        ranked = sorted(totals.values(), key=lambda r: (-r["statements"], r["id"]))
        return [{**r, "predicates": sorted(r["predicates"])} for r in ranked]

    def _neighbourhood(self, entity: dict, partners: list[dict]) -> dict:
        nodes = [{"id": entity["id"], "name": entity["name"], "type": entity["type"], "degree": len(partners)},
                 *({"id": p["id"], "name": p["name"], "type": p["type"], "degree": p["statements"]} for p in partners)]
        edges = [{"source": entity["id"], "target": p["id"], "predicate": ", ".join(p["predicates"]),
                  "statements": p["statements"]} for p in partners]
        positions = force_layout([n["id"] for n in nodes],
                                 [(e["source"], e["target"], e["statements"]) for e in edges], seed=1)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
        return {"nodes": nodes, "edges": edges}

    def unmerge(self, member: str) -> dict:
        """The same call as `allsource unmerge MEMBER`."""
        return {"member": member, "entity": self.kb.unmerge(member)}

    # -- dyads -------------------------------------------------------------------------------

    def dyad(self, a: str, b: str) -> dict:
        found = dyad(self.store, a, b)
        data = found.to_dict()
        for kind in ("statements", "events", "claims"):
            for row in data[kind]:
                row.pop("record")
        by_id = {r["id"]: r for kind in ("statements", "events", "claims") for r in data[kind]}
        data["areas"] = {area: [by_id[i] for i in ids] for area, ids in data["areas"].items()}
        data["chart"] = charts.cooperation_conflict(data["series"], f"{found.a['name']} and {found.b['name']}")
        return data

    # -- documents and evidence --------------------------------------------------------------

    def document(self, doc_id: str, focus: str | None = None) -> dict:
        document = self.store.document(doc_id)
        annotations = self.store.document_annotations(doc_id)
        segments = reading_segments(document["text"], annotations["mentions"], annotations["spans"],
                                    document["removed"], focus)
        records = {s["record"]: {"id": s["record"], "kind": s["kind"], "label": s["label"]}
                   for s in annotations["spans"]}
        return {"document": document, "segments": segments, "focus": focus,
                "records": sorted(records.values(), key=lambda r: (r["kind"], r["label"], r["id"]))}

    def evidence(self, record_id: str) -> dict:
        if record_id.startswith("cf-"):
            conflict = self.store.conflict(record_id)
            return {"kind": "conflict", "conflict": conflict, "reason": conflict["reason"],
                    "sides": [self._evidence_of(conflict["a_record"]), self._evidence_of(conflict["b_record"])]}
        record = self.store.record(record_id)
        return {"kind": record["record"], **self._evidence_of(record)}

    def _evidence_of(self, record: dict) -> dict:
        agreeing = self.store.agreeing_records(record)
        sentences = []
        for evidence in record["evidence"]:
            sentences.append({**evidence, "document": self.store.document_header(evidence["doc"]),
                              "context": self.store.text_around(evidence["doc"], evidence["start"], evidence["end"],
                                                                CONTEXT_CHARS)})
        return {"record": record, "summary": describe(record["record"], record), "evidence": sentences,
                "agreeing": agreeing, "independent_sources": len({a["outlet"] for a in agreeing}),
                "conflicts": self.store.conflicts_of(record["id"])}

    # -- lists -------------------------------------------------------------------------------

    def claims(self, *, speaker: str | None = None, about: str | None = None, source: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = 200) -> dict:
        speaker_entity = self.store.find_entity(speaker) if speaker else None
        about_entity = self.store.find_entity(about) if about else None
        rows = self.store.claim_rows(speaker=speaker_entity and speaker_entity["id"],
                                     about=about_entity and about_entity["id"], source=source, since=since,
                                     until=until, limit=limit)
        return {"filters": {"speaker": speaker_entity, "about": about_entity, "source": source, "since": since,
                            "until": until, "limit": limit},
                "claims": rows, "questions": _questions(rows)}

    def conflicts(self, *, limit: int = 100, offset: int = 0) -> dict:
        return {"total": self.store.conflict_count(), "limit": limit, "offset": offset,
                "conflicts": self.store.conflict_page(limit, offset)}

    def timeline(self, *, actor: str | None = None, predicate: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int = 200, offset: int = 0) -> dict:
        actor_entity = self.store.find_entity(actor) if actor else None
        rows = self.store.timeline_rows(actor=actor_entity and actor_entity["id"], predicate=predicate, since=since,
                                        until=until, limit=limit, offset=offset)
        return {"filters": {"actor": actor_entity, "predicate": predicate, "since": since, "until": until,
                            "limit": limit, "offset": offset},
                "predicates": self.store.predicates_in_use(), "rows": rows}

    def search(self, q: str, limit: int = 20) -> dict:
        return {"q": q, "documents": [{**hit, "snippet": _snippet_parts(hit["snippet"])}
                                      for hit in self.store.search_snippets(q, limit)],
                "entities": self.store.entity_matches(q, limit) if q.strip() else []}

    # -- graph -------------------------------------------------------------------------------

    def graph(self, *, types: list[str] | None = None, predicates: list[str] | None = None,
              since: str | None = None, until: str | None = None, expand: list[str] | None = None,
              max_nodes: int = MAX_GRAPH_NODES) -> dict:
        """The filtered graph with positions. With `expand`, the named nodes and their
        neighbours, freshly laid out; without, the whole graph in one layout shared by every
        filter, so nodes stay put while filters change. The unfiltered graph is kept per data
        version, like the layout."""
        if not (types or predicates or since or until or expand) and max_nodes == MAX_GRAPH_NODES:
            return self._aggregate("graph", lambda: self._graph(None, None, None, None, [], max_nodes))
        return self._graph(types, predicates, since, until, expand or [], max_nodes)

    def _graph(self, types, predicates, since, until, expand: list[str], max_nodes: int) -> dict:
        expanded = [self.store.find_entity(ref) for ref in expand]
        edges = self.store.graph_edges(types=types, predicates=predicates, since=since, until=until,
                                       around=[e["id"] for e in expanded] or None)
        if expanded:
            keep = _top_nodes(edges, min(max_nodes, EXPANDED_NODES), first=[e["id"] for e in expanded])
            edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
            positions = force_layout(sorted(keep), [(e["source"], e["target"], e["statements"]) for e in edges],
                                     seed=1)
        else:
            positions = self._whole_layout()
            keep = _top_nodes(edges, max_nodes, within=positions)
            edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
        headers, degree = {}, defaultdict(int)
        for e in edges:
            for end in ("source", "target"):
                degree[e[end]] += 1
                headers[e[end]] = (e[f"{end}_name"], e[f"{end}_type"])
        for entity in expanded:  # an expanded node with no link left after filtering still shows
            headers.setdefault(entity["id"], (entity["name"], entity["type"]))
        nodes = [{"id": n, "name": headers[n][0], "type": headers[n][1], "x": positions[n][0], "y": positions[n][1],
                  "degree": degree[n]} for n in sorted(keep, key=lambda n: (-degree[n], n))]
        return {"filters": {"types": types or [], "predicates": predicates or [], "since": since, "until": until,
                            "expand": [{"id": e["id"], "name": e["name"]} for e in expanded],
                            "max_nodes": max_nodes},
                "entity_types": list(load_ontology().as_dict()["entity_types"]),
                "predicates": self.store.predicates_in_use(event_types=False), "nodes": nodes,
                "edges": [{key: e[key] for key in EDGE_FIELDS} for e in edges]}

    def _whole_layout(self) -> dict[str, tuple[float, float]]:
        def compute():
            edges = self.store.graph_edges()
            keep = _top_nodes(edges, MAX_GRAPH_NODES)
            return force_layout(sorted(keep), [(e["source"], e["target"], e["statements"]) for e in edges
                                               if e["source"] in keep and e["target"] in keep])
        return self._aggregate("layout", compute)

    def edge(self, source: str, target: str, predicate: str) -> dict:
        a, b = self.store.find_entity(source), self.store.find_entity(target)
        return {"source": a, "target": b, "predicate": predicate,
                "statements": self.store.edge_statements(a["id"], b["id"], predicate)}


def _top_nodes(edges: list[dict], limit: int, *, first: list[str] = (), within: dict | None = None) -> set[str]:
    """The `limit` best-connected endpoints of `edges` (those in `first` always kept)."""
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        for node in (e["source"], e["target"]):
            if within is None or node in within:
                degree[node] += e["statements"]
    ranked = list(first) + sorted((n for n in degree if n not in first), key=lambda n: (-degree[n], n))
    return set(ranked[:limit])


def _snippet_parts(snippet: str) -> list[dict]:
    """A marked snippet as [{text, hit}], so the page can escape text and mark hits itself."""
    parts = []
    for chunk in snippet.split(SNIPPET_OPEN):
        hit, _, rest = chunk.rpartition(SNIPPET_CLOSE)
        if hit:
            parts.append({"text": hit, "hit": True})
        if rest:
            parts.append({"text": rest, "hit": False})
    return parts


def _roles(statements: list[dict]) -> list[dict]:
    """One row per office (role, body, start), with how many statements and documents say so."""
    rows: dict[tuple, dict] = {}
    for s in statements:
        key = ((s["role"] or "").lower(), s["object"], (s["time"] or {}).get("start"), s["negated"])
        row = rows.setdefault(key, {"role": s["role"], "of": s["object_name"], "of_id": s["object"],
                                    "time": s["time"], "negated": s["negated"], "statements": [], "documents": []})
        row["statements"].append(s["id"])
        if s["doc"] not in row["documents"]:
            row["documents"].append(s["doc"])
    return sorted(rows.values(), key=lambda r: (r["time"] is None, (r["time"] or {}).get("start", ""),
                                                -len(r["documents"])))


def _questions(claims: list[dict]) -> list[dict]:
    """Claims grouped by what they are about, where at least two speakers address the same
    entities: the same question answered side by side."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in claims:
        if claim["about"]:
            groups[tuple(sorted(a["id"] for a in claim["about"]))].append(claim)
    questions = []
    for key, rows in groups.items():
        speakers: dict[str, list[dict]] = defaultdict(list)
        for claim in rows:
            speakers[claim["speaker_name"]].append(claim)
        if len(speakers) >= 2:
            questions.append({"about": rows[0]["about"],
                              "speakers": [{"name": name, "claims": found} for name, found in speakers.items()]})
    questions.sort(key=lambda q: (-len(q["speakers"]), [a["name"] for a in q["about"]]))
    return questions[:12]
