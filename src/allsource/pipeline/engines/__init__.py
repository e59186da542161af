"""Engines run extraction over many tasks: `local` (a process pool) or `dask` (a Dask cluster)."""

from __future__ import annotations

from allsource.errors import ConfigError

ENGINES = ("local", "dask")


def make_engine(name: str = "local", *, workers: int | None = None, scheduler: str | None = None):
    """An engine to use as a context manager (the Dask one shuts its local cluster down on exit)."""
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --engine dask")
        from allsource.pipeline.engines.local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from allsource.pipeline.engines.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ConfigError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
