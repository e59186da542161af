"""`allsource benchmark-export`: peak memory of every export at two knowledge-base sizes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from allsource.cli.options import allsides_option, figures_json_option, reports_errors, write_figures
from allsource.export.formats import FORMATS


@click.command("benchmark-export")
@allsides_option
@click.option("--build", "built", type=click.IntRange(1), default=50, show_default=True,
              help="Articles to build through the whole pipeline (the first N in file order).")
@click.option("--sizes", default="500,5000", show_default=True,
              help="Knowledge-base sizes in documents, smallest first; reached by copying the built records.")
@click.option("--only", "formats", type=click.Choice(list(FORMATS)), multiple=True,
              help="Measure only this format (repeatable).")
@figures_json_option
@reports_errors
def benchmark_export(allsides, built, sizes, formats, json_path):
    """Peak memory of each export for a small and a ten times larger knowledge base (ratio < 1.5).

    Building thousands of articles through spaCy takes too long for a benchmark, so the first
    --build articles are built for real and their records are copied with new ids at the store
    level up to each size; the output says so. Progress goes to stderr."""
    from allsource.bench import iter_allsides, locate, write_allsides_sample
    from allsource.errors import ConfigError, InputError
    from allsource.export.benchmark import run_export_benchmark
    from allsource.workbench import Workbench

    try:
        wanted = sorted(int(s) for s in sizes.split(","))
    except ValueError:
        raise ConfigError(f"--sizes {sizes!r}: expected document counts separated by commas, e.g. 500,5000") from None
    if len(wanted) < 2 or wanted[0] < built:
        raise ConfigError(f"--sizes {sizes!r}: give two or more sizes, none below --build ({built})")
    folder = locate(allsides, Path("../shared/eval-data/allsides-news-scale"))
    if folder is None:
        raise InputError(allsides or "../shared/eval-data/allsides-news-scale", "no such folder")
    next(iter_allsides(folder))  # a folder without shards fails here, before anything is built
    with tempfile.TemporaryDirectory(prefix="allsource-export-bench-") as scratch:
        scratch = Path(scratch)
        count = write_allsides_sample(folder, built, scratch / "articles")
        click.echo(f"building {count} AllSides articles through the pipeline…", err=True)
        with Workbench(scratch / "built.db") as kb:
            report = kb.add(scratch / "articles")
        report = run_export_benchmark(scratch / "built.db", report.documents, wanted, scratch, list(formats) or None,
                                      progress=lambda line: click.echo(line, err=True))
    click.echo(report.format())
    write_figures(report.to_dict(), json_path)
