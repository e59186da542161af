"""Coreference against GUM (news and interview documents): MUC and B-cubed over named chains.

Each GUM document's text is rebuilt from its CoNLL-U tokens (paragraphs separated by a blank
line), run through the real extraction, and our mentions are aligned to the gold mentions by
head token. Only gold chains of people, organisations and places that contain at least one
proper name (a mention whose head token is tagged PROPN) are scored: chains of named entities
with the pronouns and descriptions that refer to them.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import InputError
from allsource.evaluate.benchmark import BenchmarkReport, Figure
from allsource.evaluate.corpus import CategoryScore

DEFAULT_GUM = "../shared/eval-data/gum-news-coref"
GENRES = ("news", "interview")
NAMED_TYPES = frozenset({"person", "organization", "place"})
MATCHING_RULE = (
    "a system mention aligns with the gold mention whose head (the mention token whose gold dependency "
    "head lies outside the mention, with its 'flat' name parts) overlaps the system mention's head token "
    "(the root of its span in our parse), one to one, ties going to the gold mention with the closest "
    "boundaries. "
    "Key: GUM chains of person, organization or place that contain at least one mention headed by a "
    "PROPN token, singletons included. Response: every system chain with at least one mention aligned "
    "to a key mention, all its mentions kept (unaligned ones count against precision); allsource's "
    "demonym links ('Indian' to India) are affiliations, not mentions, and are left out. MUC and "
    "B-cubed as in the CoNLL-2012 scorer; figures are summed over documents (micro average).")
BASELINE = ("over the same mentions allsource proposes, a linker that puts mentions with identical "
            "surface strings (case-sensitive) in one chain and links nothing else")
_BRACKET = re.compile(r"\((\d+)-([^()]*)(\))?|(\d+)\)")


@dataclass(frozen=True)
class GoldMention:
    start: int          # character offsets in the rebuilt text
    end: int
    head_start: int
    head_end: int
    chain: str
    entity_type: str
    head_tag: str       # the head token's universal part of speech


@dataclass
class GumDocument:
    name: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class _Word:
    start: int
    end: int
    upos: str
    head: int           # 1-based index within its sentence, 0 for the root
    relation: str
    entity: str


def split_documents(data: Path, split: str) -> list[str]:
    """GUM news and interview document names of SPLIT, as listed in `splits.md`."""
    path = data / "splits.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the GUM split list ({exc.strerror})") from exc
    names, section = [], None
    for line in lines:
        if line.startswith("## "):
            section = line[3:].strip()
        elif section == split and line.strip().startswith("* "):
            name = line.strip()[2:].strip()
            if name.split("_")[1:2] and name.split("_")[1] in GENRES:
                names.append(name)
    if not names:
        raise InputError(str(path), f"lists no news or interview document for the {split!r} split")
    return names


def read_gum(path: Path) -> GumDocument:
    """One CoNLL-U document: its text rebuilt from the tokens, and its gold mentions."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a readable CoNLL-U file ({exc})") from exc
    pieces: list[str] = []
    offset = 0
    sentences: list[list[_Word]] = []
    words: list[_Word] = []
    pending_space = ""
    span_end = 0          # last word covered by a multiword token
    span_chars = (0, 0)
    for number, line in enumerate(lines, 1):
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            pending_space = "\n\n" if pieces else ""
            continue
        if not line.strip():
            if words:
                sentences.append(words)
                words = []
                pending_space = pending_space or " "
            span_end = 0
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise InputError(str(path), f"line {number} has {len(columns)} columns, not 10")
        index, form, misc = columns[0], columns[1], columns[9]
        if "." in index:
            continue
        if "-" in index:
            first, last = index.split("-")
            start = offset + len(pending_space)
            pieces.append(pending_space + form)
            offset = start + len(form)
            pending_space = "" if "SpaceAfter=No" in misc else " "
            span_end, span_chars = int(last), (start, offset)
            continue
        if int(index) <= span_end:
            start, end = span_chars
        else:
            start = offset + len(pending_space)
            pieces.append(pending_space + form)
            end = offset = start + len(form)
            pending_space = "" if "SpaceAfter=No" in misc else " "
        entity = next((part[7:] for part in misc.split("|") if part.startswith("Entity=")), "")
        head = int(columns[6]) if columns[6].isdigit() else 0
        words.append(_Word(start, end, columns[3], head, columns[7].split(":")[0], entity))
    if words:
        sentences.append(words)
    document = GumDocument(path.stem, "".join(pieces))
    for sentence in sentences:
        document.mentions.extend(_sentence_mentions(sentence, path))
    return document


