"""Relations benchmark: Re-DocRED's politically relevant relation types, scored as triples.

Each document's text is rebuilt from its tokenised sentences (tokens joined by single spaces,
except no space before closing punctuation and clitics and none after opening brackets;
sentences joined by one space), with the character span of every gold mention kept. The real
extraction (`extract_document`) runs on that text, and each statement is turned into zero or
more Wikidata relation triples through `RELATION_MAP` and the role words below.

Matching rule
  Argument   A statement's subject or object matches every gold entity with a mention that
             overlaps one of the argument entity's mentions inside the statement's sentence;
             when none of those overlap a gold mention, its mentions anywhere in the document
             are used. An argument overlapping no gold mention matches nothing, and the triple
             counts as one false positive.
  Triple     (head gold entity, relation code, tail gold entity), deduplicated per document;
             a predicted triple is correct when the document's gold labels contain it. Only the
             relation types in `RELATION_TYPES` are scored, and only documents with at least one
             gold label of those types.
  Baseline   Every ordered pair of distinct gold entities with mentions in one sentence, linked
             with the split's most frequent relation type of the subset (gold entities, so the
             baseline gets perfect mentions for free).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore
from allsource.extract.descriptions import is_party
from allsource.model.records import Document, Extraction, LocalEntity, Statement

DEFAULT_DATA = "../shared/eval-data/re-docred"
SPLIT_FILES = {"dev": "dev_revised.json", "test": "test_revised.json"}

RELATION_TYPES: dict[str, str] = {
    "P35": "head of state", "P6": "head of government", "P463": "member of",
    "P102": "member of political party", "P39": "position held", "P241": "military branch",
    "P607": "conflict", "P710": "participant", "P1344": "participant of",
    "P27": "country of citizenship", "P108": "employer", "P112": "founded by",
    "P159": "headquarters location", "P36": "capital",
}

# How our predicates become Re-DocRED relations. "holds_role"/"leads" depend on the role words
# (see `_role_relations`); the others map directly. "inverse" means (object, code, subject).
RELATION_MAP: dict[str, list[tuple[str, bool]]] = {
    "citizen_of": [("P27", False)],
    "founded": [("P112", True)],
    "based_in": [("P159", False)],
    "capital_of": [("P36", True)],
    "takes_part_in": [("P1344", False), ("P710", True)],
    "employed_by": [("P108", False)],
}
# A person born in a state is taken to be its citizen (the usual case; dual and later
# nationalities are missed or wrong).
BIRTH_STATE = "born_in"
# Words in an event's name that make taking part in it a conflict (P607) as well.
CONFLICT_WORDS = frozenset({"war", "wars", "battle", "siege", "campaign", "offensive", "invasion", "rebellion",
                            "revolution", "uprising", "insurgency", "conflict", "operation", "front", "expedition",
                            "revolt", "crusade", "raid", "landings", "landing"})
HEAD_OF_STATE_WORDS = frozenset({"president", "king", "queen", "emperor", "empress", "monarch", "sultan", "emir",
                                 "tsar", "czar", "shah", "pharaoh", "sovereign"})
HEAD_OF_GOVERNMENT_WORDS = frozenset({"prime", "premier", "chancellor", "mayor", "taoiseach", "chief minister",
                                      "first minister", "governor"})
FOUNDER_WORDS = frozenset({"founder", "co-founder", "cofounder"})

MAPPING_TEXT = (
    "citizen_of -> P27; member_of/joins -> P102 when the object is a party, P241 when a person's "
    "object is a military unit, else P463; holds_role/leads with president of a state -> P35 and P6, "
    "with king/emir/monarch... of a state -> P35 (state, person), with prime minister/premier/chancellor/"
    "mayor/governor -> P6 (place, person), "
    "with founder -> P112 (org, person), with a party -> P102, with a military unit -> P241, with "
    "member -> P463; employed_by -> P108; founded -> P112 (org, person); "
    "based_in -> P159; capital_of -> P36 (state, city); takes_part_in -> P1344 and inverse P710, plus "
    "P607 when a person or organisation takes part in an event named as a war, battle, siege...; any role "
    "in a state also gives P27; born_in a state -> P27")

NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "]", "}", "?", "!", "%", "'s", "'", "n't", "'re", "'ve",
                             "'ll", "'d", "'m"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


@dataclass
class GoldDocument:
    """One Re-DocRED document, rebuilt as text with gold entities as character spans."""

    title: str
    text: str
    sentences: list[tuple[int, int]]
    entities: list[list[tuple[int, int, int]]]     # per entity: (sentence, start, end) of each mention
    entity_types: list[str]
    triples: set[tuple[int, str, int]] = field(default_factory=set)


def rebuild_text(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Joins tokenised sentences into text; returns the text and each token's (start, end)."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    length = 0
    previous = None
    for tokens in sentences:
        spans = []
        for token in tokens:
            token = token.replace("\n", " ").strip() or "_"
            if previous is not None and token not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            previous = token
        offsets.append(spans)
    return "".join(parts), offsets


def read_split(data: Path, split: str) -> list[GoldDocument]:
    """The split's documents that carry at least one label of the scored relation types."""
    path = Path(data) / SPLIT_FILES[split] if Path(data).is_dir() else Path(data)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a readable Re-DocRED JSON file ({exc})") from exc
    if not isinstance(raw, list):
        raise InputError(str(path), "expected a JSON list of documents")
    return [doc for doc in (parse_document(item, path) for item in raw) if doc.triples]


