"""An entity's profile: who it is, its roles over time, what links it to others, who speaks of it."""

from __future__ import annotations

from collections import Counter


def entity_profile(store, ref: str) -> dict:
    entity = store.find_entity(ref)
    name = entity["id"]
    statements = store.statements(entity=name)
    outgoing = [s for s in statements if s["subject"] == name]
    incoming = [s for s in statements if s["subject"] != name]
    roles = _roles([s for s in outgoing if s["predicate"] == "holds_role"])
    return {
        **entity,
        "roles": roles,
        "statements_out": [s for s in outgoing if s["predicate"] != "holds_role"],
        "statements_in": incoming,
        "claims_by": store.claims(speaker=name),
        "claims_about": [c for c in store.claims(about=name) if c["speaker"] != name],
        "events": store.events(entity=name),
        "documents": [{"id": d["id"], "title": d["title"], "source": d["source"], "published": d["published"]}
                      for d in store.documents(entity=name)],
        "merges": store.merges(entity=name),
        "predicates": dict(Counter(s["predicate"] for s in statements)),
    }


def _roles(statements: list[dict]) -> list[dict]:
    """One row per office (role, body, time), with every statement and document that says so."""
    rows: dict[tuple, dict] = {}
    for s in statements:
        key = ((s["role"] or "").lower(), s["object"], (s["time"] or {}).get("start"), s["negated"])
        row = rows.setdefault(key, {"role": s["role"], "of": s["object_name"], "time": s["time"],
                                    "negated": s["negated"], "statements": [], "documents": []})
        row["statements"].append(s["id"])
        if s["doc"] not in row["documents"]:
            row["documents"].append(s["doc"])
    return sorted(rows.values(), key=lambda r: (r["time"] is None, (r["time"] or {}).get("start", ""), -len(r["documents"])))