def _sentence_mentions(words: list[_Word], path: Path) -> Iterable[GoldMention]:
    open_spans: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for position, word in enumerate(words):
        for match in _BRACKET.finditer(word.entity):
            chain, attributes, closes_here, closing = match.groups()
            if chain is not None:
                open_spans[chain].append((position, attributes))
                if not closes_here:
                    continue
            else:
                chain = closing
            if not open_spans[chain]:
                raise InputError(str(path), f"entity {chain} closes without opening near offset {word.start}")
            first, attributes = open_spans[chain].pop()
            yield _gold_mention(words, first, position, chain, attributes)
    unclosed = [chain for chain, spans in open_spans.items() if spans]
    if unclosed:
        raise InputError(str(path), f"entity {unclosed[0]} is still open at the end of the sentence "
                                    f"at offset {words[0].start}")


def _gold_mention(words: list[_Word], first: int, last: int, chain: str, attributes: str) -> GoldMention:
    inside = range(first + 1, last + 2)  # 1-based word numbers of the mention
    head = next((i for i in inside if words[i - 1].head not in inside), first + 1)
    # UD heads a multiword name on its first word ("Cres" in "Cres Eastman"); the name's flat
    # parts belong to the head, so a parser that heads it on the last word still meets it
    name_parts = [i for i in inside if i == head or (words[i - 1].head == head and words[i - 1].relation == "flat")]
    entity_type = attributes.split("-")[0]
    return GoldMention(words[first].start, words[last].end, words[min(name_parts) - 1].start,
                       words[max(name_parts) - 1].end, chain, entity_type, words[head - 1].upos)


def named_chains(document: GumDocument) -> dict[str, list[GoldMention]]:
    """The scored key: chains of people, organisations and places with at least one proper name."""
    chains: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in document.mentions:
        chains[mention.chain].append(mention)
    return {chain: mentions for chain, mentions in chains.items()
            if mentions[0].entity_type in NAMED_TYPES and any(m.head_tag == "PROPN" for m in mentions)}


# --- scorers ----------------------------------------------------------------------------------

Chains = Sequence[Iterable]


def muc(key: Chains, response: Chains) -> CategoryScore:
    """MUC (Vilain et al. 1995): links found. tp counts recall links; P and R use their own denominators."""
    recall_hit, recall_all = _muc_links(key, response)
    precision_hit, precision_all = _muc_links(response, key)
    return _score_from(precision_hit, precision_all, recall_hit, recall_all)


def _muc_links(chains: Chains, other: Chains) -> tuple[int, int]:
    where = {mention: i for i, chain in enumerate(other) for mention in chain}
    hit = total = 0
    for chain in chains:
        chain = set(chain)
        if not chain:
            continue
        # each mention the other side lacks is a partition of its own
        partitions = len({where[m] for m in chain if m in where}) + sum(1 for m in chain if m not in where)
        hit += len(chain) - partitions
        total += len(chain) - 1
    return hit, total


def b_cubed(key: Chains, response: Chains) -> CategoryScore:
    """B-cubed (Bagga and Baldwin 1998), per mention, as the CoNLL scorer computes it."""
    recall_hit, recall_all = _b_cubed_sum(key, response)
    precision_hit, precision_all = _b_cubed_sum(response, key)
    return _score_from(precision_hit, precision_all, recall_hit, recall_all)


def _b_cubed_sum(chains: Chains, other: Chains) -> tuple[float, int]:
    other_sets = [set(chain) for chain in other]
    hit, total = 0.0, 0
    for chain in chains:
        chain = set(chain)
        if chain:
            hit += sum(len(chain & o) ** 2 for o in other_sets) / len(chain)
            total += len(chain)
    return hit, total


