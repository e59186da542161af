"""`allsource evaluate coref`: within-document coreference against GUM."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark
from allsource.evaluate.coref import BASELINE, DEFAULT_GUM, MATCHING_RULE


@click.command("coref", help=f"""Score coreference against GUM news and interview documents (MUC and
B-cubed beside an identical-string baseline).

Matching: {MATCHING_RULE}

Baseline: {BASELINE}.""")
@benchmark_options(DEFAULT_GUM)
def coref_command(data, split, limit, report):
    from allsource.evaluate.coref import evaluate_coref

    print_benchmark(evaluate_coref(Path(data), split, limit), report)
