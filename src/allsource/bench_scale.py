"""`allsource benchmark-scale`: how the build scales, on the AllSides news set (JSON Lines dumps).

Three measurements, each printed with exactly what was done:

- throughput: the first N articles, written to one JSON Lines dump, added to fresh knowledge
  bases with the local engine (a pool of 2 processes; its start-up is inside the clock), then
  with the Dask engine on a LocalCluster of 1 and of 2 workers (the cluster and its spaCy
  loads are started before the clock and their start-up is printed apart). Words per second of
  clean text, each against the bare spaCy pipeline (`nlp.pipe` in one process, as in
  `allsource benchmark`) over the same texts, and Dask 2 workers against 1.
- incremental cost: the time to add the same 10 new articles to a knowledge base of each size,
  as a ratio to adding them to an empty one. Extracting thousands of articles takes hours on a
  small machine, so the knowledge bases are filled by a fast path: a pool of real articles is
  extracted once, and its records are stored again and again under new document ids (every
  id of a copy is renamed; names are kept, so copies resolve into the same entities and answer
  the same questions, which is the worst case for the blocking and conflict look-ups). The
  10 new articles are real and distinct. Two ratios: storing their extracted records (resolve,
  write, conflicts: the part that could depend on the knowledge base) and adding them end to
  end from a dump (extraction in this process included).
- peak memory: a fresh process adds a dump of the first N articles (500, 2,000, 5,000) with the
  whole real pipeline except extraction, which replays the pool's records (renamed per row, as
  above): reading and dispatching the stream, resolution, store and conflicts are measured.
  Peak resident memory of that process, and its growth over the baseline after start-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from allsource.bench import DEFAULT_ALLSIDES, iter_allsides, locate, peak_rss_mb, time_bare, warm_up
from allsource.errors import ConfigError, InputError
from allsource.model.ids import make_id
from allsource.model.records import Extraction

Progress = Callable[[str], None]
NEW_ARTICLES = 10


# -- inputs ------------------------------------------------------------------------------------

def write_dump(allsides: Path, dest: Path, count: int, skip: int = 0) -> int:
    """Writes articles skip..skip+count (those with text) of the AllSides set as a JSON Lines dump."""
    written = 0
    with open(dest, "w", encoding="utf-8") as out:
        for index, article in enumerate(iter_allsides(allsides)):
            if written >= count:
                break
            if index < skip or not (article.get("text") or "").strip():
                continue
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            written += 1
    return written


def renamed(extraction: Extraction, tag: str, content_hash: str | None = None) -> Extraction:
    """A copy of an extraction as if it came from another document: every id it holds renamed."""
    content_hash = content_hash or make_id("copy", extraction.document.content_hash, tag)
    document = extraction.document
    names = {document.id: make_id("doc", content_hash, 0)}
    for record in [*extraction.entities, *extraction.mentions, *extraction.statements, *extraction.events,
                   *extraction.claims]:
        names[record.id] = f"{record.id}-{tag}"
    copy = _rename(extraction, names)
    copy.document = replace(copy.document, content_hash=content_hash, source=f"copy-{tag}")
    return copy


def _rename(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_rename(v, names) for v in value]
    if is_dataclass(value):
        return replace(value, **{f.name: _rename(getattr(value, f.name), names) for f in fields(value) if f.init})
    return value


class ReplayEngine:
    """An engine whose 'extraction' of a dump row is a renamed copy of a real extraction from a
    pool (chosen by line number); everything around it is the real pipeline."""

    def __init__(self, pool: list[Extraction]) -> None:
        self.pool = pool

    def __enter__(self) -> ReplayEngine:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map(self, function: Callable, items: Iterable[Any]) -> Iterator[tuple[Any, Any, str | None]]:
        for item in items:
            _, _, line, fields_ = item
            digest = hashlib.sha256(fields_["text"].encode("utf-8")).hexdigest()
            yield item, [renamed(self.pool[line % len(self.pool)], f"r{line}", digest)], None


def extract_dump(dump: Path, workers: int | None) -> list[Extraction]:
    """The real extractions of every row of a dump, in row order."""
    from allsource.ingest.dumps import read_rows
    from allsource.pipeline.engines.local import LocalEngine
    from allsource.pipeline.run import process_row

    tasks = [(f"{dump}:{r.line}", str(dump), r.line, r.fields) for r in read_rows(dump) if r.fields]
    extractions = []
    with LocalEngine(workers) as engine:
        for item, result, error in engine.map(process_row, tasks):
            if error is None:
                extractions.extend(result)
    return extractions


# -- throughput --------------------------------------------------------------------------------

@dataclass
class EngineRun:
    name: str
    seconds: float
    startup_seconds: float
    documents: int
    words: int

    @property
    def wps(self) -> float:
        return self.words / self.seconds


@dataclass
class Throughput:
    articles: int
    runs: list[EngineRun] = field(default_factory=list)
    bare1_seconds: float = 0.0

    def format(self) -> list[str]:
        bare = self.runs[0].words / self.bare1_seconds
        lines = [f"throughput, the first {self.articles:,} AllSides articles as one JSON Lines dump "
                 f"({self.runs[0].documents:,} documents, {self.runs[0].words:,} words)",
                 f"  {'engine':<22}{'seconds':>9}{'start-up':>10}{'words/s':>9}{'/bare':>7}"]
        for run in self.runs:
            lines.append(f"  {run.name:<22}{run.seconds:>9.1f}{run.startup_seconds:>10.1f}{run.wps:>9,.0f}"
                         f"{run.wps / bare:>7.2f}")
        lines.append(f"  {'bare spaCy, 1 process':<22}{self.bare1_seconds:>9.1f}{'':>10}{bare:>9,.0f}{1:>7.2f}")
        by_name = {r.name: r for r in self.runs}
        if "dask, 1 worker" in by_name and "dask, 2 workers" in by_name:
            ratio = by_name["dask, 2 workers"].wps / by_name["dask, 1 worker"].wps
            lines.append(f"  dask 2 workers / 1 worker: {ratio:.2f}x (target >= 1.7) on {os.cpu_count()} CPU(s)")
        lines.append("  local: its pool start-up is inside 'seconds' (measured apart in 'start-up'); dask: the "
                     "cluster is started and has loaded spaCy before the clock")
        return lines


def measure_throughput(allsides: Path, sample: int, scratch: Path, say: Progress) -> Throughput:
    from allsource.bench import time_startup
    from allsource.pipeline.engines.dask import DaskEngine
    from allsource.pipeline.engines.local import LocalEngine

    dump = scratch / "throughput.jsonl"
    result = Throughput(write_dump(allsides, dump, sample))
    texts: list[str] = []
    for name, make in (("local, 2 processes", lambda: LocalEngine(2)), ("dask, 1 worker", lambda: DaskEngine(workers=1)),
                       ("dask, 2 workers", lambda: DaskEngine(workers=2))):
        say(f"[throughput] {name}: adding {result.articles} articles…")
        with make() as engine:
            started = time.perf_counter()
            if isinstance(engine, DaskEngine):
                engine.start()
                startup = time.perf_counter() - started
            else:
                startup = time_startup(engine.workers)
            seconds, documents, words, texts = _timed_add(dump, scratch / f"{name.split(',')[0]}-{len(result.runs)}.db",
                                                           engine)
        result.runs.append(EngineRun(name, seconds, startup, documents, words))
        say(f"[throughput] {name}: {seconds:.1f}s")
    say("[throughput] bare spaCy pipeline over the same texts…")
    warm_up(texts)
    result.bare1_seconds = time_bare(texts, 1)
    return result


def _timed_add(dump: Path, db: Path, engine) -> tuple[float, int, int, list[str]]:
    from allsource.pipeline.run import add_paths
    from allsource.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    try:
        started = time.perf_counter()
        report = add_paths(store, [dump], engine=engine)
        seconds = time.perf_counter() - started
        texts = [r[0] for r in store.db.execute("SELECT text FROM documents")]
    finally:
        store.close()
    return seconds, report.documents, report.words, texts


# -- incremental cost --------------------------------------------------------------------------

@dataclass
class Incremental:
    pool: int
    store_seconds: dict[int, float] = field(default_factory=dict)  # KB size -> seconds
    end_to_end_seconds: dict[int, float] = field(default_factory=dict)

    def format(self) -> list[str]:
        lines = [f"incremental cost, adding the same {NEW_ARTICLES} new real articles to a knowledge base of "
                 f"each size (filled with renamed copies of {self.pool} real extracted articles)",
                 f"  {'KB size':>8}{'store s':>9}{'ratio':>7}{'end-to-end s':>14}{'ratio':>7}"]
        base_store, base_e2e = self.store_seconds[0], self.end_to_end_seconds[0]
        for size in sorted(self.store_seconds):
            lines.append(f"  {size:>8,}{self.store_seconds[size]:>9.2f}{self.store_seconds[size] / base_store:>7.2f}"
                         f"{self.end_to_end_seconds[size]:>14.2f}{self.end_to_end_seconds[size] / base_e2e:>7.2f}")
        lines.append("  store: resolve + write + conflicts of the 10 extracted articles; end-to-end: `add` of them "
                     "as a dump, extraction in this process included (target ratio < 1.5)")
        return lines


def extract_samples(allsides: Path, pool_size: int, scratch: Path, workers: int | None,
                    say: Progress) -> tuple[list[Extraction], list[Extraction], Path]:
    """(pool, new articles, dump of the new articles): real extractions, done once."""
    pool_dump, new_dump = scratch / "pool.jsonl", scratch / "new.jsonl"
    write_dump(allsides, pool_dump, pool_size)
    write_dump(allsides, new_dump, NEW_ARTICLES, skip=pool_size + 1000)  # well away from the pool
    say(f"[incremental] extracting the pool of {pool_size} articles and the {NEW_ARTICLES} new ones…")
    return extract_dump(pool_dump, workers), extract_dump(new_dump, workers), new_dump


def measure_incremental(pool: list[Extraction], new: list[Extraction], new_dump: Path, sizes: list[int],
                        scratch: Path, say: Progress) -> Incremental:
    from allsource.pipeline.engines.local import LocalEngine
    from allsource.pipeline.run import AddReport, add_paths, store_extraction
    from allsource.store.sqlite import SQLiteStore

    result = Incremental(len(pool))
    filled, filler = 0, SQLiteStore(scratch / "filled.db")
    try:
        for size in [0, *sorted(sizes)]:
            while filled < size:
                with filler.transaction():  # a hundred copies per transaction keeps the WAL small
                    for _ in range(min(100, size - filled)):
                        store_extraction(filler, AddReport(), renamed(pool[filled % len(pool)], f"c{filled}"))
                        filled += 1
            say(f"[incremental] filled to {size:,} documents")
            filler.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            say(f"[incremental] knowledge base of {size:,} documents: adding the {NEW_ARTICLES} new articles…")
            for kind in ("store", "end-to-end"):
                copy = scratch / f"kb-{size}-{kind}.db"
                shutil.copy(scratch / "filled.db", copy)
                store = SQLiteStore(copy)
                started = time.perf_counter()
                if kind == "store":
                    for extraction in new:
                        with store.transaction():
                            store_extraction(store, AddReport(), extraction)
                    result.store_seconds[size] = time.perf_counter() - started
                else:
                    add_paths(store, [new_dump], engine=LocalEngine(1))
                    result.end_to_end_seconds[size] = time.perf_counter() - started
                store.close()
                copy.unlink()
    finally:
        filler.close()
    return result


# -- peak memory -------------------------------------------------------------------------------

@dataclass
class Memory:
    pool: int
    peaks: dict[int, dict[str, float]] = field(default_factory=dict)  # articles -> figures

    def format(self) -> list[str]:
        lines = [f"peak memory of a fresh process adding a dump of N articles (extraction replays "
                 f"{self.pool} real extractions; everything else is the real pipeline)",
                 f"  {'articles':>8}{'documents':>10}{'peak MB':>9}{'before MB':>11}{'after MB':>10}{'seconds':>9}"]
        for size in sorted(self.peaks):
            p = self.peaks[size]
            lines.append(f"  {size:>8,}{p['documents']:>10,}{p['peak_mb']:>9.0f}{p['baseline_mb']:>11.0f}"
                         f"{p['end_mb']:>10.0f}{p['seconds']:>9.1f}")
        smallest, largest = min(self.peaks), max(self.peaks)
        lines.append(f"  peak at {largest:,} / peak at {smallest:,}: "
                     f"{self.peaks[largest]['peak_mb'] / self.peaks[smallest]['peak_mb']:.2f}x (target < 1.5); "
                     "before/after: resident memory just before and after the add (the peak includes start-up)")
        return lines


def measure_memory(allsides: Path, sizes: list[int], pool: list[Extraction], scratch: Path, say: Progress) -> Memory:
    pool_file = scratch / "pool.pickle"
    pool_file.write_bytes(pickle.dumps(pool))
    result = Memory(len(pool))
    for size in sorted(sizes):
        dump = scratch / f"memory-{size}.jsonl"
        write_dump(allsides, dump, size)
        say(f"[memory] a fresh process adds {size:,} articles…")
        probe = subprocess.run([sys.executable, "-m", "allsource.bench_scale", str(dump), str(pool_file),
                                str(scratch / f"memory-{size}.db")], capture_output=True, text=True, check=False)
        if probe.returncode != 0:
            raise ConfigError(f"the memory probe failed: {probe.stderr.strip().splitlines()[-1:]}")
        result.peaks[size] = json.loads(probe.stdout)
    return result


def memory_probe(dump: Path, pool_file: Path, db: Path) -> dict[str, float]:
    """Runs in its own process: adds `dump` through ReplayEngine and reports its peak memory."""
    from allsource.pipeline.run import add_paths
    from allsource.store.sqlite import SQLiteStore

    pool = pickle.loads(pool_file.read_bytes())
    store = SQLiteStore(db)
    baseline, peak_before = resident_mb(), peak_rss_mb()["driver"]
    started = time.perf_counter()
    report = add_paths(store, [dump], engine=ReplayEngine(pool))
    seconds = time.perf_counter() - started
    store.close()
    return {"peak_mb": peak_rss_mb()["driver"], "peak_before_mb": peak_before, "baseline_mb": baseline,
            "end_mb": resident_mb(), "seconds": seconds, "documents": report.documents}


def resident_mb() -> float:
    """This process's resident memory now (Linux), or 0 where /proc is absent."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0.0)


