"""`allsource benchmark`: the figures it prints are consistent with each other (no timing thresholds)."""

from __future__ import annotations

import json
import subprocess
import sys

COLUMNS = ("corpus", "files", "docs", "words", "build_wps", "bare1_wps", "bare2_wps", "build/bare1", "build/bare2")


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "allsource.cli.main", "benchmark", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def table(stdout: str) -> dict[str, dict[str, str]]:
    lines = stdout.splitlines()
    header = lines[0].split()
    assert tuple(header) == COLUMNS
    rows = {}
    for line in lines[1:]:
        if not line.strip():
            break
        cells = line.split()
        rows[cells[0]] = dict(zip(header, cells))
    return rows


def number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_bundled_corpus_figures_are_positive_and_the_ratios_add_up(tmp_path):
    result = run_cli("--only", "bundled", "--sample", "5", "--repeat", "1", "--json", "figures.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = table(result.stdout)
    assert list(rows) == ["bundled"]
    row = {k: number(v) for k, v in rows["bundled"].items() if k != "corpus"}
    for column, value in row.items():
        assert value > 0, column
    for bare, ratio in (("bare1_wps", "build/bare1"), ("bare2_wps", "build/bare2")):
        # printed words/s are rounded to units and ratios to hundredths
        expected = row["build_wps"] / row[bare]
        slack = 0.005 + expected * (0.5 / row["build_wps"] + 0.5 / row[bare]) + 1e-9
        assert abs(row[ratio] - expected) <= slack, (ratio, row[ratio], expected)
    assert "[bundled] build 1/1" in result.stderr  # progress goes to stderr
    assert "peak RSS" in result.stdout

    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    (corpus,) = figures["corpora"]
    assert corpus["name"] == "bundled" and corpus["documents"] == row["docs"] and corpus["words"] == row["words"]
    assert abs(corpus["ratio_build_bare1"] - corpus["bare1_seconds"] / corpus["build_seconds"]) < 1e-9
    assert round(corpus["ratio_build_bare1"], 2) == row["build/bare1"]
    assert round(corpus["build_wps"]) == row["build_wps"]


def test_a_missing_corpus_is_one_line_and_skipped(tmp_path):
    result = run_cli("--only", "seeds", "--seeds", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"skipping seeds: {tmp_path / 'nowhere'} not found (give --seeds PATH)"
    assert lines[-1].startswith("error: no corpus to measure")
    assert len(lines) == 2


def test_the_allsides_sample_is_the_first_articles_in_file_order(tmp_path):
    import gzip

    from allsource.bench import write_allsides_sample

    source = tmp_path / "allsides"
    source.mkdir()
    for shard, ids in (("articles-01.jsonl.gz", ["c", "d"]), ("articles-00.jsonl.gz", ["a", "empty", "b"])):
        with gzip.open(source / shard, "wt", encoding="utf-8") as handle:
            for article_id in ids:
                text = "" if article_id == "empty" else f"Body of {article_id}."
                handle.write(json.dumps({"id": article_id, "title": f"Title {article_id}", "text": text}) + "\n")
    assert write_allsides_sample(source, 3, tmp_path / "out") == 3
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["00000-a.txt", "00001-b.txt", "00002-c.txt"]
    assert files[0].read_text(encoding="utf-8") == "Title a\n\nBody of a.\n"
