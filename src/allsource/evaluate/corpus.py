"""Score a knowledge base, exported as JSON Lines, against hand-annotated gold.

Gold files (see src/allsource/data/gold/corpus.json) list entities with their aliases,
never-merge pairs, statements, events, claims and planted conflicts, each tied to a
document by file name. Only KB records from documents the gold covers are scored (the docs
its items name, plus an optional "documents" list); records from other documents are ignored.

Names are compared as surface forms: Unicode-normalised, case-folded, whitespace collapsed,
curly quotes and dashes straightened, a leading "the " and a trailing "'s" dropped.

Matching rules
  Entity mapping   A gold entity maps to the KB entity whose aliases (name included) share the
                   most surface forms with the gold name and aliases; ties go to the same type,
                   then the same name, then more mentions.
  Entities         A gold entity is found when its mapped KB entity has the same type.
                   False positives: KB person, organization and state entities with 2 or more
                   mentions in the scored documents that share no surface form with any gold
                   entity.
  Alias merging    completeness: for each gold entity with 2 or more surface forms present in
                   the KB, the largest share of them held by one KB entity (mean reported);
                   never-merge respected: share of never_merge pairs that no KB entity joins
                   (pairs with both sides present in the KB); cluster purity: for each KB entity
                   holding gold surface forms, the share that belong to its majority gold
                   entity (mean reported).
  Statements       Same document (basename of the source path), same predicate, subject maps to
                   the gold subject, object maps to the gold object (null only with null), and
                   the same negation. meets, cooperates_with, allied_with, negotiates_with and
                   competes_with are symmetric: subject and object may be swapped.
  Events           Same document, same type, at least one participant maps to a gold
                   participant, and when both sides have a date they agree: the gold date
                   (2015, 2015-07 or 2015-07-30) overlaps the KB time interval, so gold 2015-07
                   matches a KB time starting 2015-07-...
  Claims           Same document, the speaker maps to the gold speaker, and the gold "contains"
                   phrase occurs in the claim text (case-insensitive).
  Conflicts        The two sides (statements, claims or events) come from the two gold documents,
                   in either order, and the sides' entities, evidence or the reason mention at
                   least one of the gold "about" entities.
  Counting         Each gold item matches at most one KB record and each record at most one gold
                   item, assigned greedily (gold items with the fewest candidates first).
                   tp = matched gold items, fn = unmatched gold items, fp = unmatched KB records
                   of the scored documents. P = tp/(tp+fp), R = tp/(tp+fn), F1 their harmonic
                   mean; a category with nothing to find and nothing found scores 1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from allsource.errors import InputError

CATEGORIES = ("entities", "statements", "events", "claims", "conflicts")
ACTOR_TYPES = frozenset({"person", "organization", "state"})
SYMMETRIC_PREDICATES = frozenset({"meets", "cooperates_with", "allied_with", "negotiates_with",
                                  "competes_with"})
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


@dataclass(frozen=True)
class CategoryScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, self)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, self)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class MergeScores:
    completeness: float | None
    completeness_n: int
    never_merge_respected: float | None
    never_merge_n: int
    purity: float | None
    purity_n: int


@dataclass
class EvaluationReport:
    corpus: str
    entities: CategoryScore
    statements: CategoryScore
    events: CategoryScore
    claims: CategoryScore
    conflicts: CategoryScore
    merging: MergeScores
    documents: list[str] = field(default_factory=list)
    ignored_records: int = 0
    entity_map: dict[str, str | None] = field(default_factory=dict)
    missed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def score(self, category: str) -> CategoryScore:
        if category not in CATEGORIES:
            raise KeyError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}")
        return getattr(self, category)

    def to_dict(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "documents": list(self.documents),
                "ignored_records": self.ignored_records,
                **{c: self.score(c).to_dict() for c in CATEGORIES},
                "merging": asdict(self.merging), "entity_map": dict(self.entity_map),
                "missed": {k: list(v) for k, v in self.missed.items()}}


def normalize_form(text: str) -> str:
    """The comparable form of a name: see the module docstring."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    text = " ".join(text.casefold().split()).strip(" .,;:!?\"'()[]")
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.strip(" .,;:!?\"'()[]")


