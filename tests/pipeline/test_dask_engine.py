"""The Dask engine on a real LocalCluster: the same knowledge base as the local engine, and no
document lost when a worker process dies under it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import cloudpickle
import pytest
from distributed import WorkerPlugin

import allsource
from allsource.pipeline.engines.dask import DaskEngine
from allsource.pipeline.run import add_paths

CORPUS = Path(allsource.__file__).parent / "data" / "corpus"

# This module's plugin travels to the workers by value: they cannot import a test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class CrashOn(WorkerPlugin):
    """Test-only: ends the worker process (as an out-of-memory kill would) when it starts a task
    whose key names one of the given files; `once` files only the first time any worker meets them."""

    name = "test-crash-on"

    def __init__(self, once: str, always: str, markers: str) -> None:
        self.once, self.always, self.markers = once, always, markers

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing":
            return
        if self.always in str(key):
            os._exit(17)
        marker = Path(self.markers) / self.once
        if self.once in str(key) and not marker.exists():
            marker.touch()
            os._exit(17)


DIED_TWICE = "its worker process died twice while extracting it (the second time alone)"


def rows(kb, sql: str) -> list[tuple]:
    return sorted(tuple(r) for r in kb.store.db.execute(sql))


@pytest.fixture(scope="module")
def engine():
    with DaskEngine(workers=2) as started:
        started.start()
        yield started


@pytest.fixture(scope="module")
def crashing_run(engine, tmp_path_factory):
    """Two plain articles, one that kills its worker the first time, one that always does."""
    folder = tmp_path_factory.mktemp("crashing")
    originals = sorted(CORPUS.glob("*.txt"))[:4]
    for original, name in zip(originals, ["plain-a.txt", "crash-once.txt", "always-crash.txt", "plain-b.txt"]):
        shutil.copy(original, folder / name)
    markers = tmp_path_factory.mktemp("markers")
    engine.start().register_plugin(CrashOn("crash-once.txt", "always-crash.txt", str(markers)))
    kb = allsource.open(tmp_path_factory.mktemp("crash-kb") / "kb.db")
    report = add_paths(kb.store, [folder], engine=engine)
    yield kb, report, folder, markers
    kb.close()


def test_the_bundled_corpus_built_on_dask_matches_the_local_build(engine, corpus_db, tmp_path):
    with allsource.open(tmp_path / "dask.db") as on_dask, allsource.open(corpus_db) as local:
        report = add_paths(on_dask.store, [CORPUS], engine=engine)
        assert len(report.added) == 10 and not report.failed
        for sql in ("SELECT id, type, name, aliases, mention_count, doc_count FROM entities",
                    "SELECT id, doc, subject, predicate, object, negated FROM statements",
                    "SELECT id, event_type FROM events", "SELECT id, speaker, text FROM claims",
                    "SELECT id, a, b, kind, reason FROM conflicts"):
            assert rows(on_dask, sql) == rows(local, sql), sql
        assert rows(on_dask, "SELECT count(*) FROM conflicts") != [(0,)]


def test_a_worker_killed_mid_run_loses_no_document(crashing_run):
    kb, report, folder, markers = crashing_run
    assert (markers / "crash-once.txt").exists()  # the worker did die under that document
    stored = {Path(r[0]).name for r in kb.store.db.execute("SELECT source FROM documents")}
    assert stored == {"plain-a.txt", "crash-once.txt", "plain-b.txt"}
    assert str(folder / "crash-once.txt") in report.added


def test_a_document_that_always_kills_its_worker_is_recorded_as_failed(crashing_run):
    kb, report, folder, _ = crashing_run
    crasher = str(folder / "always-crash.txt")
    assert report.failed == [(crasher, DIED_TWICE)]
    assert [(f["source"], f["error"]) for f in kb.failures()] == [
        (crasher, DIED_TWICE)]
    assert kb.counts()["documents"] == 3


def test_scheduler_and_workers_together_are_refused():
    from allsource.errors import ConfigError

    with pytest.raises(ConfigError, match="either --scheduler"):
        DaskEngine(scheduler="tcp://127.0.0.1:1", workers=2)


def test_a_scheduler_without_the_dask_engine_is_one_error_line(tmp_path, cli):
    article = tmp_path / "a.txt"
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], article)
    result = cli("add", str(article), "--db", str(tmp_path / "kb.db"), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --scheduler needs --engine dask"
