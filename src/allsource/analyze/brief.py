"""The content of a brief on one actor or one dyad, as plain data for the renderers in `export`.

A brief says only what the knowledge base holds. Every sentence is filled into a fixed
template from one or more records and carries the numbers of its footnotes; each footnote is a
source: a document (title, publisher, date, location) and the exact sentence quoted from its
text. A sentence with no evidence to cite is not written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from allsource.analyze.dyads import AREAS, Dyad, DyadYear, describe, dyad
from allsource.analyze.profiles import entity_profile

MAX_TIMELINE = 40
MAX_CLAIMS = 12
MAX_RELATIONSHIPS = 6
MAX_EXAMPLES = 4
MAX_NOTES = 6  # footnotes on one sentence; the sentence says how many more support it
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


@dataclass
class Source:
    number: int
    doc: str
    title: str
    publisher: str
    published: str | None
    location: str
    quote: str                # == document text[start:end]
    start: int
    end: int


@dataclass
class Sentence:
    text: str
    notes: list[int]          # numbers of `Brief.sources`


@dataclass
class Section:
    key: str
    title: str
    sentences: list[Sentence]


@dataclass
class Brief:
    title: str
    subjects: list[dict]      # the entity, or the two entities of the dyad
    sections: list[Section]
    chart_title: str
    chart: list[DyadYear]     # empty when no record is dated
    sources: list[Source] = field(default_factory=list)

    def sentences(self) -> list[Sentence]:
        return [s for section in self.sections for s in section.sentences]


class _Citations:
    """Numbers evidence spans in the order a brief first cites them; one number per span."""

    def __init__(self, store) -> None:
        self.store = store
        self.sources: list[Source] = []
        self._numbers: dict[tuple, int] = {}
        self._documents: dict[str, dict] = {}

    def cite(self, evidence: list[dict]) -> list[int]:
        numbers = []
        for e in evidence:
            key = (e["doc"], e["start"], e["end"])
            if key not in self._numbers:
                doc = self._document(e["doc"])
                self._numbers[key] = len(self.sources) + 1
                self.sources.append(Source(len(self.sources) + 1, e["doc"], doc["title"], doc["publisher"],
                                           doc["published"], doc["source"], doc["text"][e["start"]:e["end"]],
                                           e["start"], e["end"]))
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return numbers

    def sentence_around(self, mention: dict) -> dict:
        """The sentence of a document that holds a mention, as an evidence span."""
        text = self._document(mention["doc"])["text"]
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, mention["start"])]
        start = starts[-1] if starts else 0
        end_match = _SENTENCE_END.search(text, mention["end"])
        end = end_match.start() + 1 if end_match else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return {"doc": mention["doc"], "start": start, "end": end}

    def _document(self, doc_id: str) -> dict:
        if doc_id not in self._documents:
            self._documents[doc_id] = self.store.document(doc_id)
        return self._documents[doc_id]


class _Writer:
    def __init__(self, citations: _Citations) -> None:
        self.citations = citations

    def say(self, sentences: list[Sentence], text: str, evidence: list[dict]) -> None:
        spans = list({(e["doc"], e["start"], e["end"]): e for e in evidence}.values())
        if len(spans) > MAX_NOTES:
            text = f"{text.removesuffix('.')} ({len(spans)} source sentences; the first {MAX_NOTES} are cited)."
        notes = self.citations.cite(spans[:MAX_NOTES])
        if notes:
            sentences.append(Sentence(text, notes))


def actor_brief(store, ref: str) -> Brief:
    """A brief on one entity: who it is, its strongest relationships and their chart, its
    timeline, what it said and what was said of it, and the conflicts over its records."""
    profile = entity_profile(store, ref)
    citations = _Citations(store)
    writer = _Writer(citations)
    name = profile["name"]
    statements = profile["statements_out"] + profile["statements_in"]
    counterparts = _counterparts(profile["id"], statements, profile["events"])
    chart = _weightiest(store, profile["id"], [other for other, _, _ in counterparts])
    sections = [
        Section("who", "Who it is", _identity(store, writer, profile) + _roles(store, writer, profile)),
        Section("relationships", "Key relationships", _relationships(writer, counterparts)),
    ]
    if chart:
        sections.append(Section("chart", f"Cooperation and conflict with {chart.b['name']}", _years(writer, chart)))
    dated = [("statement", s) for s in statements if s["time"]] + \
            [("event", e) for e in profile["events"] if e["time"]]
    sections += [
        Section("timeline", "Timeline", _timeline(writer, dated)),
        Section("claims_by", f"What {name} said", _claims(writer, profile["claims_by"])),
        Section("claims_about", f"What others said about {name}", _claims(writer, profile["claims_about"])),
    ]
    record_ids = [r["id"] for r in statements + profile["events"] + profile["claims_by"] + profile["claims_about"]]
    sections.append(Section("conflicts", "Open conflicts between sources",
                            _conflicts(writer, store.conflicts_involving(record_ids))))
    chart_title = f"{name} and {chart.b['name']}: cooperation and conflict by year" if chart else ""
    return Brief(f"Brief: {name}", [_entity(profile)], sections, chart_title, chart.series if chart else [],
                 citations.sources)


def dyad_brief(store, a_ref: str, b_ref: str) -> Brief:
    """A brief on two entities and everything that links them."""
    pair = dyad(store, a_ref, b_ref)
    citations = _Citations(store)
    writer = _Writer(citations)
    a, b = pair.a, pair.b
    who = []
    for entity in (a, b):
        profile = entity_profile(store, entity["id"])
        who += _identity(store, writer, profile) + _roles(store, writer, profile)
    dated = [(r.kind, r.record) for r in pair.statements + pair.events if r.dated_by == "text"]
    sections = [
        Section("who", "Who they are", who),
        Section("chart", "Cooperation and conflict by year", _overview(writer, pair) + _years(writer, pair)),
        Section("areas", "Main areas", _areas(writer, pair)),
        Section("timeline", "Timeline", _timeline(writer, dated)),
        Section("undated", "Statements the text does not date", _undated(writer, pair)),
        Section("claims", "Claims", _claims(writer, [r.record for r in pair.claims])),
        Section("conflicts", "Open conflicts between sources", _conflicts(writer, pair.conflicts)),
    ]
    return Brief(f"Brief: {a['name']} and {b['name']}", [a, b], sections,
                 f"{a['name']} and {b['name']}: cooperation and conflict by year", pair.series, citations.sources)


def _entity(profile: dict) -> dict:
    return {k: profile[k] for k in ("id", "type", "subtype", "name", "aliases", "mention_count", "doc_count")}


def _identity(store, writer: _Writer, profile: dict) -> list[Sentence]:
    sentences: list[Sentence] = []
    mentions = store.mention_per_form(profile["id"])
    by_form = {m["text"]: m for m in mentions if m["text"] in profile["aliases"] or m["text"] == profile["name"]}
    first = by_form.get(profile["name"]) or (mentions[0] if mentions else None)
    if first is None:
        return sentences
    kind = profile["type"] + (f" ({profile['subtype'].replace('_', ' ')})" if profile["subtype"] else "")
    counts = f"{_count(profile['mention_count'], 'time')} in {_count(profile['doc_count'], 'document')}"
    writer.say(sentences, f"{profile['name']} is recorded as a {kind}, mentioned {counts}.",
               [writer.citations.sentence_around(first)])
    others = [form for form in by_form if form != profile["name"]]
    if others:
        shown = others[:MAX_NOTES]
        more = f" and {_count(len(others) - len(shown), 'other form')}" if len(others) > len(shown) else ""
        forms = ", ".join(f"“{f}”" for f in shown)
        writer.say(sentences, f"{profile['name']} also appears as {forms}{more}.",
                   [writer.citations.sentence_around(by_form[f]) for f in shown])
    return sentences


def _roles(store, writer: _Writer, profile: dict) -> list[Sentence]:
    sentences: list[Sentence] = []
    for role in profile["roles"]:
        text = f"{profile['name']} is described as {role['role'] or 'holding a role'}"
        if role["of"]:
            text += f" of {role['of']}"
        if role["time"]:
            text += f" ({role['time']['text']})"
        if role["negated"]:
            text += ", which a source denies"
        evidence = [e for sid in role["statements"] for e in store.record(sid)["evidence"]]
        writer.say(sentences, text + ".", evidence)
    return sentences


def _counterparts(entity_id: str, statements: list[dict], events: list[dict]) -> list[tuple[str, str, list]]:
    """(other entity id, its name, the records linking the two), most records first."""
    linked: dict[str, list] = defaultdict(list)
    names: dict[str, str] = {}
    for s in statements:
        for other, other_name in ((s["subject"], s["subject_name"]), (s["object"], s["object_name"])):
            if other and other != entity_id:
                linked[other].append(("statement", s))
                names[other] = other_name
    for e in events:
        for other, other_name in zip(e["participants"], e["participant_names"]):
            if other != entity_id:
                linked[other].append(("event", e))
                names[other] = other_name
    ranked = sorted(linked.items(), key=lambda item: (-len(item[1]), names[item[0]]))
    return [(other, names[other], records) for other, records in ranked[:MAX_RELATIONSHIPS]]


def _weightiest(store, entity_id: str, others: list[str]) -> Dyad | None:
    """Of the entity's dyads with `others`, the one whose series weighs most (the first on ties)."""
    pairs = [dyad(store, entity_id, other) for other in others]
    weighed = [p for p in pairs if p.cooperation + p.conflict > 0]
    return max(weighed, key=lambda p: p.cooperation + p.conflict) if weighed else None


