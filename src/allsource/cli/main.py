"""The allsource command line: a thin layer over `allsource.Workbench`."""

from __future__ import annotations

import json
import sys

import click

from allsource.cli.options import allsides_option, db_option, figures_json_option, format_option, open_kb, reports_errors, write_figures
from allsource.cli.output import emit
from allsource.export.formats import FORMATS as EXPORT_FORMATS
from allsource.workbench import DEFAULT_DB

ENTITY_COLUMNS = ("name", "type", "subtype", "mention_count", "doc_count", "aliases", "id")
STATEMENT_COLUMNS = ("subject_name", "predicate", "object_name", "item_name", "role", "time", "negated", "modality",
                     "evidence")
CLAIM_COLUMNS = ("speaker_name", "cue", "text", "direct", "about_names", "negated")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="allsource")
def main() -> None:
    """Build and query a source-cited knowledge base from a folder of articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: up to 2); with --engine dask, the local cluster's workers.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: a local process pool, or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: an existing scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--max-bytes", type=click.IntRange(1), default=20_000_000, show_default=True,
              help="Files (and dump rows) larger than this are refused.")
@reports_errors
def add(paths, db, workers, engine, scheduler, max_bytes):
    """Add files or folders (.txt, .md, .html, .pdf) and news dumps (.csv, .jsonl, optionally
    .gz, one article per row) to the knowledge base.

    Unchanged files are skipped; changed files replace their old documents; dumps are streamed."""
    from allsource.cli.progress import run_add
    from allsource.pipeline.run import check_inputs

    check_inputs(paths)  # before the knowledge base file is created
    report = run_add(open_kb(db, create=True), paths, workers=workers, max_bytes=max_bytes, engine=engine,
                     scheduler=scheduler)
    failed = len(report.failed) + report.more_failures
    click.echo(f"added {len(report.added)} file(s) ({report.documents} documents, {report.words:,} words), "
               f"{len(report.unchanged)} unchanged, {failed} failed", err=True)
    for source, reason in report.failed:
        click.echo(f"error: {source}: {reason}", err=True)
    if report.more_failures:
        click.echo(f"… and {report.more_failures} more failure(s), all recorded in the knowledge base", err=True)
    if report.failed and not report.added and not report.unchanged:
        sys.exit(1)


@main.command()
@db_option
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder to build from (default: the bundled example corpus).")
@reports_errors
def demo(db, corpus):
    """Build a knowledge base from the bundled example corpus and print a summary."""
    from allsource.cli.demo import run_demo

    run_demo(db if db != DEFAULT_DB else "allsource-demo.db", corpus)


@main.command()
@db_option
@format_option
@click.option("--type", "type_", default=None, help="Only entities of this type (person, organization, state…).")
@click.option("--search", default=None, help="Only entities whose name or alias contains this text.")
@click.option("--limit", type=click.IntRange(1), default=None)
@reports_errors
def entities(db, fmt, type_, search, limit):
    """List entities, most mentioned first."""
    emit(open_kb(db).entities(type=type_, search=search, limit=limit), fmt, ENTITY_COLUMNS)


@main.command()
@click.argument("entity")
@db_option
@format_option
@reports_errors
def show(entity, db, fmt):
    """Profile of ENTITY (name, alias or id): aliases, roles, statements, claims, documents."""
    from allsource.cli.profile import print_profile

    profile = open_kb(db).profile(entity)
    if fmt in ("json", "jsonl"):
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2 if fmt == "json" else None))
    elif fmt == "csv":
        emit(profile["statements_out"] + profile["statements_in"], "csv", STATEMENT_COLUMNS)
    else:
        print_profile(profile)


@main.command()
@db_option
@format_option
@click.option("--subject", default=None)
@click.option("--predicate", default=None)
@click.option("--object", "object_", default=None)
@click.option("--entity", default=None, help="Statements with this entity on either side.")
@reports_errors
def statements(db, fmt, subject, predicate, object_, entity):
    """List statements, each with its source sentence."""
    emit(open_kb(db).statements(subject=subject, predicate=predicate, object=object_, entity=entity), fmt,
         STATEMENT_COLUMNS)


@main.command()
@db_option
@format_option
@click.option("--speaker", default=None)
@click.option("--about", default=None)
@reports_errors
def claims(db, fmt, speaker, about):
    """List who claimed what."""
    emit(open_kb(db).claims(speaker=speaker, about=about), fmt, CLAIM_COLUMNS)


@main.command()
@db_option
@format_option
@reports_errors
def conflicts(db, fmt):
    """List contradictions between sources, with both sides' evidence."""
    rows = open_kb(db).conflicts()
    for row in rows:
        row["a_evidence"] = row["a_record"]["evidence"][:1]
        row["b_evidence"] = row["b_record"]["evidence"][:1]
    emit(rows, fmt, ("kind", "reason", "a_evidence", "b_evidence"))


