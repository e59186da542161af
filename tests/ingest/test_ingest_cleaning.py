"""Cleaning, splitting and header parsing on small texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allsource.ingest.clean import clean_article
from allsource.ingest.markup import strip_inline
from allsource.ingest.metadata import (
    attribution_author,
    normalise_date,
    parse_byline,
    parse_date_line,
    read_metadata,
)
from allsource.ingest.split import split_articles

DIGEST = """Pipeline Talks Drag On

March 4 2023

Negotiators from Ankara and Tehran spent a third day arguing over transit fees, and the
gas contract that expires next year is still unsigned, reports Selin Aydin:

Both delegations left the hotel without a statement. A Turkish official said the price gap
remained wide and that no date had been set for another round of meetings in the capital.

Read more at Bosphorus Review

More about: Energy, Iran, Turkey

Militia Commander Replaced

April 2023

A new commander took over the brigade this week after months of speculation. Mina Karimi writes:

The change came without ceremony. Local reporters learned about it from a short notice on a
messaging channel that the brigade uses for announcements, and the former chief has not
been seen in public since the spring.

Read more at Levant Weekly

More about: Iraq, Militias
"""


def test_digest_is_split_and_each_part_described():
    parts = split_articles(DIGEST)
    assert len(parts) == 2
    first, second = (clean_article(part) for part in parts)
    assert first.title == "Pipeline Talks Drag On"
    assert second.title == "Militia Commander Replaced"
    meta = [read_metadata(c.text, c.removed, c.title) for c in (first, second)]
    assert [m.authors for m in meta] == [["Selin Aydin"], ["Mina Karimi"]]
    assert [m.published for m in meta] == ["2023-03-04", "2023-04"]
    assert [m.publisher for m in meta] == ["Bosphorus Review", "Levant Weekly"]
    for cleaned in (first, second):
        assert "Read more" not in cleaned.text and "More about" not in cleaned.text


def test_single_article_with_closing_link_is_not_split():
    text = DIGEST.split("Militia Commander Replaced")[0]
    assert len(split_articles(text)) == 1


def test_wrapped_lines_join_into_one_paragraph():
    cleaned = clean_article(
        "Title Line\n\nFirst line of a paragraph\nthat wraps onto a second line.\n"
    )
    assert cleaned.text == "Title Line\n\nFirst line of a paragraph that wraps onto a second line."


def test_markdown_markup_is_removed_and_recorded():
    source = (
        "# Heading Here\n\n"
        "**B**old start with a [linked phrase](https://example.org/x) and *emphasis* and a "
        "note.<sup>4</sup> Cost was \\$5 million.\n\n"
        "---\n\n"
        "![a chart](chart.png)\n\n"
        "Closing sentence of the test article.\n"
    )
    cleaned = clean_article(source)
    body = "Bold start with a linked phrase and emphasis and a note. Cost was $5 million."
    assert cleaned.text == f"Heading Here\n\n{body}\n\nClosing sentence of the test article."
    by_kind = {(r.kind, r.text): r.at for r in cleaned.removed}
    url_at = by_kind[("markup", "https://example.org/x")]
    assert cleaned.text[:url_at].endswith("linked phrase")
    note_at = by_kind[("markup", "<sup>4</sup>")]
    assert cleaned.text[:note_at].endswith("a note.")
    assert ("image", "![a chart](chart.png)") in by_kind


def test_inline_offsets_survive_nested_markup():
    plain = strip_inline("See [the **full** report](http://x.test/r) here.")
    assert plain.text == "See the full report here."
    (url,) = plain.dropped
    assert plain.text[: url.at] == "See the full report"


def test_bios_and_footers_after_the_text():
    source = (
        "Harbour Strike Ends\n\nBy Dr. Lena Vogt\n\n"
        "Dock workers returned to the cranes on Friday after the union accepted a revised offer.\n\n"
        "Lena Vogt is a senior analyst at the Coastal Policy Forum.\n\n"
        "Share\n\nContact\n\nPrivacy Policy\n"
    )
    cleaned = clean_article(source)
    assert cleaned.text.endswith("accepted a revised offer.")
    kinds = {r.kind: r.text for r in cleaned.removed}
    assert kinds["author_bio"].startswith("Lena Vogt is a senior analyst")
    assert kinds["byline"] == "By Dr. Lena Vogt"
    meta = read_metadata(cleaned.text, cleaned.removed, cleaned.title)
    assert meta.authors == ["Lena Vogt"]
    assert meta.publisher == "Coastal Policy Forum"


def test_trailing_numbered_citations_are_endnotes():
    source = (
        "Arms Fair Report\n\n"
        "Visitors crowded the stands of the state arms maker on the opening day of the fair.\n\n"
        '1. K. Demir, "Exports Rise," Defence Weekly, 2019, https://example.org/a.\n\n'
        "2. Ibid., p. 4.\n"
    )
    cleaned = clean_article(source)
    assert cleaned.text.endswith("opening day of the fair.")
    assert [r.kind for r in cleaned.removed] == ["endnotes"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Maj. Gen. (ret.) Daniel Okafor", ["Daniel Okafor"]),
        ("By Visiting Fellow, Lena Marsh", ["Lena Marsh"]),
        ("by Ana Reyes and Tom Berg", ["Ana Reyes", "Tom Berg"]),
        ("By Priya Natarajan | June 2, 2020", ["Priya Natarajan"]),
        ("By Chris Head and Staff Writer Ana Lopes", ["Chris Head", "Ana Lopes"]),
        ("By 2010, Moscow had changed course", None),
        ("By contrast the ministry stayed silent", None),
    ],
)
def test_bylines(line, names):
    assert parse_byline(line) == names


def test_date_inside_byline_is_the_publication_date():
    cleaned = clean_article(
        "Border Crossing Reopens\n\nBy Priya Natarajan | June 2, 2020\n\n"
        "Trucks queued for six kilometres when the crossing reopened after a month of closure.\n"
    )
    meta = read_metadata(cleaned.text, cleaned.removed, cleaned.title)
    assert (meta.authors, meta.published) == (["Priya Natarajan"], "2020-06-02")
    assert cleaned.text.startswith("Border Crossing Reopens\n\nTrucks queued")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: 3 March 2019", "2019-03-03"),
        ("Jan. 5 2022", "2022-01-05"),
        ("web posted September 9, 2001", "2001-09-09"),
        ("June 2020", "2020-06"),
        ("Updated Tuesday, Feb 14, 2017 10:30 GMT", "2017-02-14"),
        ("The meeting of May 3, 2021 was tense", None),
        ("yesterday", None),
    ],
)
def test_date_lines(line, iso):
    assert parse_date_line(line) == iso


def test_normalise_date_keeps_precision():
    assert normalise_date("1999") == "1999"
    assert normalise_date("Oct 2016") == "2016-10"


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        ("The story is older than it looks, argues Kaveh Jalali:", "Kaveh Jalali"),
        ("Prices fell again this month. Rhea Solberg writes:", "Rhea Solberg"),
        ("As the minister writes:", None),
        ("The port reopened on Monday.", None),
    ],
)
def test_attribution_lead_ins(paragraph, name):
    assert attribution_author(paragraph) == name


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
SENTENCE = st.builds(
    lambda words, comma, end: (
        " ".join(
            [
                words[0].capitalize(),
                *(w + ("," if i == comma else "") for i, w in enumerate(words[1:])),
            ]
        )
        + end
    ),
    st.lists(WORD, min_size=4, max_size=16),
    st.integers(min_value=-1, max_value=6),
    st.sampled_from([".", "?", "!", '."', ".’"]),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4)
HEAD = ["Home > World > Analysis", "Share", "Also available in"]
TAIL = [
    "Read more at The Quarterly Example",
    "More about: Iran, Russia",
    "Share",
    "© 2024 Example Press. All rights reserved.",
    "Sign up for our newsletter",
]


@settings(max_examples=150, deadline=None, database=None)
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=6),
    head=st.lists(st.sampled_from(HEAD), max_size=3),
    tail=st.lists(st.sampled_from(TAIL), max_size=4),
)
def test_prose_sentences_survive_cleaning_verbatim(paragraphs, head, tail):
    blocks = head + [" ".join(p) for p in paragraphs] + tail
    cleaned = clean_article("\n\n".join(blocks))
    for paragraph in paragraphs:
        for sentence in paragraph:
            assert sentence in cleaned.text
    for chrome in set(head + tail):
        assert chrome not in cleaned.text


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
    | st.text(alphabet="ab #*_[]()<>!-:.,\n\\/>|©0123456789", max_size=300)
)
def test_any_text_gives_well_formed_output(text):
    cleaned = clean_article(text)
    assert cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text
    for removal in cleaned.removed:
        assert 0 <= removal.at <= len(cleaned.text)
