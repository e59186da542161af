"""`allsource aliases import`: an analyst's CSV and the Phoenix actor dictionaries become
resolution rules; every bad row is reported with its file and line, and nothing is recorded."""

from __future__ import annotations

import shutil

import pytest

import allsource
from allsource.export.aliaslists import phoenix_name, read_alias_file

ARTICLES = {"a.txt": "Talks in Moscow\n\nBy Ana Ruiz\n\n3 March 2021\n\nQasem Soleimani met Russian officers in Moscow.\n",
            "b.txt": "A Trip to Damascus\n\nBy Ian Cole\n\n9 May 2021\n\nQassem Soleimani flew to Damascus for talks.\n"}


@pytest.fixture
def kb_copy(corpus_db, tmp_path):
    copy = tmp_path / "kb.db"
    shutil.copy(corpus_db, copy)
    return copy


def rules_of(db):
    with allsource.open(db) as kb:
        rules = kb.store.rules()
    return rules.always, rules.never


def test_csv_aliases_and_never_pairs_become_rules_naming_existing_entities(kb_copy, tmp_path, invoke_main):
    with allsource.open(kb_copy) as kb:
        zarif = kb.entity("Zarif")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,target,kind\n"
                       "Quds Force commander,Qassem Soleimani,alias\n"
                       f"FM Zarif,{zarif['id']},\n"
                       "Ali Larijani,Sadegh Larijani,never\n"
                       "Islamic Republic of Iran,Iran,alias\n", encoding="utf-8")
    result = invoke_main("aliases", "import", aliases, "--db", kb_copy)
    assert result.exit_code == 0, result.output
    assert "recorded 3 alias rule(s) and 1 never-merge rule(s)" in result.stderr
    always, never = rules_of(kb_copy)
    assert always["quds force commander"] == "Qassem Soleimani"
    assert always["fm zarif"] == zarif["name"]  # an entity id becomes the entity's name
    assert always["islamic republic of iran"] == "Iran"
    assert frozenset(("ali larijani", "sadegh larijani")) in never


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_recorded(kb_copy, tmp_path, invoke_main):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,target,kind\n"
                   "Good Name,Iran,alias\n"
                   "Lonely,,alias\n"
                   "Tehran,Iran,maybe\n"
                   "Kremlin,Russia,alias,extra\n"
                   "Same,same,alias\n"
                   "Good Name,Russia,alias\n", encoding="utf-8")
    before = rules_of(kb_copy)
    result = invoke_main("aliases", "import", bad, "--db", kb_copy)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{bad}:{n}" for n in (3, 4, 5, 6, 7)]
    assert lines[1] == f"error: {bad}:4: kind 'maybe' is neither alias nor never"
    assert "'Good Name' is already an alias of 'iran' (line 2)" in lines[4]
    assert rules_of(kb_copy) == before


def test_a_csv_without_the_needed_columns_is_one_error_line(kb_copy, tmp_path, invoke_main):
    bad = tmp_path / "bad.csv"
    bad.write_text("alias,canonical\nA,B\n", encoding="utf-8")
    result = invoke_main("aliases", "import", bad, "--db", kb_copy)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {bad}: line 1: the header needs columns name and target (and optionally kind); missing name, target"]


def test_an_imported_never_pair_keeps_documents_apart(tmp_path, invoke_main):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("name,target,kind\nQasem Soleimani,Qassem Soleimani,never\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    assert invoke_main("aliases", "import", pairs, "--db", db).exit_code == 0
    with allsource.open(db) as kb:
        kb.add(folder, workers=1)
        names = {e["name"] for e in kb.entities(type="person") if "Soleimani" in e["name"]}
    assert names == {"Qasem Soleimani", "Qassem Soleimani"}


def test_phoenix_names_read_as_words():
    assert phoenix_name("HASSAN_ROUHANI_") == "Hassan Rouhani"
    assert phoenix_name("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_") == "Aden Abyan Islamic Army (AAIA)"


def test_the_phoenix_dictionaries_load(shared_data, kb_copy, invoke_main):
    folder = shared_data("eval-data", "petrarch2-event-coding", "dictionaries")
    countries = read_alias_file(folder / "Phoenix.Countries.actors.txt", "phoenix")
    groups = {g.canonical: g for g in countries.groups}
    assert {"Rouhani", "Hassan Rowhani"} <= set(groups["Hassan Rouhani"].aliases)
    assert "Iranian Revolutionary Guard Corps" in groups["Revolutionary Guard"].aliases
    assert {"Taioan", "Tawian"} <= set(groups["Taiwan"].aliases)  # two aliases on one + line
    owners = {}
    for group in countries.groups:
        for alias in group.aliases:
            assert owners.setdefault(alias.lower(), group.canonical) == group.canonical, alias
    result = invoke_main("aliases", "import", folder / "Phoenix.MilNonState.actors.txt", "--format", "phoenix",
                         "--db", kb_copy)
    assert result.exit_code == 0, result.output
    always, _ = rules_of(kb_copy)
    assert always["revenge of the pakistanis"] == "Al-intiqami Al-pakistani"


def test_phoenix_alias_before_any_actor_names_the_line(tmp_path):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("# a comment\n\n+ORPHAN_ALIAS_\nACTOR_ [ABC]\n", encoding="utf-8")
    with pytest.raises(allsource.errors.InputError, match=rf"{bad}:3: alias 'Orphan Alias' comes before any actor"):
        read_alias_file(bad, "phoenix")
