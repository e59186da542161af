"""Every record in the corpus knowledge base points at the exact text that supports it."""

from __future__ import annotations

from collections import Counter

EVIDENCED = ("statement", "event", "claim")


def _documents(kb) -> dict[str, str]:
    return {d["id"]: d["text"] for d in kb.store.iter_records("document")}


def _mismatches(spans, texts) -> list[tuple]:
    return [(s["doc"], s["start"], s["end"], s["text"][:60]) for s in spans
            if s["doc"] not in texts or texts[s["doc"]][s["start"]:s["end"]] != s["text"]]


def test_every_mention_span_reproduces_its_text_from_the_stored_document(corpus_kb):
    texts = _documents(corpus_kb)
    mentions = list(corpus_kb.store.iter_records("mention"))
    assert len(mentions) > 100
    assert _mismatches(mentions, texts) == []
    assert all(m["text"].strip() and m["end"] > m["start"] for m in mentions)


def test_every_statement_event_and_claim_has_evidence_that_reproduces_its_text(corpus_kb):
    texts = _documents(corpus_kb)
    seen = Counter()
    for kind in EVIDENCED:
        for record in corpus_kb.store.iter_records(kind):
            seen[kind] += 1
            assert record["evidence"], f"{kind} {record['id']} has no evidence"
            assert _mismatches(record["evidence"], texts) == [], f"{kind} {record['id']}"
            assert all(e["doc"] == record["doc"] for e in record["evidence"])
    assert all(seen[kind] > 0 for kind in EVIDENCED), seen


def test_both_records_of_every_conflict_exist_and_cite_exact_text(corpus_kb):
    texts = _documents(corpus_kb)
    records = {r["id"]: r for kind in EVIDENCED for r in corpus_kb.store.iter_records(kind)}
    conflicts = list(corpus_kb.store.iter_records("conflict"))
    assert conflicts
    for conflict in conflicts:
        for side in (conflict["a"], conflict["b"]):
            assert side in records, f"conflict {conflict['id']} points at missing record {side}"
            assert records[side]["evidence"]
            assert _mismatches(records[side]["evidence"], texts) == []


def test_records_iterates_every_kind_in_export_order(corpus_kb):
    kinds = [r["record"] for r in corpus_kb.records()]
    order = ["document", "entity", "mention", "statement", "event", "claim", "conflict"]
    assert [k for k in dict.fromkeys(kinds)] == order
    assert kinds == sorted(kinds, key=order.index)


def test_every_mention_and_local_entity_belongs_to_an_existing_entity(corpus_kb):
    db = corpus_kb.store.db
    assert db.execute("SELECT count(*) FROM local_entities WHERE entity IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM local_entities l LEFT JOIN entities e ON e.id = l.entity"
                      " WHERE e.id IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM entities e WHERE NOT EXISTS"
                      " (SELECT 1 FROM local_entities l WHERE l.entity = e.id)").fetchone()[0] == 0
    assert corpus_kb.store.integrity_problems() == []
    # an entity's counts are the sums over its members
    for row in db.execute("SELECT e.id, e.mention_count, e.doc_count, sum(l.mention_count), count(DISTINCT l.doc)"
                          " FROM entities e JOIN local_entities l ON l.entity = e.id GROUP BY e.id"):
        assert (row[1], row[2]) == (row[3], row[4]), row[0]
