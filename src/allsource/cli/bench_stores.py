"""`allsource benchmark-stores`: the same build and queries on SQLite and on PostgreSQL."""

from __future__ import annotations


import click

from allsource.cli.options import allsides_option, figures_json_option, reports_errors, write_figures


@click.command("benchmark-stores")
@click.option("--postgres", "postgres_url", envvar="ALLSOURCE_BENCH_POSTGRES", required=True, metavar="URL",
              help="A PostgreSQL database (postgresql://…; or set ALLSOURCE_BENCH_POSTGRES); the benchmark "
                   "works in a schema of its own there and drops it at the end.")
@click.option("--corpus", type=click.Path(file_okay=False), default=None,
              help="A folder of articles to build (default: the bundled corpus).")
@allsides_option
@click.option("--sample", type=click.IntRange(0), default=0, show_default=True,
              help="Build the first N AllSides articles instead; 0 builds --corpus.")
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True,
              help="Runs of each query; the best is kept.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for the one extraction pass (default: up to 2).")
@figures_json_option
@reports_errors
def benchmark_stores(postgres_url, corpus, allsides, sample, repeat, workers, json_path):
    """SQLite against PostgreSQL: build seconds and per-query milliseconds, with the ratios.

    Extraction runs once and both stores receive the same results, so the build times compare
    the stores alone. Progress goes to stderr."""
    from allsource.bench_stores import run_store_benchmark

    report = run_store_benchmark(postgres_url, corpus=corpus, allsides=allsides, sample=sample, repeat=repeat, workers=workers,
                                 progress=lambda line: click.echo(line, err=True))
    click.echo(report.format())
    write_figures(report.to_dict(), json_path)
