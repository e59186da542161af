"""`find_time_expressions`: where in running text the grammar's expressions stand."""

from __future__ import annotations

import re

from allsource.extract.temporal.grammar import POINT_RULES, QUALIFIED_RULE, expand, without_group_names
from allsource.extract.temporal.ranges import RANGE_RULES


# Cue words that make an ambiguous shape ("2000", "May", "summer") safe to find.
_CUES = r"(?:in|during|throughout|around|circa)\s+"


def _compile_for_searching() -> tuple[re.Pattern, ...]:
    searchers = []
    for rule in (*RANGE_RULES, QUALIFIED_RULE, *POINT_RULES):
        body = without_group_names(expand(rule.template, searching=True))
        cue = "" if rule.standalone else _CUES
        searchers.append(re.compile(rf"(?<![\w'’]){cue}(?P<span>{body})(?!\w)", re.IGNORECASE))
    return tuple(searchers)


_SEARCHERS = _compile_for_searching()


def find_time_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans of the time expressions the grammar recognises, in text order.

    Spans cover qualifiers and range words ("the early 2000s", "since September 2015",
    "between 2012 and 2016") but not plain prepositions ("in", "on"). Where candidates
    overlap the longest wins. Bare years, months and seasons count only after a cue word
    ("in 2000", "during the summer"), and month and weekday names only when capitalised.
    """
    candidates = {found.span("span") for searcher in _SEARCHERS
                  for found in searcher.finditer(text)}
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= kept_start or start >= kept_end for kept_start, kept_end in chosen):
            chosen.append((start, end))
    return sorted(chosen)
