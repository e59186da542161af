"""Who wrote an article, when, and who published it, read from its header and footer lines.

The parsers here are pure functions over visible text; `read_metadata` applies them to what
cleaning set aside (bylines, date lines, footers, bios) and to the opening paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from dateparser.date import DateDataParser

from allsource.ingest.markup import plain_text
from allsource.model.records import Removal

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH},?\s+{_YEAR}|"
    rf"{_YEAR}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/{_YEAR})"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_LINE = re.compile(
    rf"^(?:(?:web\s+)?(?:posted|published|updated|last updated|first published|released|"
    rf"dated?)(?:\s+on)?\s*:?\s*)?{_WEEKDAY}(?P<date>{_DATE})"
    rf"(?:(?:\s*[,|•·–-]\s*|\s+at\s+|\s+)(?:\d{{1,2}}[:.]\d{{2}}.*|\d+\s+min(?:ute)?s?\s+read))?"
    rf"\s*$",
    re.IGNORECASE,
)
_DATE_TAIL = re.compile(rf"(?:\s+on|,)?\s*{_WEEKDAY}{_DATE}.*$", re.IGNORECASE)

_BYLINE = re.compile(r"^(?:written\s+)?by\s*[:\-–—]?\s+(?P<names>\S.*)$", re.IGNORECASE)
_RANKS = frozenset(
    "lt lieut lieutenant col colonel gen general maj major capt cpt captain adm admiral sgt "
    "sergeant brig brigadier cmdr cdr commander ret retd dr doctor prof professor mr mrs ms mx "
    "sir dame amb ambassador sen senator rep hon rev idf gov governor".split()
)
_DEGREES = frozenset("phd ph.d md mba ma msc ba esq".split())
# Words of job titles; common surnames (Head, Chief, Bishop) are left out on purpose.
_JOB_WORDS = frozenset(
    "fellow associate analyst director editor correspondent researcher research professor "
    "lecturer scholar contributor writer reporter columnist chairman president manager "
    "officer expert senior junior visiting adjunct deputy coordinator specialist intern "
    "founder assistant emeritus advisor adviser strategist program programme institute "
    "center centre university".split()
)
_PARTICLES = frozenset("al bin ibn bint van von de da di del der den la le du el abu".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el|ad|as|ash|at|az|ar)-[A-Z][\w'’.-]*)$")
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al-[A-Z][\w'’-]+|bin|ibn|van|von|de|al)){1,3}"
_SAYS = (
    r"(?:explains|writes|argues|notes|observes|reports|says|contends|concludes|suggests|warns|"
    r"recalls|points out|comments|adds)"
)
_NAME_THEN_VERB = re.compile(rf"(?:^|[.!?]\s+|,\s*)(?P<name>{_NAME})\s+{_SAYS}\s*:\s*$")
_VERB_THEN_NAME = re.compile(rf"(?:^|,\s*|\s){_SAYS}\s+(?P<name>{_NAME})\s*:\s*$")

_READ_MORE_SOURCE = re.compile(
    r"^(?:read|continue reading)\b.*?\b(?:at|on|in|from)\s+(?P<source>.+?)\W*$",
    re.IGNORECASE,
)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[,.]?\s*"
    r"(?P<holder>[A-Z][^.|,©]*?)\s*(?:\band/or\b|[.,|]|\ball rights\b|$)",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(
    r"\b(?:is|was|serves as)\b[^.]*?\b(?:at|with)\s+(?:the\s+)?"
    r"(?P<org>(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)*[A-Z][\w'’&.-]*)*)"
)
_HEADER_KINDS = ("byline", "header")


@dataclass
class Metadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str = ""


def parse_date_line(plain: str) -> str | None:
    """ISO date of a line that is nothing but a (possibly labelled) publication date."""
    match = _DATE_LINE.match(plain.strip())
    return normalise_date(match.group("date")) if match else None


def normalise_date(text: str) -> str | None:
    """'Apr 29, 2021' -> '2021-04-29'; 'May 2021' -> '2021-05'; None when it is not a date."""
    data = _date_parser().get_date_data(text)
    if data.date_obj is None:
        return None
    if data.period == "year":
        return f"{data.date_obj:%Y}"
    if data.period == "month":
        return f"{data.date_obj:%Y-%m}"
    return f"{data.date_obj:%Y-%m-%d}"


@cache
def _date_parser() -> DateDataParser:
    # Fixed language and base date: the same text must give the same date on every machine.
    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "MDY",
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RELATIVE_BASE": datetime(2000, 1, 1),
        },
    )


def parse_byline(plain: str) -> list[str] | None:
    """Author names of a 'By …' line, or None when the line is not a byline."""
    match = _BYLINE.match(plain.strip())
    if not match or len(plain.split()) > 24:
        return None
    names: list[str] = []
    for segment in re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", match.group("names")):
        segment = _DATE_TAIL.sub("", segment).strip()
        if not segment:
            continue
        found = _names_in(segment)
        if found is None:
            return None
        names.extend(found)
    return names or None


def _names_in(segment: str) -> list[str] | None:
    """Names in one byline segment; None if some piece is neither a name nor a job title."""
    segment = re.sub(r"\([^)]*\)", " ", segment)
    names = []
    for piece in re.split(r"\s*[,;]\s*|\s+and\s+|\s*&\s*", segment.strip()):
        piece = _after_job_title(piece)
        if not piece or piece.lower().strip(".") in _DEGREES:
            continue
        name = person_name(piece)
        if name is None:
            return None
        names.append(name)
    return names


def person_name(text: str) -> str | None:
    """A person's name without ranks, honorifics or degrees; None if it does not look like one."""
    tokens = re.sub(r"\([^)]*\)", " ", text).split()
    while tokens and _is_rank(tokens[0]):
        tokens.pop(0)
    while tokens and tokens[-1].lower().strip(".,") in _DEGREES:
        tokens.pop()
    if not 2 <= len(tokens) <= 5:
        return None
    if not all(_NAME_TOKEN.match(t) or t.lower() in _PARTICLES for t in tokens):
        return None
    if not _NAME_TOKEN.match(tokens[0]) or any(t.lower() in _JOB_WORDS for t in tokens):
        return None
    return " ".join(tokens)


