from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allsource.extract.temporal import normalise as temporal_normalise
from allsource.extract.temporal import find_time_expressions, normalise_time
from allsource.model.records import TimeSpan

# A Monday, so weekday and week cases are easy to check by hand.
PUBLISHED = "2021-05-03"

RESOLVED = [
    # days
    ("May 3, 2021", PUBLISHED, "2021-05-03", "2021-05-03", "day"),
    ("3 May 2021", PUBLISHED, "2021-05-03", "2021-05-03", "day"),
    ("the 3rd of May 2021", None, "2021-05-03", "2021-05-03", "day"),
    ("2021-05-03", None, "2021-05-03", "2021-05-03", "day"),
    ("Apr 29, 2021", PUBLISHED, "2021-04-29", "2021-04-29", "day"),
    ("Oct. 11 2024", PUBLISHED, "2024-10-11", "2024-10-11", "day"),
    ("Sept. 5, 2020", None, "2020-09-05", "2020-09-05", "day"),
    ("Thursday, May 3, 2021", None, "2021-05-03", "2021-05-03", "day"),
    ("on Thursday", PUBLISHED, "2021-04-29", "2021-04-29", "day"),
    ("Monday", PUBLISHED, "2021-05-03", "2021-05-03", "day"),
    ("last Monday", PUBLISHED, "2021-04-26", "2021-04-26", "day"),
    ("next Thursday", PUBLISHED, "2021-05-06", "2021-05-06", "day"),
    ("yesterday", PUBLISHED, "2021-05-02", "2021-05-02", "day"),
    ("today", PUBLISHED, "2021-05-03", "2021-05-03", "day"),
    ("last night", PUBLISHED, "2021-05-02", "2021-05-02", "day"),
    ("five days ago", PUBLISHED, "2021-04-28", "2021-04-28", "day"),
    # month and day without a year: the occurrence nearest publication
    ("June 18", PUBLISHED, "2021-06-18", "2021-06-18", "day"),
    ("December 28", "2021-01-05", "2020-12-28", "2020-12-28", "day"),
    ("January 3", "2021-12-28", "2022-01-03", "2022-01-03", "day"),
    ("on 3 May", PUBLISHED, "2021-05-03", "2021-05-03", "day"),
    # months
    ("June 2016", PUBLISHED, "2016-06-01", "2016-06-30", "month"),
    ("in September 2015", PUBLISHED, "2015-09-01", "2015-09-30", "month"),
    ("Feb. 2020", None, "2020-02-01", "2020-02-29", "month"),
    ("2021-05", None, "2021-05-01", "2021-05-31", "month"),
    ("last month", PUBLISHED, "2021-04-01", "2021-04-30", "month"),
    ("this month", PUBLISHED, "2021-05-01", "2021-05-31", "month"),
    ("last month", "2021-01", "2020-12-01", "2020-12-31", "month"),
    ("in January", PUBLISHED, "2021-01-01", "2021-01-31", "month"),
    ("in June", PUBLISHED, "2020-06-01", "2020-06-30", "month"),
    ("in May", PUBLISHED, "2021-05-01", "2021-05-31", "month"),
    ("three months ago", PUBLISHED, "2021-02-01", "2021-02-28", "month"),
    ("late June 1989", None, "1989-06-21", "1989-06-30", "month"),
    # 31 days split 11/10/10: earlier parts take the remainder, as in "the early 2000s"
    ("early May", PUBLISHED, "2021-05-01", "2021-05-11", "month"),
    ("mid-June 2016", None, "2016-06-11", "2016-06-20", "month"),
    # seasons
    ("summer 2019", None, "2019-06-01", "2019-08-31", "season"),
    ("spring of 2020", None, "2020-03-01", "2020-05-31", "season"),
    ("the fall of 2018", None, "2018-09-01", "2018-11-30", "season"),
    ("winter 2015", None, "2015-12-01", "2016-02-29", "season"),
    ("last summer", PUBLISHED, "2020-06-01", "2020-08-31", "season"),
    ("last summer", "2021-09-15", "2021-06-01", "2021-08-31", "season"),
    ("this winter", "2021-01-15", "2020-12-01", "2021-02-28", "season"),
    ("this winter", "2021-11-10", "2021-12-01", "2022-02-28", "season"),
    ("in the summer", PUBLISHED, "2020-06-01", "2020-08-31", "season"),
    ("late summer 2019", None, "2019-08-01", "2019-08-31", "season"),
    # years
    ("2015", None, "2015-01-01", "2015-12-31", "year"),
    ("in 1995", PUBLISHED, "1995-01-01", "1995-12-31", "year"),
    ("In 1995,", PUBLISHED, "1995-01-01", "1995-12-31", "year"),
    ("last year", PUBLISHED, "2020-01-01", "2020-12-31", "year"),
    ("last year's", PUBLISHED, "2020-01-01", "2020-12-31", "year"),
    ("last year", "2021", "2020-01-01", "2020-12-31", "year"),
    ("this year", PUBLISHED, "2021-01-01", "2021-12-31", "year"),
    ("next year", PUBLISHED, "2022-01-01", "2022-12-31", "year"),
    ("fiscal year 2020", None, "2020-01-01", "2020-12-31", "year"),
    ("FY2020", None, "2020-01-01", "2020-12-31", "year"),
    ("the year 2000", None, "2000-01-01", "2000-12-31", "year"),
    ("two years ago", PUBLISHED, "2019-01-01", "2019-12-31", "year"),
    ("a decade ago", PUBLISHED, "2011-01-01", "2011-12-31", "year"),
    ("early 2015", None, "2015-01-01", "2015-04-30", "year"),
    ("mid-2015", None, "2015-05-01", "2015-08-31", "year"),
    ("the end of 2015", None, "2015-09-01", "2015-12-31", "year"),
    ("the first half of 2015", None, "2015-01-01", "2015-06-30", "year"),
    ("Q3 2020", None, "2020-07-01", "2020-09-30", "year"),
    ("the fourth quarter of 2020", None, "2020-10-01", "2020-12-31", "year"),
    ("earlier this year", PUBLISHED, "2021-01-01", "2021-05-03", "year"),
    ("later this year", PUBLISHED, "2021-05-03", "2021-12-31", "year"),
    ("late last year", PUBLISHED, "2020-09-01", "2020-12-31", "year"),
    # decades and centuries
    ("the 1990s", None, "1990-01-01", "1999-12-31", "decade"),
    ("the 1990's", None, "1990-01-01", "1999-12-31", "decade"),
    ("the 2010s", None, "2010-01-01", "2019-12-31", "decade"),
    ("the 2000s", None, "2000-01-01", "2009-12-31", "decade"),
    ("the early 2000s", None, "2000-01-01", "2003-12-31", "decade"),
    ("mid-1990s", None, "1994-01-01", "1996-12-31", "decade"),
    ("late 1980s", None, "1987-01-01", "1989-12-31", "decade"),
    ("the dawn of the 1990s", None, "1990-01-01", "1993-12-31", "decade"),
    ("the second half of the 1990s", None, "1995-01-01", "1999-12-31", "decade"),
    ("the 19th century", None, "1800-01-01", "1899-12-31", "century"),
    ("the twentieth century", None, "1900-01-01", "1999-12-31", "century"),
    ("the early twenty-first century", None, "2000-01-01", "2033-12-31", "century"),
    ("the 1800s", None, "1800-01-01", "1899-12-31", "century"),
    # explicit ranges
    ("between 2012 and 2016", None, "2012-01-01", "2016-12-31", "range"),
    ("from 2012 to 2016", None, "2012-01-01", "2016-12-31", "range"),
    ("2012–2016", None, "2012-01-01", "2016-12-31", "range"),
    ("2012 - 2016", None, "2012-01-01", "2016-12-31", "range"),
    ("2012-16", None, "2012-01-01", "2016-12-31", "range"),
    ("2011-12", None, "2011-01-01", "2012-12-31", "range"),
    ("1998/99", None, "1998-01-01", "1999-12-31", "range"),
    ("between March and June 2016", None, "2016-03-01", "2016-06-30", "range"),
    ("from May 2012 until the end of 2014", None, "2012-05-01", "2014-12-31", "range"),
    ("May 3-5, 2021", None, "2021-05-03", "2021-05-05", "range"),
    ("the 1990s to the 2000s", None, "1990-01-01", "2009-12-31", "range"),
    # open ranges
    ("since 2015", PUBLISHED, "2015-01-01", "2021-05-03", "range"),
    ("ever since September 2015", PUBLISHED, "2015-09-01", "2021-05-03", "range"),
    ("since 2015", "2021", "2015-01-01", "2021-12-31", "range"),
    ("since 2015", None, "2015-01-01", "2015-12-31", "range"),
    ("since last year", PUBLISHED, "2020-01-01", "2021-05-03", "range"),
    ("from 2015 onwards", PUBLISHED, "2015-01-01", "2021-05-03", "range"),
    ("until 2019", PUBLISHED, "2019-01-01", "2019-12-31", "range"),
    ("by 1999", None, "1999-01-01", "1999-12-31", "range"),
    ("by the end of 1999", None, "1999-09-01", "1999-12-31", "range"),
    # weeks and trailing windows
    ("last week", PUBLISHED, "2021-04-26", "2021-05-02", "range"),
    ("this week", PUBLISHED, "2021-05-03", "2021-05-09", "range"),
    ("two weeks ago", PUBLISHED, "2021-04-19", "2021-04-25", "range"),
    ("the past two years", PUBLISHED, "2019-05-04", "2021-05-03", "range"),
    ("over the past decade", PUBLISHED, "2011-05-04", "2021-05-03", "range"),
    ("the last year", PUBLISHED, "2020-05-04", "2021-05-03", "range"),
    ("for the past 12 months", PUBLISHED, "2020-05-04", "2021-05-03", "range"),
    # anchors given as timestamps, and dateparser's share: numeric and time-stamped dates
    ("yesterday", "2021-05-03T10:00:00Z", "2021-05-02", "2021-05-02", "day"),
    ("05/03/2021", None, "2021-05-03", "2021-05-03", "day"),
    ("May 3, 2021 at 10 a.m.", None, "2021-05-03", "2021-05-03", "day"),
]