def parse_document(item: dict, path: Path | str = "<data>") -> GoldDocument:
    try:
        text, offsets = rebuild_text(item["sents"])
        sentences = [(spans[0][0], spans[-1][1]) if spans else (0, 0) for spans in offsets]
        entities, types = [], []
        for cluster in item["vertexSet"]:
            spans = []
            for mention in cluster:
                start, end = mention["pos"]
                tokens = offsets[mention["sent_id"]]
                spans.append((mention["sent_id"], tokens[start][0], tokens[end - 1][1]))
            entities.append(spans)
            types.append(cluster[0]["type"])
        triples = {(label["h"], label["r"], label["t"]) for label in item.get("labels", [])
                   if label["r"] in RELATION_TYPES}
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise InputError(str(path), f"document {item.get('title', '?')!r} is not in Re-DocRED form ({exc!r})") from exc
    return GoldDocument(item.get("title", ""), text, sentences, entities, types, triples)


def statement_relations(statement: Statement, entities: dict[str, LocalEntity]) -> list[tuple[str, str, str]]:
    """The Re-DocRED triples (head local entity, code, tail local entity) a statement asserts."""
    if statement.object is None or statement.negated or statement.object not in entities:
        return []
    subject, obj = statement.subject, statement.object
    predicate = statement.predicate
    if predicate in ("holds_role", "leads"):
        return _role_relations(statement.role or "", entities[subject], entities[obj])
    if predicate == BIRTH_STATE:
        return [(subject, "P27", obj)] if entities[obj].type == "state" else []
    if predicate in ("member_of", "joins"):
        return [(subject, _membership_code(entities[subject], entities[obj]), obj)]
    if predicate == "takes_part_in" and entities[subject].type in ("person", "organization") and \
            CONFLICT_WORDS & set(entities[obj].name.lower().split()):
        return [(subject, "P607", obj), (subject, "P1344", obj), (obj, "P710", subject)]
    return [(obj, code, subject) if inverse else (subject, code, obj)
            for code, inverse in RELATION_MAP.get(predicate, [])]


def _membership_code(member: LocalEntity, body: LocalEntity) -> str:
    if is_party(body):
        return "P102"
    if body.subtype == "military_unit" and member.type == "person":
        return "P241"
    return "P463"


