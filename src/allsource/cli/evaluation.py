"""`allsource evaluate GOLD`: score a knowledge base against hand annotations."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from allsource.cli.progress import run_add
from allsource.errors import InputError
from allsource.workbench import Workbench


def run_evaluation(gold_path: Path, db: str, corpus: str | None, report_path: str | None) -> None:
    from allsource.evaluate.corpus import evaluate_records, format_report

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(gold_path), f"not a readable gold JSON file ({exc})") from exc
    with tempfile.TemporaryDirectory() as scratch:
        kb = Workbench(Path(scratch) / "evaluation.db" if corpus else db)
        if corpus:
            run_add(kb, [corpus])
        report = evaluate_records(gold, kb.records())
        kb.close()
    click.echo(format_report(report))
    if report_path:
        Path(report_path).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        click.echo(f"figures written to {report_path}", err=True)
