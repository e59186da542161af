"""`allsource evaluate attribution`: who-said-what spans against PolNeAR."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark
from allsource.evaluate.attribution import BASELINE, DEFAULT_POLNEAR, MATCHING_RULE


@click.command("attribution", help=f"""Score attribution (source, cue and content spans) against
PolNeAR political news, beside a nearest-PERSON quote baseline.

Matching: {MATCHING_RULE}

Baseline: {BASELINE}.""")
@benchmark_options(DEFAULT_POLNEAR)
def attribution_command(data, split, limit, report):
    from allsource.evaluate.attribution import evaluate_attribution

    print_benchmark(evaluate_attribution(Path(data), split, limit), report)
