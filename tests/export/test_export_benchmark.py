"""`allsource benchmark-export`: the printed figures are consistent with the measurements, and
bad options are one error line. (No test asserts a memory figure; the benchmark prints it.)"""

from __future__ import annotations

import re

import pytest

from allsource.export.benchmark import RATIO_LIMIT, run_export_benchmark

pytestmark = pytest.mark.sqlite_only("the export benchmark grows copies of an SQLite file")


@pytest.fixture(scope="module")
def report(corpus_db, tmp_path_factory):
    return run_export_benchmark(corpus_db, 10, [10, 30], tmp_path_factory.mktemp("bench"), ["jsonl", "graphml"])


def test_the_larger_knowledge_base_holds_the_copies(report, corpus_kb):
    assert report.sizes == [10, 30]
    small, large = report.peak("jsonl", 10), report.peak("jsonl", 30)
    assert large.records == 3 * small.records
    assert small.records == sum(v for k, v in corpus_kb.counts().items() if k != "failed")


def test_the_table_prints_the_measured_figures(report):
    text = report.format()
    for fmt in ("jsonl", "graphml"):
        row = next(line for line in text.splitlines() if line.startswith(fmt))
        numbers = [float(n) for n in re.findall(r"\d+\.\d+", row)]
        small, large = report.peak(fmt, 10), report.peak(fmt, 30)
        assert numbers[0] == pytest.approx(small.peak_mb, abs=0.05)
        assert numbers[3] == pytest.approx(large.peak_mb, abs=0.05)
        assert numbers[-1] == pytest.approx(large.peak_mb / small.peak_mb, abs=0.005)
        assert small.peak_mb >= small.baseline_mb > 0
    assert f"limit {RATIO_LIMIT}" in text and "copied with new ids at the store level" in text


@pytest.mark.parametrize("args, message", [
    (["--sizes", "500"], "give two or more sizes"),
    (["--sizes", "a,b"], "expected document counts separated by commas"),
    (["--allsides", "{missing}"], "{missing}: no such folder"),
])
def test_bad_options_are_one_error_line(args, message, invoke_main, tmp_path):
    missing = tmp_path / "nowhere"
    result = invoke_main("benchmark-export", *[a.format(missing=missing) for a in args])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message.format(missing=missing) in lines[0]