@dataclass(frozen=True)
class ChainScore(CategoryScore):
    """A score whose precision and recall have their own numerators (links or mention weights)."""

    precision_hit: float = 0.0
    precision_all: float = 0.0
    recall_hit: float = 0.0
    recall_all: float = 0.0

    @property
    def precision(self) -> float:
        return self.precision_hit / self.precision_all if self.precision_all else 0.0

    @property
    def recall(self) -> float:
        return self.recall_hit / self.recall_all if self.recall_all else 0.0

    def __add__(self, other: ChainScore) -> ChainScore:
        return _score_from(self.precision_hit + other.precision_hit, self.precision_all + other.precision_all,
                           self.recall_hit + other.recall_hit, self.recall_all + other.recall_all)

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "precision_numerator": self.precision_hit, "precision_denominator": self.precision_all,
                "recall_numerator": self.recall_hit, "recall_denominator": self.recall_all}


def _score_from(precision_hit, precision_all, recall_hit, recall_all) -> ChainScore:
    return ChainScore(0, 0, 0, precision_hit, precision_all, recall_hit, recall_all)


# --- alignment and the run ----------------------------------------------------------------------

@dataclass(frozen=True)
class SystemMention:
    start: int
    end: int
    head_start: int
    head_end: int
    text: str
    entity: str


def align(system: list[SystemMention], gold: list[GoldMention]) -> dict[int, int]:
    """System mention index -> gold mention index, one to one, by overlapping head tokens."""
    pairs = []
    for i, ours in enumerate(system):
        for j, theirs in enumerate(gold):
            if ours.head_start < theirs.head_end and theirs.head_start < ours.head_end:
                distance = abs(ours.start - theirs.start) + abs(ours.end - theirs.end)
                pairs.append((distance, i, j))
    aligned: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in aligned and j not in taken:
            aligned[i] = j
            taken.add(j)
    return aligned


def score_document(document: GumDocument, system: list[SystemMention],
                   linker: Callable[[list[SystemMention]], list[str]]) -> tuple[ChainScore, ChainScore]:
    """MUC and B-cubed for one document; `linker` gives each system mention a chain label."""
    key_chains = named_chains(document)
    gold_index = {id(m): j for j, m in enumerate(document.mentions)}
    key = [[("gold", gold_index[id(m)]) for m in chain] for chain in key_chains.values()]
    scored = {mention for chain in key for mention in chain}
    aligned = align(system, document.mentions)
    labels = linker(system)
    members: dict[str, list] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(("gold", aligned[i]) if i in aligned else ("system", i))
    response = [chain for chain in members.values() if any(m in scored for m in chain)]
    return muc(key, response), b_cubed(key, response)


def by_entity(system: list[SystemMention]) -> list[str]:
    return [mention.entity for mention in system]


def by_identical_string(system: list[SystemMention]) -> list[str]:
    return [mention.text for mention in system]


def system_mentions(text: str, name: str, nlp=None) -> list[SystemMention]:
    """allsource's mentions of TEXT, each with the root token of its span in our parse. Demonyms
    ("Indian" linked to India) record an affiliation, not a reference, and are left out."""
    from allsource.extract.coref import resolve_document
    from allsource.extract.mentions import find_candidates
    from allsource.extract.nlp import parse

    doc = parse(text, nlp)
    _, mentions = resolve_document(doc, find_candidates(doc), name)
    out = []
    for mention in mentions:
        if mention.source == "demonym":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        head = (root.idx, root.idx + len(root.text)) if root is not None else (mention.start, mention.end)
        out.append(SystemMention(mention.start, mention.end, *head, mention.text, mention.entity))
    return out


def evaluate_coref(data: Path, split: str = "dev", limit: int | None = None) -> BenchmarkReport:
    started = time.perf_counter()
    names = split_documents(data, split)[:limit]
    totals = {"system": [None, None], "baseline": [None, None]}
    for name in names:
        document = read_gum(data / "dep" / f"{name}.conllu")
        system = system_mentions(document.text, name)
        for label, linker in (("system", by_entity), ("baseline", by_identical_string)):
            for slot, score in enumerate(score_document(document, system, linker)):
                totals[label][slot] = score if totals[label][slot] is None else totals[label][slot] + score
    report = BenchmarkReport(
        benchmark="coref", dataset=f"GUM news+interview ({split})", split=split,
        matching_rule=MATCHING_RULE, baseline=BASELINE, items=len(names),
        figures=[Figure("MUC", totals["system"][0], totals["baseline"][0]),
                 Figure("B-cubed", totals["system"][1], totals["baseline"][1])],
        notes=[f"documents: {', '.join(names)}"])
    report.seconds = time.perf_counter() - started
    return report
