"""`allsource benchmark-web` on the test knowledge base: every route answers and is measured."""

from __future__ import annotations

from allsource.web.benchmark import run_web_benchmark


def test_benchmark_measures_every_page_and_its_twin(web_db):
    report = run_web_benchmark(web_db, repeat=2)
    names = [r.route for r in report.routes]
    for page in ("overview", "entity", "dyad", "document", "evidence", "claims", "conflicts", "timeline", "graph",
                 "search"):
        assert page in names and f"api:{page}" in names
    assert all(r.page_p50_ms > 0 and r.query_p50_ms > 0 for r in report.routes)
    assert all(r.page_p95_ms >= r.page_p50_ms for r in report.routes)
    text = report.format()
    assert "ratio p50" in text and f"of {len(report.routes)} routes meet both targets" in text
