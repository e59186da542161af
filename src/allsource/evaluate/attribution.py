"""Attribution against PolNeAR: source, cue and content spans of who-said-what.

Each article runs through the real extraction (parse, mentions, coreference, claim rules); every
attribution it finds gives a source span (the phrase naming the speaker), a cue span and a content
span. Each kind of span is scored on its own under a head-token rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore

DEFAULT_POLNEAR = "../shared/eval-data/polnear"
SPAN_KINDS = ("Source", "Cue", "Content")
MATCHING_RULE = (
    "each kind of span (source, cue, content) is scored on its own. The head of a gold span is its "
    "syntactic root in our parse: the token of the span whose dependency head lies outside the span "
    "(of several, the one heading most of the span's tokens; a span in pieces counts as the union of "
    "its pieces). A predicted span matches a gold span of the same kind if it contains that head "
    "token; each gold span and each predicted span is matched at most once (closest boundaries "
    "first). The contents one cue attributes (\u201cA,\u201d he said. \u201cB.\u201d) are one content in pieces, "
    "as in the gold; a span in pieces contains a head if one of its pieces does. Gold: the first annotator's file of each article (by annotator id); attributions "
    "without a source still count for cue and content.")
BASELINE = ("every text inside double quotation marks is a content span (quotes sharing a cue are one), attributed to the nearest "
            "PERSON entity of the bare spaCy pipeline before it (the source span) with the nearest "
            "verb outside the quote in its sentence as the cue")


@dataclass(frozen=True)
class Span:
    kind: str
    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass
class Article:
    name: str
    text: str
    spans: list[Span] = field(default_factory=list)


def read_split(data: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of SPLIT, one annotation file per article (first annotator id)."""
    folder = data / split
    texts = sorted((folder / "text").glob("*.txt"))
    if not texts:
        raise InputError(str(folder / "text"), "holds no PolNeAR article (*.txt)")
    pairs = []
    for text in texts:
        annotations = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if not annotations:
            raise InputError(str(text), "has no annotation file in ../attributions")
        pairs.append((text, annotations[0]))
    return pairs


def read_article(text_path: Path, annotation_path: Path) -> Article:
    """One article's text and its gold source, cue and content spans (brat standoff)."""
    try:
        text = text_path.read_text(encoding="utf-8")
        lines = annotation_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(exc.filename if isinstance(exc, OSError) else text_path),
                         f"cannot be read ({exc})") from exc
    article = Article(text_path.stem, text)
    for number, line in enumerate(lines, 1):
        if not line.startswith("T"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise InputError(str(annotation_path), f"line {number} is not a brat text-bound annotation")
        kind, _, offsets = fields[1].partition(" ")
        if kind not in SPAN_KINDS:
            continue
        try:
            pieces = tuple(tuple(int(n) for n in piece.split()) for piece in offsets.split(";"))
        except ValueError as exc:
            raise InputError(str(annotation_path), f"line {number} has offsets that are not numbers") from exc
        if any(len(p) != 2 or not 0 <= p[0] < p[1] <= len(text) for p in pieces):
            raise InputError(str(annotation_path), f"line {number} has offsets outside the article")
        article.spans.append(Span(kind, pieces))
    return article


def head_token(doc, span: Span):
    """The syntactic root of SPAN in DOC: its token whose head lies outside it (most dominant first)."""
    tokens = [t for t in doc if any(t.idx < end and start < t.idx + len(t.text) for start, end in span.pieces)
              and not t.is_space]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in inside]
    return max(roots, key=lambda t: (sum(1 for s in t.subtree if s.i in inside), -t.i))


Predicted = tuple  # (start, end), or a content in pieces: ((start, end), (start, end), …)


def match_spans(gold: list[tuple[int, int, Span]], predicted: list[Predicted]) -> int:
    """How many predicted spans contain a distinct gold span's head token (gold given as (head
    start, head end, span)), one to one, closest boundaries first. A predicted span in pieces
    contains the head if one of its pieces does, as a gold span in pieces is headed by one of its."""
    pieces = [_pieces(p) for p in predicted]
    pairs = sorted((abs(ps[0][0] - g.start) + abs(ps[-1][1] - g.end), i, j)
                   for i, ps in enumerate(pieces) for j, (h_start, h_end, g) in enumerate(gold)
                   if any(start <= h_start and h_end <= end for start, end in ps))
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in pairs:
        if i not in used_predicted and j not in used_gold:
            used_predicted.add(i)
            used_gold.add(j)
    return len(used_gold)


def _pieces(span: Predicted) -> tuple[tuple[int, int], ...]:
    return (span,) if isinstance(span[0], int) else span


