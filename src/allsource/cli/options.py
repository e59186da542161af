"""Options and error handling shared by every command."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from allsource.cli.output import FORMATS
from allsource.errors import AllsourceError, StoreError
from allsource.store.connect import is_url
from allsource.workbench import DB_ENV, DEFAULT_DB, Workbench


def db_option(command):
    return click.option("--db", "db", envvar=DB_ENV, default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False),
                        help=f"Knowledge base: an SQLite file or a postgresql:// URL (or set {DB_ENV}).")(command)


def format_option(command):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format.")(command)


def reports_errors(command):
    """Turns any AllsourceError into one line on stderr and exit code 1, and Ctrl-C into a
    note that finished documents are kept (each was committed on its own)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AllsourceError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted: documents already added are kept; run the same command again to finish",
                       err=True)
            sys.exit(130)
    return wrapper


def open_kb(db: str, *, create: bool = False) -> Workbench:
    """Opens the knowledge base; only commands that build one may create the file."""
    if not create and db != ":memory:" and not is_url(db) and not Path(db).exists():
        raise StoreError(f"{db}: no knowledge base here (build one with `allsource add FOLDER --db {db}`)")
    return Workbench(db, create=create)


def allsides_option(command):
    return click.option("--allsides", type=click.Path(file_okay=False), default=None,
                        help="The allsides-news-scale folder (default: ../shared/eval-data/allsides-news-scale)."
                        )(command)


def figures_json_option(command):
    return click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
                        help="Also write the figures as JSON.")(command)


def write_figures(figures: dict, path: str | None) -> None:
    """Writes FIGURES as JSON to PATH (if given), so figures can be tracked over time."""
    if not path:
        return
    try:
        Path(path).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    except OSError as exc:
        raise AllsourceError(f"{path}: cannot write the figures ({exc.strerror})") from exc
    click.echo(f"figures written to {path}", err=True)
