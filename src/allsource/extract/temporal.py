"""Time expressions: finding them in sentences and normalising them to `TimeSpan`s.

Conventions the rest of the pipeline relies on:

* Intervals are inclusive: `end` is the last day of the period.
* `precision` names the unit the words count in. Qualifiers narrow the interval but keep
  the unit: "the early 2000s" is 2000-01-01..2003-12-31 with precision decade, "late June
  1989" is 1989-06-21..1989-06-30 with precision month.
* Qualifiers split a period into its sub-units (years of a decade or century, months of a
  year or season, days of a month) as evenly as possible, earlier parts taking any
  remainder: early, mid and late 1990s are 1990-93, 1994-96 and 1997-99; "the end of" is
  the last third, "the dawn of" the first; halves and quarters work the same way. On a day
  a qualifier means a time of day, so the day is kept.
* Precision is range for explicit ranges ("between 2012 and 2016", "2012-16"), open ranges
  ("since 2015", "until 2019"), trailing windows ("the past two years") and calendar weeks,
  for which `TimeSpan` has no unit of its own.
* "since X" runs from the start of X to the publication date. With no publication date it
  is X's own period, the only part of the range the words vouch for; when X begins after
  publication the words are contradictory and the result is None.
* "until X", "till X", "through X" and "by X" are X's own period: the words fix when a
  state ended or was reached, not when it began.
* "earlier this year" runs from the start of the year to publication, "later this year"
  from publication to the end of the year; both keep the unit's precision.
* "last year" is the calendar year before publication; "the last year", "the past two
  years" and "the past decade" are trailing windows ending on the publication date.
* Relative expressions need a publication date at least as precise as their unit: "last
  year" needs a year, "last month", "in January", "last summer" and "June 18" a month,
  "yesterday", "on Thursday" and anything counted in days or weeks a day. When a day is
  needed from a partial date, its last day stands in, since the document cannot be later.
* A month and day without a year is the occurrence nearest the publication date: "June
  18" in a January article is last June, "January 3" in a late-December one next January.
* A bare month or season ("in January", "in the summer") is the latest one that began on
  or before the publication date; "Thursday" is the latest Thursday on or before it, "last
  Thursday" the latest strictly before, "next Thursday" the first after, "this Thursday"
  the one in the publication's Monday-to-Sunday week. "Last summer" is the latest summer
  over by publication.
* "N units ago" is the whole unit containing the date N units back: "two years ago" is a
  year, "three months ago" a month, "two weeks ago" a week; decades and centuries ago are
  read as the year that many years back.
* "2011-12" is the range 2011-2012 when the two-digit part is greater than the year's last
  two digits, otherwise an ISO month ("2021-05").
* "the 1800s" and "the 1900s" are centuries; "the 2000s" is a decade. "The 19th century"
  is 1800-1899, matching everyday usage and "the 1800s".
* Seasons are meteorological and northern: spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
  winter Dec-Feb, a winter being named after the year it starts in.
* Fiscal years are read as calendar years; their boundaries differ between countries.
* Full dates in shapes the rules lack ("05/03/2021", read month first as in US English;
  "May 3, 2021 at 10 a.m.") go to dateparser, which must find day, month and year.
* Vague expressions ("recently", "recent years", "a few years ago", "the past") and
  durations ("three hours") are None.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from allsource.model.records import TimeSpan

__all__ = ["find_time_expressions", "normalise_time"]


@dataclass(frozen=True)
class _Period:
    """An inclusive interval of days and the unit its words counted in."""

    start: date
    end: date
    precision: str


_Resolver = Callable[[re.Match, _Period | None], _Period | None]


@dataclass(frozen=True)
class _Rule:
    """A pattern over one whole expression and the function that turns a match into a period.

    `standalone` is False for shapes too ambiguous to find without a cue word before them:
    "in 2000" is a year, "2000 troops" is not.
    """

    template: str
    resolve: _Resolver
    standalone: bool = True


# ---------------------------------------------------------------- vocabulary

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = ("Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                        "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50}
_ORDINAL_WORDS = {word: number for number, word in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first"), start=1)}

# (part, number of parts) of the qualified period.
_QUALIFIER_PARTS = {
    "early": (0, 3), "dawn": (0, 3), "beginning": (0, 3), "start": (0, 3), "outset": (0, 3),
    "mid": (1, 3), "middle": (1, 3),
    "late": (2, 3), "end": (2, 3), "close": (2, 3),
    "first half": (0, 2), "second half": (1, 2), "latter half": (1, 2),
    "first quarter": (0, 4), "second quarter": (1, 4), "third quarter": (2, 4),
    "fourth quarter": (3, 4), "final quarter": (3, 4), "last quarter": (3, 4),
    "q1": (0, 4), "q2": (1, 4), "q3": (2, 4), "q4": (3, 4),
}

# Words that may lead an expression without changing its meaning ("in June 2016").
_LEADING_WORDS = re.compile(
    r"(?:in|on|at|during|throughout|over|for|around|about|circa|c\.|ca\.|from|of|as\s+of"
    r"|some\s*time)\s+", re.IGNORECASE)
# Cue words that make an ambiguous shape ("2000", "May", "summer") safe to find.
_CUES = r"(?:in|during|throughout|around|circa)\s+"

_YEAR = r"(?:1\d{3}|20\d{2})\b"
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# The publication precision a relative expression needs, by the unit it counts in.
_ANCHOR_NEEDED = {"day": "day", "week": "day", "month": "month", "season": "month",
                  "year": "year", "decade": "year", "century": "year"}
_MONTHS_PER_UNIT = {"month": 1, "year": 12, "decade": 120, "century": 1200}


# ---------------------------------------------------------------- calendar arithmetic

def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(day: date) -> _Period:
    return _Period(day, day, "day")


def _month(year: int, month: int) -> _Period:
    return _Period(date(year, month, 1), _last_day_of_month(year, month), "month")


def _year(year: int) -> _Period:
    return _Period(date(year, 1, 1), date(year, 12, 31), "year")


def _week(day: date) -> _Period:
    monday = day - timedelta(days=day.weekday())
    return _Period(monday, monday + timedelta(days=6), "range")


def _season(name: str, year: int) -> _Period:
    first = _SEASON_FIRST_MONTH[name]
    last_year, last_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return _Period(date(year, first, 1), _last_day_of_month(last_year, last_month), "season")


def _shift_months(day: date, months: int) -> date | None:
    """`day` moved by whole months, clamped to the month's end (Mar 31 - 1 month = Feb 28)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    last = _last_day_of_month(year, month_index + 1)
    return last.replace(day=min(day.day, last.day))


