"""Briefs on the bundled corpus: every sentence footnoted to a real sentence of a real document,
and the HTML and Markdown renderings carrying the same footnotes and nothing that loads or runs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from allsource.analyze.brief import actor_brief, dyad_brief
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


def test_person_brief_names_the_roles_and_aliases_it_quotes(briefs):
    brief = briefs["person"]
    who = section(brief, "who").sentences
    role = next(s for s in who if s.text == "Qassem Soleimani is described as commander of Quds Force.")
    assert all("commander" in q and re.search(r"Q(u|o)ds Force", q) for q in quotes(brief, role))
    aliases = next(s for s in who if "also appears as" in s.text)
    forms = re.findall(r"“([^”]+)”", aliases.text)
    assert {"Qasem Soleimani", "Suleimani"} <= set(forms)
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
