"""`allsource evaluate events`: who did what to whom, against PETRARCH2 and PLOVER gold codings."""

from __future__ import annotations

from pathlib import Path

import click

from allsource.cli.evaluation import benchmark_options, print_benchmark

EVENT_DATA = "../shared/eval-data"


@click.command("events")
@benchmark_options(EVENT_DATA)
def events(data, split, limit, report):
    """Score allsource's events and statements against hand-coded political events.

    DATA is the folder holding petrarch2-event-coding/ and plover-gsr/. Each record's sentence
    runs through the real extraction on its own.

    \b
    Splits: dev = the 284 PETRARCH2 unit-test records plus the PLOVER GSR
      records at even positions; test = the PLOVER records at odd positions.
    Event class: the CAMEO root. PLOVER: AGREE 03, CONSULT 04, SUPPORT 05,
      COOPERATE 06, AID 07, CONCEDE/RETREAT 08, INVESTIGATE 09, DEMAND 10,
      DISAPPROVE 11, REJECT 12, THREATEN 13, PROTEST 14, MOBILIZE 15,
      SANCTION 16, COERCE 17, ASSAULT 18, FIGHT 19. Ours: meeting, visit,
      meets, visits, negotiates_with 04; agreement, signs, supports,
      allied_with 05; cooperates_with, trains 06; delivery, supplies, sells 07;
      criticizes, accuses, sues 11; opposes 12; exercise, intervention 15; sanction,
      sanctions, withdraws_from 16; death, kills 18; attack, attacks 19.
    Actors: a gold code's first three letters (country or IGO/NGO group). Our
      entity matches when the PETRARCH validation dictionary (dev PETRARCH
      records) or the Phoenix country, international and non-state
      dictionaries (PLOVER records) give its name or an alias that code, or,
      for PLOVER, when it shares a word of 4+ letters with the gold actor text.
    Counting: event class per sentence (set of roots); triples (source, root,
      target), each gold event and prediction used once; a gold event without a
      target matches any target. Events give (first participant, type, second
      participant); statements (subject, predicate, object).
    Baseline: a word of our trigger/predicate-cue lexicon in the sentence gives
      its root; source and target are the first and second capitalised runs.
    """
    from allsource.evaluate.events import evaluate_events

    print_benchmark(evaluate_events(Path(data), split=split, limit=limit), report)
