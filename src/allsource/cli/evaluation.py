"""`allsource evaluate …`: score extraction against gold annotations.

`evaluate corpus` scores a knowledge base against our own hand annotations; the other
sub-commands each run the real pipeline over one outside benchmark and print figures beside a
baseline measured in the same run. Each sub-command lives in its own module and is imported
only when it is run, so `allsource --help` stays fast."""

from __future__ import annotations

import importlib
import json
import tempfile
from pathlib import Path

import click

from allsource.cli.options import db_option, reports_errors, write_figures
from allsource.cli.progress import run_add
from allsource.errors import InputError
from allsource.workbench import Workbench

# sub-command name -> "module:attribute" of its click command
SUBCOMMANDS: dict[str, str] = {
    "relations": "allsource.cli.eval_relations:relations",
    "events": "allsource.cli.eval_events:events",
    "coref": "allsource.cli.eval_coref:coref_command",
    "attribution": "allsource.cli.eval_attribution:attribution_command",
    "ner": "allsource.cli.eval_ner:ner",
    "aliases": "allsource.cli.eval_aliases:aliases",
    "all": "allsource.cli.eval_all:evaluate_all",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name in self.lazy:
            module_name, attribute = self.lazy[name].split(":")
            return getattr(importlib.import_module(module_name), attribute)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def evaluate() -> None:
    """Measure extraction quality: our own gold (`corpus`) and outside benchmarks."""


@evaluate.command("corpus")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=None,
              help="Build a fresh knowledge base from this folder first (in a temporary file).")
@click.option("--report", type=click.Path(dir_okay=False), default=None, help="Also write the figures as JSON.")
@reports_errors
def corpus_command(gold, db, corpus, report):
    """Score the knowledge base against GOLD annotations (precision, recall, F1 per record kind).

    Matching rules: see allsource.evaluate.corpus."""
    run_evaluation(Path(gold), db, corpus, report)


def run_evaluation(gold_path: Path, db: str, corpus: str | None, report_path: str | None) -> None:
    from allsource.evaluate.corpus import evaluate_records, format_report

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(gold_path), f"not a readable gold JSON file ({exc})") from exc
    with tempfile.TemporaryDirectory() as scratch:
        kb = Workbench(Path(scratch) / "evaluation.db" if corpus else db)
        if corpus:
            run_add(kb, [corpus])
        report = evaluate_records(gold, kb.records())
        kb.close()
    click.echo(format_report(report))
    write_figures(report.to_dict(), report_path)


def benchmark_options(default_data: str):
    """Options every outside-benchmark sub-command takes: where the dataset is, which split,
    how many items, and where to write the JSON figures."""
    def decorate(command):
        command = click.option("--report", type=click.Path(dir_okay=False), default=None,
                               help="Also write the figures as JSON.")(command)
        command = click.option("--limit", type=click.IntRange(1), default=None,
                               help="Score only the first N items of the split (a quick check).")(command)
        command = click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
                               help="Develop on dev; run test once, at the end.")(command)
        command = click.option("--data", type=click.Path(exists=True), default=default_data, show_default=True,
                               help="Where the dataset is.")(command)
        return reports_errors(command)
    return decorate


def print_benchmark(report, report_path: str | None) -> None:
    from allsource.evaluate.benchmark import format_benchmark

    click.echo(format_benchmark(report))
    write_figures(report.to_dict(), report_path)
