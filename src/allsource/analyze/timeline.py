"""A timeline: events and dated statements in time order."""

from __future__ import annotations


def timeline(store, entity: str | None = None) -> list[dict]:
    rows = []
    for event in store.events(entity=entity):
        if event["time"]:
            rows.append({"time": event["time"], "kind": "event", "what": event["event_type"],
                         "who": ", ".join(event["participant_names"]), "id": event["id"], "doc": event["doc"],
                         "evidence": event["evidence"]})
    for statement in store.statements(entity=entity):
        if statement["time"]:
            what = statement["predicate"] + (" (not)" if statement["negated"] else "")
            who = " → ".join(n for n in (statement["subject_name"], statement["object_name"] or statement["item_name"]) if n)
            rows.append({"time": statement["time"], "kind": "statement", "what": what, "who": who,
                         "id": statement["id"], "doc": statement["doc"], "evidence": statement["evidence"]})
    rows.sort(key=lambda r: (r["time"]["start"], r["time"]["end"], r["id"]))
    return rows
