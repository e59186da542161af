"""The reference workload: five real articles saved from the web."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from allsource.ingest.discover import discover
from allsource.ingest.load import load_documents
from allsource.model.ids import make_id

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not present")


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def load_seed(prefix: str):
    return load_documents(seed(prefix))


def test_digest_splits_into_its_articles():
    docs = load_seed("004")
    titles = [d.title for d in docs]
    assert len(docs) >= 2
    assert "The Long History of Cooperation between Iran and Russia" in titles
    assert "Iran Gives in to Spy Mania" in titles
    spy = docs[titles.index("Iran Gives in to Spy Mania")]
    assert spy.published == "2024-10-11"
    for doc in docs:
        assert "Read more at" not in doc.text
        assert "More about:" not in doc.text


def test_digest_parts_take_authors_and_publishers_from_their_lead_ins():
    docs = load_seed("004")
    assert [d.authors for d in docs] == [["Oved Lobel"], ["Benny Avni"]]
    assert [d.publisher for d in docs] == ["Middle East Quarterly", "New York Sun"]
    assert [d.part for d in docs] == [0, 1]
    assert {d.content_hash for d in docs} == {hashlib.sha256(seed("004").read_bytes()).hexdigest()}
    assert docs[0].id != docs[1].id
    assert docs[1].id == make_id("doc", docs[1].content_hash, 1)


def test_plain_text_byline_with_rank_and_web_posted_date():
    (doc,) = load_seed("001")
    assert doc.authors == ["Michael Segall"]
    assert doc.published == "2021-05-03"
    assert not doc.text.startswith("home >")
    assert doc.text.startswith("Iranian Foreign Minister Zarif")
    assert "Site Map" not in doc.text
    assert "All rights reserved" not in doc.text
    assert doc.publisher == "Enter Stage Right"
    kinds = {r.kind for r in doc.removed}
    assert {"navigation", "byline", "header", "author_bio", "footer"} <= kinds


def test_markdown_article_with_bio_box_and_footer():
    (doc,) = load_seed("000")
    assert doc.title.startswith("The Zarif Tape")
    assert doc.authors == ["Mehdi Khalaji"]
    assert doc.published == "2021-04-29"
    assert doc.publisher == "The Washington Institute"
    assert "is the Libitzky Family Fellow" not in doc.text
    bios = [r.text for r in doc.removed if r.kind == "author_bio"]
    assert any("is the Libitzky Family Fellow" in text for text in bios)
    for boilerplate in (
        "ABOUT THE AUTHORS",
        "Also available in",
        "RECOMMENDED",
        "SHARE",
        "All rights reserved",
        "PolicyWatch",
        "Brief Analysis",
    ):
        assert boilerplate not in doc.text
    assert doc.text.startswith("The Zarif Tape")


def test_footnote_markers_and_endnotes_are_removed():
    (doc,) = load_seed("003")
    assert "<sup>" not in doc.text
    assert "ENDNOTES" not in doc.text
    assert "Broder" not in doc.text
    endnotes = [r for r in doc.removed if r.kind == "endnotes"]
    assert endnotes and "<sup>13</sup>" in endnotes[-1].text
    markers = [r for r in doc.removed if r.kind == "markup" and r.text.startswith("<sup>")]
    assert len(markers) == 13
    # A marker stood right after a word or punctuation mark, never after a space.
    assert all(doc.text[m.at - 1] not in " \n" for m in markers)


def test_page_break_inside_a_sentence_is_rejoined():
    (doc,) = load_seed("003")
    assert "Plenty of evidence can be found" in doc.text


def test_image_file_names_and_job_titles_stay_out():
    (doc,) = load_seed("002")
    assert doc.authors == ["Scott Ferguson"]
    assert ".jpg" not in doc.text
    assert any(r.kind == "image" for r in doc.removed)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_clean_text_shape(prefix):
    for doc in load_seed(prefix):
        assert doc.text == doc.text.strip()
        assert "\n\n\n" not in doc.text
        assert re.search(r"(?<!\n)\n(?!\n)", doc.text) is None
        assert "](" not in doc.text and "**" not in doc.text
        assert not re.search(r"^#", doc.text, re.MULTILINE)
        assert doc.format == "txt"
        assert doc.source == str(seed(prefix))
        assert doc.published is None or re.fullmatch(r"\d{4}(-\d{2}){0,2}", doc.published)
        for removal in doc.removed:
            assert 0 <= removal.at <= len(doc.text)
            assert removal.text


def test_discover_finds_every_seed():
    assert [p.name[:3] for p in discover([SEEDS])] == ["000", "001", "002", "003", "004"]
