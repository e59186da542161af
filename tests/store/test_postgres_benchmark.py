"""`allsource benchmark-stores`: both builds hold the same knowledge base, every query is timed on
both stores, and the printed ratios are those of the figures (no test asserts a speed)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from allsource.cli.main import main

SERVER = os.environ.get("ALLSOURCE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: set ALLSOURCE_TEST_POSTGRES or run dev/test")

ARTICLES = {
    "talks.txt": ("Talks in Baku\n\nBy Ana Reyes\n\n5 May 2021\n\nAzerbaijan and Turkey signed a gas agreement in "
                  "Baku on Monday. Ilham Aliyev said the pipeline would carry gas to Europe.\n"),
    "port.txt": ("A New Port\n\nBy Ana Reyes\n\n9 June 2021\n\nTurkey supplied Azerbaijan with cranes for the port "
                 "of Alat. Ilham Aliyev visited Ankara in June to thank the government.\n"),
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder.parent / "figures.json"
    result = CliRunner().invoke(main, ["benchmark-stores", "--postgres", SERVER, "--corpus", str(folder),
                                       "--repeat", "2", "--workers", "1", "--json", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_every_step_is_timed_on_both_stores_and_the_ratios_are_those_figures(figures):
    stdout, data = figures
    assert data["corpus"] == "bench-articles0" and stdout.startswith("corpus bench-articles0: 2 documents")
    assert data["documents"] == 2 and data["words"] > 40
    assert data["build_seconds"]["sqlite"] > 0 and data["build_seconds"]["postgres"] > 0
    rows = {line.split("  ")[0].strip(): line.split() for line in stdout.splitlines()[3:]}
    assert len(data["queries"]) >= 12
    for query in data["queries"]:
        sqlite, postgres = query["seconds"]["sqlite"], query["seconds"]["postgres"]
        assert sqlite > 0 and postgres > 0
        cells = rows[query["query"]]
        assert float(cells[-2]) == pytest.approx(postgres / sqlite, abs=0.006)
    entities = next(q for q in data["queries"] if q["query"] == "entities (all)")
    assert entities["rows"] >= 3  # Azerbaijan, Turkey, Ilham Aliyev at least


def test_the_benchmark_leaves_no_schema_behind(figures):
    import psycopg

    with psycopg.connect(SERVER) as conn:
        left = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'allsource_bench%'").fetchall()
    assert left == []


def test_a_file_path_instead_of_a_url_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["benchmark-stores", "--postgres", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'kb.db'}: not a postgresql:// URL"]