@main.command()
@click.argument("entity", required=False)
@db_option
@format_option
@reports_errors
def timeline(entity, db, fmt):
    """Events and dated statements in time order, optionally for one ENTITY."""
    emit(open_kb(db).timeline(entity), fmt, ("time", "kind", "what", "who", "evidence"))


@main.command()
@click.argument("text")
@db_option
@format_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@reports_errors
def search(text, db, fmt, limit):
    """Full-text search over documents, with snippets."""
    emit(open_kb(db).search(text, limit), fmt, ("title", "published", "snippet", "source"))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="jsonl", show_default=True,
              help="jsonl, graphml, gexf, stix, ftm write a file; csv, parquet, neo4j a folder.")
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
              help="File or folder to write ('-' for standard output, file formats only).")
@reports_errors
def export(db, fmt, output):
    """Export the whole knowledge base (formats: docs/exports.md, JSON Lines: docs/export-format.md)."""
    count = open_kb(db).export(fmt, output)
    click.echo(f"wrote {count} records to {output}", err=True)


@main.command()
@click.argument("entity", required=False)
@db_option
@format_option
@reports_errors
def merges(entity, db, fmt):
    """List merge judgements (why each document's mention joined an entity)."""
    emit(open_kb(db).merges(entity), fmt, ("entity_name", "member_name", "source", "reason", "score", "decided_by",
                                          "undone_at", "member"))


@main.command()
@click.argument("member")
@db_option
@reports_errors
def unmerge(member, db):
    """Split MEMBER (an id from `allsource merges`) out of its entity.

    A never-merge rule between the member's name and the entity's remaining name is recorded,
    so documents added later keep them apart. Names spelled identically cannot be told apart
    by a rule: such a member may merge back if its document changes and is re-added."""
    new_id = open_kb(db).unmerge(member)
    click.echo(f"split {member} into entity {new_id}", err=True)


@main.command()
@click.argument("kind", type=click.Choice(["never", "always"]))
@click.argument("name_a")
@click.argument("name_b")
@db_option
@reports_errors
def rule(kind, name_a, name_b, db):
    """Add a resolution rule: never merge NAME_A and NAME_B, or always merge NAME_A into NAME_B.

    Rules apply to documents added afterwards."""
    open_kb(db, create=True).add_rule(kind, name_a, name_b)
    click.echo(f"rule added: {kind} {name_a!r} {name_b!r}", err=True)


@main.command()
def ontology():
    """Print the ontology (entity types, predicates with weights, event types) as JSON."""
    from allsource.model.ontology import load_ontology

    click.echo(json.dumps(load_ontology().as_dict(), indent=2))


@main.command()
@click.option("--seeds", type=click.Path(file_okay=False), default=None,
              help="Folder of reference articles (default: ../shared/seeds, or the one beside the repository).")
@allsides_option
@click.option("--sample", type=click.IntRange(1), default=200, show_default=True,
              help="How many AllSides articles to build (the first N in file order).")
@click.option("--only", type=click.Choice(["seeds", "allsides", "bundled"]), multiple=True,
              help="Measure only this corpus (repeatable).")
@click.option("--repeat", type=click.IntRange(1), default=1, show_default=True,
              help="Runs per measurement; the best is kept.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: up to 2).")
@figures_json_option
@reports_errors
def benchmark(seeds, allsides, sample, only, repeat, workers, json_path):
    """Throughput of the whole build against the bare spaCy pipeline on the same texts.

    Prints words per second for each corpus and the ratio build/bare; progress goes to stderr."""
    from allsource.bench import run_benchmark

    report = run_benchmark(seeds=seeds, allsides=allsides, sample=sample, only=only, repeat=repeat,
                           workers=workers, progress=lambda line: click.echo(line, err=True))
    click.echo(report.format())
    write_figures(report.to_dict(), json_path)


def _register_subcommand_groups() -> None:
    from allsource.cli.aliases import aliases
    from allsource.cli.bench_stores import benchmark_stores
    from allsource.cli.datasette import datasette_metadata
    from allsource.cli.export_benchmark import benchmark_export
    from allsource.cli.brief import brief
    from allsource.cli.evaluation import evaluate
    from allsource.cli.scale import benchmark_scale
    from allsource.cli.serve import benchmark_web, serve

    main.add_command(evaluate)
    main.add_command(benchmark_scale)
    main.add_command(benchmark_stores)
    main.add_command(serve)
    main.add_command(benchmark_web)
    main.add_command(aliases)
    main.add_command(datasette_metadata)
    main.add_command(benchmark_export)
    main.add_command(brief)


_register_subcommand_groups()

if __name__ == "__main__":
    main()
