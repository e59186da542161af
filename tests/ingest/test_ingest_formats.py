"""HTML pages and PDF files, built here from scratch."""

from __future__ import annotations

import pytest

from allsource.errors import InputError
from allsource.ingest.load import load_documents

PAGE = """<!doctype html>
<html><head>
<title>Drone Parts Seized at Batumi | Black Sea Ledger</title>
<meta property="og:site_name" content="Black Sea Ledger">
<meta name="author" content="Irakli Beridze">
<meta property="article:published_time" content="2022-11-08">
</head><body>
<header><div class="brand">Black Sea Ledger</div>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/region">Regional desk archive</a></li>
<li><a href="/maps">Interactive maps hub</a></li></ul></nav></header>
<main><article>
<h1>Drone Parts Seized at Batumi</h1>
<p class="byline">By Irakli Beridze</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>Georgian customs officers seized a container of engine parts bound for Iran at the port of
Batumi last week, according to two officials familiar with the inspection.</p>
<p>The shipment had been declared as agricultural pumps, but inspectors found components that
match those used in long-range one-way attack drones.</p>
<h2>A familiar route</h2>
<p>Investigators believe the cargo crossed the Black Sea from a Russian port before it was
relabelled for the final leg through the Caucasus.</p>
</article></main>
<footer><p>Copyright 2022 Black Sea Ledger. All rights reserved.</p>
<p>Write to the newsroom through our tips line</p></footer>
</body></html>
"""


def build_pdf(*pages: list[str]) -> bytes:
    """A PDF with one page per argument, each line in Helvetica ('' leaves a gap)."""
    font = 3 + 2 * len(pages)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages))), len(pages)),
    ]
    for index, lines in enumerate(pages):
        stream = _text_stream(lines)
        bodies.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * index, font)
        )
        bodies.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    bodies.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        table_at,
    )
    return bytes(pdf)


def _text_stream(lines: list[str]) -> bytes:
    operators = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        operators.append(f"({escaped}) Tj T*")
    operators.append("ET")
    return "\n".join(operators).encode("latin-1")


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "batumi.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = load_documents(path)
    assert doc.format == "html"
    assert doc.title == "Drone Parts Seized at Batumi"
    assert doc.authors == ["Irakli Beridze"]
    assert doc.published == "2022-11-08"
    assert doc.publisher == "Black Sea Ledger"
    assert "Georgian customs officers seized a container" in doc.text
    assert "A familiar route" in doc.text.split("\n\n")


def test_html_nav_share_and_footer_are_removed_and_recorded(tmp_path):
    path = tmp_path / "batumi.htm"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = load_documents(path)
    removed = {r.text: r for r in doc.removed}
    for text, kind in [
        ("Regional desk archive", "navigation"),
        ("Interactive maps hub", "navigation"),
        ("Share on Facebook Share on X", "share"),
        ("Copyright 2022 Black Sea Ledger. All rights reserved.", "footer"),
        ("Write to the newsroom through our tips line", "footer"),
    ]:
        assert text not in doc.text
        assert removed[text].kind == kind
    assert removed["Regional desk archive"].at == 0
    assert removed["Write to the newsroom through our tips line"].at == len(doc.text)
    assert all(0 <= r.at <= len(doc.text) for r in doc.removed)


def test_html_without_article_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text(
        "<html><head><title>Shell</title></head><body><script>var a = 1;</script></body></html>"
    )
    with pytest.raises(InputError) as caught:
        load_documents(path)
    assert caught.value.reason == "no article text found in the HTML page"


def test_pdf_text_comes_back_reflowed(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(
        build_pdf(
            [
                "Grain Corridor Brief",
                "",
                "Officials in Tehran and Moscow agreed to extend the rail link",
                "through Azerbaijan, and said the first trains would run in the",
                "spring after a long delay in fund-",
                "ing from both treasuries.",
                "",
                "A joint committee will meet again in Rasht next month.",
            ]
        )
    )
    (doc,) = load_documents(path)
    assert doc.format == "pdf"
    assert doc.title == "Grain Corridor Brief"
    assert doc.text.split("\n\n") == [
        "Grain Corridor Brief",
        "Officials in Tehran and Moscow agreed to extend the rail link through Azerbaijan, and "
        "said the first trains would run in the spring after a long delay in funding from both "
        "treasuries.",
        "A joint committee will meet again in Rasht next month.",
    ]


def test_pdf_without_header_is_refused(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("just some words pretending to be a PDF file")
    with pytest.raises(InputError) as caught:
        load_documents(path)
    assert caught.value.reason == "malformed PDF: no %PDF header"


def test_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(build_pdf(["Some text"])[:60])
    with pytest.raises(InputError) as caught:
        load_documents(path)
    assert caught.value.reason.startswith(("malformed PDF", "no text layer"))


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_pdf([]))
    with pytest.raises(InputError) as caught:
        load_documents(path)
    assert caught.value.reason == "no text layer in the PDF (scanned pages?)"


def test_pdf_pages_rejoin_and_running_lines_are_set_aside(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(
        build_pdf(
            [
                "Caspian Observer Quarterly",
                "",
                "Two frigates from the northern fleet docked at Bandar Anzali on Sunday for",
                "a visit that both navies described as routine, although the timing drew",
                "comment from regional diplomats who had not been told of the",
                "",
                "1",
            ],
            [
                "Caspian Observer Quarterly",
                "",
                "plans in advance. The ships left port two days later.",
                "",
                "2",
            ],
        )
    )
    (doc,) = load_documents(path)
    assert doc.text == (
        "Two frigates from the northern fleet docked at Bandar Anzali on Sunday for a visit "
        "that both navies described as routine, although the timing drew comment from regional "
        "diplomats who had not been told of the plans in advance. The ships left port two days "
        "later."
    )
    pieces = [(r.kind, r.text) for r in doc.removed]
    assert pieces.count(("header", "Caspian Observer Quarterly")) == 2
    assert ("footer", "1") in pieces and ("footer", "2") in pieces
    assert all(0 <= r.at <= len(doc.text) for r in doc.removed)