def _relationships(writer: _Writer, counterparts: list) -> list[Sentence]:
    sentences: list[Sentence] = []
    for _, other_name, records in counterparts:
        examples = _distinct([(_dated_summary(kind, r), r["evidence"][:1]) for kind, r in records])[:MAX_EXAMPLES]
        statements = sum(1 for kind, _ in records if kind == "statement")
        text = (f"With {other_name}: {_count(statements, 'statement')} and "
                f"{_count(len(records) - statements, 'event')}, among them "
                + "; ".join(summary for summary, _ in examples) + ".")
        writer.say(sentences, text, [e for _, evidence in examples for e in evidence])
    return sentences


def _overview(writer: _Writer, pair: Dyad) -> list[Sentence]:
    counted = [r for r in pair.statements + pair.events if not r.excluded]
    if not counted:
        return []
    first, last = pair.series[0].year, pair.series[-1].year
    text = (f"Weighted by the ontology, {len(counted)} dated statements and events between {first} and {last} add "
            f"up to cooperation {pair.cooperation:g} and conflict {pair.conflict:g}, a balance of "
            f"{pair.cooperation - pair.conflict:+g}.")
    out: list[Sentence] = []
    writer.say(out, text, [e for r in counted for e in r.evidence[:1]])
    return out


def _years(writer: _Writer, pair: Dyad) -> list[Sentence]:
    sentences: list[Sentence] = []
    by_year = defaultdict(list)
    for r in pair.statements + pair.events:
        if not r.excluded:
            by_year[r.year].append(r)
    for year in pair.series:
        records = by_year[year.year]
        by_text = sum(1 for r in records if r.dated_by == "text")
        dating = ", ".join(part for part in (
            f"{by_text} dated by the text" if by_text else "",
            f"{len(records) - by_text} by the document's publication year" if len(records) > by_text else "") if part)
        summaries = _distinct([(r.summary, r.evidence[:1]) for r in records])
        text = (f"{year.year}: cooperation {year.cooperation:g}, conflict {year.conflict:g}, from "
                f"{_count(year.count, 'record')} ({dating}): " + "; ".join(s for s, _ in summaries) + ".")
        writer.say(sentences, text, [e for _, evidence in summaries for e in evidence])
    return sentences


