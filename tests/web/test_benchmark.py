"""`allsource benchmark-web` on the test knowledge base: every route answers and is measured."""

from __future__ import annotations

import json

from click.testing import CliRunner

from allsource.cli.main import main as cli

PAGES = ("overview", "entity", "dyad", "document", "evidence", "claims", "conflicts", "timeline", "graph", "search")


def test_benchmark_measures_every_page_and_its_twin(web_db, tmp_path):
    written = tmp_path / "web.json"
    result = CliRunner().invoke(cli, ["benchmark-web", "--db", str(web_db), "--repeat", "2", "--json", str(written)])
    assert result.exit_code == 0, result.output
    figures = json.loads(written.read_text())
    routes = figures["routes"]
    assert 0 < figures["floor_ms"] < max(r["page_p50_ms"] for r in routes)
    names = [r["route"] for r in routes]
    assert all(page in names and f"api:{page}" in names for page in PAGES)
    for route in routes:
        assert 0 < route["page_p50_ms"] <= route["page_p95_ms"]
        assert 0 < route["query_p50_ms"] <= route["query_p95_ms"]
        assert route["ratio_p50"] == route["page_p50_ms"] / route["query_p50_ms"]
        assert route["meets_targets"] == (route["ratio_p50"] < 5 and route["page_p95_ms"] < 300)
    assert f"of {len(routes)} routes meet both targets" in result.output


def test_serve_refuses_a_missing_knowledge_base(tmp_path):
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert "no knowledge base here" in result.output and not missing.exists()
