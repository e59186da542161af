"""The words time expressions are made of, and readers that turn them into numbers."""

from __future__ import annotations

import re


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = ("Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                       "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
               "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
               "fifty": 50}
ORDINAL_WORDS = {word: number for number, word in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first"), start=1)}
# (part, number of parts) of the qualified period.
QUALIFIER_PARTS = {
    "early": (0, 3), "dawn": (0, 3), "beginning": (0, 3), "start": (0, 3), "outset": (0, 3),
    "mid": (1, 3), "middle": (1, 3),
    "late": (2, 3), "end": (2, 3), "close": (2, 3),
    "first half": (0, 2), "second half": (1, 2), "latter half": (1, 2),
    "first quarter": (0, 4), "second quarter": (1, 4), "third quarter": (2, 4),
    "fourth quarter": (3, 4), "final quarter": (3, 4), "last quarter": (3, 4),
    "q1": (0, 4), "q2": (1, 4), "q3": (2, 4), "q4": (3, 4),
}
YEAR_PATTERN = r"(?:1\d{3}|20\d{2})\b"


def month_number(word: str) -> int:
    return [m[:3].lower() for m in MONTHS].index(word[:3].lower()) + 1


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def count_number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else COUNT_WORDS[word]


def unit_name(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def season_name(word: str) -> str:
    word = word.lower()
    return "autumn" if word == "fall" else word


def qualifier_key(words: str) -> str:
    words = " ".join(words.lower().replace("-", " ").split())
    return words.removeprefix("the ").removesuffix(" of")


def month_of(match: re.Match) -> int:
    numeric = match.groupdict().get("month_number")
    return int(numeric) if numeric else month_number(match["month"])