def _is_rank(token: str) -> bool:
    parts = [p for p in re.split(r"[.\-]", token.lower().strip(",")) if p]
    return bool(parts) and all(p in _RANKS for p in parts)


def _after_job_title(piece: str) -> str:
    """'Staff Writer Ana Lopes' -> 'Ana Lopes'; a bare job title leaves nothing."""
    words = piece.split()
    titled = [i for i, word in enumerate(words) if word.lower().strip(".,") in _JOB_WORDS]
    return " ".join(words[titled[-1] + 1 :]) if titled else piece


def attribution_author(paragraph: str) -> str | None:
    """The writer named in a lead-in such as 'explains Jane Roe:' or 'Jane Roe writes:'."""
    text = paragraph.strip()
    match = _VERB_THEN_NAME.search(text) or _NAME_THEN_VERB.search(text)
    return person_name(match.group("name")) if match else None


def read_metadata(text: str, removed: list[Removal], title: str) -> Metadata:
    """Metadata of one cleaned article from the lines cleaning set aside and its lead-in."""
    header_lines = [
        plain_text(line)
        for removal in removed
        if removal.kind in _HEADER_KINDS
        for line in removal.text.splitlines()
    ]
    return Metadata(
        title=title,
        authors=_authors(header_lines, text),
        published=_published(header_lines),
        publisher=_publisher(removed),
    )


def _authors(header_lines: list[str], text: str) -> list[str]:
    names: list[str] = []
    for line in header_lines:
        for name in parse_byline(line) or []:
            if name not in names:
                names.append(name)
    if names:
        return names
    for paragraph in text.split("\n\n")[:4]:
        name = attribution_author(paragraph)
        if name:
            return [name]
    return []


def _published(header_lines: list[str]) -> str | None:
    for line in header_lines:
        date = parse_date_line(line)
        if date:
            return date
        if _BYLINE.match(line):
            for segment in re.split(r"\s*[|•·]\s*|\s+[-–—]\s+|\s+on\s+", line):
                date = parse_date_line(segment)
                if date:
                    return date
    return None


def _publisher(removed: list[Removal]) -> str:
    """Who published the piece: a 'Read more at' source, a copyright holder, a bio's employer."""
    finders = (
        ("read_more", _READ_MORE_SOURCE, "source"),
        ("footer", _COPYRIGHT_HOLDER, "holder"),
        ("author_bio", _AFFILIATION, "org"),
    )
    for kind, pattern, group in finders:
        for removal in removed:
            if removal.kind != kind:
                continue
            for line in removal.text.splitlines():
                match = pattern.search(plain_text(line))
                if match and not match.group(group).lower().startswith("all rights"):
                    return match.group(group).strip().rstrip(".,;:")
    return ""