def doc_key(source: str) -> str:
    """File name of a document source path or URL, without any '#part' suffix."""
    return re.split(r"[\\/]", source.split("#", 1)[0].rstrip("/\\"))[-1]


def match_entities(gold_entities: Iterable[Mapping[str, Any]],
                   kb_entities: Iterable[Mapping[str, Any]],
                   mention_counts: Mapping[str, int] | None = None) -> dict[str, str | None]:
    """Map each gold entity name to the id of its KB entity (None when no alias is shared)."""
    kb = list(kb_entities)
    by_form: dict[str, set[int]] = defaultdict(set)
    for index, entity in enumerate(kb):
        for form in _entity_forms(entity):
            by_form[form].add(index)
    counts = mention_counts or {}
    result: dict[str, str | None] = {}
    for gold in gold_entities:
        forms = _entity_forms(gold)
        shared = Counter(i for form in forms for i in by_form.get(form, ()))
        if not shared:
            result[gold["name"]] = None
            continue

        def rank(i: int) -> tuple:
            e = kb[i]
            return (shared[i], e.get("type") == gold.get("type"),
                    normalize_form(e.get("name", "")) == normalize_form(gold["name"]),
                    counts.get(e["id"], e.get("mention_count", 0) or 0), str(e["id"]))
        result[gold["name"]] = kb[max(shared, key=rank)]["id"]
    return result


def evaluate_records(gold: Mapping[str, Any], records: Iterable[Mapping[str, Any]]) -> EvaluationReport:
    """Score exported KB records against a gold dict (see the module docstring for the rules)."""
    kb = _Index(records)
    scope = _gold_documents(gold)
    mention_counts = kb.mention_counts(scope)
    gold_entities = list(gold.get("entities", []))
    emap = match_entities(gold_entities, kb.entities.values(), mention_counts)

    in_scope = {kind: [r for r in kb.records[kind] if kb.docs_of(r) & scope]
                for kind in ("statement", "event", "claim")}
    conflicts = [c for c in kb.records["conflict"]
                 if (kb.docs_of(kb.by_id.get(c.get("a"), {})) | kb.docs_of(kb.by_id.get(c.get("b"), {}))
                     | kb.docs_of(c)) & scope]
    ignored = sum(len(kb.records[k]) for k in ("statement", "event", "claim", "conflict"))
    ignored -= sum(map(len, in_scope.values())) + len(conflicts)

    missed: dict[str, list[dict[str, Any]]] = {}
    found = [g for g in gold_entities
             if emap.get(g["name"]) and kb.entities[emap[g["name"]]].get("type") == g.get("type")]
    missed["entities"] = [{"name": g["name"], "type": g.get("type"), "kb": emap.get(g["name"])}
                          for g in gold_entities if g not in found]
    gold_forms = {f for g in gold_entities for f in _entity_forms(g)}
    spurious = [e for e in kb.entities.values()
                if e.get("type") in ACTOR_TYPES and mention_counts.get(e["id"], 0) >= 2
                and not (_entity_forms(e) & gold_forms)]
    entities = CategoryScore(len(found), len(spurious), len(gold_entities) - len(found))

    def resolve(name: str | None) -> str | None:
        return emap.get(name) if name is not None else None

    def statement_ok(g: Mapping[str, Any], r: Mapping[str, Any]) -> bool:
        if g["doc"] not in kb.docs_of(r) or r.get("predicate") != g["predicate"]:
            return False
        if bool(r.get("negated")) != bool(g.get("negated")):
            return False
        subject, obj = resolve(g["subject"]), resolve(g.get("object"))
        if subject is None or (g.get("object") is not None and obj is None):
            return False
        pair = (r.get("subject"), r.get("object"))
        return pair == (subject, obj) or (g["predicate"] in SYMMETRIC_PREDICATES and pair == (obj, subject))

    def event_ok(g: Mapping[str, Any], r: Mapping[str, Any]) -> bool:
        if g["doc"] not in kb.docs_of(r) or r.get("event_type") != g["type"]:
            return False
        wanted = {resolve(p) for p in g.get("participants", [])} - {None}
        if not wanted & set(r.get("participants") or []):
            return False
        return _dates_agree(g.get("date"), r.get("time"))

    def claim_ok(g: Mapping[str, Any], r: Mapping[str, Any]) -> bool:
        speaker = resolve(g["speaker"])
        return (g["doc"] in kb.docs_of(r) and speaker is not None and r.get("speaker") == speaker
                and _squash(g["contains"]) in _squash(r.get("text") or ""))

    def conflict_ok(g: Mapping[str, Any], r: Mapping[str, Any]) -> bool:
        a, b = kb.by_id.get(r.get("a"), {}), kb.by_id.get(r.get("b"), {})
        d1, d2 = g["docs"][0], g["docs"][-1]
        da, db = kb.docs_of(a), kb.docs_of(b)
        if not ((d1 in da and d2 in db) or (d2 in da and d1 in db)):
            return False
        about = [x for x in g.get("about", []) if x]
        ids = {resolve(x) for x in about} - {None}
        if ids & (_entity_refs(a) | _entity_refs(b)):
            return True
        texts = " ".join([r.get("reason") or ""] + [ev.get("text") or "" for rec in (r, a, b)
                                                    for ev in rec.get("evidence") or []])
        forms = {f for g2 in gold_entities if g2["name"] in about for f in _entity_forms(g2)}
        forms |= {normalize_form(x) for x in about}
        haystack = " " + " ".join(normalize_form(token) for token in texts.split()) + " "
        return any(f and f" {f} " in haystack for f in forms)

    scores = {"entities": entities}
    for category, kind, items, ok in (
            ("statements", "statement", gold.get("statements", []), statement_ok),
            ("events", "event", gold.get("events", []), event_ok),
            ("claims", "claim", gold.get("claims", []), claim_ok),
            ("conflicts", "conflict", gold.get("conflicts", []), conflict_ok)):
        candidates = conflicts if kind == "conflict" else in_scope[kind]
        matched = _greedy(list(items), candidates, ok)
        scores[category] = CategoryScore(len(matched), len(candidates) - len(matched),
                                         len(items) - len(matched))
        missed[category] = [dict(item) for i, item in enumerate(items) if i not in matched]

    return EvaluationReport(
        corpus=str(gold.get("corpus", "")), merging=_merge_scores(gold, kb.entities.values()),
        documents=sorted(scope), ignored_records=ignored, entity_map=emap, missed=missed, **scores)


