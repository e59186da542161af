"""The local engine: a pool of worker processes on this machine, each loading spaCy once."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

# Tasks handed to the pool ahead of the result being waited for, per worker: enough to keep
# every worker busy behind a slow document, few enough that a stream of items stays bounded.
AHEAD_PER_WORKER = 4


def _warm_up() -> None:
    from allsource.extract.nlp import load_pipeline

    load_pipeline()


def call(function: Callable, item: Any) -> tuple[Any, Any, str | None]:
    """(item, result, None), or (item, None, error) when the function raised."""
    try:
        return item, function(item), None
    except Exception as exc:  # a bad document is recorded, never fatal to the batch
        return item, None, f"{type(exc).__name__}: {exc}"


class LocalEngine:
    """map(function, items) yielding (item, result, error) in the order of `items`.

    Items are taken from the iterable only as workers become free, so a stream of any length
    is processed in bounded memory. With one worker, or one item, the work runs in this
    process (no start-up cost for small batches)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or min(2, os.cpu_count() or 1))

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map(self, function: Callable, items: Iterable[Any]) -> Iterator[tuple[Any, Any, str | None]]:
        items = iter(items)
        head = list(islice(items, 2))
        if self.workers == 1 or len(head) < 2:
            for item in chain(head, items):
                yield call(function, item)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.workers, initializer=_warm_up) as pool:
            # results are yielded in submission order, which keeps merges deterministic
            waiting: deque = deque()
            for item in chain(head, items):
                waiting.append(pool.apply_async(call, (function, item)))
                if len(waiting) >= AHEAD_PER_WORKER * self.workers:
                    yield waiting.popleft().get()
            while waiting:
                yield waiting.popleft().get()