# -- the whole run -----------------------------------------------------------------------------

PARTS = ("throughput", "incremental", "memory")


def run_scale_benchmark(*, allsides: str | os.PathLike | None = None, sample: int = 2000,
                        kb_sizes: list[int] = (2000, 5000), memory_sizes: list[int] = (500, 2000, 5000),
                        pool: int = 200, only: Iterable[str] = (), workers: int | None = None,
                        progress: Progress | None = None) -> str:
    say = progress or (lambda message: None)
    wanted = [p for p in PARTS if p in set(only)] if only else list(PARTS)
    folder = locate(allsides, DEFAULT_ALLSIDES)
    if folder is None:
        raise InputError(str(allsides or DEFAULT_ALLSIDES), "allsides-news-scale folder not found (give --allsides PATH)")
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="allsource-scale-") as scratch_dir:
        scratch = Path(scratch_dir)
        if "throughput" in wanted:
            lines += measure_throughput(folder, sample, scratch, say).format() + [""]
        if "incremental" in wanted or "memory" in wanted:
            pool_records, new, new_dump = extract_samples(folder, pool, scratch, workers, say)
            if "incremental" in wanted:
                lines += measure_incremental(pool_records, new, new_dump, list(kb_sizes), scratch, say).format() + [""]
            if "memory" in wanted:
                lines += measure_memory(folder, list(memory_sizes), pool_records, scratch, say).format() + [""]
    lines.append(f"machine: {os.cpu_count()} CPU(s); load average {os.getloadavg()[0]:.1f} at the end")
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(memory_probe(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))))