def format_report(report: EvaluationReport) -> str:
    """A plain, aligned text table of the report."""
    lines = [f"corpus: {report.corpus or '-'}   documents scored: {len(report.documents)}"
             f"   records ignored (other documents): {report.ignored_records}", "",
             f"{'category':<12}{'gold':>6}{'kb':>6}{'tp':>6}{'fp':>6}{'fn':>6}"
             f"{'precision':>11}{'recall':>8}{'f1':>8}"]
    for category in CATEGORIES:
        s = report.score(category)
        lines.append(f"{category:<12}{s.tp + s.fn:>6}{s.tp + s.fp:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                     f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    m = report.merging
    rows = [("alias completeness", m.completeness, f"mean over {m.completeness_n} entities"),
            ("never-merge respected", m.never_merge_respected, f"{m.never_merge_n} pairs"),
            ("cluster purity", m.purity, f"mean over {m.purity_n} KB entities")]
    lines += ["", "alias merging"]
    for label, value, note in rows:
        shown = "-" if value is None else f"{value:.3f}"
        lines.append(f"  {label:<24}{shown:>7}   ({note})")
    return "\n".join(lines) + "\n"


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold JSON file; InputError names the file when it is not a gold dict."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold annotations ({exc})") from None
    problems = check_gold(data)
    if problems:
        raise InputError(str(path), f"{len(problems)} problem(s) in the gold file, first: {problems[0]}")
    return data


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines export; InputError names the file and line of a bad record."""
    records = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), f"line {number} is not JSON ({exc.msg})") from None
                if not isinstance(record, dict) or "record" not in record:
                    raise InputError(str(path), f"line {number} has no \"record\" key")
                records.append(record)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the records ({exc})") from None
    return records


def check_gold(gold: Any, *, predicates: Iterable[str] | None = None,
               event_types: Iterable[str] | None = None,
               entity_types: Iterable[str] | None = None) -> list[str]:
    """Problems in a gold dict: unknown entity names, predicates, event or entity types."""
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        return ["the gold must be an object with an \"entities\" list"]
    if predicates is None or event_types is None or entity_types is None:
        from allsource.model.ontology import load_ontology
        ontology = load_ontology()
        predicates = ontology.predicates if predicates is None else predicates
        event_types = ontology.event_types if event_types is None else event_types
        entity_types = ontology.entity_types if entity_types is None else entity_types
    predicates, event_types, entity_types = set(predicates), set(event_types), set(entity_types)
    names = {e.get("name") for e in gold["entities"]}
    problems = [f"entity {e.get('name')!r}: unknown type {e.get('type')!r}"
                for e in gold["entities"] if e.get("type") not in entity_types]
    owner: dict[str, str] = {}
    for e in gold["entities"]:
        for form in _entity_forms(e):
            if owner.setdefault(form, e["name"]) != e["name"]:
                problems.append(f"surface form {form!r} belongs to {owner[form]!r} and {e['name']!r}")

    def need(kind: str, i: int, name: Any, optional: bool = False) -> None:
        if (name is not None or not optional) and name not in names:
            problems.append(f"{kind} {i}: {name!r} is not a gold entity")
    for i, s in enumerate(gold.get("statements", [])):
        if s.get("predicate") not in predicates:
            problems.append(f"statement {i}: unknown predicate {s.get('predicate')!r}")
        need("statement", i, s.get("subject"))
        need("statement", i, s.get("object"), optional=True)
        need("statement", i, s.get("item"), optional=True)
    for i, v in enumerate(gold.get("events", [])):
        if v.get("type") not in event_types:
            problems.append(f"event {i}: unknown event type {v.get('type')!r}")
        for p in v.get("participants", []):
            need("event", i, p)
    for i, c in enumerate(gold.get("claims", [])):
        need("claim", i, c.get("speaker"))
        if not c.get("contains"):
            problems.append(f"claim {i}: empty \"contains\" phrase")
    for i, k in enumerate(gold.get("conflicts", [])):
        if len(k.get("docs", [])) != 2 or k.get("kind") not in ("answer", "polarity"):
            problems.append(f"conflict {i}: needs two docs and kind answer or polarity")
        for a in k.get("about", []):
            need("conflict", i, a)
    for i, pair in enumerate(gold.get("never_merge", [])):
        for name in pair:
            need("never_merge pair", i, name)
    return problems


# -- internals -------------------------------------------------------------------------------

class _Index:
    """KB records by kind and id, and each record's documents as file names."""

    def __init__(self, records: Iterable[Mapping[str, Any]]) -> None:
        self.records: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for number, record in enumerate(records, start=1):
            if not isinstance(record, Mapping) or "record" not in record:
                raise InputError("<records>", f"record {number} has no \"record\" key")
            self.records[record["record"]].append(record)
        self.documents = {d["id"]: doc_key(d.get("source") or d["id"]) for d in self.records["document"]}
        self.entities = {e["id"]: e for e in self.records["entity"]}
        self.by_id = {r["id"]: r for kind in ("statement", "event", "claim")
                      for r in self.records[kind] if "id" in r}

    def doc(self, ref: str) -> str:
        return self.documents.get(ref) or doc_key(ref)

    def docs_of(self, record: Mapping[str, Any]) -> set[str]:
        docs = {self.doc(e["doc"]) for e in record.get("evidence") or [] if e.get("doc")}
        if record.get("doc"):
            docs.add(self.doc(record["doc"]))
        return docs

    def mention_counts(self, scope: set[str]) -> dict[str, int]:
        mentions = self.records["mention"]
        if not mentions:
            return {i: int(e.get("mention_count") or 0) for i, e in self.entities.items()}
        return dict(Counter(m.get("entity") for m in mentions if self.doc(m.get("doc", "")) in scope))


