"""Events benchmark: hand-coded political events (who did what to whom), scored per sentence.

Splits (fixed, deterministic): dev = all PETRARCH2 unit-test records (fictional states such as
Arnor and Gondor, coded with the validation dictionaries) plus the PLOVER gold-standard records
at even positions (0, 2, 4, ... of the coded records); test = the PLOVER records at odd
positions. PLOVER records are edited wire sentences whose actors are coded with ISO-3166
country codes and looked up in the Phoenix dictionaries.

Event class
  Everything is compared at the CAMEO root (two digits). PETRARCH codes give the root directly
  (codes whose root is above 20 are the test suite's own and no system of ours can produce them;
  they stay in the gold as misses). PLOVER categories map to roots through `PLOVER_ROOTS`.
  Our event types and statement predicates map to roots through `OUR_ROOTS`.
Actors
  A gold actor code's first three letters are its country (or IGO/NGO group) code. One of our
  entities matches a gold actor when a dictionary gives its name or an alias that code, or,
  for PLOVER, when its name and the gold actor text share a word of four letters or more
  (case-folded). Dictionary look-up: the whole name (words joined by "_"), then the longest
  leading run of its words, then word stems (entries without a trailing "_", as PETRARCH
  uses them) of at least four letters.
Counting
  Event class: per sentence, the set of predicted roots against the set of gold roots.
  Triple: a predicted (source, root, target) matches a gold event with the same root whose
  source matches and whose target matches (a gold event without a target matches any target);
  each gold event and each prediction is used once. Predictions: each event (first
  participant as source, second as target) and each statement with a mapped predicate
  (subject as source, object as target).
Baseline
  Verb-lexicon matching without actor resolution: a word of the sentence that is one of our
  trigger or predicate-cue lemmas (or that lemma plus -s, -es, -ed, -d or -ing) gives its root;
  the source and target are the first and second runs of capitalised words (the sentence's
  first word is dropped from its run when the run has no dictionary code), looked up in the
  same dictionaries.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore
from allsource.model.records import Document, Extraction

DEFAULT_DATA = "../shared/eval-data"
PETRARCH_RECORDS = "petrarch2-event-coding/text/PETR.UnitTest.records.xml"
PETRARCH_ACTORS = ("petrarch2-event-coding/dictionaries/PETR.Validate.actors.txt",)
PHOENIX_ACTORS = tuple(f"petrarch2-event-coding/dictionaries/Phoenix.{name}.actors.txt"
                       for name in ("Countries", "International", "MilNonState"))
PLOVER_RECORDS = "plover-gsr/PLOVER_GSR_CAMEO.json"

PLOVER_ROOTS = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
                "CONCEDE": "08", "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10", "DISAPPROVE": "11",
                "REJECT": "12", "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16",
                "COERCE": "17", "ASSAULT": "18", "FIGHT": "19"}
OUR_ROOTS = {
    # event types
    "meeting": "04", "visit": "04", "agreement": "05", "delivery": "07", "exercise": "15",
    "intervention": "15", "sanction": "16", "death": "18", "attack": "19",
    # statement predicates
    "meets": "04", "visits": "04", "negotiates_with": "04", "signs": "05", "supports": "05",
    "allied_with": "05", "cooperates_with": "06", "trains": "06", "supplies": "07", "sells": "07",
    "criticizes": "11", "accuses": "11", "sues": "11", "opposes": "12", "sanctions": "16", "withdraws_from": "16",
    "kills": "18", "attacks": "19",
}
MAPPING_TEXT = ("CAMEO roots; PLOVER AGREE 03, CONSULT 04, SUPPORT 05, COOPERATE 06, AID 07, CONCEDE/RETREAT 08, "
                "INVESTIGATE 09, DEMAND 10, DISAPPROVE 11, REJECT 12, THREATEN 13, PROTEST 14, MOBILIZE 15, "
                "SANCTION 16, COERCE 17, ASSAULT 18, FIGHT 19; ours: meeting/visit/meets/visits/negotiates_with "
                "04, agreement/signs/supports/allied_with 05, cooperates_with/trains 06, delivery/supplies/sells "
                "07, criticizes/accuses/sues 11, opposes 12, exercise/intervention 15, sanction/sanctions/"
                "withdraws_from 16, death/kills 18, attack/attacks 19")


@dataclass(frozen=True)
class GoldActor:
    code: str          # three letters: country or group
    text: str = ""


@dataclass(frozen=True)
class GoldEvent:
    root: str
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


@dataclass
class EventRecord:
    id: str
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    actors: tuple[str, ...] = PETRARCH_ACTORS     # the dictionaries its actor codes come from


# ---------------------------------------------------------------- readers

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def read_petrarch(path: Path) -> list[EventRecord]:
    """The unit-test records: sentence text and expected codings (comments dropped)."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the PETRARCH records ({exc.strerror})") from exc
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    records = []
    for match in _SENTENCE.finditer(raw):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        text = _TEXT.search(match.group(2))
        if text is None:
            raise InputError(str(path), f"sentence {attributes.get('id', '?')} has no <Text>")
        events = []
        for coding in _CODING.finditer(match.group(2)):
            fields = dict(_ATTRIBUTE.findall(coding.group(1)))
            events.append(GoldEvent(fields.get("eventcode", "")[:2],
                                    _petrarch_actors(fields.get("sourcecode", "")),
                                    _petrarch_actors(fields.get("targetcode", ""))))
        records.append(EventRecord(attributes.get("id", str(len(records))), " ".join(text.group(1).split()), events))
    if not records:
        raise InputError(str(path), "no <Sentence> records found")
    return records


