"""`allsource benchmark`: the whole build's throughput against the bare spaCy pipeline.

For each corpus, in the same run and on the same texts:

- build: `Workbench.add(folder)` into a fresh temporary knowledge base with the default local
  engine (up to two worker processes) — ingest, extraction, resolution, store and conflicts,
  including the workers' start-up (each spawned worker loads spaCy once);
- bare ×1: `nlp.pipe(texts, batch_size=64)` in this process over the clean document texts
  the build stored (the pipeline is loaded before the clock starts);
- bare ×2: the same with `n_process=2`, so that both sides may use two cores.

Throughput is whitespace-separated words of clean text per second of wall-clock time; each
figure is the best of `repeat` runs. The ratios build/bare say what share of the bare
pipeline's speed the whole build keeps (1.0 would mean everything but spaCy is free).

All builds run first, so that the peak memory reported for them is that of a real
`allsource add` (its driver process does not load spaCy); the bare runs follow. spaCy hands
whole batches to its processes, so for bare ×2 the batch size is lowered when there are too
few texts to give each process several batches.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from allsource.errors import ConfigError, InputError

CORPORA = ("seeds", "allsides", "bundled")
BATCH_SIZE = 64
_REPO_SIBLING = Path(__file__).resolve().parents[2].parent  # the folder holding the repository
DEFAULT_SEEDS = Path("../shared/seeds")
DEFAULT_ALLSIDES = Path("../shared/eval-data/allsides-news-scale")

Progress = Callable[[str], None]


@dataclass
class CorpusResult:
    name: str
    path: str
    files: int
    documents: int
    words: int
    failed: int
    build_seconds: float
    bare1_seconds: float
    bare2_seconds: float
    bare2_batch_size: int
    runs: int

    @property
    def build_wps(self) -> float:
        return self.words / self.build_seconds

    @property
    def bare1_wps(self) -> float:
        return self.words / self.bare1_seconds

    @property
    def bare2_wps(self) -> float:
        return self.words / self.bare2_seconds

    @property
    def ratio1(self) -> float:
        """Whole build against the bare pipeline in one process."""
        return self.build_wps / self.bare1_wps

    @property
    def ratio2(self) -> float:
        """Whole build against the bare pipeline in two processes."""
        return self.build_wps / self.bare2_wps

    def to_dict(self) -> dict:
        return {**asdict(self), "build_wps": self.build_wps, "bare1_wps": self.bare1_wps,
                "bare2_wps": self.bare2_wps, "ratio_build_bare1": self.ratio1, "ratio_build_bare2": self.ratio2}


@dataclass
class BenchmarkReport:
    results: list[CorpusResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    repeat: int = 1
    workers: int = 2
    startup_seconds: float = 0.0
    build_rss_mb: dict[str, float] = field(default_factory=dict)  # after the builds
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # after everything

    def to_dict(self) -> dict:
        from allsource.extract.nlp import PIPELINE_PACKAGE, PIPELINE_VERSION

        import spacy

        return {"corpora": [r.to_dict() for r in self.results], "skipped": dict(self.skipped),
                "repeat": self.repeat, "workers": self.workers, "cpu_count": os.cpu_count(),
                "startup_seconds": self.startup_seconds, "build_rss_mb": self.build_rss_mb,
                "peak_rss_mb": self.peak_rss_mb,
                "batch_size": BATCH_SIZE, "python": platform.python_version(), "spacy": spacy.__version__,
                "pipeline": f"{PIPELINE_PACKAGE}=={PIPELINE_VERSION}"}

    def format(self) -> str:
        header = ("corpus", "files", "docs", "words", "build_wps", "bare1_wps", "bare2_wps", "build/bare1",
                  "build/bare2")
        rows = [header] + [
            (r.name, str(r.files), str(r.documents), f"{r.words:,}", f"{r.build_wps:,.0f}", f"{r.bare1_wps:,.0f}",
             f"{r.bare2_wps:,.0f}", f"{r.ratio1:.2f}", f"{r.ratio2:.2f}") for r in self.results]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
                 for row in rows]
        lines.append("")
        lines.append(f"words/s  whitespace-separated words of clean text per second of wall-clock time, best of "
                     f"{self.repeat} run(s)")
        lines.append(f"build    Workbench.add into a fresh knowledge base with {self.workers} worker process(es); "
                     f"their start-up ({self.startup_seconds:.1f}s) is included")
        small = ", ".join(f"{r.name} {r.bare2_batch_size}" for r in self.results if r.bare2_batch_size != BATCH_SIZE)
        lines.append(f"bare1/2  nlp.pipe(texts, batch_size={BATCH_SIZE}) with n_process=1/2 over the same texts"
                     + (f" (bare2 batch size lowered so both processes get work: {small})" if small else ""))
        if self.peak_rss_mb:
            lines.append(f"peak RSS builds: driver {self.build_rss_mb['driver']:,.0f} MB, largest worker "
                         f"{self.build_rss_mb['largest child']:,.0f} MB; with the bare runs: this process "
                         f"{self.peak_rss_mb['driver']:,.0f} MB")
        for result in self.results:
            if result.failed:
                lines.append(f"note: {result.name}: {result.failed} file(s) failed and are not counted")
        return "\n".join(lines)


# -- corpora -----------------------------------------------------------------------------------

def locate(given: str | os.PathLike | None, default: Path) -> Path | None:
    """An explicit path as given; the default relative to the current directory, then beside the
    repository. None when nothing is there."""
    if given is not None:
        path = Path(given)
        return path if path.exists() else None
    for candidate in (default, _REPO_SIBLING / default.relative_to("..")):
        if candidate.exists():
            return candidate
    return None


def iter_allsides(folder: Path) -> Iterator[dict]:
    """Articles of the AllSides scale set in file order: shards by name, then line by line."""
    shards = sorted(folder.glob("*.jsonl.gz"))
    if not shards:
        raise InputError(str(folder), "no *.jsonl.gz shards here (expected the allsides-news-scale folder)")
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{shard}:{number}", f"not a JSON line ({exc.msg})") from exc


def write_allsides_sample(folder: Path, count: int, dest: Path) -> int:
    """Writes the first `count` articles as .txt files (title on the first line) and returns how many."""
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    for article in iter_allsides(folder):
        if written >= count:
            break
        text = (article.get("text") or "").strip()
        if not text:
            continue
        title = " ".join((article.get("title") or "").split())
        name = re.sub(r"[^A-Za-z0-9_-]", "_", str(article.get("id") or written))
        (dest / f"{written:05d}-{name}.txt").write_text(f"{title}\n\n{text}\n" if title else text + "\n",
                                                          encoding="utf-8")
        written += 1
    return written


# -- measurements ------------------------------------------------------------------------------

def time_build(folder: Path, workers: int | None) -> tuple[float, list[str], int, int]:
    """(seconds, clean texts, files added, files failed) of one build into a fresh knowledge base."""
    from allsource.workbench import Workbench

    with tempfile.TemporaryDirectory(prefix="allsource-bench-") as scratch:
        kb = Workbench(Path(scratch) / "bench.db")
        try:
            started = time.perf_counter()
            report = kb.add(folder, workers=workers)
            seconds = time.perf_counter() - started
            texts = [d["text"] for d in kb.documents()]
        finally:
            kb.close()
    return seconds, texts, len(report.added), len(report.failed)


def bare_batch_size(texts: list[str], n_process: int) -> int:
    """64, or less when there are too few texts to give every process four batches: 6 texts in
    one batch of 64 would keep the second process idle."""
    if n_process == 1:
        return BATCH_SIZE
    return max(1, min(BATCH_SIZE, math.ceil(len(texts) / (4 * n_process))))


def time_bare(texts: list[str], n_process: int) -> float:
    """Seconds for the bare pipeline over `texts` (loaded beforehand, not timed)."""
    from allsource.extract.nlp import load_pipeline

    nlp = load_pipeline()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=bare_batch_size(texts, n_process), n_process=n_process):
        pass
    return time.perf_counter() - started


def warm_up(texts: list[str]) -> None:
    """One untimed pass over a few texts: the first calls of a fresh pipeline are slower."""
    from allsource.extract.nlp import load_pipeline

    for _ in load_pipeline().pipe(texts[:8], batch_size=BATCH_SIZE):
        pass


def time_startup(workers: int) -> float:
    """Seconds to start the local engine's pool (spawned workers each loading spaCy) for a trivial map."""
    from allsource.pipeline.engines.local import LocalEngine

    started = time.perf_counter()
    for _ in LocalEngine(workers).map(abs, range(workers)):
        pass
    return time.perf_counter() - started


