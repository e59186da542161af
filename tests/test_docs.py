"""The documentation stays honest: generated pages are current, every command and exported
field is documented, every predicate is described."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import click
import pytest
import yaml

from allsource.cli.main import main as cli
from allsource.store.reads import RECORD_KINDS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXPORT_DOC = ROOT / "docs" / "export-format.md"
PREDICATES_DOC = ROOT / "docs" / "predicates.md"
ONTOLOGY = ROOT / "src" / "allsource" / "data" / "ontology.yaml"
CORPUS = ROOT / "src" / "allsource" / "data" / "corpus"
# Two articles that between them give every record kind, conflicts included.
SMALL_CORPUS = ("03-s300-saga.txt", "04-air-defence-instalments.md")


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_predicates_doc", ROOT / "dev" / "gen_predicates_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_predicates_doc_is_generated_from_the_ontology():
    generator = load_generator()
    expected = generator.render(yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8")))
    assert PREDICATES_DOC.read_text(encoding="utf-8") == expected, \
        "docs/predicates.md is out of date: run python dev/gen_predicates_doc.py"


def test_every_predicate_has_a_description_and_no_stray_keys():
    data = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    for name, spec in data["predicates"].items():
        assert isinstance(spec.get("description"), str) and spec["description"].strip(), name
        assert isinstance(spec.get("label"), str) and spec["label"].strip(), name
        # an unquoted comma inside a YAML flow mapping silently cuts a description short
        assert set(spec) == {"weight", "label", "description"}, (name, sorted(spec))
    for name, spec in data["entity_types"].items():
        assert set(spec) == {"label", "description"}, (name, sorted(spec))


def test_every_predicate_appears_in_the_predicates_doc():
    text = PREDICATES_DOC.read_text(encoding="utf-8")
    data = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    for section in ("predicates", "entity_types", "organization_subtypes", "event_types"):
        for name in data[section]:
            assert f"| `{name}` |" in text, (section, name)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"allsource {name} has no help text"
    assert re.search(rf"allsource {re.escape(name)}\b", README.read_text(encoding="utf-8")), \
        f"README.md never shows `allsource {name}`"


def group_subcommands():
    context = click.Context(cli)
    for name, command in sorted(cli.commands.items()):
        if isinstance(command, click.Group):
            for sub in command.list_commands(context):
                yield f"{name} {sub}", command.get_command(context, sub)


@pytest.mark.parametrize("name,command", list(group_subcommands()), ids=lambda value: str(value))
def test_every_subcommand_has_help_and_is_in_the_readme(name, command):
    assert command.help and command.help.strip(), f"allsource {name} has no help text"
    assert re.search(rf"allsource {re.escape(name)}\b", README.read_text(encoding="utf-8")), \
        f"README.md never shows `allsource {name}`"


def doc_sections(text: str) -> dict[str, str]:
    """Text of each `## heading` section of the export-format page."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def documented_fields(body: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.M))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from allsource.workbench import Workbench

    folder = tmp_path_factory.mktemp("corpus")
    for name in SMALL_CORPUS:
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    out = tmp_path_factory.mktemp("export") / "kb.jsonl"
    with Workbench(folder.parent / "docs-test.db") as kb:
        kb.add(folder, workers=1)
        kb.export("jsonl", out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_the_small_corpus_gives_every_record_kind(exported):
    assert {r["record"] for r in exported} == set(RECORD_KINDS)


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_export_doc_describes_every_exported_field(exported, kind):
    sections = doc_sections(EXPORT_DOC.read_text(encoding="utf-8"))
    assert kind in sections, f"docs/export-format.md has no '## {kind}' section"
    records = [r for r in exported if r["record"] == kind]
    fields = set().union(*(r.keys() for r in records))
    missing = fields - documented_fields(sections[kind])
    assert not missing, f"{kind}: undocumented fields {sorted(missing)}"
    # nested objects have their own tables: Evidence and Time under "Shared shapes", removed items in place
    shapes = bold_sections(sections["Shared shapes"])
    for field, table in (("evidence", shapes["Evidence"]), ("time", shapes["Time"]), ("removed", sections[kind])):
        inner = nested_keys(records, field)
        assert not inner - documented_fields(table), f"{kind}.{field}: undocumented {sorted(inner - documented_fields(table))}"


def bold_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^\*\*(\w+)\*\*", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def nested_keys(records: list[dict], field: str) -> set[str]:
    keys: set[str] = set()
    for record in records:
        value = record.get(field)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                keys |= item.keys()
    return keys


def test_export_doc_lists_only_fields_that_exist(exported):
    sections = doc_sections(EXPORT_DOC.read_text(encoding="utf-8"))
    for kind in RECORD_KINDS:
        records = [r for r in exported if r["record"] == kind]
        known = set().union(*(r.keys() for r in records)) | nested_keys(records, "removed")
        stale = documented_fields(sections[kind]) - known
        assert not stale, f"{kind}: documented but not exported: {sorted(stale)}"
