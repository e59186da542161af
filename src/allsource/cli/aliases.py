"""`allsource aliases import FILE`: known aliases and never-merge pairs as resolution rules."""

from __future__ import annotations

import sys

import click

from allsource.cli.options import db_option, open_kb, reports_errors


@click.group()
def aliases():
    """Load known aliases and never-merge pairs (allsource aliases import FILE)."""


@aliases.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "phoenix"]), default="csv", show_default=True,
              help="csv: columns name, target, kind (alias|never); phoenix: a Phoenix .actors.txt dictionary.")
@reports_errors
def import_aliases(file, db, fmt):
    """Record the aliases and never-merge pairs in FILE as rules for documents added afterwards.

    Nothing is recorded when any row is bad; each bad row is reported with its line."""
    from allsource.export.aliaslists import AliasFileError

    try:
        report = open_kb(db, create=True).import_aliases(file, fmt)
    except AliasFileError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    skipped = f", {report.ambiguous} ambiguous alias(es) skipped" if report.ambiguous else ""
    click.echo(f"recorded {report.aliases} alias rule(s) and {report.never} never-merge rule(s) from {file}{skipped}",
               err=True)
