"""A progress bar on stderr for long `add` runs: one step per file, and per row of a news dump."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from allsource.pipeline.run import AddReport, check_inputs


def run_add(kb, paths, *, workers=None, max_bytes=20_000_000, engine="local", scheduler=None) -> AddReport:
    check_inputs(paths)
    console = Console(stderr=True)
    columns = (TextColumn("adding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("", total=None)

        def on_total(total: int) -> None:
            progress.update(task, total=total)

        def on_step(source: str) -> None:
            progress.update(task, advance=1, description=source[-50:])

        return kb.add(list(paths), workers=workers, max_bytes=max_bytes, engine=engine, scheduler=scheduler,
                      progress=on_step, on_total=on_total)
