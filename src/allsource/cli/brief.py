"""`allsource brief`: a footnoted report on one actor or one dyad, as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.options import db_option, open_kb, reports_errors


@click.command()
@click.argument("entity")
@click.argument("entity2", required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None,
              help="Output format (default: md when the file name ends in .md, otherwise html).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write ('-' for standard output).")
@reports_errors
def brief(entity, entity2, db, fmt, output):
    """Write a self-contained report on ENTITY, or on ENTITY and ENTITY2 as a pair.

    Who it is, key relationships, timeline, cooperation/conflict chart, claims and open
    conflicts; every sentence is footnoted to the document sentence it rests on. The HTML file
    loads nothing from outside and runs no script."""
    from allsource.analyze.brief import actor_brief, dyad_brief
    from allsource.export.brief_html import render_html
    from allsource.export.brief_markdown import render_markdown
    from allsource.export.files import output_file

    store = open_kb(db).store
    report = dyad_brief(store, entity, entity2) if entity2 else actor_brief(store, entity)
    fmt = fmt or ("md" if Path(output).suffix.lower() in (".md", ".markdown") else "html")
    with output_file(output) as handle:
        handle.write(render_markdown(report) if fmt == "md" else render_html(report))
    click.echo(f"wrote {report.title} ({len(report.sentences())} sentences, {len(report.sources)} sources) "
               f"to {output}", err=True)
