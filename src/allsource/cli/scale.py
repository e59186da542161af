"""`allsource benchmark-scale`: throughput per engine, incremental cost and peak memory."""

from __future__ import annotations

import click

from allsource.cli.options import allsides_option, reports_errors


def _sizes(ctx, param, value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of numbers") from None
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("sizes must be positive numbers")
    return sizes


@click.command("benchmark-scale")
@allsides_option
@click.option("--sample", type=click.IntRange(1), default=2000, show_default=True,
              help="Articles for the throughput measurement.")
@click.option("--kb-sizes", default="2000,5000", show_default=True, callback=_sizes,
              help="Knowledge base sizes for the incremental cost (comma-separated).")
@click.option("--memory-sizes", default="500,2000,5000", show_default=True, callback=_sizes,
              help="Dump sizes for the peak memory (comma-separated).")
@click.option("--pool", type=click.IntRange(1), default=200, show_default=True,
              help="Real articles extracted once to fill the large knowledge bases.")
@click.option("--only", type=click.Choice(["throughput", "incremental", "memory"]), multiple=True,
              help="Run only this measurement (repeatable).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes extracting the pool (default: up to 2).")
@reports_errors
def benchmark_scale(allsides, sample, kb_sizes, memory_sizes, pool, only, workers):
    """How the build scales: words/s per engine (local, Dask 1 and 2 workers) against the bare
    spaCy pipeline, the cost of adding 10 articles to a large knowledge base, and peak memory.

    Figures on stdout, with a note on how each was measured; progress on stderr."""
    from allsource.bench_scale import run_scale_benchmark

    click.echo(run_scale_benchmark(allsides=allsides, sample=sample, kb_sizes=kb_sizes, memory_sizes=memory_sizes,
                                   pool=pool, only=only, workers=workers,
                                   progress=lambda line: click.echo(line, err=True)))