def _shift(day: date, unit: str, count: int) -> date | None:
    if unit in ("day", "week"):
        try:
            return day + timedelta(days=count * (7 if unit == "week" else 1))
        except OverflowError:
            return None
    return _shift_months(day, count * _MONTHS_PER_UNIT[unit])


def _sub_units(period: _Period) -> list[tuple[date, date]] | None:
    if period.precision in ("decade", "century"):
        return [(date(y, 1, 1), date(y, 12, 31))
                for y in range(period.start.year, period.end.year + 1)]
    if period.precision in ("year", "season"):
        months, cursor = [], period.start
        while cursor <= period.end:
            months.append((cursor, _last_day_of_month(cursor.year, cursor.month)))
            cursor = months[-1][1] + timedelta(days=1)
        return months
    if period.precision == "month":
        length = (period.end - period.start).days + 1
        return [(period.start + timedelta(days=i),) * 2 for i in range(length)]
    return None


def _part_of(period: _Period, index: int, parts: int) -> _Period | None:
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
    return _Period(units[first][0], units[first + count - 1][1], period.precision)


# ---------------------------------------------------------------- publication anchor

@lru_cache(maxsize=256)
def _anchor(published: str | None) -> _Period | None:
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
            return _day(date(year, month, day))
        return _month(year, month) if month is not None else _year(year)
    except ValueError:
        return None


def _knows(anchor: _Period | None, unit: str) -> bool:
    return (anchor is not None
            and _PRECISION_RANK[anchor.precision] <= _PRECISION_RANK[_ANCHOR_NEEDED[unit]])


# ---------------------------------------------------------------- word readers

def _month_number(word: str) -> int:
    return [m[:3].lower() for m in _MONTHS].index(word[:3].lower()) + 1


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _season_name(word: str) -> str:
    word = word.lower()
    return "autumn" if word == "fall" else word


