"""Each export of the bundled corpus, written once per session (read-only)."""

from __future__ import annotations

import pytest

import allsource


@pytest.fixture(scope="session")
def exported(corpus_db, tmp_path_factory):
    """exported(format) -> the path that format was written to (written on first use)."""
    folder = tmp_path_factory.mktemp("exports")
    written = {}

    def path_of(fmt: str):
        if fmt not in written:
            with allsource.open(corpus_db) as kb:
                kb.export(fmt, folder / f"kb.{fmt}")
            written[fmt] = folder / f"kb.{fmt}"
        return written[fmt]
    return path_of


@pytest.fixture(scope="session")
def store(corpus_kb):
    return corpus_kb.store


@pytest.fixture
def invoke_main():
    """invoke_main(*args) runs the command line in this process; returns click's Result."""
    from click.testing import CliRunner

    from allsource.cli.main import main

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return run
