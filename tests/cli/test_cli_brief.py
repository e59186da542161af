"""`allsource brief` writes HTML and Markdown files; hostile document text stays text, in the
file and in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import allsource

HOSTILE_PAGE = """<!DOCTYPE html>
<html><head><title>&lt;script&gt;alert('title')&lt;/script&gt; Tehran and Moscow &lt;img src=x onerror=alert(1)&gt;
</title><meta property="article:published_time" content="2021-03-12"></head>
<body><article><h1>&lt;script&gt;alert('title')&lt;/script&gt; Tehran and Moscow &lt;img src=x onerror=alert(1)&gt;</h1>
<p>Iran supplied Russia with drones in 2020, &lt;script&gt;alert('body')&lt;/script&gt; according to the report.
Russia supplied Iran with S-300 missiles &lt;img src=x onerror=alert(2)&gt; in 2016. Vladimir Putin met Ebrahim
Raisi in Moscow in January 2022 &lt;a href="javascript:alert(4)"&gt;link&lt;/a&gt;.</p>
<p>Putin said "Russia will keep &lt;script&gt;alert(5)&lt;/script&gt; selling weapons to Iran".</p>
</article></body></html>
"""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(html: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(html)
    return parsed


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    db = folder / "hostile.db"
    with allsource.open(db) as kb:
        report = kb.add(folder / "hostile.html", workers=1)
    assert not report.failed, report.failed
    return db


def test_brief_writes_html_and_picks_markdown_from_the_suffix(invoke, corpus_db, tmp_path):
    html_file, md_file = tmp_path / "iran-russia.html", tmp_path / "iran-russia.md"
    result = invoke("brief", "Iran", "Russia", "--db", corpus_db, "-o", html_file)
    assert result.exit_code == 0, result.output
    assert re.search(r"wrote Brief: Iran and Russia \(\d+ sentences, \d+ sources\)", result.output)
    html = html_file.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Russia supplies Iran (S-300)" in html
    assert invoke("brief", "Iran", "Russia", "--db", corpus_db, "-o", md_file).exit_code == 0
    markdown = md_file.read_text(encoding="utf-8")
    assert markdown.startswith("# Brief: Iran and Russia")
    assert len(re.findall(r"^\[\^\d+\]: ", markdown, re.M)) == len(re.findall(r'<li id="source-\d+"', html))


def test_brief_of_one_person_to_standard_output_as_markdown(invoke, corpus_db):
    result = invoke("brief", "Qasem Soleimani", "--db", corpus_db, "--format", "md", "-o", "-")
    assert result.exit_code == 0
    assert re.match(r"# Brief: Qass?em Soleimani\n", result.output)
    role = r"^- Qass?em Soleimani is described as commander of Quds Force\.(\[\^\d+\])+$"
    assert re.search(role, result.output, re.M)


def test_unknown_entity_is_one_line_error(invoke, corpus_db, tmp_path):
    result = invoke("brief", "Atlantis", "--db", corpus_db, "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no entity named 'Atlantis'")
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("entities", [("Iran", "Russia"), ("Vladimir Putin",)])
def test_hostile_titles_and_text_end_up_as_text(invoke, hostile_db, tmp_path, entities):
    out = tmp_path / "brief.html"
    assert invoke("brief", *entities, "--db", hostile_db, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    parsed = elements(html)
    tags = [tag for tag, _ in parsed.elements]
    assert "script" not in tags and "img" not in tags
    assert all(not name.startswith("on") for _, attrs in parsed.elements for name in attrs)
    assert all(not (attrs.get("href") or "").lower().startswith("javascript:") for _, attrs in parsed.elements)
    text = "".join(parsed.text)
    assert "<script>alert('title')</script> Tehran and Moscow" in text  # shown, as text
    hostile = '<a href="javascript:alert(4)">' if entities == ("Vladimir Putin",) else "<script>alert('body')"
    assert hostile in text
    markdown_file = tmp_path / "brief.md"
    assert invoke("brief", *entities, "--db", hostile_db, "-o", markdown_file).exit_code == 0
    markdown = markdown_file.read_text(encoding="utf-8")
    assert "alert" in markdown
    assert re.search(r"(?<!\\)[<>\[\]`]", re.sub(r"\[\^\d+\]:?", "", markdown)) is None


def test_nothing_in_a_hostile_brief_runs_in_chromium(invoke, hostile_db, tmp_path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    out = tmp_path / "brief.html"
    assert invoke("brief", "Iran", "Russia", "--db", hostile_db, "-o", out).exit_code == 0
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", out.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    rendered = elements(dom)
    assert [t for t, _ in rendered.elements].count("h1") == 1
    assert not [t for t, _ in rendered.elements if t in ("script", "img", "iframe")]
    assert "alert('body')" in "".join(rendered.text)
