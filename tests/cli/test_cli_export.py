"""`allsource export --format jsonl`: one valid record per line, every reference resolvable."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from allsource.model.ontology import load_ontology

KINDS = {"document", "entity", "mention", "statement", "event", "claim", "conflict"}
FIELDS = {
    "document": {"id", "title", "authors", "publisher", "published", "source", "text"},
    "entity": {"id", "type", "name", "aliases", "mention_count"},
    "mention": {"id", "entity", "doc", "start", "end", "text"},
    "statement": {"id", "subject", "predicate", "object", "item", "role", "time", "negated", "modality", "confidence",
                  "evidence"},
    "event": {"id", "event_type", "participants", "place", "time", "evidence"},
    "claim": {"id", "speaker", "cue", "text", "direct", "about", "statement", "evidence"},
    "conflict": {"id", "a", "b", "reason"},
}


@pytest.fixture(scope="module")
def exported(corpus_db, tmp_path_factory):
    from click.testing import CliRunner

    from allsource.cli.main import main

    out = tmp_path_factory.mktemp("export") / "kb.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(corpus_db), "--format", "jsonl", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert f"wrote {len(lines)} records to {out}" in result.stderr
    return lines


@pytest.fixture(scope="module")
def by_kind(exported):
    kinds = defaultdict(list)
    for line in exported:
        record = json.loads(line)
        kinds[record["record"]].append(record)
    return kinds


def test_every_line_parses_and_names_a_known_record_kind(exported):
    assert exported
    kinds = {json.loads(line)["record"] for line in exported}
    assert kinds == KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_record_kind_has_the_documented_fields(by_kind, kind):
    assert by_kind[kind], f"no {kind} records"
    for record in by_kind[kind]:
        missing = FIELDS[kind] - set(record)
        assert not missing, (kind, record["id"], missing)


def test_field_types_follow_the_export_format(by_kind):
    for d in by_kind["document"]:
        assert isinstance(d["authors"], list) and all(isinstance(a, str) for a in d["authors"])
        assert isinstance(d["text"], str) and d["text"]
        assert d["published"] is None or len(d["published"]) == 10
    for e in by_kind["entity"]:
        assert isinstance(e["aliases"], list) and isinstance(e["mention_count"], int) and e["mention_count"] > 0
    for m in by_kind["mention"]:
        assert isinstance(m["start"], int) and isinstance(m["end"], int) and m["start"] < m["end"]
    for s in by_kind["statement"]:
        assert isinstance(s["negated"], bool) and isinstance(s["confidence"], float)
        assert s["modality"] in {"plain", "hedged", "reported"}
        assert s["evidence"] and all(set(e) == {"doc", "start", "end", "text"} for e in s["evidence"])
    for record in by_kind["statement"] + by_kind["event"]:
        time = record["time"]
        assert time is None or set(time) == {"start", "end", "precision", "text"}, time
        if time:
            assert time["start"] <= time["end"]
    for c in by_kind["claim"]:
        assert isinstance(c["direct"], bool) and isinstance(c["about"], list) and c["text"]
    for e in by_kind["event"]:
        assert isinstance(e["participants"], list)


def test_every_referenced_id_exists_in_the_export(by_kind):
    entities = {e["id"] for e in by_kind["entity"]}
    documents = {d["id"] for d in by_kind["document"]}
    records = {r["id"] for kind in ("statement", "event", "claim") for r in by_kind[kind]}
    statements = {s["id"] for s in by_kind["statement"]}
    dangling = []
    for m in by_kind["mention"]:
        dangling += [("mention", m["id"], ref) for ref in (m["entity"],) if ref not in entities]
        dangling += [("mention doc", m["id"], m["doc"])] if m["doc"] not in documents else []
    for s in by_kind["statement"]:
        refs = [s["subject"]] + [r for r in (s["object"], s["item"]) if r is not None]
        dangling += [("statement", s["id"], ref) for ref in refs if ref not in entities]
    for e in by_kind["event"]:
        refs = e["participants"] + ([e["place"]] if e["place"] else [])
        dangling += [("event", e["id"], ref) for ref in refs if ref not in entities]
    for c in by_kind["claim"]:
        dangling += [("claim", c["id"], ref) for ref in [c["speaker"], *c["about"]] if ref not in entities]
        if c["statement"] is not None and c["statement"] not in statements:
            dangling.append(("claim statement", c["id"], c["statement"]))
    for c in by_kind["conflict"]:
        dangling += [("conflict", c["id"], ref) for ref in (c["a"], c["b"]) if ref not in records]
    for kind in ("statement", "event", "claim"):
        for r in by_kind[kind]:
            dangling += [(kind + " evidence", r["id"], e["doc"]) for e in r["evidence"] if e["doc"] not in documents]
    assert dangling == []


def test_ids_are_unique_across_the_export(exported):
    ids = [json.loads(line)["id"] for line in exported]
    assert len(ids) == len(set(ids))


def test_predicates_event_types_and_entity_types_are_in_the_ontology(by_kind):
    ontology = load_ontology()
    assert {s["predicate"] for s in by_kind["statement"]} <= set(ontology.predicates)
    assert {e["event_type"] for e in by_kind["event"]} <= set(ontology.event_types)
    assert {e["type"] for e in by_kind["entity"]} <= set(ontology.entity_types)


def test_export_to_standard_output_writes_the_same_records(corpus_db, exported, invoke):
    result = invoke("export", "--db", corpus_db, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == exported


def test_export_of_an_unknown_format_is_refused_by_the_cli(corpus_db, invoke, tmp_path):
    result = invoke("export", "--db", corpus_db, "--format", "xml", "-o", tmp_path / "x")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_export_to_an_unwritable_path_is_one_error_line(corpus_db, cli, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "kb.jsonl"
    result = cli("export", "--db", corpus_db, "-o", target)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = f"error: {target}: cannot write the export (No such file or directory)"
    assert result.stderr.strip().splitlines() == [expected]


# -- the other formats (their content is checked in tests/export) --------------------------------

FILE_FORMATS = ("graphml", "gexf", "stix", "ftm")
FOLDER_FORMATS = ("csv", "parquet", "neo4j")


@pytest.mark.parametrize("fmt", FILE_FORMATS + FOLDER_FORMATS)
def test_every_format_writes_and_says_how_much(fmt, corpus_db, invoke, tmp_path):
    target = tmp_path / f"kb-{fmt}"
    result = invoke("export", "--db", corpus_db, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    count = int(result.stderr.split()[1])
    assert count > 0 and result.stderr.strip() == f"wrote {count} records to {target}"
    assert target.is_dir() == (fmt in FOLDER_FORMATS)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]  # no scratch left behind


def test_graphml_goes_to_standard_output(corpus_db, invoke):
    import networkx

    result = invoke("export", "--db", corpus_db, "--format", "graphml", "-o", "-")
    assert result.exit_code == 0
    graph = networkx.parse_graphml(result.stdout, force_multigraph=True)
    assert graph.number_of_nodes() == len(json.loads(invoke("entities", "--db", corpus_db, "--format",
                                                            "json").stdout))


@pytest.mark.parametrize("fmt, target, message", [
    ("csv", "-", "error: -: this format writes a folder of files; give a folder name with -o"),
    ("neo4j", "{file}", "error: {file}: is a file; this format writes a folder"),
    ("stix", "{folder}", "error: {folder}: is a folder; this format writes one file"),
    ("parquet", "{missing}/kb", "error: {missing}/kb: cannot write the export (No such file or directory)"),
])
def test_a_target_of_the_wrong_kind_is_one_error_line(fmt, target, message, corpus_db, cli, tmp_path):
    places = {"file": tmp_path / "kb.txt", "folder": tmp_path, "missing": tmp_path / "no" / "such"}
    places["file"].write_text("keep me", encoding="utf-8")
    result = cli("export", "--db", corpus_db, "--format", fmt, "-o", target.format(**places))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [message.format(**places)]
    assert places["file"].read_text(encoding="utf-8") == "keep me"


def test_exporting_again_into_the_same_folder_replaces_its_files(corpus_db, invoke, tmp_path):
    target = tmp_path / "tables"
    assert invoke("export", "--db", corpus_db, "--format", "csv", "-o", target).exit_code == 0
    first = (target / "entities.csv").read_text(encoding="utf-8")
    (target / "entities.csv").write_text("stale", encoding="utf-8")
    assert invoke("export", "--db", corpus_db, "--format", "csv", "-o", target).exit_code == 0
    assert (target / "entities.csv").read_text(encoding="utf-8") == first


def test_python_export_of_an_unknown_format_names_the_formats(corpus_kb, tmp_path):
    from allsource.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown export format 'xml' \\(available: jsonl, graphml, gexf, csv"):
        corpus_kb.export("xml", tmp_path / "kb.xml")
