"""Fixtures for the store tests: the bundled corpus built once per session (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

import allsource

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"


def build_corpus_kb(tmp_path_factory) -> Path:
    """Builds the corpus knowledge base once per session; every directory's fixture shares it."""
    base = tmp_path_factory.getbasetemp() / "corpus-kb"
    db, built = base / "corpus.db", base / "built"
    if not built.exists():
        base.mkdir(exist_ok=True)
        with allsource.open(db) as kb:
            report = kb.add(CORPUS, workers=1)
        assert not report.failed, report.failed
        built.touch()
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    return build_corpus_kb(tmp_path_factory)


@pytest.fixture(scope="session")
def corpus_kb(corpus_db):
    kb = allsource.open(corpus_db)
    yield kb
    kb.close()
