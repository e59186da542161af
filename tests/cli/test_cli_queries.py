"""The query commands: every output format, KB selection, entity lookup and error lines."""

from __future__ import annotations

import csv
import io
import json

import pytest

COMMANDS = {
    "entities": (("entities",), ("name", "type", "subtype", "mention_count", "doc_count", "aliases", "id")),
    "statements": (("statements",), ("subject_name", "predicate", "object_name", "item_name", "role", "time",
                                     "negated", "modality", "evidence")),
    "claims": (("claims",), ("speaker_name", "cue", "text", "direct", "about_names", "negated")),
    "conflicts": (("conflicts",), ("kind", "reason", "a_evidence", "b_evidence")),
    "timeline": (("timeline",), ("time", "kind", "what", "who", "evidence")),
    "search": (("search", "S-300"), ("title", "published", "snippet", "source")),
    "merges": (("merges", "Qassem Soleimani"), ("entity_name", "member_name", "source", "reason", "score",
                                                "decided_by", "undone_at", "member")),
}


def _first_cell(value) -> str:
    if isinstance(value, dict):
        return value["text"]
    return "" if value is None else str(value)


def _outputs(invoke, db, args) -> dict[str, str]:
    out = {}
    for fmt in ("table", "json", "jsonl", "csv"):
        result = invoke(*args, "--db", db, "--format", fmt)
        assert result.exit_code == 0, (args, fmt, result.output)
        out[fmt] = result.stdout
    return out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_query_command_gives_the_same_rows_in_every_format(corpus_db, invoke, name):
    args, columns = COMMANDS[name]
    out = _outputs(invoke, corpus_db, args)
    rows = json.loads(out["json"])
    assert isinstance(rows, list) and rows, f"{name} returned nothing"
    assert [json.loads(line) for line in out["jsonl"].splitlines()] == rows
    table = list(csv.reader(io.StringIO(out["csv"])))
    assert tuple(table[0]) == columns
    assert len(table) - 1 == len(rows)
    assert [r[0] for r in table[1:]] == [_first_cell(row[columns[0]]) for row in rows]
    for row in rows:  # every row shows up in the table view too
        first = _first_cell(row[columns[0]])
        if first and "\n" not in first:
            assert first in out["table"], (name, first)


def test_show_gives_the_same_profile_in_every_format(corpus_db, invoke):
    out = _outputs(invoke, corpus_db, ("show", "Quds Force"))
    profile = json.loads(out["json"])
    assert json.loads(out["jsonl"]) == profile
    assert len(out["jsonl"].splitlines()) == 1
    statements = profile["statements_out"] + profile["statements_in"]
    table = list(csv.reader(io.StringIO(out["csv"])))
    assert len(table) - 1 == len(statements)
    assert profile["name"] in out["table"] and profile["id"] in out["table"]
    for alias in profile["aliases"]:
        assert alias in out["table"]


def test_show_finds_one_entity_under_either_transliteration(corpus_db, invoke):
    quds = json.loads(invoke("show", "Quds Force", "--db", corpus_db, "--format", "json").stdout)
    qods = json.loads(invoke("show", "Qods Force", "--db", corpus_db, "--format", "json").stdout)
    assert quds["id"] == qods["id"]
    assert {"Quds Force", "Qods Force"} <= set(quds["aliases"])


def test_statements_filtered_by_subject_and_predicate_return_only_those(corpus_db, invoke):
    russia = json.loads(invoke("show", "Russia", "--db", corpus_db, "--format", "json").stdout)["id"]
    rows = json.loads(invoke("statements", "--subject", "Russia", "--predicate", "supplies", "--db", corpus_db,
                             "--format", "json").stdout)
    assert rows
    assert {(r["subject"], r["predicate"]) for r in rows} == {(russia, "supplies")}
    everything = json.loads(invoke("statements", "--db", corpus_db, "--format", "json").stdout)
    expected = [s["id"] for s in everything if s["subject"] == russia and s["predicate"] == "supplies"]
    assert sorted(r["id"] for r in rows) == sorted(expected)


def test_claims_filtered_by_speaker_return_only_that_speaker(corpus_db, invoke):
    everything = json.loads(invoke("claims", "--db", corpus_db, "--format", "json").stdout)
    speaker = everything[0]["speaker_name"]
    rows = json.loads(invoke("claims", "--speaker", speaker, "--db", corpus_db, "--format", "json").stdout)
    assert rows and {r["speaker"] for r in rows} == {everything[0]["speaker"]}