def _ratio(part: int, whole: int, score: CategoryScore) -> float:
    if whole:
        return part / whole
    return 1.0 if score.tp + score.fp + score.fn == 0 else 0.0


def _entity_forms(entity: Mapping[str, Any]) -> set[str]:
    forms = {normalize_form(a) for a in [entity.get("name") or ""] + list(entity.get("aliases") or [])}
    forms.discard("")
    return forms


def _entity_refs(record: Mapping[str, Any]) -> set[str]:
    refs = {record.get(k) for k in ("subject", "object", "item", "speaker")}
    refs.update(record.get("participants") or [])
    refs.update(record.get("about") or [])
    return {r for r in refs if r}


def _squash(text: str) -> str:
    return " ".join(text.translate(_QUOTES).translate(_DASHES).casefold().split())


def _gold_documents(gold: Mapping[str, Any]) -> set[str]:
    docs = {doc_key(d) for d in gold.get("documents", [])}
    for key in ("statements", "events", "claims"):
        docs.update(doc_key(item["doc"]) for item in gold.get(key, []))
    for conflict in gold.get("conflicts", []):
        docs.update(doc_key(d) for d in conflict.get("docs", []))
    return docs


def _dates_agree(gold_date: str | None, time: Mapping[str, Any] | None) -> bool:
    """Whether a partial ISO gold date overlaps a KB time interval (true when either is absent)."""
    if not gold_date or not time or not time.get("start"):
        return True
    low, high = _interval(gold_date)
    start = _interval(str(time["start"]))[0]
    end = _interval(str(time.get("end") or time["start"]))[1]
    return start <= high and low <= end


