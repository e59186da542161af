"""Periods of days and the calendar arithmetic on them, including the publication anchor."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class Period:
    """An inclusive interval of days and the unit its words counted in."""

    start: date
    end: date
    precision: str


_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# The publication precision a relative expression needs, by the unit it counts in.
_ANCHOR_NEEDED = {"day": "day", "week": "day", "month": "month", "season": "month",
                  "year": "year", "decade": "year", "century": "year"}
_MONTHS_PER_UNIT = {"month": 1, "year": 12, "decade": 120, "century": 1200}


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def calendar_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_period(day: date) -> Period:
    return Period(day, day, "day")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), last_day_of_month(year, month), "month")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def week_period(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "range")


def season_period(name: str, year: int) -> Period:
    first = _SEASON_FIRST_MONTH[name]
    last_year, last_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return Period(date(year, first, 1), last_day_of_month(last_year, last_month), "season")


def period_of_unit(unit: str, day: date) -> Period:
    if unit == "day":
        return day_period(day)
    if unit == "week":
        return week_period(day)
    if unit == "month":
        return month_period(day.year, day.month)
    return year_period(day.year)


def _shift_months(day: date, months: int) -> date | None:
    """`day` moved by whole months, clamped to the month's end (Mar 31 - 1 month = Feb 28)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    last = last_day_of_month(year, month_index + 1)
    return last.replace(day=min(day.day, last.day))


def shift(day: date, unit: str, count: int) -> date | None:
    if unit in ("day", "week"):
        try:
            return day + timedelta(days=count * (7 if unit == "week" else 1))
        except OverflowError:
            return None
    return _shift_months(day, count * _MONTHS_PER_UNIT[unit])


def _sub_units(period: Period) -> list[tuple[date, date]] | None:
    if period.precision in ("decade", "century"):
        return [(date(y, 1, 1), date(y, 12, 31))
                for y in range(period.start.year, period.end.year + 1)]
    if period.precision in ("year", "season"):
        months, cursor = [], period.start
        while cursor <= period.end:
            months.append((cursor, last_day_of_month(cursor.year, cursor.month)))
            cursor = months[-1][1] + timedelta(days=1)
        return months
    if period.precision == "month":
        length = (period.end - period.start).days + 1
        return [(period.start + timedelta(days=i),) * 2 for i in range(length)]
    return None


def part_of(period: Period, index: int, parts: int) -> Period | None:
    if period.precision == "day":
        return period
    units = _sub_units(period)
    if units is None:
        return None
    size, remainder = divmod(len(units), parts)
    first = index * size + min(index, remainder)
    count = size + (1 if index < remainder else 0)
    if count == 0:
        return None
    return Period(units[first][0], units[first + count - 1][1], period.precision)


@lru_cache(maxsize=256)
def publication_anchor(published: str | None) -> Period | None:
    """The publication date as a period: a day, or a whole month or year when partial."""
    if not published:
        return None
    found = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ].*)?)?)?", published.strip())
    if not found:
        return None
    year, month, day = (int(part) if part else None for part in found.groups())
    # Outside these years a "publication date" is a data error, and periods around it
    # would run off the calendar.
    if not 1000 <= year <= 2999:
        return None
    try:
        if day is not None:
            return day_period(date(year, month, day))
        return month_period(year, month) if month is not None else year_period(year)
    except ValueError:
        return None


def knows(anchor: Period | None, unit: str) -> bool:
    return (anchor is not None
            and _PRECISION_RANK[anchor.precision] <= _PRECISION_RANK[_ANCHOR_NEEDED[unit]])
