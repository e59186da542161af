"""Dyads on the bundled corpus: what links Iran and Russia, weighted by year, by area."""

from __future__ import annotations

from collections import defaultdict

import pytest

from allsource.analyze.dyads import EVENT_PREDICATES, dyad, relationship_series, strongest_dyads
from allsource.errors import ConfigError
from allsource.model.ontology import load_ontology


@pytest.fixture(scope="module")
def store(corpus_kb):
    return corpus_kb.store


@pytest.fixture(scope="module")
def iran_russia(store):
    return dyad(store, "Iran", "Russia")


def test_russia_supplied_iran_the_s300_in_2016_and_2017_in_the_arms_area(iran_russia):
    supplies = [r for r in iran_russia.statements if r.record["predicate"] == "supplies" and not r.record["negated"]
                and r.record["subject_name"] == "Russia" and r.record["item_name"] == "S-300"]
    assert sorted(r.year for r in supplies) == [2016, 2017]
    assert all(r.dated_by == "text" and "arms" in r.areas and r.weight == 6 for r in supplies)
    # the 2016 sentence calls it a drama "in the modern arms trade": arms, not economy
    assert [r.areas for r in supplies if r.year == 2016] == [["arms"]]
    assert {r.id for r in supplies} <= set(iran_russia.areas["arms"])


def test_every_statement_between_the_two_is_linked_in_either_direction(store, iran_russia):
    pair = {iran_russia.a["id"], iran_russia.b["id"]}
    expected = {s["id"] for s in store.iter_records("statement") if {s["subject"], s["object"]} == pair}
    assert {r.id for r in iran_russia.statements} == expected
    assert {r.record["subject_name"] for r in iran_russia.statements} == {"Iran", "Russia"}
    reverse = dyad(store, "Russia", "Iran")
    assert [r.id for r in reverse.records()] == [r.id for r in iran_russia.records()]


def test_events_involve_both_and_claims_tie_speaker_to_subject(iran_russia):
    a, b = iran_russia.a["id"], iran_russia.b["id"]
    assert iran_russia.events
    for event in iran_russia.events:
        assert {a, b} <= {*event.record["participants"], event.record["place"]}
    assert iran_russia.claims
    for claim in iran_russia.claims:
        about, speaker = set(claim.record["about"]), claim.record["speaker"]
        assert {a, b} <= about or (speaker == a and b in about) or (speaker == b and a in about)
        assert claim.excluded == "claim" and claim.weight == 0


def test_series_sums_the_ontology_weights_of_each_years_records(store, iran_russia):
    ontology = load_ontology()
    cooperation, conflict, count = defaultdict(float), defaultdict(float), defaultdict(int)
    for r in iran_russia.statements + iran_russia.events:
        if r.excluded:
            continue
        record = r.record
        if record["time"]:
            year = int(record["time"]["start"][:4])
        else:
            year = int(store.document(record["doc"])["published"][:4])
        predicate = record["predicate"] if r.kind == "statement" else EVENT_PREDICATES[record["event_type"]]
        weight = ontology.predicate(predicate).weight
        cooperation[year] += max(weight, 0)
        conflict[year] += max(-weight, 0)
        count[year] += 1
    series = {y.year: (y.cooperation, y.conflict, y.count) for y in iran_russia.series}
    assert series == {y: (cooperation[y], conflict[y], count[y]) for y in count}
    assert series[2011] == (0, 4, 1)  # Tehran's accusation in September 2011 weighs -4
    assert relationship_series(store, "Russia", "Iran") == iran_russia.series


def test_what_stays_out_of_the_series_says_why(iran_russia):
    by_reason = defaultdict(list)
    for r in iran_russia.statements + iran_russia.events:
        by_reason[r.excluded].append(r)
    assert all(r.record["negated"] for r in by_reason["negated"])
    assert by_reason["negated"], "the corpus denies that Iran supplied Russia"
    assert all(r.dated_by == "none" and r.year is None for r in by_reason["undated"])
    for event in by_reason["same sentence as a statement of the pair"]:
        sentences = {(e["doc"], e["text"]) for s in iran_russia.statements for e in s.evidence}
        assert {(e["doc"], e["text"]) for e in event.evidence} & sentences
    assert all(r.weight == 0 for reason, rows in by_reason.items() if reason for r in rows)


def test_undated_records_take_the_publication_year(store, iran_russia):
    by_publication = [r for r in iran_russia.records() if r.dated_by == "publication"]
    assert by_publication
    for r in by_publication:
        assert r.record.get("time") is None
        assert r.year == int(store.document(r.doc)["published"][:4])


def test_areas_and_conflicts_of_the_pair(iran_russia):
    cooperation = next(r for r in iran_russia.statements if r.record["predicate"] == "cooperates_with")
    assert "Syria" in cooperation.areas  # the corpus says they worked together in Syria
    kinds = {c["kind"] for c in iran_russia.conflicts}
    assert {"dates", "polarity"} <= kinds
    dates = next(c for c in iran_russia.conflicts if c["kind"] == "dates")
    assert {dates["a_record"]["item_name"], dates["b_record"]["item_name"]} == {"S-300"}


def test_strongest_dyads_put_iran_and_russia_first_with_consistent_totals(store, iran_russia):
    ranked = strongest_dyads(store, limit=5)
    assert len(ranked) == 5
    top = ranked[0]
    assert {top.a_name, top.b_name} == {"Iran", "Russia"}
    assert (top.statement_count, top.event_count) == (len(iran_russia.statements), len(iran_russia.events))
    assert (top.cooperation, top.conflict) == (iran_russia.cooperation, iran_russia.conflict)
    assert all(s.balance == s.cooperation - s.conflict for s in ranked)
    totals = [s.statement_count + s.event_count for s in ranked]
    assert totals == sorted(totals, reverse=True)


def test_a_dyad_needs_two_different_entities(store):
    with pytest.raises(ConfigError, match="same entity"):
        dyad(store, "Iran", "Islamic Republic")