def _petrarch_actors(code: str) -> tuple[GoldActor, ...]:
    code = code.strip()
    if not code or code.startswith("---"):
        return ()
    return (GoldActor(code[:3].upper()),)


def read_plover(path: Path) -> list[EventRecord]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a readable PLOVER JSON file ({exc})") from exc
    records = []
    for item in raw:
        if item.get("event") not in PLOVER_ROOTS:
            continue  # the documentation record
        if "text" not in item:
            raise InputError(str(path), f"record {item.get('id', '?')} has no text")
        event = GoldEvent(PLOVER_ROOTS[item["event"]], _plover_actors(item.get("source")),
                          _plover_actors(item.get("target")))
        records.append(EventRecord(item.get("id", str(len(records))), item["text"], [event], PHOENIX_ACTORS))
    return records


def _plover_actors(actors) -> tuple[GoldActor, ...]:
    if not isinstance(actors, list):
        return ()  # a few records leave the field as a string ("" or a stray word)
    return tuple(GoldActor(a.get("code", "")[:3].upper(), a.get("actorText", ""))
                 for a in actors if isinstance(a, dict) and a.get("code") or a.get("actorText"))


# ---------------------------------------------------------------- actor dictionaries

class ActorDictionary:
    """Phoenix/PETRARCH actor names and aliases -> three-letter codes."""

    def __init__(self, entries: dict[str, set[str]], stems: dict[str, set[str]]):
        self.entries, self.stems = entries, stems

    @classmethod
    def read(cls, paths: Iterable[Path]) -> ActorDictionary:
        entries: dict[str, set[str]] = {}
        stems: dict[str, set[str]] = {}
        for path in paths:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError as exc:
                raise InputError(str(path), f"cannot read the actor dictionary ({exc.strerror})") from exc
            _read_dictionary(lines, entries, stems)
        return cls(entries, stems)

    def codes(self, name: str) -> set[str]:
        words = re.sub(r"^the\s+", "", name.strip(), flags=re.I).upper().replace("-", " - ").split()
        words = [w for w in words if w != "-"] or words
        if not words:
            return set()
        for length in range(len(words), 0, -1):
            for joined in ("_".join(words[:length]), "-".join(words[:length])):
                if joined in self.entries:
                    return self.entries[joined]
        for word in words:
            for end in range(len(word), 3, -1):
                if word[:end] in self.stems:
                    return self.stems[word[:end]]
        return set()