UNRESOLVED = [
    ("recently", PUBLISHED),
    ("recent years", PUBLISHED),
    ("in recent months", PUBLISHED),
    ("the past", PUBLISHED),
    ("a few years ago", PUBLISHED),
    ("three hours", PUBLISHED),
    ("two weeks", PUBLISHED),
    ("for 3 hours", PUBLISHED),
    ("within about two weeks of becoming president", PUBLISHED),
    ("the previous year", PUBLISHED),
    ("now", PUBLISHED),
    ("the fall of Kabul", PUBLISHED),
    ("1500 troops", PUBLISHED),
    ("", PUBLISHED),
    ("February 30, 2021", PUBLISHED),
    ("between 2016 and 2012", PUBLISHED),
    ("since 2030", PUBLISHED),
    # relative expressions the publication date cannot pin down
    ("yesterday", None),
    ("last year", None),
    ("in January", None),
    ("last month", "2021"),
    ("yesterday", "2021-05"),
    ("June 18", "2021"),
    ("on Thursday", "not a date"),
]


@pytest.mark.parametrize(("text", "published", "start", "end", "precision"), RESOLVED)
def test_resolves(text, published, start, end, precision):
    assert normalise_time(text, published) == TimeSpan(start, end, precision, text)


@pytest.mark.parametrize(("text", "published"), UNRESOLVED)
def test_does_not_resolve(text, published):
    assert normalise_time(text, published) is None


