"""Fixtures shared by every test folder: the bundled corpus built once per session (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

import allsource

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus-kb") / "corpus.db"
    with allsource.open(db) as kb:
        report = kb.add(CORPUS, workers=1)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def corpus_kb(corpus_db):
    kb = allsource.open(corpus_db)
    yield kb
    kb.close()