def _qualifier_key(words: str) -> str:
    words = " ".join(words.lower().replace("-", " ").split())
    return words.removeprefix("the ").removesuffix(" of")


def _month_of(match: re.Match) -> int:
    numeric = match.groupdict().get("month_number")
    return int(numeric) if numeric else _month_number(match["month"])


def _calendar_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- point resolvers

def _resolve_full_date(match: re.Match, anchor: _Period | None) -> _Period | None:
    day = _calendar_date(int(match["year"]), _month_of(match), _day_number(match["day"]))
    return _day(day) if day else None


def _resolve_month_day(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "month"):
        return None
    month, day, reference = _month_number(match["month"]), _day_number(match["day"]), anchor.end
    candidates = [d for year in range(reference.year - 1, reference.year + 2)
                  if (d := _calendar_date(year, month, day))]
    if not candidates:
        return None
    return _day(min(candidates, key=lambda d: (abs((d - reference).days), d)))


def _resolve_month_year(match: re.Match, anchor: _Period | None) -> _Period | None:
    return _month(int(match["year"]), _month_of(match))


def _resolve_bare_month(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "month"):
        return None
    month, reference = _month_number(match["month"]), anchor.end
    return _month(reference.year if month <= reference.month else reference.year - 1, month)


def _resolve_season_year(match: re.Match, anchor: _Period | None) -> _Period | None:
    return _season(_season_name(match["season"]), int(match["year"]))


def _seasons_around(name: str, reference: date) -> list[_Period]:
    return [_season(name, year) for year in range(reference.year - 2, reference.year + 2)]


def _resolve_bare_season(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "season"):
        return None
    begun = [s for s in _seasons_around(_season_name(match["season"]), anchor.end)
             if s.start <= anchor.end]
    return begun[-1]


def _resolve_relative_season(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "season"):
        return None
    reference, relation = anchor.end, match["relation"].lower().split()[-1]
    seasons = _seasons_around(_season_name(match["season"]), reference)
    if relation in ("last", "past"):
        return [s for s in seasons if s.end < reference][-1]
    if relation == "next":
        return next(s for s in seasons if s.start > reference)
    containing = [s for s in seasons if s.start <= reference <= s.end]
    if containing:
        return containing[0]
    return next(s for s in seasons if s.start.year == reference.year)


def _resolve_decade(match: re.Match, anchor: _Period | None) -> _Period | None:
    first = int(match["decade"])
    if first % 100 == 0 and first < 2000:
        return _Period(date(first, 1, 1), date(first + 99, 12, 31), "century")
    return _Period(date(first, 1, 1), date(first + 9, 12, 31), "decade")


def _resolve_century(match: re.Match, anchor: _Period | None) -> _Period | None:
    ordinal = match["ordinal"].lower().replace("-", " ")
    number = _ORDINAL_WORDS.get(" ".join(ordinal.split())) or _day_number(ordinal)
    if not 1 <= number <= 30:
        return None
    first = (number - 1) * 100
    return _Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")


def _resolve_year(match: re.Match, anchor: _Period | None) -> _Period | None:
    return _year(int(match["year"]))


def _resolve_relative_day(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "day"):
        return None
    word = " ".join(match["word"].lower().split())
    offset = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return _day(anchor.end + timedelta(days=offset))


def _resolve_weekday(match: re.Match, anchor: _Period | None) -> _Period | None:
    if not _knows(anchor, "day"):
        return None
    reference = anchor.end
    weekday = _WEEKDAYS.index(match["weekday"].capitalize())
    days_back = (reference.weekday() - weekday) % 7
    relation = (match["relation"] or "").lower()
    if relation == "last":
        return _day(reference - timedelta(days=days_back or 7))
    if relation == "next":
        return _day(reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7))
    if relation == "this":
        return _day(_week(reference).start + timedelta(days=weekday))
    return _day(reference - timedelta(days=days_back))


def _period_of_unit(unit: str, day: date) -> _Period:
    if unit == "day":
        return _day(day)
    if unit == "week":
        return _week(day)
    if unit == "month":
        return _month(day.year, day.month)
    return _year(day.year)