def _read_dictionary(lines: list[str], entries: dict[str, set[str]], stems: dict[str, set[str]]) -> None:
    group: list[str] = []
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip() or body.lstrip().startswith("<"):
            continue
        codes = {c.split()[0][:3].upper() for c in re.findall(r"\[([^\]]+)\]", body) if c.split()}
        name = body.split("[", 1)[0].strip()
        if name.startswith("+"):
            group.append(name[1:].strip())
        elif name:
            group = [name]
        for code in codes - {"---"}:
            for entry in group:
                key = entry.replace(" ", "_")
                entries.setdefault(key.rstrip("_"), set()).add(code)
                if not key.endswith("_") and "_" not in key and len(key) >= 4:
                    stems.setdefault(key, set()).add(code)


@lru_cache(maxsize=4)
def load_dictionary(data: str, names: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.read(Path(data) / name for name in names)


# ---------------------------------------------------------------- predictions and scoring

@dataclass(frozen=True)
class Predicted:
    source: frozenset[str]      # codes (and, for matching by text, lower-cased names)
    root: str
    target: frozenset[str]


def actor_keys(names: Iterable[str], dictionary: ActorDictionary) -> frozenset[str]:
    keys: set[str] = set()
    for name in names:
        keys |= dictionary.codes(name)
        keys |= {f"~{w}" for w in re.findall(r"\w{4,}", name.lower())}
    return frozenset(keys)


def actor_matches(keys: frozenset[str], gold: GoldActor) -> bool:
    if gold.code in keys:
        return True
    return bool(gold.text) and any(f"~{w}" in keys for w in re.findall(r"\w{4,}", gold.text.lower()))


def system_predictions(extraction: Extraction, dictionary: ActorDictionary) -> list[Predicted]:
    entities = {e.id: e for e in extraction.entities}

    def keys(entity_id: str | None) -> frozenset[str]:
        if entity_id is None or entity_id not in entities:
            return frozenset()
        entity = entities[entity_id]
        return actor_keys([entity.name, *entity.aliases], dictionary)

    found: list[Predicted] = []
    for event in extraction.events:
        if event.event_type in OUR_ROOTS and not event.negated:
            source = event.participants[0] if event.participants else None
            target = event.participants[1] if len(event.participants) > 1 else None
            found.append(Predicted(keys(source), OUR_ROOTS[event.event_type], keys(target)))
    for statement in extraction.statements:
        if statement.predicate in OUR_ROOTS and not statement.negated:
            found.append(Predicted(keys(statement.subject), OUR_ROOTS[statement.predicate], keys(statement.object)))
    return list(dict.fromkeys(found))


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'.-]*(?:\s+(?:of\s+)?[A-Z][\w'.-]*)*")


def baseline_predictions(text: str, lexicon: dict[str, str], dictionary: ActorDictionary) -> list[Predicted]:
    roots = {lexicon[w] for w in re.findall(r"[a-z]+", text.lower()) if w in lexicon}
    runs = [m.group(0).rstrip(".'-") for m in _CAPITALISED_RUN.finditer(text)]
    if runs and text.startswith(runs[0]) and not dictionary.codes(runs[0]):
        # a sentence's first word is capitalised anyway: without a code, drop it from the run
        rest = runs[0].split(None, 1)[1:]
        runs = rest + runs[1:]
    source = actor_keys(runs[:1], dictionary)
    target = actor_keys(runs[1:2], dictionary)
    return [Predicted(source, root, target) for root in sorted(roots)]


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, str]:
    """Our trigger and predicate-cue lemmas with their plain inflections, mapped to roots."""
    from allsource.extract.events import load_triggers
    from allsource.extract.syntax import load_cues

    lemmas = {lemma: OUR_ROOTS[kind] for lemma, kind in load_triggers().items() if kind in OUR_ROOTS}
    lemmas.update({lemma: OUR_ROOTS[spec["predicate"]] for lemma, spec in load_cues().verbs.items()
                   if spec["predicate"] in OUR_ROOTS})
    forms: dict[str, str] = {}
    for lemma, root in lemmas.items():
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", stem + "ing", stem + "ed"):
            forms.setdefault(form, root)
    return forms


