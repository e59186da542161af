"""Contradictions across sources, found over resolved statements and events.

Three kinds:
- polarity: one source asserts a statement, another (or the same) negates it;
- dates: a one-off act (a delivery, a visit, a signing) dated to periods that do not overlap;
- answer: two sources give different answers to the same question: who met a person at one
  place and time, who holds a one-holder relation (succeeded, killed) over the same object, or
  who initiated an action (the same action words, or an action one side leaves unnamed).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from allsource.model.ids import make_id
from allsource.model.records import Conflict, Evidence
from allsource.store.base import Store

ONE_OFF_PREDICATES = frozenset({"supplies", "sells", "visits", "meets", "signs", "kills", "attacks", "joins",
                                "withdraws_from", "succeeds"})
SINGLE_HOLDER_PREDICATES = frozenset({"succeeds", "kills"})
PRECISE = frozenset({"day", "month", "season", "year"})
MEETING_TYPES = frozenset({"meeting", "visit"})


def conflicts_of_documents(store: Store, doc_ids: list[str]) -> list[Conflict]:
    """The conflicts that involve a record of these documents, found by reading only the records
    that answer the same questions (same subject, predicate, object and item; same one-holder
    relation; same initiated action; meetings of a shared participant at an overlapping time).

    Records of other documents never change when documents are added (their entities keep them),
    so adding these conflicts to those already stored gives what `find_conflicts` finds over the
    whole knowledge base, at a cost that depends on the new documents, not on the total."""
    statements = store.document_records("statement", doc_ids)
    events = store.document_records("event", doc_ids)
    new = {r["id"] for r in statements + events}
    candidate_statements = {s["id"]: s for s in statements}
    for question in {q for s in statements for q in _questions(s, statements)}:
        predicate, fixed = question
        candidate_statements.update((s["id"], s) for s in store.statements_matching(predicate, **dict(fixed)))
    candidate_events = {e["id"]: e for e in events}
    for event in filter(_is_datable_meeting, events):
        for participant in event["participants"]:
            found = store.meetings_with(participant, sorted(MEETING_TYPES), event["time"]["start"], event["time"]["end"])
            candidate_events.update((e["id"], e) for e in found)
    found = find_conflicts(sorted(candidate_statements.values(), key=_stored_order),
                           sorted(candidate_events.values(), key=_stored_order))
    return [c for c in found if c.a in new or c.b in new]


def _questions(s: dict, batch: list[dict]):
    """(predicate, fixed fields) of the stored statements that could contradict `s`: only those
    that could pair with it in `find_conflicts`, so a question many sources answer alike costs
    little."""
    same = (("subject", s["subject"]), ("object", s["object"]), ("item", s["item"]))
    yield s["predicate"], (*same, ("negated", not s["negated"]))
    if _is_datable_one_off(s):
        yield s["predicate"], (*same, ("negated", False))
    if s["predicate"] in SINGLE_HOLDER_PREDICATES and s["object"] and not s["negated"]:
        yield s["predicate"], (("object", s["object"]), ("negated", False))
    if s["predicate"] == "initiates" and not s["negated"]:
        roles = {(r["role"] or "").lower() for r in batch if r["predicate"] == "initiates" and not r["negated"]}
        # an unnamed action may be any action; a named one meets the same name or an unnamed one
        if "" in roles:
            yield "initiates", (("negated", False),)
        else:
            yield "initiates", (("role", (s["role"] or "").lower()), ("negated", False))
            yield "initiates", (("role", ""), ("negated", False))


def _is_datable_one_off(s: dict) -> bool:
    return (s["predicate"] in ONE_OFF_PREDICATES and not s["negated"] and bool(s.get("time"))
            and s["time"]["precision"] in PRECISE and bool(s["item"]))


def _is_datable_meeting(e: dict) -> bool:
    return (e["event_type"] in MEETING_TYPES and not e["negated"] and bool(e.get("time"))
            and e["time"]["precision"] in ("day", "month") and len(e["participants"]) >= 2)


def _stored_order(record: dict) -> tuple:
    """The order iter_records gives, so that the pairs compare as in a whole-corpus pass."""
    time = record.get("time")
    return time is None, time["start"] if time else "", record["doc"], record["id"]


def find_conflicts(statements: list[dict], events: list[dict]) -> list[Conflict]:
    found: dict[str, Conflict] = {}
    for conflict in [*_polarity(statements), *_dates(statements), *_single_holder(statements), *_meetings(events),
                     *_initiators(statements)]:
        found.setdefault(conflict.id, conflict)
    return sorted(found.values(), key=lambda c: (c.kind, c.id))


def _key(s: dict) -> tuple:
    return s["subject"], s["predicate"], s["object"], s["item"]


def _describe(s: dict) -> str:
    parts = [s.get("subject_name") or s["subject"], s["predicate"].replace("_", " ")]
    if s.get("object_name"):
        parts.append(s["object_name"])
    if s.get("item_name"):
        parts.append(f"({s['item_name']})")
    return " ".join(parts)


def _conflict(kind: str, a: dict, b: dict, reason: str) -> Conflict:
    first, second = sorted((a, b), key=lambda r: r["id"])
    evidence = [Evidence(**e) for e in first["evidence"][:1] + second["evidence"][:1]]
    return Conflict(make_id("cf", kind, first["id"], second["id"]), first["id"], second["id"], reason, kind, evidence)


def _polarity(statements: list[dict]):
    groups = defaultdict(list)
    for s in statements:
        groups[_key(s)].append(s)
    for group in groups.values():
        asserted = [s for s in group if not s["negated"]]
        denied = [s for s in group if s["negated"]]
        for a in asserted:
            for b in denied:
                if _times_overlap(a.get("time"), b.get("time")):
                    yield _conflict("polarity", a, b,
                                    f"one source says {_describe(a)}; another says this did not happen")


def _dates(statements: list[dict]):
    groups = defaultdict(list)
    for s in statements:
        if _is_datable_one_off(s):
            groups[_key(s)].append(s)
    for group in groups.values():
        for a, b in combinations(group, 2):
            if a["doc"] != b["doc"] and not _times_overlap(a["time"], b["time"]):
                yield _conflict("dates", a, b, f"sources date '{_describe(a)}' differently: "
                                               f"{a['time']['text']!r} versus {b['time']['text']!r}")


def _single_holder(statements: list[dict]):
    groups = defaultdict(list)
    for s in statements:
        if s["predicate"] in SINGLE_HOLDER_PREDICATES and not s["negated"] and s["object"]:
            groups[(s["predicate"], s["object"])].append(s)
    for group in groups.values():
        for a, b in combinations(group, 2):
            if a["doc"] != b["doc"] and a["subject"] != b["subject"] and _times_overlap(a.get("time"), b.get("time")):
                yield _conflict("answer", a, b, f"sources disagree on who {a['predicate'].replace('_', ' ')} "
                                                f"{a.get('object_name')}: {a.get('subject_name')} or {b.get('subject_name')}")


def _initiators(statements: list[dict]):
    """Different sources naming different initiators of the same action, one conflict per pair."""
    asserted = [s for s in statements if s["predicate"] == "initiates" and not s["negated"]]
    reported: set[tuple] = set()
    for a, b in combinations(asserted, 2):
        if a["doc"] == b["doc"] or a["subject"] == b["subject"] or not _times_overlap(a.get("time"), b.get("time")):
            continue
        actions = {(a["role"] or "").lower(), (b["role"] or "").lower()}
        if len(actions - {""}) > 1:
            continue
        pair = (frozenset((a["doc"], b["doc"])), frozenset((a["subject"], b["subject"])))
        if pair in reported:
            continue
        reported.add(pair)
        action = next(iter(actions - {""}), "it")
        yield _conflict("answer", a, b, f"sources disagree on who initiated {action}: "
                                        f"{a.get('subject_name')} or {b.get('subject_name')}")


def _meetings(events: list[dict]):
    """The same person meeting at the same place and time, with no counterpart in common."""
    dated = [e for e in events if _is_datable_meeting(e)]
    for a, b in combinations(dated, 2):
        if a["doc"] == b["doc"] or not _times_overlap(a["time"], b["time"]):
            continue
        if a.get("place") and b.get("place") and a["place"] != b["place"]:
            continue
        shared = set(a["participants"]) & set(b["participants"])
        others_a, others_b = set(a["participants"]) - shared, set(b["participants"]) - shared
        if shared and others_a and others_b and not others_a & others_b:
            names = dict(zip(a["participants"] + b["participants"],
                             a.get("participant_names", []) + b.get("participant_names", [])))
            who = ", ".join(sorted(names.get(p, p) for p in shared))
            yield _conflict("answer", a, b, f"sources name different counterparts for {who} in "
                                            f"{a['time']['text']!r}: {_names(others_a, names)} versus "
                                            f"{_names(others_b, names)}")


def _names(ids: set[str], names: dict[str, str]) -> str:
    return ", ".join(sorted(names.get(i, i) for i in ids))


def _times_overlap(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return True
    return a["start"] <= b["end"] and b["start"] <= a["end"]