def test_keeps_the_words_exactly_as_given():
    span = normalise_time("  In late June 1989, ", None)
    assert span.text == "  In late June 1989, "


def test_rule_forms_never_reach_dateparser(monkeypatch):
    def refuse(text, anchor):
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(temporal_normalise, "_parse_with_dateparser", refuse)
    normalise_time.cache_clear()
    for text in ("in June 2016", "May 3, 2021", "three hours", "recently", "since 2030",
                 "between 2016 and 2012", "1500 troops", "February 30, 2021"):
        normalise_time(text, PUBLISHED)
    normalise_time.cache_clear()


FOUND = [
    ("Rafsanjani went to Moscow in late June 1989 and signed deals worth billions.",
     ["late June 1989"]),
    ("Since September 2015, Russian jets have flown from Hmeimim.", ["Since September 2015"]),
    ("Output fell in the early 2000s and recovered in the mid-2010s.",
     ["the early 2000s", "the mid-2010s"]),
    ("Between 2012 and 2016 the budget doubled.", ["Between 2012 and 2016"]),
    ("The accord was signed on Thursday, May 3, 2021, in Geneva.", ["Thursday, May 3, 2021"]),
    ("He served from 1998 until 2005 and again in the 2010s.",
     ["from 1998 until 2005", "the 2010s"]),
    ("Over the past two years, and especially last summer, the rial lost half its value.",
     ["the past two years", "last summer"]),
    ("Exports rose in 2019-20 and again in Q3 2021.", ["2019-20", "Q3 2021"]),
    ("It happened two decades ago, at the dawn of the 1990s.",
     ["two decades ago", "the dawn of the 1990s"]),
    ("Elections are due in 2024; the last were held in June.", ["2024", "June"]),
    ("The ministry said on Thursday that talks begun yesterday would end by 2030.",
     ["Thursday", "yesterday", "by 2030"]),
    ("Growth slowed in the summer of 2019, during the 19th century's shadow.",
     ["the summer of 2019", "the 19th century"]),
    ("The March on Washington drew 250,000 people.", []),
    ("Prices fall to 2000 rials when demand falls.", []),
    ("They sent 2000 troops and may send more.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), FOUND)
def test_finds_expressions(sentence, expected):
    assert [sentence[start:end] for start, end in find_time_expressions(sentence)] == expected


def test_finds_the_month_not_the_politician():
    sentence = "Theresa May said in May that the troops would leave."
    assert find_time_expressions(sentence) == [(sentence.rindex("May"), sentence.rindex("May") + 3)]


PRECISIONS = {"day", "month", "season", "year", "decade", "century", "range"}

_numbers = st.integers(min_value=0, max_value=2100).map(str)
_years = st.integers(min_value=900, max_value=2150).map(str)
_words = st.sampled_from([
    "May", "June", "Sept.", "Thursday", "summer", "fall", "winter", "spring", "the", "of", "early",
    "mid-", "late", "the end of", "Q2", "second half of", "last", "this", "next", "past", "since",
    "until", "by", "between", "and", "from", "to", "-", "–", "/", "in", "on", "ago", "years",
    "weeks", "days", "decades", "century", "centuries", "a", "two", "19th", "twentieth", "1990s",
    "2000s", "yesterday", "today", "earlier", "later", "fiscal year", "onwards", ",", "1st",
])
_expressions = st.lists(st.one_of(_words, _numbers, _years), min_size=1, max_size=6).map(" ".join)
_publication_dates = st.one_of(
    st.none(),
    st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)).flatmap(
        lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]])),
)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(_expressions, st.text(max_size=30)), published=_publication_dates)
def test_any_resolved_span_is_a_valid_interval(text, published):
    span = normalise_time(text, published)
    if span is not None:
        assert date.fromisoformat(span.start) <= date.fromisoformat(span.end)
        assert span.precision in PRECISIONS
        assert span.text == text


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.one_of(_words, _numbers, st.text(max_size=5)), max_size=12).map(" ".join))
def test_found_spans_are_ordered_and_disjoint(text):
    spans = find_time_expressions(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(first[1] <= second[0] for first, second in zip(spans, spans[1:]))
