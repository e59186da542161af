"""Fixtures shared by every test folder: the bundled corpus built once per session (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

import allsource

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_data():
    """Returns a function that finds a path under ../shared. Tests that need outside data are
    skipped only when ../shared itself is absent; a missing file inside it is a failure."""
    def locate(*parts: str) -> Path:
        if not SHARED.is_dir():
            pytest.skip("../shared is absent beside the repository")
        path = SHARED.joinpath(*parts)
        assert path.exists(), f"{path} is missing from ../shared"
        return path
    return locate


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
