"""`allsource evaluate relations`: document-level relations against Re-DocRED's political subset."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark

RE_DOCRED_DATA = "../shared/eval-data/re-docred"


@click.command("relations")
@benchmark_options(RE_DOCRED_DATA)
@click.option("--show-misses", type=click.IntRange(0), default=0, show_default=True,
              help="Also list the first N missed gold triples with a sentence naming both entities.")
def relations(data, split, limit, report, show_misses):
    """Score allsource's statements as relation triples against Re-DocRED (political types).

    The dev split is dev_revised.json, the test split test_revised.json; only documents with a
    label of the scored types count, and --limit takes the first N of them. Each document is
    rebuilt as text from its tokens and run through the real extraction (mentions, coreference,
    statements).

    \b
    Scored types: P35 head of state, P6 head of government, P463 member of,
      P102 member of political party, P39 position held, P241 military branch,
      P607 conflict, P710 participant, P1344 participant of, P27 country of
      citizenship, P108 employer, P112 founded by, P159 headquarters location,
      P36 capital.
    Mapping from our predicates:
      citizen_of -> P27; born_in a state -> P27; employed_by -> P108;
      founded -> P112 (org, founder); based_in -> P159; capital_of -> P36
      (state, city);
      member_of / joins -> P102 if the object is a party, P241 if a person
        joins a military unit, else P463;
      takes_part_in -> P1344 and P710 (event, participant), plus P607 when a
        person or organisation takes part in an event named war, battle, siege...;
      holds_role / leads (person, body): president of a state -> P35 and P6;
        king/queen/emir/monarch/sultan... -> P35 (state, person); prime
        minister/premier/chancellor/mayor/governor -> P6 (state or place,
        person); founder -> P112; a party -> P102; a military unit -> P241;
        member -> P463; any role in a state also gives P27.
    Matching: a statement's subject or object matches every gold entity with a
      mention overlapping one of its mentions in the statement's sentence (else
      anywhere in the document); a triple (head, relation, tail) is correct
      when the gold labels hold it; triples with an argument matching no gold
      entity count as false positives.
    Baseline: every ordered pair of gold entities in one sentence, linked with
      the split's most frequent scored relation.
    """
    from allsource.evaluate.relations import evaluate_relations

    missed: list[str] = []
    print_benchmark(evaluate_relations(Path(data), split=split, limit=limit, missed=missed), report)
    if show_misses:
        click.echo(f"missed gold triples (first {min(show_misses, len(missed))} of {len(missed)}):")
        for line in missed[:show_misses]:
            click.echo(f"  {line}")