@dataclass
class Counts:
    class_tp: int = 0
    class_fp: int = 0
    class_fn: int = 0
    triple_tp: int = 0
    triple_fp: int = 0
    triple_fn: int = 0

    def add(self, predicted: list[Predicted], gold: list[GoldEvent]) -> None:
        predicted_roots = {p.root for p in predicted}
        gold_roots = {g.root for g in gold}
        self.class_tp += len(predicted_roots & gold_roots)
        self.class_fp += len(predicted_roots - gold_roots)
        self.class_fn += len(gold_roots - predicted_roots)
        used: set[int] = set()
        for event in gold:
            match = next((i for i, p in enumerate(predicted) if i not in used and _triple_matches(p, event)), None)
            if match is None:
                self.triple_fn += 1
            else:
                used.add(match)
                self.triple_tp += 1
        self.triple_fp += len(predicted) - len(used)

    def scores(self) -> tuple[CategoryScore, CategoryScore]:
        return (CategoryScore(self.class_tp, self.class_fp, self.class_fn),
                CategoryScore(self.triple_tp, self.triple_fp, self.triple_fn))


def _triple_matches(predicted: Predicted, gold: GoldEvent) -> bool:
    if predicted.root != gold.root:
        return False
    if not any(actor_matches(predicted.source, a) for a in gold.source):
        return False
    return not gold.target or any(actor_matches(predicted.target, a) for a in gold.target)


def read_split(data: Path | str, split: str) -> list[EventRecord]:
    data = Path(data)
    plover = read_plover(data / PLOVER_RECORDS)
    if split == "dev":
        return read_petrarch(data / PETRARCH_RECORDS) + plover[0::2]
    return plover[1::2]


def evaluate_events(data: Path | str = DEFAULT_DATA, *, split: str = "dev", limit: int | None = None,
                    nlp=None) -> BenchmarkReport:
    started = time.monotonic()
    records = read_split(data, split)[:limit]
    figures = score_records(records, data, nlp)
    gold_events = sum(len(r.events) for r in records)
    coverable = sum(1 for r in records for e in r.events if e.root in set(OUR_ROOTS.values()))
    return BenchmarkReport(
        benchmark="events", dataset=f"PETRARCH2 unit tests + PLOVER GSR ({split})" if split == "dev"
        else "PLOVER GSR (test)", split=split,
        matching_rule=("event class = CAMEO root per sentence; triple = same root, source actor and target actor "
                       "match by dictionary country code (first three letters) or a shared word of 4+ letters "
                       "with the gold actor text"),
        baseline=("a trigger or predicate-cue word of our lexicon gives the root; source and target are the "
                  "first and second capitalised word runs"),
        items=len(records), figures=figures, seconds=time.monotonic() - started,
        notes=[f"mapping: {MAPPING_TEXT}",
               f"{coverable} of {gold_events} gold events have a root that one of our types or predicates maps to"])


def score_records(records: list[EventRecord], data: Path | str = DEFAULT_DATA, nlp=None) -> list[Figure]:
    """Event-class and triple figures, overall and per source dataset, beside the baseline."""
    from allsource.extract.document import extract_document

    counts = {name: (Counts(), Counts()) for name in ("all", "PETRARCH2", "PLOVER")}
    lexicon = trigger_lexicon()
    for record in records:
        dictionary = load_dictionary(str(data), record.actors)
        extraction = extract_document(Document(id=f"events-{record.id}", source=record.id, text=record.text), nlp)
        predicted = system_predictions(extraction, dictionary)
        guessed = baseline_predictions(record.text, lexicon, dictionary)
        for name in ("all", "PETRARCH2" if record.actors == PETRARCH_ACTORS else "PLOVER"):
            counts[name][0].add(predicted, record.events)
            counts[name][1].add(guessed, record.events)
    sources = [name for name in ("PETRARCH2", "PLOVER") if sum(vars(counts[name][0]).values())]
    figures = []
    for name in ["all", *sources] if len(sources) > 1 else sources or ["all"]:
        system, baseline = counts[name]
        (system_class, system_triple), (baseline_class, baseline_triple) = system.scores(), baseline.scores()
        figures += [Figure(f"{name}: event class", system_class, baseline_class),
                    Figure(f"{name}: triple", system_triple, baseline_triple)]
    return figures
