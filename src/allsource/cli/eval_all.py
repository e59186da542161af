"""`allsource evaluate all`: every outside benchmark in one run, one JSON report."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import click

from allsource.cli.evaluation import evaluate
from allsource.cli.options import reports_errors, write_figures

# (label, sub-command, extra arguments); NER runs once per gold set
RUNS = (
    ("ner-conll", "ner", {"dataset": "conll"}),
    ("ner-uner", "ner", {"dataset": "uner"}),
    ("coref", "coref", {}),
    ("attribution", "attribution", {}),
    ("relations", "relations", {}),
    ("events", "events", {}),
    ("aliases", "aliases", {}),
)


@click.command("all")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="Develop on dev; run test once, at the end.")
@click.option("--only", type=click.Choice([label for label, _, _ in RUNS]), multiple=True,
              help="Run only this benchmark (repeatable).")
@click.option("--report", type=click.Path(dir_okay=False), default=None,
              help="Write every benchmark's figures into one JSON file.")
@click.pass_context
@reports_errors
def evaluate_all(ctx, split, only, report):
    """Run every outside benchmark (ner on CoNLL++ and UNER, coref, attribution, relations,
    events, aliases) on one split, each from its default dataset under ../shared/eval-data.

    Each benchmark prints its own table, matching rule and baseline; see each sub-command's
    help for the rules."""
    figures: dict[str, object] = {"split": split, "benchmarks": {}}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for label, name, extra in RUNS:
            if only and label not in only:
                continue
            click.echo(f"\n== {label} ==")
            command = evaluate.get_command(ctx, name)
            data = _default_data(command, extra)
            path = Path(scratch) / f"{label}.json"
            ctx.invoke(command, split=split, data=data, report=str(path), **extra)
            figures["benchmarks"][label] = json.loads(path.read_text(encoding="utf-8"))
    figures["seconds"] = round(time.perf_counter() - started, 1)
    click.echo(f"\nall benchmarks: {figures['seconds']:.0f} s", err=True)
    write_figures(figures, report)


def _default_data(command: click.Command, extra: dict) -> str:
    if extra.get("dataset") == "uner":
        from allsource.cli.eval_ner import UNER_DATA

        return UNER_DATA
    return next(param.default for param in command.params if param.name == "data")


