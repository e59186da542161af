"""The table view of `allsource show`."""

from __future__ import annotations

import click


def _line(s: dict) -> str:
    target = s.get("object_name") or s.get("item_name") or ""
    when = f" [{s['time']['text']}]" if s.get("time") else ""
    negated = " (negated)" if s.get("negated") else ""
    return f"{s['subject_name']} —{s['predicate']}{negated}→ {target}{when}"


def print_profile(p: dict) -> None:
    echo = click.echo
    echo(f"{p['name']}  ({p['type']}{', ' + p['subtype'] if p['subtype'] else ''})  id {p['id']}")
    echo(f"  mentions: {p['mention_count']} in {p['doc_count']} document(s)")
    echo(f"  aliases: {', '.join(p['aliases'])}")
    if p["roles"]:
        echo("Roles:")
        for role in p["roles"]:
            when = f" [{role['time']['text']}]" if role["time"] else ""
            sources = len(role["documents"])
            echo(f"  {role['role']}{' of ' + role['of'] if role['of'] else ''}{when}"
                 f"  ({sources} source{'s' if sources > 1 else ''})")
    for title, key in (("Statements out", "statements_out"), ("Statements in", "statements_in")):
        if p[key]:
            echo(f"{title}:")
            for s in p[key]:
                echo(f"  {_line(s)}")
                echo(f"      “{' '.join(s['evidence'][0]['text'].split())[:140]}”")
    for title, key in (("Claims by", "claims_by"), ("Claims about", "claims_about")):
        if p[key]:
            echo(f"{title}:")
            for c in p[key]:
                echo(f"  {c['speaker_name']} {c['cue']}: “{' '.join(c['text'].split())[:140]}”")
    echo("Documents:")
    for d in p["documents"]:
        echo(f"  {d['title'] or d['source']} ({d['published'] or 'undated'}) {d['source']}")
