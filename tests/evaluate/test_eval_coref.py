"""The GUM coreference benchmark: reader, MUC and B-cubed on hand-worked examples, and a floor
on a small dev sample so a regression fails with the figure that fell."""

from __future__ import annotations

import pytest

from allsource.errors import InputError
from allsource.evaluate.coref import (GoldMention, SystemMention, align, b_cubed, evaluate_coref, muc,
                                      named_chains, read_gum, split_documents)

# Two sentences in two paragraphs. "Ann Lee" is one chain with "she" (a flat name, headed on "Ann");
# "the firm" and "it" another without a proper name; "can't" is a multiword token.
CONLLU = """# newdoc id = tiny
# newpar
# text = Ann Lee can't go.
1\tAnn\tAnn\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=(1-person-new-x-cf1-1-coref
2\tLee\tLee\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)
3-4\tcan't\t_\t_\t_\t_\t_\t_\t_\t_
3\tca\tcan\tAUX\tMD\t_\t5\taux\t_\t_
4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_
5\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# newpar
# text = She left the firm (it closed).
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-cf1-1-ana)
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(2-organization-new-x-cf2-1-coref
4\tfirm\tfirm\tNOUN\tNN\t_\t2\tobj\t_\tEntity=2)
5\t(\t(\tPUNCT\t-LRB-\t_\t7\tpunct\t_\tSpaceAfter=No
6\tit\tit\tPRON\tPRP\t_\t7\tnsubj\t_\tEntity=(2-organization-giv-x-cf2-1-ana)
7\tclosed\tclose\tVERB\tVBD\t_\t2\tparataxis\t_\tSpaceAfter=No
8\t)\t)\tPUNCT\t-RRB-\t_\t7\tpunct\t_\tSpaceAfter=No
9\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "GUM_news_tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return read_gum(path)


def test_reader_rebuilds_text_and_mentions(tiny):
    assert tiny.text == "Ann Lee can't go.\n\nShe left the firm (it closed)."
    spans = [(tiny.text[m.start:m.end], tiny.text[m.head_start:m.head_end], m.chain) for m in tiny.mentions]
    assert spans == [("Ann Lee", "Ann Lee", "1"), ("She", "She", "1"), ("the firm", "firm", "2"), ("it", "it", "2")]


def test_only_chains_with_a_proper_name_are_scored(tiny):
    assert list(named_chains(tiny)) == ["1"]


@pytest.mark.parametrize("broken, problem", [("Entity=1)", "still open"),
                                             ("Entity=(2-organization-new-x-cf2-1-coref", "closes without opening")])
def test_unbalanced_entity_brackets_are_input_errors(tmp_path, broken, problem):
    path = tmp_path / "broken.conllu"
    path.write_text(CONLLU.replace(broken, "_"), encoding="utf-8")
    with pytest.raises(InputError, match=f"broken.conllu.*{problem}"):
        read_gum(path)


def test_muc_on_the_classic_example():
    # Vilain et al.: key {A B C D}, response {A B} {C D}: 2 of 3 links found, none wrong
    score = muc([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]])
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(1.0)
    assert score.f1 == pytest.approx(0.8)


def test_muc_counts_missing_mentions_as_their_own_partitions():
    # key {A B C}; response {A X}: A's chain loses B and C, so no key link is found
    score = muc([["A", "B", "C"]], [["A", "X"]])
    assert score.recall == 0.0
    assert score.precision == 0.0


def test_b_cubed_by_hand():
    # key {a b c} {d e}; response {a b} {c d e}: per mention recall 2/3 2/3 1/3 1 1, precision 1 1 1/3 2/3 2/3
    score = b_cubed([["a", "b", "c"], ["d", "e"]], [["a", "b"], ["c", "d", "e"]])
    assert score.recall == pytest.approx(11 / 15)
    assert score.precision == pytest.approx(11 / 15)


def test_alignment_is_by_head_and_one_to_one():
    gold = [GoldMention(0, 7, 0, 7, "1", "person", "PROPN"), GoldMention(0, 3, 0, 3, "2", "person", "PROPN")]
    ours = [SystemMention(4, 7, 4, 7, "Lee", "e1"), SystemMention(0, 3, 0, 3, "Ann", "e1"),
            SystemMention(20, 22, 20, 22, "it", "e2")]
    assert align(ours, gold) == {0: 0, 1: 1}


def test_split_lists_news_and_interviews_only(shared_data):
    names = split_documents(shared_data("eval-data", "gum-news-coref"), "dev")
    assert names == ["GUM_interview_cyclone", "GUM_interview_gaming", "GUM_news_homeopathic", "GUM_news_iodine"]


def test_dev_sample_stays_above_its_floor(shared_data):
    report = evaluate_coref(shared_data("eval-data", "gum-news-coref"), "dev", limit=2)
    by_label = {f.label: f for f in report.figures}
    muc_f1, b3_f1 = by_label["MUC"].system.f1, by_label["B-cubed"].system.f1
    assert muc_f1 >= MUC_FLOOR, f"MUC F1 fell to {muc_f1:.3f} (floor {MUC_FLOOR})"
    assert b3_f1 >= B3_FLOOR, f"B-cubed F1 fell to {b3_f1:.3f} (floor {B3_FLOOR})"
    assert muc_f1 > by_label["MUC"].baseline.f1, f"MUC F1 {muc_f1:.3f} no better than the baseline"


# measured on GUM_interview_cyclone and GUM_interview_gaming: MUC F1 0.456, B-cubed F1 0.373
MUC_FLOOR = 0.43
B3_FLOOR = 0.35
