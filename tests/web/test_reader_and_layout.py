"""The pure pieces behind the reader and the graph explorer."""

from __future__ import annotations

import math
import time

from allsource.analyze.layout import force_layout
from allsource.analyze.reader import reading_segments

TEXT = "Russia sold Iran the S-300. Tehran paid in 2016."


def test_segments_rebuild_the_text_and_carry_mentions_records_and_removals():
    mentions = [{"start": 0, "end": 6, "entity": "ent-ru", "name": "Russia", "type": "state"},
                {"start": 12, "end": 16, "entity": "ent-ir", "name": "Iran", "type": "state"},
                {"start": 28, "end": 34, "entity": "ent-ir", "name": "Iran", "type": "state"}]
    spans = [{"start": 0, "end": 27, "record": "st-1", "kind": "statement", "label": "Russia sells Iran"},
             {"start": 0, "end": 27, "record": "ev-1", "kind": "event", "label": "delivery"}]
    removals = [{"at": 27, "kind": "footer", "text": "Subscribe <now>"}]
    segments = reading_segments(TEXT, mentions, spans, removals, focus="st-1")
    assert "".join(s["text"] for s in segments if "text" in s) == TEXT
    assert [s["removed"] for s in segments if "removed" in s] == [{"kind": "footer", "text": "Subscribe <now>"}]
    removal_at = next(i for i, s in enumerate(segments) if "removed" in s)
    assert "".join(s["text"] for s in segments[:removal_at]) == TEXT[:27]
    focused = "".join(s["text"] for s in segments if s.get("focus"))
    assert focused == "Russia sold Iran the S-300."
    russia = segments[0]
    assert russia["text"] == "Russia" and russia["entity"]["id"] == "ent-ru"
    assert {r["id"] for r in russia["records"]} == {"st-1", "ev-1"}
    tehran = next(s for s in segments if s.get("text") == "Tehran")
    assert tehran["entity"]["id"] == "ent-ir" and tehran["records"] == [] and not tehran["focus"]


def test_overlapping_mentions_keep_the_first():
    mentions = [{"start": 0, "end": 11, "entity": "a", "name": "A", "type": "state"},
                {"start": 7, "end": 16, "entity": "b", "name": "B", "type": "state"}]
    segments = reading_segments(TEXT, mentions, [], [])
    assert "".join(s["text"] for s in segments) == TEXT
    assert [s["entity"]["id"] for s in segments if s["start"] < 11 and s["entity"]] == ["a", "a"]
    assert next(s for s in segments if s["start"] == 11)["entity"] is None


def test_layout_of_five_thousand_nodes_is_fast_bounded_and_deterministic():
    nodes = [f"n{i}" for i in range(5000)]
    edges = [(f"n{i}", f"n{(i * 7919) % i}", 1 + i % 3) for i in range(1, 5000)]
    started = time.perf_counter()
    positions = force_layout(nodes, edges)
    assert time.perf_counter() - started < 5
    assert set(positions) == set(nodes)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in positions.values())
    assert force_layout(nodes[:300], edges[:299]) == force_layout(nodes[:300], edges[:299])


def test_linked_nodes_end_closer_than_unlinked_ones():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i + 1}", 1) for i in range(0, 40, 2)]  # twenty separate pairs
    positions = force_layout(nodes, edges, seed=3)

    def distance(a, b):
        return math.dist(positions[a], positions[b])
    linked = sum(distance(f"n{i}", f"n{i + 1}") for i in range(0, 40, 2)) / 20
    unlinked = sum(distance(f"n{i}", f"n{(i + 7) % 40}") for i in range(0, 40, 2)) / 20
    assert linked < unlinked / 2
