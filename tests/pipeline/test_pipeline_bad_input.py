"""Bad files are refused one by one, each with one clear line, and never stop the good ones."""

from __future__ import annotations

import os

import pytest

import allsource


@pytest.fixture
def mixed_folder(articles):
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "broken.txt": b"Talks resumed in Baku on Monday. " + b"\x81\x8d\x90\x9d" + b" The rest is fine.\n",
        "huge.txt": ("Officials met in Tashkent to discuss the grain corridor again. " * 80).encode(),
    }
    for name, data in bad.items():
        (articles / name).write_bytes(data)
    return articles, {str(articles / name) for name in bad}


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_add_stores_good_files_and_gives_each_bad_file_one_error_line(mixed_folder, tmp_path, cli):
    folder, bad = mixed_folder
    good = {str(folder / n) for n in ("ferry.txt", "grid.md", "rail.txt")}
    assert all(os.path.getsize(p) < 2000 for p in good)
    db = tmp_path / "kb.db"
    result = cli("add", str(folder), "--db", str(db), "--workers", "1", "--max-bytes", "2000")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = _error_lines(result.stderr)
    assert len(lines) == len(bad), result.stderr
    for path in bad:
        mine = [line for line in lines if line.startswith(f"error: {path}: ")]
        assert len(mine) == 1, (path, result.stderr)
        assert len(mine[0]) > len(f"error: {path}: ") + 3  # a reason follows
    reasons = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in lines}
    assert "empty" in reasons[str(folder / "empty.txt")]
    assert "binary" in reasons[str(folder / "binary.txt")]
    assert "UTF-8" in reasons[str(folder / "broken.txt")]
    assert "limit" in reasons[str(folder / "huge.txt")]
    with allsource.open(db) as kb:
        assert {d["source"] for d in kb.documents()} == good
        assert {f["source"] for f in kb.failures()} == bad
        assert all(f["error"] for f in kb.failures())
        assert kb.counts()["failed"] == len(bad)


def test_bad_files_are_retried_and_reported_again_on_the_next_run(mixed_folder, tmp_path):
    folder, bad = mixed_folder
    with allsource.open(tmp_path / "kb.db") as kb:
        kb.add(folder, workers=1, max_bytes=2000)
        again = kb.add(folder, workers=1, max_bytes=2000)
        assert {source for source, _ in again.failed} == bad
        assert len(again.unchanged) == 3
        fixed = kb.add(folder, workers=1, max_bytes=20_000)  # the big file is now within the limit
        assert str(folder / "huge.txt") in fixed.added
        assert {f["source"] for f in kb.failures()} == bad - {str(folder / "huge.txt")}


def test_add_of_a_missing_path_exits_non_zero_with_one_line_and_creates_nothing(tmp_path, cli):
    db = tmp_path / "kb.db"
    result = cli("add", str(tmp_path / "no" / "such" / "path"), "--db", str(db))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'no' / 'such' / 'path'}: no such file or folder"]
    assert result.stdout == ""
    assert not db.exists()


def test_add_of_a_missing_path_next_to_a_good_one_adds_nothing(tmp_path, articles, cli):
    db = tmp_path / "kb.db"
    with allsource.open(db):
        pass  # an existing, empty knowledge base
    result = cli("add", str(articles), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with allsource.open(db) as kb:
        assert kb.store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        assert kb.store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


@pytest.mark.sqlite_only("a damaged SQLite file")
@pytest.mark.parametrize("command", [("entities",), ("add", "ARTICLES"), ("search", "grain"), ("show", "Iran")])
def test_a_corrupt_database_file_gives_one_error_line_and_is_left_alone(tmp_path, articles, cli, command):
    db = tmp_path / "corrupt.db"
    noise = os.urandom(64 * 1024)
    db.write_bytes(noise)
    args = [str(articles) if a == "ARTICLES" else a for a in command]
    result = cli(*args, "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {db}:"), result.stderr
    assert db.read_bytes() == noise


def test_python_api_add_of_a_missing_path_raises_input_error(tmp_path):
    with allsource.open(tmp_path / "kb.db") as kb:
        with pytest.raises(allsource.InputError, match="no such file or folder"):
            kb.add(tmp_path / "missing")
        assert kb.counts()["documents"] == 0
