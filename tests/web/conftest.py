"""Fixtures for the web app: a knowledge base from ../shared/seeds (the bundled corpus when
../shared is absent) plus one hostile document, and the real app served by uvicorn."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

import allsource

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# An article whose title and body carry markup as text (escaped in the HTML source, so the
# reader keeps it as characters); each piece would set a flag if a page let it run.
HOSTILE_ARTICLE = """<html><head><title>Moscow notes &lt;script&gt;window.__pwned = "title"&lt;/script&gt;</title></head>
<body><article><h1>Moscow notes &lt;script&gt;window.__pwned = "title"&lt;/script&gt;&lt;img src=x onerror="window.__pwned='img'"&gt;</h1>
<p>Iran and Russia &lt;script&gt;window.__pwned = "body"&lt;/script&gt; signed a treaty in Moscow in 2001.</p>
<p>Vladimir Putin met &lt;b onmouseover="window.__pwned='hover'"&gt;Hassan Rouhani&lt;/b&gt; in Tehran in 2018,
&lt;img src=x onerror="window.__pwned='onerror'"&gt; the report says.</p>
<p>Analysts keep the file at &lt;a href="javascript:window.__pwned='link'"&gt;the archive&lt;/a&gt; in Moscow.</p>
<p>"Russia will never abandon Iran &lt;script&gt;alert(1)&lt;/script&gt;," said Sergei Lavrov.</p>
</article></body></html>
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, shared_data) -> Path:
    """Read-mostly: tests that change the knowledge base work on a copy (`fresh_db_copy`)."""
    articles = shared_data("seeds") if SHARED.is_dir() else CORPUS
    folder = tmp_path_factory.mktemp("web-kb")
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "hostile-note.html").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = folder / "web.db"
    with allsource.open(db) as kb:
        report = kb.add([articles, hostile], workers=1)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def fresh_db_copy(web_db, tmp_path_factory):
    """A function returning a private copy of the knowledge base."""
    def copy() -> Path:
        target = tmp_path_factory.mktemp("web-kb-copy") / "web.db"
        shutil.copy(web_db, target)
        return target
    return copy


@contextmanager
def serving(db: Path):
    """The app on `db` in uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    from allsource.web.app import create_app

    app = create_app(db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.kb.close()


@pytest.fixture(scope="session")
def live_app(web_db):
    with serving(web_db) as url:
        yield url


@pytest.fixture(scope="session")
def serve_app():
    """`serving` itself, for a test that needs the app on its own knowledge base."""
    return serving


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and dialogs; a test fails on either."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.errors, opened.dialogs = [], []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
