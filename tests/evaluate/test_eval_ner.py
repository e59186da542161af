"""`allsource evaluate ner`: gold readers, span scoring, and a floor on the first CoNLL++ dev sentences."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from allsource.cli.main import main
from allsource.errors import InputError
from allsource.evaluate.ner import (
    DocumentResult,
    detect_format,
    limit_sentences,
    read_conll,
    read_uner,
    report_for,
    score_spans,
)

CONLL = """-DOCSTART- -X- -X- O

Paul NNP B-NP B-PER
Tiller NNP I-NP I-PER
left VBD B-VP O
Oslo NNP B-NP B-LOC
. . O O

Kestrel NNP B-NP B-ORG
Bank NNP I-NP I-ORG
fell VBD B-VP O
. . O O

-DOCSTART- -X- -X- O

Danish JJ B-NP B-MISC
markets NNS I-NP O
rose VBD B-VP O
. . O O
"""

UNER = """# newdoc id = mail-1
# sent_id = mail-1-0001
# text = Ask Rosa Pell in Leeds
1\tAsk\tO\t-\t-
2\tRosa\tB-PER\t-\tx
3\tPell\tI-PER\t-\tx
4\tin\tO\t-\t-
5\tLeeds\tB-LOC\t-\tx

# newdoc id = mail-2
# sent_id = mail-2-0001
# text = Thanks
1\tThanks\tO\t-\t-
"""

# the floor for the first 300 CoNLL++ dev sentences (sports results, mostly); measured on
# 2026-11-23: allsource F1 0.501, bare pipeline 0.475
DEV_SAMPLE_SENTENCES = 300
FLOOR_F1 = 0.49
FLOOR_MARGIN = 0.015


@pytest.fixture
def conll_file(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_conll_documents_are_rebuilt_with_exact_entity_offsets(conll_file):
    documents = read_conll(conll_file)
    assert [len(d.sentences) for d in documents] == [2, 1]
    text, entities = documents[0].text_and_entities()
    assert text == "Paul Tiller left Oslo .\n\nKestrel Bank fell ."
    assert {(text[s:e], label) for s, e, label in entities} == {
        ("Paul Tiller", "PER"), ("Oslo", "LOC"), ("Kestrel Bank", "ORG")}
    second_text, second = documents[1].text_and_entities()
    assert {(second_text[s:e], label) for s, e, label in second} == {("Danish", "MISC")}


def test_uner_documents_follow_newdoc_comments(tmp_path):
    path = tmp_path / "web.iob2"
    path.write_text(UNER, encoding="utf-8")
    assert detect_format(path) == "uner"
    documents = read_uner(path)
    assert len(documents) == 2
    text, entities = documents[0].text_and_entities()
    assert {(text[s:e], label) for s, e, label in entities} == {("Rosa Pell", "PER"), ("Leeds", "LOC")}


def test_format_is_detected_and_limit_counts_sentences(conll_file):
    assert detect_format(conll_file) == "conll"
    cut = limit_sentences(read_conll(conll_file), 1)
    assert [len(d.sentences) for d in cut] == [1]


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("-DOCSTART- -X- -X- O\n\nParis NNP B-NP LOC\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.txt.*line 3"):
        read_conll(path)


def test_only_exact_span_and_type_count():
    gold = {(0, 11, "PER"), (17, 21, "LOC"), (30, 36, "MISC")}
    predicted = {(0, 11, "PER"), (17, 21, "ORG"), (30, 36, "ORG"), (40, 44, "LOC")}
    tally = score_spans(gold, predicted)
    assert (tally.score("PER").tp, tally.score("PER").fp, tally.score("PER").fn) == (1, 0, 0)
    assert (tally.score("LOC").tp, tally.score("LOC").fp, tally.score("LOC").fn) == (0, 1, 1)
    # ORG on the LOC span and ORG on the MISC span are both wrong: MISC gold is dropped, not excused
    assert tally.score("ORG").fp == 2
    overall = tally.score()
    assert (overall.tp, overall.fp, overall.fn) == (1, 3, 1)
    assert overall.f1 < 1


def test_report_puts_system_beside_baseline():
    result = DocumentResult("d", "Paul Tiller left Oslo", {(0, 11, "PER"), (17, 21, "LOC")},
                            system={(0, 11, "PER"), (17, 21, "LOC")}, baseline={(0, 4, "PER"), (17, 21, "LOC")})
    report = report_for([result], "tiny", "dev")
    overall = report.figures[-1]
    assert overall.system.f1 == 1.0
    assert overall.baseline.f1 == pytest.approx(0.5)


def test_first_dev_sentences_stay_above_the_floor(shared_data, tmp_path):
    data = shared_data("eval-data", "conllpp-ner")
    report_path = tmp_path / "ner.json"
    result = CliRunner().invoke(main, ["evaluate", "ner", "--data", str(data), "--limit", str(DEV_SAMPLE_SENTENCES),
                                       "--report", str(report_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "exact character span and type" in result.output
    figures = json.loads(report_path.read_text(encoding="utf-8"))
    assert figures["items"] == DEV_SAMPLE_SENTENCES
    overall = next(f for f in figures["figures"] if f["label"].startswith("overall"))
    system, baseline = overall["system"]["f1"], overall["baseline"]["f1"]
    assert system >= FLOOR_F1, f"NER F1 on the first {DEV_SAMPLE_SENTENCES} dev sentences fell to {system:.3f}"
    assert system - baseline >= FLOOR_MARGIN, (
        f"NER F1 {system:.3f} is only {system - baseline:+.3f} over the bare pipeline's {baseline:.3f}")


def test_a_missing_split_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "ner", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "conllpp_dev.txt" in result.output and "Traceback" not in result.output
