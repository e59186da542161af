"""The knowledge base as a network: entities are nodes, statements with an object are edges.

GraphML, GEXF and `kb.to_networkx()` share these attributes, so a graph read back from a file
equals the one built in memory."""

from __future__ import annotations

from collections.abc import Iterator

# name -> value type, in the order the files declare them
NODE_ATTRIBUTES = {"label": str, "name": str, "type": str, "subtype": str, "aliases": str, "mention_count": int,
                   "doc_count": int}
EDGE_ATTRIBUTES = {"statement": str, "predicate": str, "item": str, "role": str, "time": str, "time_start": str,
                   "time_end": str, "negated": bool, "modality": str, "confidence": float, "evidence_count": int,
                   "evidence": str, "evidence_text": str, "doc": str}
LIST_SEPARATOR = "; "


def node_attributes(entity: dict) -> dict:
    return {"label": entity["name"], "name": entity["name"], "type": entity["type"], "subtype": entity["subtype"],
            "aliases": LIST_SEPARATOR.join(entity["aliases"]), "mention_count": entity["mention_count"],
            "doc_count": entity["doc_count"]}


def edge_attributes(statement: dict, evidence: list[dict]) -> dict:
    """Attributes of one statement edge; `evidence` points back to the exact characters
    ("doc-…:start-end", one per span) and `evidence_text` repeats the sentences."""
    return {"statement": statement["id"], "predicate": statement["predicate"], "item": statement["item"] or "",
            "role": statement["role"] or "", "time": statement["time_text"] or "",
            "time_start": statement["time_start"] or "", "time_end": statement["time_end"] or "",
            "negated": statement["negated"], "modality": statement["modality"],
            "confidence": float(statement["confidence"]), "evidence_count": len(evidence),
            "evidence": LIST_SEPARATOR.join(f"{e['doc']}:{e['start']}-{e['end']}" for e in evidence),
            "evidence_text": "\n".join(e["text"] for e in evidence), "doc": statement["doc"]}


def iter_nodes(store) -> Iterator[tuple[str, dict]]:
    for entity in store.iter_rows("entities"):
        yield entity["id"], node_attributes(entity)


def iter_edges(store) -> Iterator[tuple[str, str, str, dict]]:
    """(subject, object, statement id, attributes) of every statement that has an object."""
    for chunk in store.iter_table("statements"):
        with_object = [s for s in chunk if s["object"]]
        evidence = store.evidence_for(s["id"] for s in with_object)
        for statement in with_object:
            yield statement["subject"], statement["object"], statement["id"], \
                edge_attributes(statement, evidence[statement["id"]])


def to_networkx(store):
    """A networkx MultiDiGraph of the whole knowledge base (edges keyed by statement id)."""
    import networkx

    graph = networkx.MultiDiGraph()
    graph.add_nodes_from(iter_nodes(store))
    for subject, obj, key, attributes in iter_edges(store):
        graph.add_edge(subject, obj, key=key, **attributes)
    return graph