def measure_builds(name: str, folder: Path, *, repeat: int, workers: int | None,
                   say: Progress) -> tuple[CorpusResult, list[str]]:
    """The best of `repeat` builds, and the clean texts the build stored (for the bare runs)."""
    best = float("inf")
    texts: list[str] = []
    files = failed = 0
    for run in range(1, repeat + 1):
        say(f"[{name}] build {run}/{repeat} (Workbench.add into a fresh knowledge base)…")
        seconds, texts, files, failed = time_build(folder, workers)
        best = min(best, seconds)
        say(f"[{name}] build {run}/{repeat}: {seconds:.1f}s")
        if not texts:
            raise InputError(str(folder), "no document could be built from this folder")
    words = sum(len(text.split()) for text in texts)
    result = CorpusResult(name, str(folder), files, len(texts), words, failed, best, float("inf"), float("inf"),
                          bare_batch_size(texts, 2), repeat)
    return result, texts


def measure_bare(result: CorpusResult, texts: list[str], *, repeat: int, say: Progress) -> None:
    warm_up(texts)
    for run in range(1, repeat + 1):
        say(f"[{result.name}] bare pipeline {run}/{repeat}, 1 process…")
        result.bare1_seconds = min(result.bare1_seconds, time_bare(texts, 1))
        say(f"[{result.name}] bare pipeline {run}/{repeat}, 2 processes…")
        result.bare2_seconds = min(result.bare2_seconds, time_bare(texts, 2))
        say(f"[{result.name}] bare pipeline {run}/{repeat}: best {result.bare1_seconds:.1f}s (1 process), "
            f"{result.bare2_seconds:.1f}s (2 processes)")


