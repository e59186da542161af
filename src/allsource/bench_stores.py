"""`allsource benchmark-stores`: the SQLite store against the PostgreSQL store, in one run.

1. Extraction runs once (the local engine), untimed as far as the stores go: its results are
   recorded and replayed to both builds, so the two builds differ only in their store.
2. Build: the same `add` into a fresh SQLite file and into a fresh PostgreSQL schema (reading
   and hashing the files, resolution, every write, conflicts), timed on the wall clock.
3. Queries: the same list against both knowledge bases, each the best of `repeat` runs; the
   arguments (the most mentioned entity, search words) are chosen from the SQLite build before
   any timing. The builds are checked to hold the same records first: timing two different
   knowledge bases would compare nothing.

The PostgreSQL schema is created in the database the URL names and dropped at the end.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from allsource.bench import DEFAULT_ALLSIDES, locate, write_allsides_sample
from allsource.errors import AllsourceError, ConfigError

Progress = Callable[[str], None]
SEARCH_WORDS = ("government", "president said", "military")


class ReplayEngine:
    """Runs the extraction tasks once through `engine` (`record`), then answers a build's
    `map` with the recorded results, so that several builds share one extraction."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.recorded: dict[tuple[str, str], tuple[Any, Any, str | None]] = {}

    def record(self, function: Callable, items: Iterable[Any]) -> None:
        for item, result, error in self.engine.map(function, items):
            self.recorded[(function.__qualname__, repr(item))] = (item, result, error)

    def map(self, function: Callable, items: Iterable[Any]) -> Iterator[tuple[Any, Any, str | None]]:
        for item in items:
            key = (function.__qualname__, repr(item))
            if key not in self.recorded:
                # a task the extraction pass did not foresee would be extracted inside a timed build
                raise AllsourceError(f"benchmark-stores: no recorded extraction for {item!r}")
            yield self.recorded[key]


@dataclass
class StoresReport:
    corpus: str
    documents: int
    words: int
    extract_seconds: float
    build_seconds: dict[str, float]
    queries: list[tuple[str, dict[str, float], int]] = field(default_factory=list)  # (query, seconds by store, rows)
    repeat: int = 1

    def format(self) -> str:
        sqlite, postgres = self.build_seconds["sqlite"], self.build_seconds["postgres"]
        lines = [f"corpus {self.corpus}: {self.documents} documents, {self.words:,} words; "
                 f"extraction (once, shared) {self.extract_seconds:.1f} s",
                 "",
                 f"{'step':<34}{'sqlite_ms':>12}{'postgres_ms':>13}{'pg/sqlite':>11}{'rows':>8}",
                 f"{'build (store side of add)':<34}{sqlite * 1000:>12,.0f}{postgres * 1000:>13,.0f}"
                 f"{postgres / sqlite:>11.2f}{self.documents:>8}"]
        for name, seconds, rows in self.queries:
            lines.append(f"{name:<34}{seconds['sqlite'] * 1000:>12.1f}{seconds['postgres'] * 1000:>13.1f}"
                         f"{seconds['postgres'] / max(seconds['sqlite'], 1e-9):>11.2f}{rows:>8}")
        total = {s: sum(q[1][s] for q in self.queries) for s in ("sqlite", "postgres")}
        lines.append(f"{'all queries':<34}{total['sqlite'] * 1000:>12.1f}{total['postgres'] * 1000:>13.1f}"
                     f"{total['postgres'] / max(total['sqlite'], 1e-9):>11.2f}")
        lines.append(f"(query times: best of {self.repeat})")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"corpus": self.corpus, "documents": self.documents, "words": self.words,
                "extract_seconds": self.extract_seconds, "build_seconds": self.build_seconds,
                "repeat": self.repeat,
                "queries": [{"query": q, "seconds": s, "rows": r} for q, s, r in self.queries]}


