"""Resolvers for single periods ("June 2016", "last Thursday", "two years ago"): each turns a
rule's match into a `Period`, or None when the words or the publication date do not fix one."""

from __future__ import annotations

import re
from datetime import date, timedelta

from allsource.extract.temporal.periods import (Period, calendar_date, day_period, knows, month_period,
                                                period_of_unit, season_period, shift, week_period, year_period)
from allsource.extract.temporal.vocabulary import (ORDINAL_WORDS, WEEKDAYS, count_number, day_number, month_number,
                                                   month_of, season_name, unit_name)


def resolve_full_date(match: re.Match, anchor: Period | None) -> Period | None:
    day = calendar_date(int(match["year"]), month_of(match), day_number(match["day"]))
    return day_period(day) if day else None


def resolve_month_day(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "month"):
        return None
    month, day, reference = month_number(match["month"]), day_number(match["day"]), anchor.end
    candidates = [d for year in range(reference.year - 1, reference.year + 2)
                  if (d := calendar_date(year, month, day))]
    if not candidates:
        return None
    return day_period(min(candidates, key=lambda d: (abs((d - reference).days), d)))


def resolve_month_year(match: re.Match, anchor: Period | None) -> Period | None:
    return month_period(int(match["year"]), month_of(match))


def resolve_bare_month(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "month"):
        return None
    month, reference = month_number(match["month"]), anchor.end
    return month_period(reference.year if month <= reference.month else reference.year - 1, month)


def resolve_season_year(match: re.Match, anchor: Period | None) -> Period | None:
    return season_period(season_name(match["season"]), int(match["year"]))


def _seasons_around(name: str, reference: date) -> list[Period]:
    return [season_period(name, year) for year in range(reference.year - 2, reference.year + 2)]


def resolve_bare_season(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "season"):
        return None
    begun = [s for s in _seasons_around(season_name(match["season"]), anchor.end)
             if s.start <= anchor.end]
    return begun[-1]


def resolve_relative_season(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "season"):
        return None
    reference, relation = anchor.end, match["relation"].lower().split()[-1]
    seasons = _seasons_around(season_name(match["season"]), reference)
    if relation in ("last", "past"):
        return [s for s in seasons if s.end < reference][-1]
    if relation == "next":
        return next(s for s in seasons if s.start > reference)
    containing = [s for s in seasons if s.start <= reference <= s.end]
    if containing:
        return containing[0]
    return next(s for s in seasons if s.start.year == reference.year)


def resolve_decade(match: re.Match, anchor: Period | None) -> Period | None:
    first = int(match["decade"])
    if first % 100 == 0 and first < 2000:
        return Period(date(first, 1, 1), date(first + 99, 12, 31), "century")
    return Period(date(first, 1, 1), date(first + 9, 12, 31), "decade")


def resolve_century(match: re.Match, anchor: Period | None) -> Period | None:
    ordinal = match["ordinal"].lower().replace("-", " ")
    number = ORDINAL_WORDS.get(" ".join(ordinal.split())) or day_number(ordinal)
    if not 1 <= number <= 30:
        return None
    first = (number - 1) * 100
    return Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")


def resolve_year(match: re.Match, anchor: Period | None) -> Period | None:
    return year_period(int(match["year"]))


def resolve_relative_day(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "day"):
        return None
    word = " ".join(match["word"].lower().split())
    offset = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return day_period(anchor.end + timedelta(days=offset))


def resolve_weekday(match: re.Match, anchor: Period | None) -> Period | None:
    if not knows(anchor, "day"):
        return None
    reference = anchor.end
    weekday = WEEKDAYS.index(match["weekday"].capitalize())
    days_back = (reference.weekday() - weekday) % 7
    relation = (match["relation"] or "").lower()
    if relation == "last":
        return day_period(reference - timedelta(days=days_back or 7))
    if relation == "next":
        return day_period(reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7))
    if relation == "this":
        return day_period(week_period(reference).start + timedelta(days=weekday))
    return day_period(reference - timedelta(days=days_back))


def resolve_relative_unit(match: re.Match, anchor: Period | None) -> Period | None:
    unit = unit_name(match["unit"])
    if not knows(anchor, unit):
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["relation"].lower()]
    shifted = shift(anchor.end, unit, step)
    return period_of_unit(unit, shifted) if shifted else None


def resolve_ago(match: re.Match, anchor: Period | None) -> Period | None:
    unit = unit_name(match["unit"])
    if not knows(anchor, unit):
        return None
    shifted = shift(anchor.end, unit, -count_number(match["count"]))
    return period_of_unit(unit, shifted) if shifted else None


def resolve_trailing_window(match: re.Match, anchor: Period | None) -> Period | None:
    unit = unit_name(match["unit"])
    if not knows(anchor, unit):
        return None
    count = count_number(match["count"]) if match["count"] else 1
    before = shift(anchor.end, unit, -count) if count else None
    if before is None:
        return None
    return Period(before + timedelta(days=1), anchor.end, "range")


def resolve_earlier_or_later(match: re.Match, anchor: Period | None) -> Period | None:
    unit = unit_name(match["unit"])
    if not knows(anchor, unit):
        return None
    whole = period_of_unit(unit, anchor.end)
    if match["direction"].lower() == "earlier":
        return Period(whole.start, anchor.end, whole.precision)
    return Period(max(anchor.start, whole.start), whole.end, whole.precision)