def peak_rss_mb() -> dict[str, float]:
    """Peak resident set size of this process and of the largest finished child process, in MB."""
    try:
        import resource
    except ImportError:  # not on this platform
        return {}
    unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return {"driver": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 1e6,
            "largest child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit / 1e6}


def run_benchmark(*, seeds: str | os.PathLike | None = None, allsides: str | os.PathLike | None = None,
                  sample: int = 200, only: Iterable[str] = (), repeat: int = 1, workers: int | None = None,
                  progress: Progress | None = None) -> BenchmarkReport:
    """Measures each available corpus; a missing corpus is reported in `skipped`, not fatal."""
    from allsource.pipeline.engines.local import LocalEngine

    say = progress or (lambda message: None)
    wanted = [c for c in CORPORA if c in set(only)] if only else list(CORPORA)
    unknown = set(only) - set(CORPORA)
    if unknown:
        raise ConfigError(f"unknown corpus {sorted(unknown)[0]!r} (choose from {', '.join(CORPORA)})")
    if repeat < 1:
        raise ConfigError("--repeat must be at least 1")
    report = BenchmarkReport(repeat=repeat, workers=LocalEngine(workers).workers)
    with tempfile.TemporaryDirectory(prefix="allsource-bench-corpus-") as scratch, \
            resources.as_file(resources.files("allsource").joinpath("data/corpus")) as bundled:
        folders: list[tuple[str, Path, Path]] = []  # (name, folder to build, where it came from)
        for name in wanted:
            if name in ("seeds", "allsides"):
                given, default = (seeds, DEFAULT_SEEDS) if name == "seeds" else (allsides, DEFAULT_ALLSIDES)
                path = locate(given, default)
                if path is None:
                    why = f"{given or default} not found (give --{name} PATH)"
                    report.skipped.append((name, why))
                    say(f"skipping {name}: {why}")
                    continue
            if name == "seeds":
                folders.append((name, path, path))
            elif name == "allsides":
                dest = Path(scratch) / "allsides"
                count = write_allsides_sample(path, sample, dest)
                say(f"[allsides] wrote the first {count} articles of {path} to a temporary folder")
                folders.append((f"allsides-{count}", dest, path))
            else:
                folders.append((name, Path(bundled), Path(bundled)))
        if not folders:
            raise ConfigError("no corpus to measure: " + "; ".join(f"{n}: {why}" for n, why in report.skipped))
        say(f"timing the engine start-up ({report.workers} workers)…")
        report.startup_seconds = min(time_startup(report.workers) for _ in range(repeat))
        # every build first, so that their peak memory is that of a real `allsource add` (whose driver
        # process does not load spaCy); then the bare pipeline, in this process, over the same texts
        measured = []
        for name, folder, origin in folders:
            result, texts = measure_builds(name, folder, repeat=repeat, workers=workers, say=say)
            result.path = str(origin)
            measured.append((result, texts))
        report.build_rss_mb = peak_rss_mb()
        say("loading the spaCy pipeline in this process (for the bare measurements)…")
        from allsource.extract.nlp import load_pipeline

        load_pipeline()
        for result, texts in measured:
            measure_bare(result, texts, repeat=repeat, say=say)
            report.results.append(result)
    report.peak_rss_mb = peak_rss_mb()
    return report
