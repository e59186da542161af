"""Fixtures for the command-line tests: an in-process runner and a subprocess runner
(the corpus knowledge base comes from tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from allsource.cli.main import main


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ALLSOURCE_DB"}
    env["COLUMNS"] = "250"
    return env


@pytest.fixture
def invoke(monkeypatch):
    """invoke(*args, env=None) runs the command line in this process; returns click's Result."""
    monkeypatch.delenv("ALLSOURCE_DB", raising=False)

    def run(*args: str, env: dict | None = None):
        runner = CliRunner(env={"COLUMNS": "250", **(env or {})})
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    return run


@pytest.fixture
def cli():
    """cli(*args, env=None, cwd=None) runs `python -m allsource.cli.main` in a fresh process."""
    def run(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "allsource.cli.main", *map(str, args)], capture_output=True,
                              text=True, env={**_env(), **(env or {})}, cwd=cwd, timeout=120)
    return run


ARTICLES = {
    "a.txt": (
        "Envoy From Tehran Lands in Damascus\n\nBy Lena Ortiz\n\n4 May 2019\n\n"
        "General Qasem Soleimani, the commander of the Quds Force, flew to Damascus on Tuesday for talks with "
        "Syrian officers. Soleimani told reporters that the two armies would keep working together.\n"
    ),
    "b.txt": (
        "A Quiet Trip to Moscow\n\nBy Tomas Berg\n\n12 August 2015\n\n"
        "Qassem Soleimani arrived in Moscow in July 2015 and met Russian defence officials. Soleimani discussed "
        "air cover for ground operations in Syria with his hosts.\n"
    ),
}


@pytest.fixture
def soleimani_articles(tmp_path) -> Path:
    """Two short reports spelling the same general's name two ways."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
