"""Event-coding benchmark: readers, dictionaries and scorers on tiny inline data, then a dev sample."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from allsource.cli.evaluation import evaluate
from allsource.errors import InputError
from allsource.evaluate.events import (PHOENIX_ACTORS, ActorDictionary, Counts, GoldActor, GoldEvent, Predicted,
                                       _read_dictionary, actor_keys, baseline_predictions, read_petrarch,
                                       read_plover, read_split, score_records, trigger_lexicon)

RECORDS = """<Validation><Sentences>
<!-- <Sentence id="HIDDEN"><EventCoding sourcecode="XXX" targetcode="YYY" eventcode="190"></EventCoding>
<Text>commented out</Text></Sentence> -->
<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="---" eventcode="023"></EventCoding>
<Text>
Arnor's ministers visited
Gondor.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
</Sentences></Validation>"""


def test_petrarch_records_drop_comments_and_keep_country_roots(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(RECORDS, encoding="utf-8")
    [record] = read_petrarch(path)
    assert record.id == "T-1" and record.text == "Arnor's ministers visited Gondor."
    assert record.events == [GoldEvent("04", (GoldActor("ARN"),), (GoldActor("GON"),)), GoldEvent("02", (), ())]


def test_plover_records_map_categories_and_tolerate_string_targets(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "DOC", "event": "DOCUMENT"},
        {"id": "A", "event": "FIGHT", "text": "Rebels shelled the town.", "target": "",
         "source": [{"actorText": "Rebels", "code": "SYRREB"}]}]), encoding="utf-8")
    [record] = read_plover(path)
    assert record.events == [GoldEvent("19", (GoldActor("SYR", "Rebels"),), ())]
    assert record.actors == PHOENIX_ACTORS
    path.write_text("[", encoding="utf-8")
    with pytest.raises(InputError, match="gsr.json"):
        read_plover(path)


def test_dictionary_groups_aliases_under_a_later_code_line_and_reads_stems():
    entries, stems = {}, {}
    _read_dictionary(["KOFI_ANNAN_", "+K._ANNAN_", "\t[IGOUNO 970101-061231]", "ARGENTIN  [ARG]",
                      "GONDOR_ [GON] # a comment", "<!-- banner -->"], entries, stems)
    dictionary = ActorDictionary(entries, stems)
    assert dictionary.codes("Kofi Annan") == {"IGO"}
    assert dictionary.codes("Argentina") == {"ARG"}           # a stem entry matches longer words
    assert dictionary.codes("the Gondor army") == {"GON"}     # the longest leading run of words
    assert dictionary.codes("Rohan") == set()


def test_triples_need_the_root_and_both_actors():
    dictionary = ActorDictionary({"GONDOR": {"GON"}, "ARNOR": {"ARN"}}, {})
    arnor, gondor = actor_keys(["Arnor"], dictionary), actor_keys(["Gondor"], dictionary)
    gold = [GoldEvent("04", (GoldActor("ARN"),), (GoldActor("GON"),))]
    counts = Counts()
    counts.add([Predicted(arnor, "04", gondor), Predicted(gondor, "04", arnor), Predicted(arnor, "19", gondor)], gold)
    class_score, triple_score = counts.scores()
    assert (class_score.tp, class_score.fp, class_score.fn) == (1, 1, 0)
    assert (triple_score.tp, triple_score.fp, triple_score.fn) == (1, 2, 0)


def test_baseline_reads_trigger_words_and_capitalised_runs():
    dictionary = ActorDictionary({"GONDOR": {"GON"}, "ARNOR": {"ARN"}}, {})
    [guess] = baseline_predictions("Yesterday Arnor attacked Gondor.", trigger_lexicon(), dictionary)
    assert guess.root == "19" and "ARN" in guess.source and "GON" in guess.target


# Measured on the first 60 PLOVER records of the dev split: event class F1 0.182
# (P 0.412), triple F1 0.100 (baseline 0.186 and 0.124).
DEV_SAMPLE_FLOOR_CLASS_F1 = 0.16
DEV_SAMPLE_FLOOR_TRIPLE_F1 = 0.08


@pytest.fixture(scope="module")
def dev_sample_figures(shared_data):
    data = shared_data("eval-data")
    records = [r for r in read_split(data, "dev") if r.actors == PHOENIX_ACTORS][:60]
    return {f.label: f for f in score_records(records, data)}


def test_dev_sample_stays_above_its_floor(dev_sample_figures):
    event_class, triple = dev_sample_figures["PLOVER: event class"], dev_sample_figures["PLOVER: triple"]
    assert event_class.system.f1 >= DEV_SAMPLE_FLOOR_CLASS_F1, f"event-class F1 fell to {event_class.system.f1:.3f}"
    assert triple.system.f1 >= DEV_SAMPLE_FLOOR_TRIPLE_F1, f"triple F1 fell to {triple.system.f1:.3f}"


def test_cli_prints_both_figures_and_writes_json(shared_data, tmp_path):
    report = tmp_path / "events.json"
    result = CliRunner().invoke(evaluate, ["events", "--data", str(shared_data("eval-data")), "--limit", "5",
                                           "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "event class" in result.output and "triple" in result.output
    figures = json.loads(report.read_text())
    assert figures["benchmark"] == "events" and figures["items"] == 5
    assert figures["figures"][0]["system"]["fn"] + figures["figures"][0]["system"]["tp"] > 0
