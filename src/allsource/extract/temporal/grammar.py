"""The grammar: rule templates for single periods, how templates expand into regular
expressions, and the parsers that match one whole expression against them.

A qualified expression ("the early 2000s") is a qualifier before any single period, so its
resolver parses the rest with the same parsers; range rules (`ranges`) do the same for their ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from allsource.extract.temporal.periods import Period, part_of
from allsource.extract.temporal.points import (resolve_ago, resolve_bare_month, resolve_bare_season,
                                               resolve_century, resolve_decade, resolve_earlier_or_later,
                                               resolve_full_date, resolve_month_day, resolve_month_year,
                                               resolve_relative_day, resolve_relative_season,
                                               resolve_relative_unit, resolve_season_year,
                                               resolve_trailing_window, resolve_weekday, resolve_year)
from allsource.extract.temporal.vocabulary import (COUNT_WORDS, MONTH_ABBREVIATIONS, MONTHS, ORDINAL_WORDS,
                                                   QUALIFIER_PARTS, WEEKDAYS, YEAR_PATTERN, qualifier_key)


Resolver = Callable[[re.Match, Period | None], Period | None]


@dataclass(frozen=True)
class Rule:
    """A pattern over one whole expression and the function that turns a match into a period.

    `standalone` is False for shapes too ambiguous to find without a cue word before them:
    "in 2000" is a year, "2000 troops" is not.
    """

    template: str
    resolve: Resolver
    standalone: bool = True


POINT_RULES = (
    Rule(r"(?P<year>{YEAR})-(?P<month_number>\d{2})-(?P<day>\d{2})\b", resolve_full_date),
    Rule(r"(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY}),?\s+(?P<year>{YEAR})",
         resolve_full_date),
    Rule(r"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+"
         r"(?P<year>{YEAR})", resolve_full_date),
    Rule(r"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})",
         resolve_month_year),
    Rule(r"(?P<year>{YEAR})-(?P<month_number>0[1-9]|1[0-2])\b",
         resolve_month_year),
    Rule(r"(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})", resolve_month_day),
    Rule(r"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})",
         resolve_month_day),
    Rule(r"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})",
         resolve_season_year),
    Rule(r"(?P<relation>(?:the\s+|this\s+)?past|last|this|next)\s+(?P<season>{SEASON})",
         resolve_relative_season),
    Rule(r"(?:the\s+)?(?P<decade>(?:1\d|20)\d0)'?s\b", resolve_decade),
    Rule(r"(?:the\s+)?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|{ORDINAL})[\s-]+century\b",
         resolve_century),
    Rule(r"(?:the\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?|year\s+|fy\s*)(?P<year>{YEAR})",
         resolve_year),
    Rule(r"(?P<word>yesterday|today|tonight|tomorrow|last\s+night)\b", resolve_relative_day),
    Rule(r"(?:(?P<relation>last|this|next)\s+)?(?P<weekday>{WEEKDAY})", resolve_weekday),
    Rule(r"(?P<relation>last|this|next)\s+(?P<unit>week|month|year)\b", resolve_relative_unit),
    Rule(r"(?P<count>{COUNT})\s+(?P<unit>{UNIT})\s+ago\b", resolve_ago),
    Rule(r"(?:the\s+)?(?:past|last)\s+(?:(?P<count>{COUNT})\s+)?(?P<unit>{UNIT})",
         resolve_trailing_window),
    Rule(r"(?P<direction>earlier|later)\s+this\s+(?P<unit>week|month|year)\b",
         resolve_earlier_or_later),
    Rule(r"(?P<year>{YEAR})", resolve_year, standalone=False),
    Rule(r"(?P<month>{MONTH})", resolve_bare_month, standalone=False),
    # "fall" alone is too often the verb or "the fall of Kabul" to count as a season.
    Rule(r"(?:the\s+)?(?P<season>spring|summer|autumn|winter)\b", resolve_bare_season,
         standalone=False),
)


def _resolve_qualified(match: re.Match, anchor: Period | None) -> Period | None:
    period = resolve_part(match["rest"], anchor)
    if period is None:
        return None
    return part_of(period, *QUALIFIER_PARTS[qualifier_key(match["qualifier"])])


QUALIFIED_RULE = Rule(r"(?P<qualifier>{QUALIFIER})(?P<rest>{POINT})", _resolve_qualified)
_QUALIFIER = (r"(?:the\s+)?(?:early|mid|late"
              r"|(?:dawn|beginning|start|outset|middle|end|close)\s+of"
              r"|(?:first|second|latter)\s+half\s+of"
              r"|(?:first|second|third|fourth|final|last)\s+quarter\s+of|q[1-4])"
              r"(?:\s*-\s*|\s+)")


def alternation(words: tuple[str, ...] | list[str], capitalised_only: bool) -> str:
    body = "|".join(words)
    # Capitalised only when searching running text, so "may" and "march" stay verbs.
    return f"(?-i:{body})" if capitalised_only else f"(?:{body})"


def without_group_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def expand(template: str, searching: bool) -> str:
    """The regex for a rule template; `searching` builds the stricter variant used on prose."""
    points = "|".join(without_group_names(rule.template) for rule in POINT_RULES)
    tokens = {
        # Composite tokens come first: their bodies are made of the simple ones.
        "{PART}": f"(?:{_QUALIFIER})?(?:{points})",
        "{POINT}": f"(?:{points})",
        "{QUALIFIER}": _QUALIFIER,
        # Only abbreviations take a dot, so a sentence's full stop stays out of "in June.".
        "{MONTH}": (f"(?:{alternation(MONTHS, searching)}\\b"
                    f"|{alternation(MONTH_ABBREVIATIONS, searching)}\\b\\.?)"),
        "{WEEKDAY}": alternation(WEEKDAYS, searching) + r"\b",
        "{DAY}": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        "{YEAR}": YEAR_PATTERN,
        "{SEASON}": r"(?:spring|summer|autumn|fall|winter)\b",
        "{COUNT}": r"(?:\d{1,3}|" + "|".join(COUNT_WORDS) + ")",
        "{UNIT}": r"(?:days?|weeks?|months?|years?|decades?|century|centuries)\b",
        "{ORDINAL}": "(?:" + "|".join(w.replace(" ", "[\\s-]") for w in ORDINAL_WORDS) + ")",
    }
    for token, body in tokens.items():
        template = template.replace(token, body)
    return template


def compile_for_parsing(rules: tuple[Rule, ...]) -> tuple[tuple[re.Pattern, Rule], ...]:
    return tuple((re.compile(expand(rule.template, searching=False), re.IGNORECASE), rule)
                 for rule in rules)


PART_PARSERS = compile_for_parsing((QUALIFIED_RULE, *POINT_RULES))


def first_resolution(parsers: tuple[tuple[re.Pattern, Rule], ...], text: str,
                     anchor: Period | None) -> tuple[bool, Period | None]:
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


def resolve_part(text: str, anchor: Period | None) -> Period | None:
    return first_resolution(PART_PARSERS, text, anchor)[1]
