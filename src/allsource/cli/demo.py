"""`allsource demo`: build from the bundled corpus and show what came out, with sources."""

from __future__ import annotations

import time
from importlib import resources

import click

from allsource.cli.progress import run_add
from allsource.workbench import Workbench


def _quote(evidence: list[dict], width: int = 110) -> str:
    if not evidence:
        return ""
    text = " ".join(evidence[-1]["text"].split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run_demo(db: str, corpus: str | None) -> None:
    with resources.as_file(resources.files("allsource").joinpath("data/corpus")) as bundled:
        folder = corpus or str(bundled)
        started = time.perf_counter()
        kb = Workbench(db)
        report = run_add(kb, [folder])
        elapsed = time.perf_counter() - started
    counts = kb.counts()
    echo = click.echo
    echo(f"Built {db} from {folder} in {elapsed:.1f}s "
         f"({len(report.added)} files added, {len(report.unchanged)} unchanged, {len(report.failed)} failed)\n")
    echo("  " + "  ".join(f"{k}: {v}" for k, v in counts.items() if k != "mentions"))
    echo("\nMost mentioned actors:")
    for entity in kb.entities(limit=8):
        aliases = ", ".join(a for a in entity["aliases"][:5] if a != entity["name"])
        echo(f"  {entity['name']} ({entity['type']}, {entity['mention_count']} mentions)"
             + (f" — also: {aliases}" if aliases else ""))
    samples = [s for s in kb.statements() if s["predicate"] != "holds_role"][:5]
    echo("\nStatements:")
    for s in samples:
        target = s["object_name"] or s["item_name"] or ""
        echo(f"  {s['subject_name']} —{s['predicate']}{' (negated)' if s['negated'] else ''}→ {target}"
             f"{'  [' + s['time']['text'] + ']' if s['time'] else ''}")
        echo(f"      “{_quote(s['evidence'])}”")
    echo("\nEvents:")
    for e in [e for e in kb.events() if e["time"]][:4]:
        echo(f"  {e['event_type']} {e['time']['text']}: {', '.join(e['participant_names'])}")
        echo(f"      “{_quote(e['evidence'])}”")
    echo("\nClaims:")
    for c in kb.claims()[:4]:
        echo(f"  {c['speaker_name']} {c['cue']}: “{_quote([{'text': c['text']}], 100)}”")
    echo("\nConflicts between sources:")
    for conflict in kb.conflicts()[:4]:
        echo(f"  [{conflict['kind']}] {conflict['reason']}")
        echo(f"      A: “{_quote(conflict['a_record']['evidence'])}”")
        echo(f"      B: “{_quote(conflict['b_record']['evidence'])}”")
    echo(f"\nNext: allsource show 'Qassem Soleimani' --db {db}   ·   allsource conflicts --db {db}")
