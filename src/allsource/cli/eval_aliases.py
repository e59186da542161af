"""`allsource evaluate aliases`: cross-document alias merging against the Phoenix actor dictionaries."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark

PHOENIX_DATA = "../shared/eval-data/petrarch2-event-coding/dictionaries"


@click.command("aliases")
@benchmark_options(PHOENIX_DATA)
@click.option("--show-errors", type=click.IntRange(0), default=0, show_default=True,
              help="Also list up to N people not resolved to one entity and N wrongly merged, with the "
                   "entity (last 8 characters of its id) and type each spelling got.")
def aliases(data, split, limit, report, show_errors):
    """Score cross-document resolution on people the Phoenix actor dictionaries list with
    several spellings, beside identical-string linking.

    People are the entries of Phoenix.Countries.actors.txt with a dated role code, no bare
    country code (a state) and no group word (Brigade, Front, Party…) in a spelling; spellings
    listed for two people are left out; people with two or more distinct spellings left are ordered by
    the SHA-1 of their primary form; dev is the first 500 of that order, test the next 500
    (--limit N scores the first N of a split). Each spelling is written into its own generated
    one-sentence document; all are added to one fresh knowledge base (ingest, extraction,
    resolution, store, as `allsource add` does).

    \b
    Matching: a spelling's entity is the entity of the mention covering the
    name in its document (a title may be left outside the mention; no mention,
    no entity).
      resolved to one: share of people all of whose spellings share an entity
      wrongly merged:  share of people with an entity that also holds another
                       person's spelling
      spelling pairs:  pairwise P/R/F1; a pair in one entity is right when both
                       spellings are the same person's
    Baseline: the same mentions, linked only when their text is identical
    (case-insensitive).
    """
    from allsource.evaluate.aliases import DEFAULT_PEOPLE, evaluate_aliases

    print_benchmark(evaluate_aliases(Path(data), split, limit or DEFAULT_PEOPLE, show_errors), report)
