"""`allsource serve` and `allsource benchmark-web`: the web app and its latency benchmark."""

from __future__ import annotations


import click

from allsource.cli.options import allsides_option, db_option, figures_json_option, open_kb, reports_errors, write_figures


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default keeps the app on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@reports_errors
def serve(db, host, port):
    """Browse the knowledge base in a local web app (pages, plus JSON under /api)."""
    import uvicorn

    from allsource.web.app import create_app

    open_kb(db).close()  # a missing file is an error here, not an empty knowledge base
    click.echo(f"serving {db} on http://{host}:{port}/ (JSON API: /api, spec: /api/openapi.json); Ctrl-C stops",
               err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@click.command("benchmark-web")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Measure this knowledge base (built there first if the file does not exist).")
@allsides_option
@click.option("--sample", type=click.IntRange(1), default=2000, show_default=True,
              help="How many AllSides articles to build from (the first N in file order).")
@click.option("--repeat", type=click.IntRange(2), default=20, show_default=True,
              help="Timed requests per route.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes for the build.")
@figures_json_option
@reports_errors
def benchmark_web(db, allsides, sample, repeat, workers, json_path):
    """p50/p95 latency of every web page and API route, each against its store query.

    Targets: every page under 5x its store query and under 300 ms at p95."""
    from allsource.web.benchmark import run_web_benchmark

    report = run_web_benchmark(db, allsides=allsides, sample=sample, repeat=repeat, workers=workers,
                               progress=lambda line: click.echo(line, err=True))
    click.echo(report.format())
    write_figures(report.to_dict(), json_path)
