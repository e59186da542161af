"""The Dask engine: extraction on a Dask cluster, the same `map` as the local engine.

Without a scheduler address it starts a LocalCluster on loopback (one process per worker, one
thread each, no dashboard). Every worker loads the spaCy pipeline once, when it starts (a
worker plugin, so a worker that replaces a dead one loads it too). Only the task (a path, or a
dump row) goes out and only plain records come back.

A worker that dies takes its running document with it; the scheduler reports that as a
`KilledWorker` and this engine submits the document once more, alone on the cluster (the
other work waits), so that a second death is the document's own doing and never a neighbour's.
A document whose worker dies twice is reported as failed and the run goes on. On a
LocalCluster the scheduler itself does not retry (allowed-failures 0) and gives each worker one
task at a time (worker-saturation 1.0); on a cluster you start yourself, set the same options.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from allsource.errors import ConfigError
from allsource.pipeline.engines.local import call

ATTEMPTS = 2
# Results held back for ordering, per worker thread, before submitting pauses.
BUFFER_PER_THREAD = 8
WORKER_WAIT_SECONDS = 120

try:
    from distributed import WorkerPlugin
except ImportError:  # the engine then explains which extra to install when it is used
    WorkerPlugin = object


class LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline into each worker process as it starts."""

    name = "allsource-load-pipeline"

    def setup(self, worker) -> None:
        from allsource.extract.nlp import load_pipeline

        load_pipeline()


def task_label(item: Any) -> str:
    """A short, readable part of a task's key: the file name or `dump:line` it works on."""
    first = item[0] if isinstance(item, tuple) and item else item
    return Path(str(first)).name[:60]


class DaskEngine:
    """map(function, items) yielding (item, result, error) in the order of `items`."""

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None) -> None:
        if scheduler and workers:
            raise ConfigError("give either --scheduler (an existing cluster) or --workers (a local one), not both")
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise ConfigError("the Dask engine needs dask.distributed: pip install 'allsource[scale]'") from exc
        self.scheduler = scheduler
        self.workers = max(1, workers or min(2, os.cpu_count() or 1))
        self.cluster = None
        self.client = None
        self._keys = count()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self):
        """Connects (or starts the LocalCluster) and waits for a first worker; returns the client."""
        if self.client is not None:
            return self.client
        import dask
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                                      "distributed.scheduler.worker-saturation": 1.0}):
                    self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                host="127.0.0.1", dashboard_address=None, silence_logs=50)
                self.client = Client(self.cluster)
            self.client.register_plugin(LoadPipeline())
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = self.scheduler or "a local cluster"
            raise ConfigError(f"cannot reach a Dask scheduler at {where} ({exc})") from exc
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def threads(self) -> int:
        return max(1, sum(self.start().nthreads().values()))

    def map(self, function: Callable, items: Iterable[Any]) -> Iterator[tuple[Any, Any, str | None]]:
        from distributed import as_completed

        client = self.start()
        pending = iter(enumerate(items))
        running: dict = {}  # future -> (index, item, attempt)
        suspects: deque = deque()  # (index, item) whose worker died under them
        finished: dict[int, tuple] = {}
        done = as_completed()
        next_out = 0

        def submit(index: int, item: Any, attempt: int) -> None:
            key = f"allsource-{function.__name__}-{next(self._keys)}-{os.getpid()}-{task_label(item)}"
            future = client.submit(call, function, item, key=key, pure=False)
            running[future] = (index, item, attempt)
            done.add(future)

        def fill() -> None:
            if suspects:
                # a retry runs alone on the cluster, so that if its worker dies again the document
                # itself is the cause, not a neighbour that crashed the same process
                if not running:
                    submit(*suspects.popleft(), ATTEMPTS)
                return
            if any(attempt == ATTEMPTS for _, _, attempt in running.values()):
                return
            # one task per worker thread in flight: the rest wait here, not on a worker
            threads = self.threads()
            while len(running) < threads and len(finished) < BUFFER_PER_THREAD * threads:
                taken = next(pending, None)
                if taken is None:
                    return
                submit(*taken, 1)

        fill()
        while running:
            future = next(done)
            index, item, attempt = running.pop(future)
            outcome = self._outcome(future, item, attempt)
            future.release()
            if outcome is None:
                suspects.append((index, item))
            else:
                finished[index] = outcome
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            fill()

    @staticmethod
    def _outcome(future, item: Any, attempt: int) -> tuple | None:
        """The (item, result, error) of a finished future, or None when it deserves another attempt."""
        from distributed import KilledWorker

        if future.status == "finished":
            return future.result()
        if future.status != "error":  # cancelled: the scheduler restarted or forgot it
            return item, None, f"the Dask scheduler dropped it ({future.status})"
        error = future.exception()
        if isinstance(error, KilledWorker):
            if attempt < ATTEMPTS:
                return None
            return item, None, "its worker process died twice while extracting it (the second time alone)"
        return item, None, f"{type(error).__name__}: {error}"