def _areas(writer: _Writer, pair: Dyad) -> list[Sentence]:
    sentences: list[Sentence] = []
    records = {r.id: r for r in pair.records()}
    for area in AREAS:
        ids = pair.areas[area]
        if not ids:
            continue
        examples = _distinct([(records[i].summary, records[i].evidence[:1]) for i in ids])[:MAX_EXAMPLES]
        text = (f"{area[0].upper() + area[1:]}: {_count(len(ids), 'record')}, among them "
                + "; ".join(summary for summary, _ in examples) + ".")
        writer.say(sentences, text, [e for _, evidence in examples for e in evidence])
    return sentences


def _timeline(writer: _Writer, dated: list[tuple[str, dict]]) -> list[Sentence]:
    """Dated records in time order; an event drawn from the sentence of a listed statement is left out."""
    sentences: list[Sentence] = []
    stated = {(e["doc"], e["start"]) for kind, r in dated if kind == "statement" for e in r["evidence"]}
    dated = [(kind, r) for kind, r in dated
             if kind == "statement" or not any((e["doc"], e["start"]) in stated for e in r["evidence"])]
    ordered = sorted(dated, key=lambda kr: (kr[1]["time"]["start"], kr[1]["time"]["end"], kr[1]["id"]))
    entries: list[tuple[str, list]] = []  # records that read the same in a row become one entry
    for kind, record in ordered:
        text = _dated_summary(kind, record) + "."
        if entries and entries[-1][0] == text:
            entries[-1][1].extend(record["evidence"][:1])
        else:
            entries.append((text, list(record["evidence"][:1])))
    for text, evidence in entries[:MAX_TIMELINE]:
        writer.say(sentences, text, evidence)
    return sentences


def _undated(writer: _Writer, pair: Dyad) -> list[Sentence]:
    sentences: list[Sentence] = []
    for r in pair.statements:
        if r.dated_by == "text":
            continue
        when = f"in a document published in {r.year}" if r.year else "in a document with no publication date"
        writer.say(sentences, f"{r.summary}, stated {when}.", r.evidence[:1])
    return sentences


def _claims(writer: _Writer, claims: list[dict]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for claim in claims[:MAX_CLAIMS]:
        manner = "direct quote" if claim["direct"] else "paraphrase"
        writer.say(sentences, f"{claim['speaker_name']} ({claim['cue'].lower()}, {manner}): “{claim['text']}”.",
                   claim["evidence"][:1])
    return sentences


def _conflicts(writer: _Writer, conflicts: list[dict]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for conflict in conflicts:
        writer.say(sentences, f"Sources disagree ({conflict['kind']}): {conflict['reason']}.",
                   conflict["a_record"]["evidence"][:1] + conflict["b_record"]["evidence"][:1])
    return sentences


def _distinct(summaries: list[tuple[str, list]]) -> list[tuple[str, list]]:
    """Summaries that read the same become one, marked ×n, with the evidence of each."""
    merged: dict[str, list] = {}
    for summary, evidence in summaries:
        merged.setdefault(summary, []).extend(evidence)
    counts = {summary: sum(1 for s, _ in summaries if s == summary) for summary in merged}
    return [(summary if counts[summary] == 1 else f"{summary} (×{counts[summary]})", evidence)
            for summary, evidence in merged.items()]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _dated_summary(kind: str, record: dict) -> str:
    summary = describe(kind, record)
    if not record.get("time"):
        return summary
    return f"{record['time']['text']} ({record['time']['start'][:4]}): {summary}"
