#!/usr/bin/env python3
"""Turn dev/example_pdf_source.txt into the PDF article of the bundled example corpus.

A deliberately small PDF writer (standard library only): the standard Helvetica fonts with
WinAnsiEncoding, one uncompressed text stream per page, lines wrapped at about 90 characters,
as many A4 pages as the text needs, an /Info dictionary (title, author, date) and a proper
cross-reference table. The output is byte-for-byte reproducible.

The source layout is the one the .txt articles use: line 1 the title, then a "By NAME" line and
a "Published DATE" line, then paragraphs separated by blank lines.

    python dev/make_example_pdf.py                 # writes the corpus PDF
    python dev/make_example_pdf.py SRC.txt OUT.pdf
    python dev/make_example_pdf.py --check         # also read the text back with pypdf
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "dev" / "example_pdf_source.txt"
DEFAULT_OUTPUT = ROOT / "src" / "allsource" / "data" / "corpus" / "09-shahed-pipeline.pdf"

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56, 64, 64
WRAP = 90  # characters per body line
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}


class Line:
    """One typeset line: font resource name, size, text, and the gap left above it."""

    def __init__(self, font: str, size: float, text: str, gap: float = 0.0) -> None:
        self.font, self.size, self.text, self.gap = font, size, text, gap

    @property
    def height(self) -> float:
        return self.size * 1.35 + self.gap


def parse_source(text: str) -> tuple[str, list[str], list[str]]:
    """(title, header lines, paragraphs) from the article source."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if not blocks:
        raise SystemExit("error: the PDF source text is empty")
    head = blocks[0].splitlines()
    title, header = head[0].strip(), [h.strip() for h in head[1:] if h.strip()]
    paragraphs = [" ".join(b.split()) for b in blocks[1:]]
    return title, header, paragraphs


def layout(title: str, header: list[str], paragraphs: list[str]) -> list[Line]:
    lines: list[Line] = []
    for part in textwrap.wrap(title, 60, break_on_hyphens=False):
        lines.append(Line("F2", 16, part))
    for i, part in enumerate(header):
        lines.append(Line("F3", 10, part, gap=6 if i == 0 else 0))
    for paragraph in paragraphs:
        for i, part in enumerate(textwrap.wrap(paragraph, WRAP, break_on_hyphens=False)):
            lines.append(Line("F1", 10.5, part, gap=9 if i == 0 else 0))
    return lines


def paginate(lines: list[Line]) -> list[list[tuple[Line, float]]]:
    """Each page as a list of (line, baseline y)."""
    pages: list[list[tuple[Line, float]]] = [[]]
    y = PAGE_HEIGHT - MARGIN_TOP
    for line in lines:
        if y - line.height < MARGIN_BOTTOM and pages[-1]:
            pages.append([])
            y = PAGE_HEIGHT - MARGIN_TOP
            line = Line(line.font, line.size, line.text)  # no gap at the top of a page
        y -= line.height
        pages[-1].append((line, y))
    return pages


def pdf_string(text: str) -> bytes:
    """A literal PDF string in WinAnsiEncoding (cp1252), with the special characters escaped."""
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise SystemExit(f"error: character {text[exc.start]!r} has no WinAnsi code; "
                         "rewrite it in the source text") from None
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def page_stream(page: list[tuple[Line, float]], number: int, total: int) -> bytes:
    out = [b"BT"]
    for line, y in page:
        out.append(f"/{line.font} {line.size:g} Tf 1 0 0 1 {MARGIN_X} {y:.2f} Tm".encode())
        out.append(pdf_string(line.text) + b" Tj")
    out.append(f"/F1 8 Tf 1 0 0 1 {PAGE_WIDTH / 2 - 20:.2f} 36 Tm".encode())
    out.append(pdf_string(f"Page {number} of {total}") + b" Tj")
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def pdf_date(header: list[str]) -> str:
    for line in header:
        match = re.search(r"(\d{1,2} \w+ \d{4})", line)
        if match:
            return datetime.strptime(match.group(1), "%d %B %Y").strftime("D:%Y%m%d000000Z")
    return "D:20000101000000Z"


def build_pdf(source_text: str) -> bytes:
    title, header, paragraphs = parse_source(source_text)
    pages = paginate(layout(title, header, paragraphs))
    author = next((h[3:] for h in header if h.startswith("By ")), "")

    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree number is known
    page_tree = add(b"")
    font_ids = {name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} "
                          f"/Encoding /WinAnsiEncoding >>".encode())
                for name, base in FONTS.items()}
    fonts = " ".join(f"/{name} {num} 0 R" for name, num in font_ids.items())
    page_ids = []
    for number, page in enumerate(pages, start=1):
        stream = page_stream(page, number, len(pages))
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        page_ids.append(add(
            f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << {fonts} >> >> /Contents {content} 0 R >>".encode()))
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[page_tree - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {page_tree} 0 R >>".encode()
    info = add(b"<< /Title " + pdf_string(title) + b" /Author " + pdf_string(author)
               + b" /Producer (allsource dev/make_example_pdf.py) /CreationDate "
               + pdf_string(pdf_date(header)) + b" >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def check(pdf_path: Path, source_text: str) -> None:
    """Read the PDF back with pypdf and compare its words with the source's."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    extracted = " ".join(page.extract_text() for page in reader.pages)
    words = re.sub(r"Page \d+ of \d+", " ", extracted).split()
    expected = source_text.split()
    if words != expected:
        for i, (a, b) in enumerate(zip(words, expected)):
            if a != b:
                raise SystemExit(f"error: text differs at word {i}: {a!r} != {b!r}")
        raise SystemExit(f"error: {len(words)} words read back, {len(expected)} expected")
    print(f"checked: pypdf reads back all {len(words)} words from {len(reader.pages)} pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="read the text back with pypdf")
    args = parser.parse_args(argv)
    source_text = args.source.read_text(encoding="utf-8")
    data = build_pdf(source_text)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    if args.check:
        check(args.output, source_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