def _role_relations(role: str, person: LocalEntity, body: LocalEntity) -> list[tuple[str, str, str]]:
    words = set(role.lower().replace("-", " ").split()) | {role.lower()}
    if person.type != "person":
        return []
    if words & FOUNDER_WORDS:
        return [(body.id, "P112", person.id)]
    if body.type in ("state", "place"):
        # an office of a state is held by one of its citizens
        citizenship = [(person.id, "P27", body.id)] if body.type == "state" else []
        if "president" in words and "vice" not in words and body.type == "state":
            # a president heads the state and, in presidential systems, the government too
            return [(body.id, "P35", person.id), (body.id, "P6", person.id), *citizenship]
        if words & HEAD_OF_STATE_WORDS and "vice" not in words and body.type == "state":
            return [(body.id, "P35", person.id), *citizenship]
        if words & HEAD_OF_GOVERNMENT_WORDS and "deputy" not in words:
            return [(body.id, "P6", person.id), *citizenship]
        return citizenship
    if body.type != "organization":
        return []
    if _membership_code(person, body) != "P463":
        return [(person.id, _membership_code(person, body), body.id)]
    if "member" in words:
        return [(person.id, "P463", body.id)]
    return []


class GoldMapper:
    """Maps a document's local entities to gold entities by overlapping mentions."""

    def __init__(self, gold: GoldDocument, extraction: Extraction):
        self.by_entity: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for mention in extraction.mentions:
            self.by_entity[mention.entity].append((mention.start, mention.end))
        self.gold_spans = [(index, start, end) for index, spans in enumerate(gold.entities) for _, start, end in spans]

    def gold_entities(self, entity: str, within: tuple[int, int]) -> set[int]:
        """Gold entities overlapping the entity's mentions in `within`, else anywhere."""
        spans = self.by_entity.get(entity, [])
        local = self._overlapping(s for s in spans if within[0] <= s[0] and s[1] <= within[1])
        return local or self._overlapping(spans)

    def _overlapping(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        return {index for start, end in spans for index, gold_start, gold_end in self.gold_spans
                if start < gold_end and gold_start < end}


def predicted_triples(gold: GoldDocument, extraction: Extraction) -> tuple[set[tuple[int, str, int]], int]:
    """Our triples in gold entity indices, and how many triples had an argument mapping to none."""
    entities = {e.id: e for e in extraction.entities}
    mapper = GoldMapper(gold, extraction)
    mapped: set[tuple[int, str, int]] = set()
    unmapped: set[tuple[str, str, str]] = set()
    for statement in extraction.statements:
        sentence = (statement.evidence[0].start, statement.evidence[0].end)
        for head, code, tail in statement_relations(statement, entities):
            heads, tails = mapper.gold_entities(head, sentence), mapper.gold_entities(tail, sentence)
            if not heads or not tails:
                unmapped.add((head, code, tail))
            mapped |= {(h, code, t) for h in heads for t in tails if h != t}
    return mapped, len(unmapped)


def baseline_triples(gold: GoldDocument, relation: str) -> set[tuple[int, str, int]]:
    """Every ordered pair of gold entities sharing a sentence, linked with one relation."""
    in_sentence: dict[int, set[int]] = defaultdict(set)
    for index, spans in enumerate(gold.entities):
        for sentence, _, _ in spans:
            in_sentence[sentence].add(index)
    return {(h, relation, t) for members in in_sentence.values() for h in members for t in members if h != t}


@dataclass
class Tally:
    """tp/fp/fn per relation code, for the system or the baseline."""

    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    unmapped: int = 0

    def add(self, predicted: set, gold: set) -> None:
        for triple in predicted:
            self.counts[triple[1]][0 if triple in gold else 1] += 1
        for triple in gold - predicted:
            self.counts[triple[1]][2] += 1

    def score(self, code: str | None = None) -> CategoryScore:
        rows = [self.counts[code]] if code else list(self.counts.values())
        tp, fp, fn = (sum(row[i] for row in rows) for i in range(3))
        if code is None:
            fp += self.unmapped
        return CategoryScore(tp, fp, fn)


def describe_miss(gold: GoldDocument, triple: tuple[int, str, int]) -> str:
    """One line for a missed gold triple: the document, the two names and the first sentence
    naming both (or a note that no sentence does)."""
    head, code, tail = triple

    def name(index: int) -> str:
        _, start, end = gold.entities[index][0]
        return gold.text[start:end]

    shared = sorted({s for s, _, _ in gold.entities[head]} & {s for s, _, _ in gold.entities[tail]})
    if shared:
        start, end = gold.sentences[shared[0]]
        where = gold.text[start:end]
        where = where if len(where) <= 200 else where[:199] + "…"
    else:
        where = "(no sentence names both)"
    return f"{gold.title}: {name(head)} {code} {name(tail)} | {where}"


def evaluate_relations(data: Path | str = DEFAULT_DATA, *, split: str = "dev", limit: int | None = None,
                       nlp=None, missed: list[str] | None = None) -> BenchmarkReport:
    """Scores the split; when `missed` is given, a line per missed gold triple is appended to it."""
    from allsource.extract.document import extract_document

    started = time.monotonic()
    documents = read_split(Path(data), split)[:limit]
    frequent = Counter(code for doc in documents for _, code, _ in doc.triples).most_common(1)
    frequent_code = frequent[0][0] if frequent else "P27"
    system, baseline = Tally(), Tally()
    for number, gold in enumerate(documents):
        extraction = extract_document(Document(id=f"redocred-{split}-{number}", source=gold.title, text=gold.text),
                                      nlp)
        predicted, unmapped = predicted_triples(gold, extraction)
        system.add(predicted, gold.triples)
        system.unmapped += unmapped
        if missed is not None:
            missed.extend(describe_miss(gold, triple) for triple in sorted(gold.triples - predicted))
        baseline.add(baseline_triples(gold, frequent_code), gold.triples)
    figures = [Figure("all relation types", system.score(), baseline.score())]
    gold_counts = Counter(code for doc in documents for _, code, _ in doc.triples)
    for code, _ in gold_counts.most_common():
        figures.append(Figure(f"{code} {RELATION_TYPES[code]}"[:28], system.score(code), baseline.score(code)))
    return BenchmarkReport(
        benchmark="relations", dataset=f"Re-DocRED political subset ({split})", split=split,
        matching_rule=("a statement argument matches every gold entity with a mention overlapping one of its "
                       "mentions in the statement's sentence (else anywhere in the document); scored as (head "
                       "entity, relation, tail entity) triples over documents with a label of the subset; "
                       "triples with an unmatched argument count as false positives"),
        baseline=(f"every ordered pair of gold entities in one sentence linked with the most frequent relation "
                  f"({frequent_code} {RELATION_TYPES.get(frequent_code, '')})"),
        items=len(documents), figures=figures, seconds=time.monotonic() - started,
        notes=[f"mapping: {MAPPING_TEXT}",
               f"{system.unmapped} predicted triples had an argument matching no gold entity"])


def iter_errors(data: Path | str, split: str = "dev", limit: int | None = None, nlp=None) -> Iterator[dict]:
    """Per-document false positives and negatives, for error analysis during development."""
    from allsource.extract.document import extract_document

    for number, gold in enumerate(read_split(Path(data), split)[:limit]):
        extraction = extract_document(Document(id=f"redocred-{split}-{number}", source=gold.title, text=gold.text),
                                      nlp)
        predicted, _ = predicted_triples(gold, extraction)
        yield {"title": gold.title, "text": gold.text, "entities": gold.entities,
               "false_positives": sorted(predicted - gold.triples), "missed": sorted(gold.triples - predicted),
               "correct": sorted(predicted & gold.triples), "extraction": extraction}


