"""Briefs on the bundled corpus: every sentence footnoted to a real sentence of a real document,
and the HTML and Markdown renderings carrying the same footnotes and nothing that loads or runs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from allsource.analyze.brief import MAX_NOTES, actor_brief, dyad_brief
from allsource.analyze.dyads import dyad
from allsource.export.brief_html import render_html
from allsource.export.brief_markdown import escape_markdown, render_markdown


@pytest.fixture(scope="module")
def store(corpus_kb):
    return corpus_kb.store


@pytest.fixture(scope="module")
def briefs(store):
    return {"dyad": dyad_brief(store, "Iran", "Russia"), "person": actor_brief(store, "Soleimani")}


def section(brief, key):
    return next(s for s in brief.sections if s.key == key)


def quotes(brief, sentence):
    return [brief.sources[n - 1].quote for n in sentence.notes]


@pytest.mark.parametrize("which", ["dyad", "person"])
def test_every_sentence_cites_a_sentence_quoted_exactly_from_its_document(store, briefs, which):
    brief = briefs[which]
    assert [s.number for s in brief.sources] == list(range(1, len(brief.sources) + 1))
    cited = set()
    for sentence in brief.sentences():
        assert sentence.notes, sentence.text
        assert all(1 <= n <= len(brief.sources) for n in sentence.notes)
        cited.update(sentence.notes)
    assert cited == {s.number for s in brief.sources}, "every listed source is cited"
    for source in brief.sources:
        document = store.document(source.doc)
        assert source.quote.strip() == source.quote and source.quote
        assert document["text"][source.start:source.end] == source.quote
        assert (source.title, source.location, source.published) == (document["title"], document["source"],
                                                                       document["published"])


def test_quotes_of_records_are_their_stored_evidence(store, briefs):
    pair, brief = dyad(store, "Iran", "Russia"), briefs["dyad"]
    records = [r.record for r in pair.records()]
    records += [conflict[side] for conflict in pair.conflicts for side in ("a_record", "b_record")]
    evidence = {(e["doc"], e["start"], e["end"]): e["text"] for r in records for e in r["evidence"]}
    outside_who = {n for sec in brief.sections if sec.key != "who" for s in sec.sentences for n in s.notes}
    for number in outside_who:
        source = brief.sources[number - 1]
        assert source.quote == evidence[(source.doc, source.start, source.end)]


def test_dyad_brief_dates_the_s300_deliveries_and_their_conflict(store, briefs):
    brief = briefs["dyad"]
    timeline = {s.text: s for s in section(brief, "timeline").sentences}
    for year in ("2016", "2017"):
        sentence = timeline[f"{year} ({year}): Russia supplies Iran (S-300)."]
        assert any("S-300" in q and year in q for q in quotes(brief, sentence))
    conflict = next(s for s in section(brief, "conflicts").sentences if s.text.startswith("Sources disagree (dates)"))
    cited = " ".join(quotes(brief, conflict))
    assert "2016" in cited and "2017" in cited
    assert brief.chart == dyad(store, "Iran", "Russia").series
    assert [e["name"] for e in brief.subjects] == ["Iran", "Russia"]


def test_a_sentence_resting_on_many_sources_cites_the_first_few_and_says_how_many(store, briefs):
    overview = section(briefs["dyad"], "chart").sentences[0]
    pair = dyad(store, "Iran", "Russia")
    spans = {(e["doc"], e["start"], e["end"]) for r in pair.statements + pair.events if not r.excluded
             for e in r.evidence[:1]}
    assert len(spans) > MAX_NOTES
    assert overview.text.startswith(f"Weighted by the ontology, {len(spans)} dated statements and events")
    assert overview.text.endswith(f"({len(spans)} source sentences; the first {MAX_NOTES} are cited).")
    assert len(overview.notes) == MAX_NOTES
    assert all(len(s.notes) <= MAX_NOTES for brief in briefs.values() for s in brief.sentences())


def test_person_brief_names_the_roles_and_aliases_it_quotes(briefs):
    brief = briefs["person"]
    name = brief.subjects[0]["name"]  # resolution picks one of the spellings
    who = section(brief, "who").sentences
    role = next(s for s in who if s.text == f"{name} is described as commander of Quds Force.")
    assert all("commander" in q and re.search(r"Q(u|o)ds Force", q) for q in quotes(brief, role))
    aliases = next(s for s in who if "also appears as" in s.text)
    forms = re.findall(r"“([^”]+)”", aliases.text)
    assert {"Qasem Soleimani", "Qassem Soleimani", "Suleimani"} <= {name, *forms}
    for form, quote in zip(forms, quotes(brief, aliases)):
        assert form in quote
    said = section(brief, "claims_about").sentences
    assert any(s.text.startswith("Mohammad Javad Zarif (said") for s in said)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("which", ["dyad", "person"])
def test_html_links_every_footnote_and_loads_nothing(briefs, which):
    brief = briefs[which]
    page = parse(render_html(brief))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "iframe" not in tags and "img" not in tags and "link" not in tags
    for _, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")]
        for name in ("src", "href"):
            assert not re.match(r"\s*(https?:|javascript:|//)", attrs.get(name) or "", re.I)
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    links = [attrs["href"] for t, attrs in page.tags if t == "a"]
    expected = [f"#source-{n}" for s in brief.sentences() for n in s.notes]
    assert links == expected
    assert {link[1:] for link in links} <= ids
    assert sum(1 for t, attrs in page.tags if t == "li" and attrs.get("id", "").startswith("source-")) \
        == len(brief.sources)
    text = "".join(page.text)
    assert all(source.quote in text for source in brief.sources)
    assert ("svg" in tags) == bool(brief.chart)


@pytest.mark.parametrize("which", ["dyad", "person"])
def test_markdown_carries_the_same_footnotes(briefs, which):
    brief = briefs[which]
    markdown = render_markdown(brief)
    bullets = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert [[int(n) for n in re.findall(r"\[\^(\d+)\]", line)] for line in bullets] == \
        [s.notes for s in brief.sentences()]
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.M)
    assert [int(n) for n, _ in definitions] == [s.number for s in brief.sources]
    for (_, line), source in zip(definitions, brief.sources):
        assert escape_markdown(source.quote) in line


def test_markdown_escaping_neutralises_links_markup_and_html():
    escaped = escape_markdown("[x](javascript:alert(1)) <b onclick=y>*bold*</b> `code` a|b\nnext")
    assert "\n" not in escaped
    assert re.search(r"(?<!\\)[\[\]<>*`|]", escaped) is None
