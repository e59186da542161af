"""'Answer' conflicts: sources naming different initiators or different counterparts."""

from __future__ import annotations

from allsource.analyze.conflicts import find_conflicts


def statement(id_, doc, subject, predicate="initiates", role=None, time=None, negated=False):
    return {"id": id_, "doc": doc, "subject": subject, "subject_name": subject.title(), "predicate": predicate,
            "object": None, "object_name": None, "item": None, "item_name": None, "role": role, "time": time,
            "negated": negated, "evidence": [{"doc": doc, "start": 0, "end": 4, "text": "text"}]}


def event(id_, doc, participants, time, place=None):
    return {"id": id_, "doc": doc, "event_type": "meeting", "participants": participants,
            "participant_names": [p.title() for p in participants], "place": place, "time": time, "negated": False,
            "evidence": [{"doc": doc, "start": 0, "end": 4, "text": "text"}]}


JULY_2015 = {"start": "2015-07-01", "end": "2015-07-31", "precision": "month", "text": "July 2015"}
MAY_2019 = {"start": "2019-05-01", "end": "2019-05-31", "precision": "month", "text": "May 2019"}


def test_two_sources_naming_different_initiators_of_one_action_conflict():
    found = find_conflicts([statement("s1", "d1", "soleimani", role="intervention"),
                            statement("s2", "d2", "russia")], [])
    assert [(c.kind, c.a, c.b) for c in found] == [("answer", "s1", "s2")]
    assert "Soleimani" in found[0].reason and "Russia" in found[0].reason


def test_initiators_of_different_actions_or_in_one_document_do_not_conflict():
    assert find_conflicts([statement("s1", "d1", "soleimani", role="intervention"),
                           statement("s2", "d2", "russia", role="embargo")], []) == []
    assert find_conflicts([statement("s1", "d1", "soleimani"), statement("s2", "d1", "russia")], []) == []


def test_meeting_with_no_counterpart_in_common_at_the_same_time_conflicts():
    found = find_conflicts([], [event("e1", "d1", ["soleimani", "putin"], JULY_2015),
                                event("e2", "d2", ["soleimani", "shoigu"], JULY_2015)])
    assert [(c.kind, c.a, c.b) for c in found] == [("answer", "e1", "e2")]
    assert "Putin" in found[0].reason and "Shoigu" in found[0].reason


def test_meetings_at_different_times_do_not_conflict():
    assert find_conflicts([], [event("e1", "d1", ["soleimani", "putin"], JULY_2015),
                               event("e2", "d2", ["soleimani", "shoigu"], MAY_2019)]) == []


def test_corpus_conflict_on_who_initiated_the_syria_trip(corpus_kb):
    answers = [c for c in corpus_kb.conflicts() if c["kind"] == "answer" and "initiated" in c["reason"]]
    assert answers, "the bundled corpus plants a disagreement on who initiated the 2015 intervention"
    sides = {answers[0]["a_record"]["subject_name"], answers[0]["b_record"]["subject_name"]}
    assert any("Soleimani" in s for s in sides) and "Russia" in sides
