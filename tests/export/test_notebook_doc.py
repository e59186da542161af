"""docs/notebook.md runs: its Python blocks, in order, in one namespace, against the bundled
corpus under the file name the page uses."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import networkx

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "notebook.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_the_notebook_page_runs_and_shows_real_results(corpus_db, tmp_path, monkeypatch):
    shutil.copy(corpus_db, tmp_path / "allsource-demo.db")
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks(NOTEBOOK.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, str(NOTEBOOK), "exec"), namespace)  # noqa: S102 - our own documentation
    output = printed.getvalue()
    assert re.match(r"10 documents, \d+ entities, \d+ statements", output)
    assert re.search(r"^(sells|supplies) .+ — ", output, flags=re.M)  # Russia→Iran edges with their sentences
    assert isinstance(namespace["graph"], networkx.MultiDiGraph)
    assert "Iran" in [namespace["graph"].nodes[n]["name"] for n in namespace["top"]]
    assert set(namespace["people"].columns) >= {"name", "mention_count"}
    assert (tmp_path / "allsource.graphml").exists() and (tmp_path / "allsource-tables" / "README.md").exists()
    assert (tmp_path / "allsource.stix.json").exists()
