"""`allsource datasette-metadata`: titles, facets and canned queries for browsing in Datasette."""

from __future__ import annotations

import click

from allsource.cli.options import db_option, open_kb, reports_errors


@click.command("datasette-metadata")
@db_option
@click.option("-o", "--output", default="metadata.json", show_default=True, type=click.Path(allow_dash=True),
              help="File to write ('-' for standard output).")
@reports_errors
def datasette_metadata(db, output):
    """Write a Datasette metadata.json for the knowledge base (open it with `datasette DB -m FILE`).

    Opening the knowledge base first brings its schema up to date, so the readable views and
    full-text indexes the metadata describes are there."""
    from allsource.errors import ConfigError
    from allsource.export.datasette import write_datasette_metadata

    if "://" in db:
        raise ConfigError(f"{db}: Datasette reads SQLite files; give the knowledge base's .db file with --db")
    open_kb(db).close()
    write_datasette_metadata(db, output)
    click.echo(f"wrote Datasette metadata to {output}; browse with: datasette {db} -m {output}", err=True)