def test_search_returns_snippets_containing_the_term(corpus_db, invoke):
    rows = json.loads(invoke("search", "S-300", "--db", corpus_db, "--format", "json").stdout)
    assert rows
    for row in rows:
        assert "s-300" in row["snippet"].lower(), row["snippet"]


def test_timeline_of_an_entity_is_a_time_ordered_part_of_the_whole(corpus_db, invoke):
    whole = json.loads(invoke("timeline", "--db", corpus_db, "--format", "json").stdout)
    part = json.loads(invoke("timeline", "Suleimani", "--db", corpus_db, "--format", "json").stdout)
    assert part and len(part) < len(whole)
    assert {r["id"] for r in part} <= {r["id"] for r in whole}
    starts = [r["time"]["start"] for r in whole]
    assert starts == sorted(starts)


def test_env_var_and_db_option_both_select_the_kb(corpus_db, cli, tmp_path):
    by_option = cli("entities", "--format", "json", "--db", corpus_db, cwd=tmp_path)
    by_env = cli("entities", "--format", "json", env={"ALLSOURCE_DB": str(corpus_db)}, cwd=tmp_path)
    assert by_option.returncode == by_env.returncode == 0
    assert json.loads(by_env.stdout) == json.loads(by_option.stdout) != []
    # the option wins over the variable
    elsewhere = tmp_path / "elsewhere.db"
    both = cli("entities", "--format", "json", "--db", corpus_db, env={"ALLSOURCE_DB": str(elsewhere)}, cwd=tmp_path)
    assert json.loads(both.stdout) == json.loads(by_option.stdout)
    assert not elsewhere.exists()
    assert list(tmp_path.iterdir()) == []  # no stray allsource.db in the working folder


def test_query_on_a_missing_kb_is_a_one_line_error_and_creates_no_file(cli, tmp_path):
    result = cli("entities", "--db", tmp_path / "typo.db")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path / 'typo.db'}: ")
    assert not (tmp_path / "typo.db").exists()


def test_show_of_an_unknown_entity_exits_1_with_one_error_line(corpus_db, cli):
    result = cli("show", "NoSuchEntity", "--db", corpus_db)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no entity named 'NoSuchEntity'")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("statements", "--subject", "Nobody"), ("claims", "--about", "Nobody"),
                                  ("timeline", "Nobody"), ("merges", "Nobody")])
def test_every_entity_filter_reports_an_unknown_name_as_one_error_line(corpus_db, invoke, args):
    result = invoke(*args, "--db", corpus_db)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("error: no entity named 'Nobody'")


def test_table_output_prints_markup_in_titles_literally(tmp_path, invoke):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "grain.txt").write_text(
        "[bold]Grain Talks[/bold] in [red]Aktau[/red]\n\nBy Sara Lind\n\n2 March 2021\n\n"
        "Kazakhstan and Azerbaijan agreed on Monday to double ferry traffic across the Caspian Sea.\n",
        encoding="utf-8")
    db = tmp_path / "kb.db"
    assert invoke("add", folder, "--db", db, "--workers", "1").exit_code == 0
    table = invoke("search", "ferry", "--db", db).stdout
    assert "[bold]Grain Talks[/bold] in [red]Aktau[/red]" in table
    profile = invoke("show", "Kazakhstan", "--db", db).stdout
    assert "[bold]Grain Talks[/bold] in [red]Aktau[/red]" in profile


def test_empty_results_print_a_note_on_stderr_only(tmp_path, invoke, corpus_db):
    result = invoke("search", "zzzyzzyva", "--db", corpus_db)
    assert result.exit_code == 0 and "(no results)" in result.stderr and "(no results)" not in result.stdout
    assert json.loads(invoke("search", "zzzyzzyva", "--db", corpus_db, "--format", "json").stdout) == []


def test_an_unseen_spelling_finds_the_entity_through_its_normalised_name(corpus_db, invoke):
    seen = json.loads(invoke("show", "Qassem Soleimani", "--db", corpus_db, "--format", "json").stdout)
    unseen = json.loads(invoke("show", "Ghasem Suleymani", "--db", corpus_db, "--format", "json").stdout)
    assert "Ghasem Suleymani" not in seen["aliases"]
    assert unseen["id"] == seen["id"]
