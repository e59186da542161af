"""A killed `allsource add` leaves whole documents behind, and the next run finishes the job."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest

import allsource

FILES = 12


def _documents_so_far(db) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
    except sqlite3.Error:
        return 0
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # schema not there yet, or the writer holds a lock
        return 0
    finally:
        con.close()


def _kill_once_a_document_is_stored(argv, env, db) -> int:
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while process.poll() is None and time.monotonic() < deadline:
            if _documents_so_far(db) >= 1:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.sqlite_only("watches the SQLite file while the writer runs, then checks it with SQLite's pragmas")
def test_killed_add_leaves_a_sound_kb_and_a_rerun_matches_an_uninterrupted_build(
        tmp_path, generate, cli_argv, cli_environment):
    folder = tmp_path / "reports"
    generate(folder, FILES)
    db = tmp_path / "killed.db"
    code = _kill_once_a_document_is_stored(cli_argv("add", str(folder), "--db", str(db), "--workers", "1"),
                                           cli_environment, db)
    assert code == -signal.SIGKILL, f"add ended with {code} before it could be interrupted"

    with allsource.open(db) as kb:
        con = kb.store.db
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 1 <= stored < FILES
        done = {r[0] for r in con.execute("SELECT path FROM sources WHERE status = 'done'")}
        assert done == {r[0] for r in con.execute("SELECT source FROM documents")}
        assert con.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS"
                           " (SELECT 1 FROM mentions m WHERE m.doc = d.id)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM local_entities WHERE entity IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM local_entities l WHERE NOT EXISTS"
                           " (SELECT 1 FROM entities e WHERE e.id = l.entity)").fetchone()[0] == 0

        report = kb.add(folder, workers=1)
        assert sorted(report.unchanged) == sorted(done)
        assert len(report.added) == FILES - len(done) and not report.failed
        resumed = kb.counts()

    with allsource.open(tmp_path / "fresh.db") as fresh:
        fresh.add(folder, workers=1)
        assert fresh.counts() == resumed
        assert resumed["documents"] == FILES
