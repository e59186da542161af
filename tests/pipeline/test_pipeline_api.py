"""The Python facade: `allsource.open`, `kb.add`, ResultSets that become DataFrames, a light import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import allsource
from allsource.pipeline.run import AddReport

HEAVY = ("spacy", "trafilatura", "dateparser", "pandas")
DOCUMENTED = {"open", "Workbench", "ResultSet", "AllsourceError", "InputError", "ConfigError", "StoreError",
              "NotFoundError"}


def test_open_add_and_statements_to_pandas_have_matching_rows(tmp_path, articles):
    kb = allsource.open(tmp_path / "kb.db")
    assert isinstance(kb, allsource.Workbench)
    report = kb.add(articles, workers=1)
    assert isinstance(report, AddReport) and len(report.added) == 3 and not report.failed
    statements = kb.statements()
    assert isinstance(statements, allsource.ResultSet) and len(statements) > 0
    frame = statements.to_pandas()
    assert len(frame) == len(statements)
    assert {"subject", "predicate", "object", "evidence", "subject_name"} <= set(frame.columns)
    assert list(frame["id"]) == [s["id"] for s in statements]
    subject = statements[0]["subject_name"]
    only = kb.statements(subject=subject)
    assert len(only.to_pandas()) == len(only) > 0
    assert set(only.to_pandas()["subject_name"]) == {subject}
    assert kb.entities().to_pandas().shape[0] == kb.counts()["entities"]
    kb.close()


def test_worker_processes_build_the_same_kb_as_one_process(tmp_path, articles):
    with allsource.open(tmp_path / "pool.db") as pooled, allsource.open(tmp_path / "one.db") as single:
        report = pooled.add(articles, workers=2)
        assert len(report.added) == 3 and not report.failed
        single.add(articles, workers=1)
        assert pooled.counts() == single.counts()
        strip = lambda rows: sorted((r["id"], r["predicate"], r["subject"], r["object"]) for r in rows)  # noqa: E731
        assert strip(pooled.statements()) == strip(single.statements())


def test_an_empty_result_set_converts_to_an_empty_frame(tmp_path):
    with allsource.open(tmp_path / "kb.db") as kb:
        assert len(kb.statements().to_pandas()) == 0
        assert kb.conflicts() == [] and kb.timeline() == [] and kb.search("anything") == []


def test_querying_an_unknown_entity_raises_not_found(tmp_path):
    with allsource.open(tmp_path / "kb.db") as kb:
        with pytest.raises(allsource.NotFoundError, match="no entity named 'Nobody'"):
            kb.statements(subject="Nobody")
        with pytest.raises(allsource.NotFoundError):
            kb.profile("Nobody")


def test_open_uses_the_allsource_db_variable_when_no_path_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLSOURCE_DB", str(tmp_path / "from-env.db"))
    with allsource.open() as kb:
        assert kb.path == str(tmp_path / "from-env.db")
    assert (tmp_path / "from-env.db").exists()


def _modules_after(code: str) -> list[str]:
    probe = code + f"\nimport sys, json\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_allsource_loads_no_heavy_dependency():
    assert _modules_after("import allsource") == []


def test_querying_an_existing_kb_loads_no_heavy_dependency(tmp_path, articles):
    db = tmp_path / "kb.db"
    with allsource.open(db) as kb:
        kb.add(articles, workers=1)
    code = (f"import allsource\nkb = allsource.open({str(db)!r})\n"
            "kb.entities(); kb.statements(); kb.claims(); kb.conflicts(); kb.timeline(); kb.search('grain')\n"
            "kb.merges(); kb.profile(kb.entities()[0]['name']); list(kb.records())")
    assert _modules_after(code) == []


def test_public_names_are_exactly_the_documented_ones():
    assert set(allsource.__all__) == DOCUMENTED
    assert len(allsource.__all__) == len(DOCUMENTED)
    namespace: dict = {}
    exec("from allsource import *", namespace)
    assert DOCUMENTED <= set(namespace)
    assert allsource.open.__module__ == "allsource.workbench"
    assert issubclass(allsource.NotFoundError, allsource.AllsourceError)
    with pytest.raises(AttributeError):
        allsource.no_such_name  # noqa: B018
