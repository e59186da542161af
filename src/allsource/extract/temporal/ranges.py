"""Ranges: expressions whose ends are themselves expressions ("between 2012 and 2016",
"since September 2015", "until 2019"), with their rules."""

from __future__ import annotations

import re
from datetime import date

from allsource.extract.temporal.grammar import Rule, resolve_part
from allsource.extract.temporal.periods import Period, calendar_date
from allsource.extract.temporal.vocabulary import YEAR_PATTERN, day_number, month_number


def _resolve_range_ends(first_text: str, second_text: str,
                        anchor: Period | None) -> Period | None:
    second = resolve_part(second_text, anchor)
    if second is None:
        return None
    # "between March and June 2016": the first end borrows the year the second one states.
    borrowed_year = re.search(rf"\b{YEAR_PATTERN}", second_text)
    first = None
    if borrowed_year and not re.search(r"\d{4}", first_text):
        first = resolve_part(f"{first_text} {borrowed_year.group()}", anchor)
    first = first or resolve_part(first_text, anchor)
    if first is None or first.start > second.end:
        return None
    return Period(first.start, second.end, "range")


def _resolve_two_ends(match: re.Match, anchor: Period | None) -> Period | None:
    return _resolve_range_ends(match["first"], match["second"], anchor)


def _resolve_short_year_range(match: re.Match, anchor: Period | None) -> Period | None:
    first, short = int(match["year"]), int(match["short"])
    if short <= first % 100:
        return None
    return Period(date(first, 1, 1), date(first - first % 100 + short, 12, 31), "range")


def _resolve_day_range(match: re.Match, anchor: Period | None) -> Period | None:
    year, month = int(match["year"]), month_number(match["month"])
    first = calendar_date(year, month, day_number(match["first_day"]))
    last = calendar_date(year, month, day_number(match["last_day"]))
    if not first or not last or first > last:
        return None
    return Period(first, last, "range")


def _resolve_since(match: re.Match, anchor: Period | None) -> Period | None:
    bound = resolve_part(match["bound"], anchor)
    if bound is None:
        return None
    if anchor is None:
        return Period(bound.start, bound.end, "range")
    if bound.start > anchor.end:
        return None
    return Period(bound.start, anchor.end, "range")


def _resolve_until(match: re.Match, anchor: Period | None) -> Period | None:
    bound = resolve_part(match["bound"], anchor)
    return Period(bound.start, bound.end, "range") if bound else None


RANGE_RULES = (
    Rule(r"between\s+(?P<first>{PART})\s+and\s+(?P<second>{PART})", _resolve_two_ends),
    Rule(r"from\s+(?P<first>{PART})\s+(?:to|until|till|through|thru)\s+(?P<second>{PART})",
         _resolve_two_ends),
    Rule(r"(?P<month>{MONTH})\s*(?P<first_day>{DAY})\s*[-–—]\s*(?P<last_day>{DAY}),?\s+"
         r"(?P<year>{YEAR})", _resolve_day_range),
    Rule(r"(?P<year>{YEAR})\s*[-–—/]\s*(?P<short>\d{2})\b", _resolve_short_year_range),
    Rule(r"(?P<first>{PART})(?:\s*[-–—]\s*|\s+to\s+)(?P<second>{PART})", _resolve_two_ends),
    Rule(r"(?:ever\s+)?since\s+(?P<bound>{PART})", _resolve_since),
    Rule(r"(?:from\s+)?(?P<bound>{PART})\s+onwards?\b", _resolve_since),
    Rule(r"(?:until|till|up\s+(?:to|until)|through|thru|by)\s+(?P<bound>{PART})",
         _resolve_until),
)