def query_set(kb) -> list[tuple[str, Callable[[], Any]]]:
    """The queries to time, with arguments taken from `kb` (the same on both stores)."""
    from allsource.analyze.timeline import timeline

    top = kb.entities(limit=1)
    if not top:
        raise ConfigError("the build holds no entity: nothing to query")
    name = top[0]["name"]
    store = kb.store
    queries = [
        ("counts", kb.counts),
        ("entities (all)", kb.entities),
        (f"entities search {name[:12]!r}", lambda: kb.entities(search=name[:4])),
        (f"profile of {name[:20]!r}", lambda: kb.profile(name)),
        ("statements about it", lambda: kb.statements(entity=name)),
        ("claims about it", lambda: kb.claims(about=name)),
        ("events with it", lambda: kb.events(entity=name)),
        ("timeline of it", lambda: timeline(store, name)),
        ("conflicts", kb.conflicts),
        ("merges", kb.merges),
        ("documents (all)", kb.documents),
        ("every record (export)", lambda: list(kb.records())),
    ]
    queries += [(f"search {word!r}", lambda word=word: kb.search(word)) for word in SEARCH_WORDS]
    return queries


def _rows(result: Any) -> int:
    return len(result) if isinstance(result, list) else 1


def _best(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def run_store_benchmark(postgres_url: str, *, corpus: str | os.PathLike | None = None,
                        allsides: str | os.PathLike | None = None, sample: int = 0, repeat: int = 3,
                        workers: int | None = None, progress: Progress | None = None) -> StoresReport:
    """Builds one corpus into both stores and times the builds and the query set: the first
    `sample` AllSides articles when `sample` > 0, else the folder `corpus`, else the bundled corpus."""
    from allsource.pipeline.engines.local import LocalEngine
    from allsource.ingest.discover import discover
    from allsource.pipeline.run import DEFAULT_MAX_BYTES, add_paths, process_file
    from allsource.store.connect import is_url
    from allsource.store.postgres import scratch_schema
    from allsource.workbench import Workbench

    say = progress or (lambda message: None)
    if not is_url(postgres_url):
        raise ConfigError(f"{postgres_url}: not a postgresql:// URL")
    if repeat < 1:
        raise ConfigError("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="allsource-bench-stores-") as scratch, \
            resources.as_file(resources.files("allsource").joinpath("data/corpus")) as bundled:
        folder, name = Path(bundled), "bundled"
        if sample:
            source = locate(allsides, DEFAULT_ALLSIDES)
            if source is None:
                raise ConfigError(f"{allsides or DEFAULT_ALLSIDES} not found (give --allsides PATH)")
            folder = Path(scratch) / "allsides"
            name = f"allsides-{write_allsides_sample(source, sample, folder)}"
        elif corpus is not None:
            folder, name = Path(corpus), Path(corpus).name
            if not folder.is_dir():
                raise ConfigError(f"{corpus}: no such folder")
        engine = ReplayEngine(LocalEngine(workers))
        say(f"[{name}] extracting once…")
        started = time.perf_counter()
        # the tasks `add_paths` hands its engine for plain files
        engine.record(process_file, [(str(path), DEFAULT_MAX_BYTES) for path in discover([folder])])
        extract_seconds = time.perf_counter() - started
        with scratch_schema(postgres_url, prefix="allsource_bench") as pg_url:
            kbs = {"sqlite": Workbench(Path(scratch) / "bench.db"), "postgres": Workbench(pg_url)}
            try:
                build_seconds = {}
                for store, kb in kbs.items():
                    say(f"[{name}] building into {store}…")
                    started = time.perf_counter()
                    report = add_paths(kb.store, [folder], engine=engine)
                    build_seconds[store] = time.perf_counter() - started
                _check_same(kbs)
                counts = kbs["sqlite"].counts()
                words = sum(len(d["text"].split()) for d in kbs["sqlite"].documents())
                result = StoresReport(name, counts["documents"], words, extract_seconds, build_seconds,
                                      repeat=repeat)
                plans = {store: query_set(kb) for store, kb in kbs.items()}
                for index, (label, _) in enumerate(plans["sqlite"]):
                    say(f"[{name}] {label}")
                    seconds, rows = {}, 0
                    for store in kbs:
                        seconds[store], answer = _best(plans[store][index][1], repeat)
                        rows = _rows(answer)
                    result.queries.append((label, seconds, rows))
            finally:
                for kb in kbs.values():
                    kb.close()
    if report.failed:
        say(f"{len(report.failed)} file(s) failed in both builds alike (recorded in each knowledge base)")
    return result


def _check_same(kbs: dict) -> None:
    records = {store: sorted((r["record"], r["id"]) for r in kb.records()) for store, kb in kbs.items()}
    if records["sqlite"] != records["postgres"]:
        raise AllsourceError("the SQLite and PostgreSQL builds hold different records; timings would not compare")