def _interval(date: str) -> tuple[str, str]:
    """First and last day (as ISO strings) covered by a partial ISO date: 2015, 2015-07, 2015-07-30."""
    date = date[:10]
    parts = date.count("-")
    if parts == 0:
        return f"{date}-01-01", f"{date}-12-31"
    if parts == 1:
        return f"{date}-01", f"{date}-31"
    return date, date


def _greedy(items: list[Mapping[str, Any]], records: list[Mapping[str, Any]],
            ok: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]) -> dict[int, int]:
    """Gold item index -> record index, one-to-one, fewest-candidates-first."""
    candidates = {i: [j for j, r in enumerate(records) if ok(item, r)] for i, item in enumerate(items)}
    taken: set[int] = set()
    matched: dict[int, int] = {}
    for i in sorted(candidates, key=lambda i: (len(candidates[i]), i)):
        free = next((j for j in candidates[i] if j not in taken), None)
        if free is not None:
            taken.add(free)
            matched[i] = free
    return matched


def _merge_scores(gold: Mapping[str, Any], kb_entities: Iterable[Mapping[str, Any]]) -> MergeScores:
    kb_forms = [_entity_forms(e) for e in kb_entities]
    present = set().union(*kb_forms) if kb_forms else set()
    owner: dict[str, str] = {}
    forms_of: dict[str, set[str]] = {}
    for g in gold.get("entities", []):
        forms_of[g["name"]] = _entity_forms(g)
        for form in forms_of[g["name"]]:
            owner.setdefault(form, g["name"])

    shares = []
    for name, forms in forms_of.items():
        seen = forms & present
        if len(seen) >= 2:
            shares.append(max(len(seen & k) for k in kb_forms) / len(seen))

    respected, pairs = 0, 0
    for pair in gold.get("never_merge", []):
        a, b = (forms_of.get(n, set()) for n in pair[:2])
        a, b = a - b, b - a
        if a & present and b & present:
            pairs += 1
            respected += not any(k & a and k & b for k in kb_forms)

    purities = []
    for k in kb_forms:
        owners = Counter(owner[f] for f in k if f in owner)
        if owners:
            purities.append(max(owners.values()) / sum(owners.values()))

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None
    return MergeScores(mean(shares), len(shares), respected / pairs if pairs else None, pairs,
                       mean(purities), len(purities))
