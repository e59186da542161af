"""`normalise_time`: the words of one time expression to the `TimeSpan` they denote."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache

from allsource.extract.temporal.grammar import PART_PARSERS, alternation, compile_for_parsing, first_resolution
from allsource.extract.temporal.periods import Period, day_period, publication_anchor
from allsource.extract.temporal.ranges import RANGE_RULES
from allsource.extract.temporal.vocabulary import MONTH_ABBREVIATIONS, MONTHS
from allsource.model.records import TimeSpan


# Words that may lead an expression without changing its meaning ("in June 2016").
_LEADING_WORDS = re.compile(
    r"(?:in|on|at|during|throughout|over|for|around|about|circa|c\.|ca\.|from|of|as\s+of"
    r"|some\s*time)\s+", re.IGNORECASE)
_ALL_PARSERS = compile_for_parsing(RANGE_RULES) + PART_PARSERS
_FULL_DATE_HINT = re.compile(
    r"\b" + alternation(MONTHS + MONTH_ABBREVIATIONS, capitalised_only=False)
    + r"\b|\d{1,4}[/.]\d{1,2}[/.]\d{1,4}", re.IGNORECASE)


def _tidy(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = text.strip(" ,;:.()[]\"")
    # "last year's": a possessive after a word, never after a digit ("the 1990's").
    return re.sub(r"(?<=[a-z])'s$", "", text, flags=re.IGNORECASE)


def _looks_like_a_full_date(text: str) -> bool:
    """Worth handing to dateparser: a digit and a month name or a numeric date shape."""
    return bool(re.search(r"\d", text) and _FULL_DATE_HINT.search(text))


def _parse_with_dateparser(text: str, anchor: Period | None) -> Period | None:
    """Full dates in shapes the rules do not cover ("05/03/2021", "May 3, 2021 at 10 a.m.")."""
    import dateparser

    base = anchor.end if anchor else date(2000, 1, 1)
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        # A fixed base so that nothing is ever filled in from today's date.
        "RELATIVE_BASE": datetime.combine(base, time()),
        # Day, month and year must all be written: partial dates are the rules' job,
        # and dateparser would invent the missing day.
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time"],
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return day_period(parsed.date()) if parsed else None


def _resolve(text: str, anchor: Period | None) -> Period | None:
    candidate = _tidy(text)
    while candidate:
        matched, period = first_resolution(_ALL_PARSERS, candidate, anchor)
        if matched:
            return period
        leading = _LEADING_WORDS.match(candidate)
        if not leading:
            break
        candidate = candidate[leading.end():]
    if candidate and _looks_like_a_full_date(candidate):
        return _parse_with_dateparser(candidate, anchor)
    return None


@lru_cache(maxsize=8192)
def normalise_time(text: str, published: str | None) -> TimeSpan | None:
    """The interval a time expression denotes, resolved against the publication date.

    `text` may carry a leading preposition ("in June 2016"); `published` is an ISO date,
    possibly partial ("2021-05", "2021"), or None. Returns None for vague expressions,
    durations, relative expressions the publication date cannot pin down, and anything
    that is not a time. See the `allsource.extract.temporal` docstring for the conventions.
    """
    period = _resolve(text, publication_anchor(published))
    if period is None:
        return None
    return TimeSpan(period.start.isoformat(), period.end.isoformat(), period.precision, text)