def _resolve_relative_unit(match: re.Match, anchor: _Period | None) -> _Period | None:
    unit = _unit(match["unit"])
    if not _knows(anchor, unit):
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["relation"].lower()]
    shifted = _shift(anchor.end, unit, step)
    return _period_of_unit(unit, shifted) if shifted else None


def _resolve_ago(match: re.Match, anchor: _Period | None) -> _Period | None:
    unit = _unit(match["unit"])
    if not _knows(anchor, unit):
        return None
    shifted = _shift(anchor.end, unit, -_count(match["count"]))
    return _period_of_unit(unit, shifted) if shifted else None


def _resolve_trailing_window(match: re.Match, anchor: _Period | None) -> _Period | None:
    unit = _unit(match["unit"])
    if not _knows(anchor, unit):
        return None
    count = _count(match["count"]) if match["count"] else 1
    before = _shift(anchor.end, unit, -count) if count else None
    if before is None:
        return None
    return _Period(before + timedelta(days=1), anchor.end, "range")


def _resolve_earlier_or_later(match: re.Match, anchor: _Period | None) -> _Period | None:
    unit = _unit(match["unit"])
    if not _knows(anchor, unit):
        return None
    whole = _period_of_unit(unit, anchor.end)
    if match["direction"].lower() == "earlier":
        return _Period(whole.start, anchor.end, whole.precision)
    return _Period(max(anchor.start, whole.start), whole.end, whole.precision)


def _resolve_qualified(match: re.Match, anchor: _Period | None) -> _Period | None:
    period = _resolve_part(match["rest"], anchor)
    if period is None:
        return None
    return _part_of(period, *_QUALIFIER_PARTS[_qualifier_key(match["qualifier"])])


# ---------------------------------------------------------------- range resolvers

def _resolve_range_ends(first_text: str, second_text: str,
                        anchor: _Period | None) -> _Period | None:
    second = _resolve_part(second_text, anchor)
    if second is None:
        return None
    # "between March and June 2016": the first end borrows the year the second one states.
    borrowed_year = re.search(rf"\b{_YEAR}", second_text)
    first = None
    if borrowed_year and not re.search(r"\d{4}", first_text):
        first = _resolve_part(f"{first_text} {borrowed_year.group()}", anchor)
    first = first or _resolve_part(first_text, anchor)
    if first is None or first.start > second.end:
        return None
    return _Period(first.start, second.end, "range")


def _resolve_two_ends(match: re.Match, anchor: _Period | None) -> _Period | None:
    return _resolve_range_ends(match["first"], match["second"], anchor)


def _resolve_short_year_range(match: re.Match, anchor: _Period | None) -> _Period | None:
    first, short = int(match["year"]), int(match["short"])
    if short <= first % 100:
        return None
    return _Period(date(first, 1, 1), date(first - first % 100 + short, 12, 31), "range")


def _resolve_day_range(match: re.Match, anchor: _Period | None) -> _Period | None:
    year, month = int(match["year"]), _month_number(match["month"])
    first = _calendar_date(year, month, _day_number(match["first_day"]))
    last = _calendar_date(year, month, _day_number(match["last_day"]))
    if not first or not last or first > last:
        return None
    return _Period(first, last, "range")


def _resolve_since(match: re.Match, anchor: _Period | None) -> _Period | None:
    bound = _resolve_part(match["bound"], anchor)
    if bound is None:
        return None
    if anchor is None:
        return _Period(bound.start, bound.end, "range")
    if bound.start > anchor.end:
        return None
    return _Period(bound.start, anchor.end, "range")


def _resolve_until(match: re.Match, anchor: _Period | None) -> _Period | None:
    bound = _resolve_part(match["bound"], anchor)
    return _Period(bound.start, bound.end, "range") if bound else None


# ---------------------------------------------------------------- grammar

