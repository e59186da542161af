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

The modules: `periods` (calendar arithmetic and the publication anchor), `vocabulary` (the
words and their readers), `points` (resolvers for single periods), `grammar` (rule templates
and the parsers built from them), `ranges` (expressions made of two ends or an open one),
`normalise` (`normalise_time`) and `scanner` (`find_time_expressions`).
"""

from allsource.extract.temporal.normalise import normalise_time
from allsource.extract.temporal.scanner import find_time_expressions

__all__ = ["find_time_expressions", "normalise_time"]
