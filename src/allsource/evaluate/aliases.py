"""Alias merging against outside gold: people listed with several spellings in the Phoenix
actor dictionaries (Phoenix.Countries.actors.txt, from the PETRARCH2 repository).

People. An entry is a line in capitals (`HASSAN_ROUHANI_`), followed by `+ALIAS` lines and
indented, dated role codes (`[IRNGOV >20000218]`). An entry is taken as a person when at least
one of its role codes carries a date, none is a bare country code (`[KAZ >911221]`, a state)
and no spelling holds a word that names a group (Brigade, Front, Council, Party…). Spellings are written the way an
article would (`Hassan Rouhani`, `Bashar al-Assad`). A spelling listed for two people cannot
tell them apart by name alone, so it is left out; people with at least two distinct spellings
(case-insensitive) left are put in the order of the SHA-1 of their primary form (a fixed
shuffle, so neither split leans to one end of the alphabet or to one country); the dev split is
the first 500 of that order, the test split the next 500, and LIMIT scores the first LIMIT of a
split.

Documents. Each spelling appears in its own generated one-sentence document (one of a few
templates we wrote, chosen by position), and all documents of the split are added to one fresh
knowledge base with the real `allsource add` path: ingest, extraction, cross-document
resolution, store.

Figures. For each spelling, the mention covering the name in its document (a title such as
"President" may be left outside it) gives the entity it resolved to; a spelling no mention
covers has no entity.
  resolved to one entity   share of people all of whose spellings have the same entity
  wrongly merged           share of people whose spellings' entities also hold another
                           person's spelling
  spelling pairs           pairwise P/R/F1 over pairs of spellings: a pair in one entity is
                           a true positive when both are the same person, else a false
                           positive; a pair of the same person apart is a false negative
Baseline: the same mentions linked only when their surface text is identical (case-insensitive).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore

ACTORS_FILE = "Phoenix.Countries.actors.txt"
DEFAULT_PEOPLE = SPLIT_SIZE = 500
LOWER_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "du", "van", "von",
                             "der", "den", "la", "le", "ul", "y", "e", "di", "del", "of", "the", "and"})
TEMPLATES = (
    "{name} met officials in the capital on Tuesday.",
    "On Monday, {name} told reporters that the talks would continue.",
    "Officials said {name} would attend the regional summit next month.",
    "{name} criticised the new budget in a speech to supporters.",
    "According to local media, {name} arrived for a two-day visit.",
)
MATCHING_RULE = ("each spelling in its own generated document; a spelling's entity is that of the mention covering "
                 "the name; a person counts as resolved when all spellings share one entity, as wrongly merged when "
                 "an entity of theirs holds another person's spelling")
BASELINE = "the same mentions linked only when their surface text is identical (case-insensitive)"

_ROMAN_NUMERAL = re.compile(r"^[IVX]+$")
_DATED_ROLE = re.compile(r"\[[A-Z]{3}\w*\s+[<>]?\d{4,8}")
_COUNTRY_ROLE = re.compile(r"\[[A-Z]{3}(?:\s|\])")
GROUP_WORDS = frozenset({"brigade", "brigades", "front", "council", "coalition", "party", "movement", "army",
                         "forces", "force", "union", "committee", "battalion", "organization", "organisation",
                         "group", "liberation", "revolutionary", "islamic", "national", "government", "ministry",
                         "republic", "kingdom", "state", "people", "league", "alliance", "association", "jaysh",
                         "jaish", "liwa", "kataib", "harakat", "hizb", "ansar", "jabhat"})


@dataclass(frozen=True)
class Person:
    key: str                   # the dictionary's primary form, e.g. HASSAN_ROUHANI_
    spellings: tuple[str, ...]


def article_spelling(form: str) -> str:
    """HASSAN_ROUHANI_ -> Hassan Rouhani; BASHAR_AL-ASSAD_ -> Bashar al-Assad."""
    words = [w for w in form.strip().strip("_").split("_") if w]
    return " ".join(_word_case(word, first=i == 0) for i, word in enumerate(words))


def _word_case(word: str, first: bool) -> str:
    pieces = word.split("-")
    cased = []
    for j, piece in enumerate(pieces):
        lower = piece.lower()
        if _ROMAN_NUMERAL.match(piece) and not first or "." in piece.rstrip("."):
            cased.append(piece)  # II, U.S., C.I.A.
            continue
        if lower in LOWER_PARTICLES and not (first and j == 0):
            cased.append(lower)  # al, bin, de, of
        else:
            head, apostrophe, rest = lower.partition("'")
            # O'NEILL -> O'Neill, but SHA'BI -> Sha'bi
            cased.append(head.capitalize() + apostrophe + (rest.capitalize() if len(head) == 1 else rest))
    return "-".join(cased)


def read_actor_entries(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(primary form, alias forms, role lines) for every entry of a Phoenix .actors file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the actor dictionary ({exc})") from exc
    entries: list[tuple[str, list[str], list[str]]] = []
    for number, line in enumerate(lines, 1):
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body[0] in " \t":
            if entries:
                entries[-1][2].append(body.strip())
            continue
        if body.startswith("+"):
            if not entries:
                raise InputError(str(path), f"line {number}: an alias ({body.strip()!r}) before any entry")
            entries[-1][1].append(body[1:].split("[", 1)[0].strip())
            continue
        primary, _, roles = body.partition("[")
        entries.append((primary.strip(), [], ["[" + roles] if roles else []))
    if not entries:
        raise InputError(str(path), "no actor entries found; is this a Phoenix .actors file?")
    return entries


def read_people(path: Path) -> list[Person]:
    """People (entries with a dated role) with their spellings, shared spellings left out,
    those with at least two spellings left, in dictionary order."""
    candidates = []
    for primary, aliases, roles in read_actor_entries(path):
        if not any(_DATED_ROLE.search(role) for role in roles) or any(_COUNTRY_ROLE.search(r) for r in roles):
            continue
        if any(word.lower().strip("-") in GROUP_WORDS for form in (primary, *aliases) for word in form.split("_")):
            continue
        spellings: dict[str, str] = {}
        for form in (primary, *aliases):
            spelling = article_spelling(form)
            if spelling and re.search(r"[A-Za-z]", spelling):
                spellings.setdefault(spelling.lower(), spelling)
        candidates.append((primary, spellings))
    owners: dict[str, set[str]] = defaultdict(set)
    for primary, spellings in candidates:
        for lowered in spellings:
            owners[lowered].add(primary)
    people = []
    for primary, spellings in candidates:
        own = tuple(s for lowered, s in spellings.items() if len(owners[lowered]) == 1)
        if len(own) >= 2:
            people.append(Person(primary, own))
    return people


def split_people(people: list[Person], split: str, limit: int | None = DEFAULT_PEOPLE) -> list[Person]:
    """dev: the first 500 people in SHA-1 order; test: the next 500; the first LIMIT of either."""
    ordered = sorted(people, key=lambda p: hashlib.sha1(p.key.encode("utf-8")).hexdigest())
    chosen = ordered[:SPLIT_SIZE] if split == "dev" else ordered[SPLIT_SIZE:2 * SPLIT_SIZE]
    return chosen[:limit] if limit else chosen


@dataclass(frozen=True)
class GeneratedDocument:
    person: int       # index into the people list
    spelling: str
    text: str
    name_start: int   # where the spelling stands in the text


def generate_documents(people: list[Person]) -> list[GeneratedDocument]:
    documents = []
    for index, person in enumerate(people):
        for number, spelling in enumerate(person.spellings):
            template = TEMPLATES[(index + number) % len(TEMPLATES)]
            text = template.format(name=spelling)
            documents.append(GeneratedDocument(index, spelling, text, template.index("{name}")))
    return documents


@dataclass(frozen=True)
class Outcome:
    """Which entity each generated spelling resolved to (None: no mention covers the name)."""

    document: GeneratedDocument
    entity: str | None
    surface: str | None
    type: str | None = None


def build_and_resolve(documents: list[GeneratedDocument], scratch: Path) -> tuple[list[Outcome], list[tuple[str, str]]]:
    """Writes each document to its own file, adds the folder to a fresh knowledge base the way
    `allsource add` does (one worker, in this process), and reads back each name's entity.
    Also returns the documents that failed (their spellings have no entity)."""
    from allsource.pipeline.engines.local import LocalEngine
    from allsource.pipeline.run import add_paths
    from allsource.store.sqlite import SQLiteStore

    folder = scratch / "documents"
    folder.mkdir()
    by_file = {}
    for document in documents:
        path = folder / f"{document.person:04d}-{len(by_file):05d}.txt"
        path.write_text(document.text + "\n", encoding="utf-8")
        by_file[str(path)] = document
    store = SQLiteStore(scratch / "aliases.db")
    try:
        report = add_paths(store, [folder], engine=LocalEngine(1))
        doc_source = {d["id"]: d["source"] for d in store.iter_records("document")}
        mentions = defaultdict(list)
        for mention in store.iter_records("mention"):
            mentions[doc_source[mention["doc"]]].append(mention)
    finally:
        store.close()
    return [_outcome(document, mentions[source]) for source, document in by_file.items()], report.failed


def _outcome(document: GeneratedDocument, mentions: list[dict]) -> Outcome:
    start, end = document.name_start, document.name_start + len(document.spelling)
    covering = [m for m in mentions if m["start"] >= start and m["end"] <= end and m["source"] != "pronoun"]
    if not covering:
        return Outcome(document, None, None)
    best = max(covering, key=lambda m: m["end"] - m["start"])
    return Outcome(document, best["entity"], best["text"], best["type"])


@dataclass(frozen=True)
class AliasScores:
    people: int
    resolved: float
    wrongly_merged: float
    pairs: CategoryScore
    found: float  # share of spellings some mention covers


def score_outcomes(outcomes: list[Outcome], entity_of: Callable[[Outcome], str | None]) -> AliasScores:
    """Scores one way of assigning entities to the generated spellings (see module docstring)."""
    by_person: dict[int, list[str | None]] = defaultdict(list)
    holders: dict[str, set[int]] = defaultdict(set)
    for outcome in outcomes:
        entity = entity_of(outcome)
        by_person[outcome.document.person].append(entity)
        if entity is not None:
            holders[entity].add(outcome.document.person)
    resolved = sum(1 for entities in by_person.values() if None not in entities and len(set(entities)) == 1)
    merged = sum(1 for person, entities in by_person.items()
                 if any(len(holders[e]) > 1 for e in entities if e is not None))
    in_entity = Counter(entity_of(o) for o in outcomes)
    in_entity_and_person = Counter((entity_of(o), o.document.person) for o in outcomes)
    linked = sum(_pairs(n) for entity, n in in_entity.items() if entity is not None)
    tp = sum(_pairs(n) for (entity, _), n in in_entity_and_person.items() if entity is not None)
    same_person = sum(_pairs(len(entities)) for entities in by_person.values())
    people = len(by_person)
    found = sum(1 for o in outcomes if o.entity is not None) / len(outcomes) if outcomes else 0.0
    return AliasScores(people, resolved / people if people else 0.0, merged / people if people else 0.0,
                       CategoryScore(tp, linked - tp, same_person - tp), found)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def system_entity(outcome: Outcome) -> str | None:
    return outcome.entity


def identical_string_entity(outcome: Outcome) -> str | None:
    return outcome.surface.lower() if outcome.surface is not None else None


def error_examples(outcomes: list[Outcome], people: list[Person], count: int) -> list[str]:
    """Up to COUNT people not resolved to one entity and COUNT wrongly merged, each with its
    spellings and the entity (shortened) and type each resolved to."""
    by_person: dict[int, list[Outcome]] = defaultdict(list)
    holders: dict[str, set[int]] = defaultdict(set)
    for outcome in outcomes:
        by_person[outcome.document.person].append(outcome)
        if outcome.entity is not None:
            holders[outcome.entity].add(outcome.document.person)

    def spelled(person: int) -> str:
        return "; ".join(f"{o.document.spelling} -> {_short(o.entity)} {o.type or ''}".rstrip()
                         for o in by_person[person])

    unresolved = [p for p, found in by_person.items()
                  if None in {o.entity for o in found} or len({o.entity for o in found}) > 1]
    merged = [p for p, found in by_person.items() if any(len(holders[o.entity]) > 1 for o in found if o.entity)]
    lines = [f"not resolved: {people[p].key}: {spelled(p)}" for p in unresolved[:count]]
    for person in merged[:count]:
        others = sorted({other for o in by_person[person] if o.entity for other in holders[o.entity]} - {person})
        lines.append(f"wrongly merged: {people[person].key}: {spelled(person)} | with "
                     + " | ".join(f"{people[o].key}: {spelled(o)}" for o in others))
    return lines


def _short(entity: str | None) -> str:
    return entity[-8:] if entity else "(no mention)"


def evaluate_aliases(data: Path, split: str = "dev", limit: int | None = DEFAULT_PEOPLE,
                     show_errors: int = 0) -> BenchmarkReport:
    started = time.perf_counter()
    data = Path(data)
    path = data / ACTORS_FILE if data.is_dir() else data
    if not path.exists():
        raise InputError(str(data), f"no {ACTORS_FILE} here")
    people = split_people(read_people(path), split, limit)
    documents = generate_documents(people)
    with tempfile.TemporaryDirectory() as scratch:
        outcomes, failed = build_and_resolve(documents, Path(scratch))
    report = report_for(outcomes, f"Phoenix actor dictionaries ({split})", split)
    report.notes.append(f"{len(documents)} generated documents, one per spelling, from {path.name}")
    if failed:
        source, reason = failed[0]
        report.notes.append(f"{len(failed)} generated document(s) failed and count as unresolved, "
                            f"e.g. {Path(source).name}: {reason}")
    report.notes.extend(error_examples(outcomes, people, show_errors))
    report.seconds = time.perf_counter() - started
    return report


def report_for(outcomes: list[Outcome], dataset: str, split: str) -> BenchmarkReport:
    system = score_outcomes(outcomes, system_entity)
    baseline = score_outcomes(outcomes, identical_string_entity)
    report = BenchmarkReport("aliases", dataset, split, MATCHING_RULE, BASELINE, system.people, [
        Figure("people resolved to one", system.resolved, baseline.resolved),
        Figure("people wrongly merged", system.wrongly_merged, baseline.wrongly_merged),
        Figure("spelling pairs", system.pairs, baseline.pairs),
    ])
    report.notes.append(f"spellings with a mention covering the name: {system.found:.3f}")
    return report