_POINT_RULES = (
    _Rule(r"(?P<year>{YEAR})-(?P<month_number>\d{2})-(?P<day>\d{2})\b", _resolve_full_date),
    _Rule(r"(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY}),?\s+(?P<year>{YEAR})",
          _resolve_full_date),
    _Rule(r"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+"
          r"(?P<year>{YEAR})", _resolve_full_date),
    _Rule(r"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})",
          _resolve_month_year),
    _Rule(r"(?P<year>{YEAR})-(?P<month_number>0[1-9]|1[0-2])\b",
          _resolve_month_year),
    _Rule(r"(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})", _resolve_month_day),
    _Rule(r"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})",
          _resolve_month_day),
    _Rule(r"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})",
          _resolve_season_year),
    _Rule(r"(?P<relation>(?:the\s+|this\s+)?past|last|this|next)\s+(?P<season>{SEASON})",
          _resolve_relative_season),
    _Rule(r"(?:the\s+)?(?P<decade>(?:1\d|20)\d0)'?s\b", _resolve_decade),
    _Rule(r"(?:the\s+)?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|{ORDINAL})[\s-]+century\b",
          _resolve_century),
    _Rule(r"(?:the\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?|year\s+|fy\s*)(?P<year>{YEAR})",
          _resolve_year),
    _Rule(r"(?P<word>yesterday|today|tonight|tomorrow|last\s+night)\b", _resolve_relative_day),
    _Rule(r"(?:(?P<relation>last|this|next)\s+)?(?P<weekday>{WEEKDAY})", _resolve_weekday),
    _Rule(r"(?P<relation>last|this|next)\s+(?P<unit>week|month|year)\b", _resolve_relative_unit),
    _Rule(r"(?P<count>{COUNT})\s+(?P<unit>{UNIT})\s+ago\b", _resolve_ago),
    _Rule(r"(?:the\s+)?(?:past|last)\s+(?:(?P<count>{COUNT})\s+)?(?P<unit>{UNIT})",
          _resolve_trailing_window),
    _Rule(r"(?P<direction>earlier|later)\s+this\s+(?P<unit>week|month|year)\b",
          _resolve_earlier_or_later),
    _Rule(r"(?P<year>{YEAR})", _resolve_year, standalone=False),
    _Rule(r"(?P<month>{MONTH})", _resolve_bare_month, standalone=False),
    # "fall" alone is too often the verb or "the fall of Kabul" to count as a season.
    _Rule(r"(?:the\s+)?(?P<season>spring|summer|autumn|winter)\b", _resolve_bare_season,
          standalone=False),
)

_QUALIFIED_RULE = _Rule(r"(?P<qualifier>{QUALIFIER})(?P<rest>{POINT})", _resolve_qualified)

_RANGE_RULES = (
    _Rule(r"between\s+(?P<first>{PART})\s+and\s+(?P<second>{PART})", _resolve_two_ends),
    _Rule(r"from\s+(?P<first>{PART})\s+(?:to|until|till|through|thru)\s+(?P<second>{PART})",
          _resolve_two_ends),
    _Rule(r"(?P<month>{MONTH})\s*(?P<first_day>{DAY})\s*[-–—]\s*(?P<last_day>{DAY}),?\s+"
          r"(?P<year>{YEAR})", _resolve_day_range),
    _Rule(r"(?P<year>{YEAR})\s*[-–—/]\s*(?P<short>\d{2})\b", _resolve_short_year_range),
    _Rule(r"(?P<first>{PART})(?:\s*[-–—]\s*|\s+to\s+)(?P<second>{PART})", _resolve_two_ends),
    _Rule(r"(?:ever\s+)?since\s+(?P<bound>{PART})", _resolve_since),
    _Rule(r"(?:from\s+)?(?P<bound>{PART})\s+onwards?\b", _resolve_since),
    _Rule(r"(?:until|till|up\s+(?:to|until)|through|thru|by)\s+(?P<bound>{PART})",
          _resolve_until),
)

_QUALIFIER = (r"(?:the\s+)?(?:early|mid|late"
              r"|(?:dawn|beginning|start|outset|middle|end|close)\s+of"
              r"|(?:first|second|latter)\s+half\s+of"
              r"|(?:first|second|third|fourth|final|last)\s+quarter\s+of|q[1-4])"
              r"(?:\s*-\s*|\s+)")


def _alternation(words: tuple[str, ...] | list[str], capitalised_only: bool) -> str:
    body = "|".join(words)
    # Capitalised only when searching running text, so "may" and "march" stay verbs.
    return f"(?-i:{body})" if capitalised_only else f"(?:{body})"