def score_spans(doc, gold: list[Span], predicted: dict[str, list[tuple[int, int]]]) -> dict[str, CategoryScore]:
    """P/R/F1 counts per span kind for one article."""
    scores = {}
    for kind in SPAN_KINDS:
        heads = []
        for span in gold:
            if span.kind == kind:
                head = head_token(doc, span)
                if head is not None:
                    heads.append((head.idx, head.idx + len(head.text), span))
        ours = predicted.get(kind, [])
        matched = match_spans(heads, ours)
        scores[kind] = CategoryScore(matched, len(ours) - matched, len(heads) - matched)
    return scores


def system_spans(doc, article: Article) -> dict[str, list[Predicted]]:
    """allsource's attributions as source, cue and content spans."""
    from allsource.extract.claims import find_attributions
    from allsource.extract.coref import resolve_document
    from allsource.extract.mentionindex import MentionIndex
    from allsource.extract.mentions import find_candidates
    from allsource.model.records import Document

    _, mentions = resolve_document(doc, find_candidates(doc), article.name)
    document = Document(id=article.name, source=article.name, text=article.text)
    spans: dict[str, list[Predicted]] = {kind: [] for kind in SPAN_KINDS}
    # one cue, one content: the quotes a cue attributes ("“A,” he said. “B.”") are its content in
    # pieces, as PolNeAR annotates them
    contents: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for attribution in find_attributions(doc, document, MentionIndex(mentions)):
        if attribution.speaker_span is not None:
            spans["Source"].append(attribution.speaker_span)
        cue = (attribution.cue_start, attribution.cue_end)
        spans["Cue"].append(cue)
        contents.setdefault(cue, []).append((attribution.content.start, attribution.content.end))
    spans["Content"] = [pieces[0] if len(pieces) == 1 else tuple(sorted(pieces))
                        for pieces in (list(dict.fromkeys(found)) for found in contents.values())]
    for kind in SPAN_KINDS:
        spans[kind] = list(dict.fromkeys(spans[kind]))
    return spans


def baseline_spans(doc, text: str) -> dict[str, list[Predicted]]:
    """Quotes given to the nearest preceding PERSON, with the nearest verb as the cue."""
    from allsource.extract.claims import find_quotes

    people = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
    spans: dict[str, list[Predicted]] = {kind: [] for kind in SPAN_KINDS}
    contents: dict[object, list[tuple[int, int]]] = {}  # by cue, as allsource's
    for quote in find_quotes(text):
        if quote.close - quote.open < 2:
            continue
        content = (quote.open + 1, quote.close)
        contents[quote] = [content]
        before = [person for person in people if person[1] <= quote.open]
        if before:
            spans["Source"].append(before[-1])
        sentence = doc.char_span(quote.open, quote.open + 1, alignment_mode="expand")
        if sentence is None:
            continue
        verbs = [t for t in sentence.sent if t.pos_ == "VERB" and not quote.open < t.idx < quote.close]
        if verbs:
            verb = min(verbs, key=lambda t: min(abs(t.idx - quote.open), abs(t.idx - quote.close)))
            cue = (verb.idx, verb.idx + len(verb.text))
            spans["Cue"].append(cue)
            contents.setdefault(cue, []).append(contents.pop(quote)[0])
    spans["Content"] = [tuple(pieces) if len(pieces) > 1 else pieces[0] for pieces in contents.values()]
    return {kind: list(dict.fromkeys(found)) for kind, found in spans.items()}


def evaluate_attribution(data: Path, split: str = "dev", limit: int | None = None) -> BenchmarkReport:
    from allsource.extract.nlp import parse

    started = time.perf_counter()
    pairs = read_split(data, split)[:limit]
    totals = {label: {kind: CategoryScore(0, 0, 0) for kind in SPAN_KINDS} for label in ("system", "baseline")}
    for text_path, annotation_path in pairs:
        article = read_article(text_path, annotation_path)
        doc = parse(article.text)
        for label, predicted in (("system", system_spans(doc, article)),
                                 ("baseline", baseline_spans(doc, article.text))):
            for kind, score in score_spans(doc, article.spans, predicted).items():
                total = totals[label][kind]
                totals[label][kind] = CategoryScore(total.tp + score.tp, total.fp + score.fp, total.fn + score.fn)
    report = BenchmarkReport(
        benchmark="attribution", dataset=f"PolNeAR ({split})", split=split, matching_rule=MATCHING_RULE,
        baseline=BASELINE, items=len(pairs),
        figures=[Figure(f"{kind.lower()} span", totals["system"][kind], totals["baseline"][kind])
                 for kind in SPAN_KINDS])
    report.seconds = time.perf_counter() - started
    return report
