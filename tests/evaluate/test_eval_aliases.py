"""`allsource evaluate aliases`: the Phoenix dictionary reader, the scorer, and a floor on 100 dev people."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from allsource.cli.main import main
from allsource.errors import InputError
from allsource.evaluate.aliases import (
    GeneratedDocument,
    Outcome,
    Person,
    article_spelling,
    error_examples,
    generate_documents,
    identical_string_entity,
    read_people,
    score_outcomes,
    split_people,
    system_entity,
)

# A dictionary in the Phoenix layout, with made-up people
DICTIONARY = """# comment lines are skipped
ARDENIA_  [ARD]
+ARDENIAN_
+VELMAR_
	[ARDGOV >990101]
TOMAS_REVIK_  # a person: dated role
+TOMAS_REVIC_
+PRESIDENT_REVIK_
	[ARDGOV 990101-050101]
NORTHERN_FRONT_  # a group
+NORTHERN_FRONT_FIGHTERS_
	[ARDREB >100101]
LENA_OSK_
	[ARDGOV >010101]
ODIN_VAL_
+ODIN_VALLE_
+O._VAL_
	[ARDMIL 020101-030101]
KARA_DUN_
+O._VAL_
+KARA_DUNN_
	[ARDGOV >040101]
"""

# measured on 2026-11-23 for the first 100 dev people: resolved 0.940, wrongly merged 0.000
# (all 500 dev people: 0.904 and 0.008)
DEV_SAMPLE_PEOPLE = 100
FLOOR_RESOLVED = 0.92
CEILING_MERGED = 0.02


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.mark.parametrize("form, spelling", [
    ("HASSAN_ROUHANI_", "Hassan Rouhani"), ("BASHAR_AL-ASSAD_", "Bashar al-Assad"),
    ("ABDULLAH_II_", "Abdullah II"), ("SECRETARY_OF_STATE_JOHN_KERRY", "Secretary of State John Kerry"),
    ("U.S._ENVOY_O'BRIEN_", "U.S. Envoy O'Brien"),
])
def test_dictionary_forms_are_written_as_articles_write_them(form, spelling):
    assert article_spelling(form) == spelling


def test_people_are_entries_with_dated_roles_and_two_spellings_of_their_own(dictionary):
    people = {p.key: p.spellings for p in read_people(dictionary)}
    # the state, the group and the person with one spelling are left out; "O. Val", listed for
    # two people, is dropped from both, which leaves Kara Dun two spellings and Odin Val two
    assert people == {
        "TOMAS_REVIK_": ("Tomas Revik", "Tomas Revic", "President Revik"),
        "ODIN_VAL_": ("Odin Val", "Odin Valle"),
        "KARA_DUN_": ("Kara Dun", "Kara Dunn"),
    }


def test_splits_are_disjoint_and_stable(dictionary):
    people = read_people(dictionary)
    dev, test = split_people(people, "dev"), split_people(people, "test")
    assert len(dev) == 3 and test == []  # fewer than 500 people: all of them are dev
    assert split_people(list(reversed(people)), "dev") == dev


def test_each_spelling_gets_its_own_document():
    people = [Person("A_", ("Tomas Revik", "Tomas Revic")), Person("B_", ("Odin Val", "Odin Valle", "O. Val"))]
    documents = generate_documents(people)
    assert len(documents) == sum(len(p.spellings) for p in people)
    assert len({d.text for d in documents}) == len(documents)
    for document in documents:
        assert document.text[document.name_start:].startswith(document.spelling)


def outcome(person: int, spelling: str, entity: str | None, surface: str | None = None) -> Outcome:
    return Outcome(GeneratedDocument(person, spelling, f"{spelling} spoke.", 0), entity, surface or spelling, "person")


def test_scores_count_split_people_and_wrong_merges():
    outcomes = [
        outcome(0, "Tomas Revik", "e1"), outcome(0, "Tomas Revic", "e1"),   # resolved
        outcome(1, "Odin Val", "e2"), outcome(1, "Odin Valle", "e3"),       # split
        outcome(2, "Kara Dun", "e4"), outcome(2, "Kara Dunn", "e4"),
        outcome(3, "Kara Dunne", "e4"), outcome(3, "K. Dunne", None, None),  # merged into Kara Dun, one unfound
    ]
    scores = score_outcomes(outcomes, system_entity)
    assert scores.people == 4
    assert scores.resolved == pytest.approx(2 / 4)
    assert scores.wrongly_merged == pytest.approx(2 / 4)
    assert (scores.pairs.tp, scores.pairs.fp, scores.pairs.fn) == (2, 2, 2)
    assert scores.resolved < 1


def test_errors_list_split_and_merged_people_with_what_each_spelling_got():
    people = [Person("TOMAS_REVIK_", ()), Person("ODIN_VAL_", ()), Person("KARA_DUN_", ()), Person("KARA_DUNNE_", ())]
    outcomes = [
        outcome(0, "Tomas Revik", "ent-1"), outcome(0, "Tomas Revic", "ent-1"),
        outcome(1, "Odin Val", "ent-2"), outcome(1, "Odin Valle", "ent-3"),
        outcome(2, "Kara Dun", "ent-4"), outcome(3, "Kara Dunne", "ent-4"), outcome(3, "K. Dunne", None, None),
    ]
    lines = error_examples(outcomes, people, 5)
    assert lines[0] == "not resolved: ODIN_VAL_: Odin Val -> ent-2 person; Odin Valle -> ent-3 person"
    assert lines[1].startswith("not resolved: KARA_DUNNE_: Kara Dunne -> ent-4 person; K. Dunne -> (no mention)")
    assert lines[2] == ("wrongly merged: KARA_DUN_: Kara Dun -> ent-4 person | with KARA_DUNNE_: "
                        "Kara Dunne -> ent-4 person; K. Dunne -> (no mention) person")
    assert len(lines) == 4 and not any("TOMAS_REVIK_" in line for line in lines)
    assert error_examples(outcomes, people, 1) == [lines[0], lines[2]]


def test_identical_string_baseline_links_only_equal_surfaces():
    outcomes = [outcome(0, "President Revik", "e1", "Revik"), outcome(0, "Revik", "e1", "Revik"),
                outcome(0, "Tomas Revik", "e1")]
    scores = score_outcomes(outcomes, identical_string_entity)
    assert scores.resolved == 0.0
    assert (scores.pairs.tp, scores.pairs.fn) == (1, 2)


def test_a_file_without_entries_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt.*no actor entries"):
        read_people(path)


def test_first_dev_people_stay_above_the_floor(shared_data, tmp_path):
    data = shared_data("eval-data", "petrarch2-event-coding", "dictionaries")
    report_path = tmp_path / "aliases.json"
    result = CliRunner().invoke(main, ["evaluate", "aliases", "--data", str(data), "--limit", str(DEV_SAMPLE_PEOPLE),
                                       "--report", str(report_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    figures = {f["label"]: f for f in json.loads(report_path.read_text(encoding="utf-8"))["figures"]}
    resolved = figures["people resolved to one"]
    merged = figures["people wrongly merged"]["system"]
    assert resolved["system"] >= FLOOR_RESOLVED, (
        f"only {resolved['system']:.3f} of the first {DEV_SAMPLE_PEOPLE} dev people resolve to one entity")
    assert merged <= CEILING_MERGED, f"{merged:.3f} of the first {DEV_SAMPLE_PEOPLE} dev people are wrongly merged"
    assert resolved["system"] > resolved["baseline"] + 0.5, (
        f"resolution {resolved['system']:.3f} barely beats identical strings {resolved['baseline']:.3f}")
