"""The local engine: a pool of worker processes on this machine, each loading spaCy once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def _warm_up() -> None:
    from allsource.extract.nlp import load_pipeline

    load_pipeline()


def _call(task: tuple[Callable, Any]) -> tuple[Any, Any, str | None]:
    function, item = task
    try:
        return item, function(item), None
    except Exception as exc:  # a bad document is recorded, never fatal to the batch
        return item, None, f"{type(exc).__name__}: {exc}"


class LocalEngine:
    """map(function, items) yielding (item, result, error) as each finishes.

    With one worker the work runs in this process (no start-up cost for small batches)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or min(2, os.cpu_count() or 1))

    def map(self, function: Callable, items: Iterable[Any]) -> Iterator[tuple[Any, Any, str | None]]:
        items = list(items)
        if self.workers == 1 or len(items) < 2:
            for item in items:
                yield _call((function, item))
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(min(self.workers, len(items)), initializer=_warm_up) as pool:
            # ordered results keep merges deterministic whatever finishes first
            yield from pool.imap(_call, [(function, item) for item in items])