def _without_group_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _expand(template: str, searching: bool) -> str:
    """The regex for a rule template; `searching` builds the stricter variant used on prose."""
    points = "|".join(_without_group_names(rule.template) for rule in _POINT_RULES)
    tokens = {
        # Composite tokens come first: their bodies are made of the simple ones.
        "{PART}": f"(?:{_QUALIFIER})?(?:{points})",
        "{POINT}": f"(?:{points})",
        "{QUALIFIER}": _QUALIFIER,
        # Only abbreviations take a dot, so a sentence's full stop stays out of "in June.".
        "{MONTH}": (f"(?:{_alternation(_MONTHS, searching)}\\b"
                    f"|{_alternation(_MONTH_ABBREVIATIONS, searching)}\\b\\.?)"),
        "{WEEKDAY}": _alternation(_WEEKDAYS, searching) + r"\b",
        "{DAY}": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        "{YEAR}": _YEAR,
        "{SEASON}": r"(?:spring|summer|autumn|fall|winter)\b",
        "{COUNT}": r"(?:\d{1,3}|" + "|".join(_COUNT_WORDS) + ")",
        "{UNIT}": r"(?:days?|weeks?|months?|years?|decades?|century|centuries)\b",
        "{ORDINAL}": "(?:" + "|".join(w.replace(" ", "[\\s-]") for w in _ORDINAL_WORDS) + ")",
    }
    for token, body in tokens.items():
        template = template.replace(token, body)
    return template


def _compile_for_parsing(rules: tuple[_Rule, ...]) -> tuple[tuple[re.Pattern, _Rule], ...]:
    return tuple((re.compile(_expand(rule.template, searching=False), re.IGNORECASE), rule)
                 for rule in rules)


_PART_PARSERS = _compile_for_parsing((_QUALIFIED_RULE, *_POINT_RULES))
_ALL_PARSERS = _compile_for_parsing(_RANGE_RULES) + _PART_PARSERS


def _compile_for_searching() -> tuple[re.Pattern, ...]:
    searchers = []
    for rule in (*_RANGE_RULES, _QUALIFIED_RULE, *_POINT_RULES):
        body = _without_group_names(_expand(rule.template, searching=True))
        cue = "" if rule.standalone else _CUES
        searchers.append(re.compile(rf"(?<![\w'’]){cue}(?P<span>{body})(?!\w)", re.IGNORECASE))
    return tuple(searchers)


_SEARCHERS = _compile_for_searching()
_FULL_DATE_HINT = re.compile(
    r"\b" + _alternation(_MONTHS + _MONTH_ABBREVIATIONS, capitalised_only=False)
    + r"\b|\d{1,4}[/.]\d{1,2}[/.]\d{1,4}", re.IGNORECASE)


# ---------------------------------------------------------------- resolution

def _first_resolution(parsers: tuple[tuple[re.Pattern, _Rule], ...], text: str,
                      anchor: _Period | None) -> tuple[bool, _Period | None]:
    """Whether any rule's pattern covers `text`, and the first period such a rule yields."""
    matched = False
    for pattern, rule in parsers:
        found = pattern.fullmatch(text)
        if found:
            matched = True
            period = rule.resolve(found, anchor)
            if period is not None:
                return True, period
    return matched, None


def _resolve_part(text: str, anchor: _Period | None) -> _Period | None:
    return _first_resolution(_PART_PARSERS, text, anchor)[1]


def _tidy(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = text.strip(" ,;:.()[]\"")
    # "last year's": a possessive after a word, never after a digit ("the 1990's").
    return re.sub(r"(?<=[a-z])'s$", "", text, flags=re.IGNORECASE)


def _looks_like_a_full_date(text: str) -> bool:
    """Worth handing to dateparser: a digit and a month name or a numeric date shape."""
    return bool(re.search(r"\d", text) and _FULL_DATE_HINT.search(text))


def _parse_with_dateparser(text: str, anchor: _Period | None) -> _Period | None:
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
    return _day(parsed.date()) if parsed else None


def _resolve(text: str, anchor: _Period | None) -> _Period | None:
    candidate = _tidy(text)
    while candidate:
        matched, period = _first_resolution(_ALL_PARSERS, candidate, anchor)
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
    that is not a time. See the module docstring for the conventions.
    """
    period = _resolve(text, _anchor(published))
    if period is None:
        return None
    return TimeSpan(period.start.isoformat(), period.end.isoformat(), period.precision, text)


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
