"""Peak memory of each export as the knowledge base grows: the exports stream, so the peak for a
knowledge base ten times larger should stay close to the smaller one's (ratio < 1.5).

Each export runs in a fresh Python process (`python -m allsource.export.benchmark FORMAT DB
OUT`), so one measurement cannot inherit another's memory. The process loads the format's
libraries first, then reads its resident set size (baseline), runs the export and reports its
peak resident set size; `growth` is peak minus baseline, the memory the export itself took."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import AllsourceError
from allsource.export.formats import FORMATS

RATIO_LIMIT = 1.5


@dataclass
class Measurement:
    format: str
    documents: int
    records: int
    seconds: float
    baseline_mb: float
    peak_mb: float

    @property
    def growth_mb(self) -> float:
        return self.peak_mb - self.baseline_mb


@dataclass
class ExportBenchmark:
    sizes: list[int]
    built_documents: int
    measurements: list[Measurement] = field(default_factory=list)

    def peak(self, fmt: str, documents: int) -> Measurement:
        return next(m for m in self.measurements if m.format == fmt and m.documents == documents)

    def ratio(self, fmt: str) -> float:
        return self.peak(fmt, self.sizes[-1]).peak_mb / self.peak(fmt, self.sizes[0]).peak_mb

    def format(self) -> str:
        small, large = self.sizes[0], self.sizes[-1]
        header = (f"{'format':<9}" + "".join(f"{'peak@' + str(n):>12}{'growth@' + str(n):>14}{'s@' + str(n):>9}"
                                              for n in (small, large)) + f"{'ratio':>8}")
        lines = [header]
        for fmt in dict.fromkeys(m.format for m in self.measurements):
            cells = "".join(f"{self.peak(fmt, n).peak_mb:>10.1f}MB{self.peak(fmt, n).growth_mb:>12.1f}MB"
                            f"{self.peak(fmt, n).seconds:>9.1f}" for n in (small, large))
            lines.append(f"{fmt:<9}{cells}{self.ratio(fmt):>8.2f}")
        worst = max(self.ratio(fmt) for fmt in dict.fromkeys(m.format for m in self.measurements))
        records = {n: self.peak("jsonl", n).records for n in (small, large)} if any(
            m.format == "jsonl" for m in self.measurements) else {}
        lines += ["",
                  "peak     peak resident set size of the exporting process (interpreter and libraries included)",
                  "growth   peak minus the size after loading the format's libraries: what the export itself used",
                  f"ratio    peak@{large} / peak@{small}; limit {RATIO_LIMIT}, worst {worst:.2f} "
                  f"({'within' if worst < RATIO_LIMIT else 'OVER'} the limit)",
                  f"data     {self.built_documents} articles built through the whole pipeline, then their records "
                  f"copied with new ids at the store level up to {small} and {large} documents"
                  + (f" ({records[small]:,} and {records[large]:,} JSON Lines records)" if records else "")]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"sizes": self.sizes, "built_documents": self.built_documents,
                "measurements": [{**m.__dict__, "growth_mb": m.growth_mb} for m in self.measurements],
                "ratios": {fmt: self.ratio(fmt) for fmt in dict.fromkeys(m.format for m in self.measurements)}}


def grow(built_db: Path, documents_built: int, documents: int, dest: Path) -> int:
    """Copies `built_db` to `dest` and replicates its records up to about `documents` documents;
    returns the number of documents it holds."""
    from allsource.store.sqlite import SQLiteStore

    shutil.copy(built_db, dest)
    copies = max(0, round(documents / documents_built) - 1)
    store = SQLiteStore(dest)
    try:
        if copies:
            store.replicate_for_benchmark(copies)
        return store.counts()["documents"]
    finally:
        store.close()


def measure(fmt: str, db: Path, out: Path) -> dict:
    """Runs one export in a fresh process and returns its figures."""
    result = subprocess.run([sys.executable, "-m", "allsource.export.benchmark", fmt, str(db), str(out)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise AllsourceError(f"{db}: the {fmt} export failed in its measuring process ({last})")
    return json.loads(result.stdout)


def run_export_benchmark(built_db: Path, documents_built: int, sizes: list[int], scratch: Path,
                         formats: list[str] | None = None, progress=lambda line: None) -> ExportBenchmark:
    report = ExportBenchmark(sizes=[], built_documents=documents_built)
    for size in sizes:
        db = scratch / f"kb-{size}.db"
        documents = grow(built_db, documents_built, size, db)
        report.sizes.append(documents)
        progress(f"[{documents} documents] knowledge base ready ({db.stat().st_size / 1e6:.0f} MB)")
        for fmt in formats or list(FORMATS):
            out = scratch / f"out-{size}.{fmt}"
            figures = measure(fmt, db, out)
            report.measurements.append(Measurement(fmt, documents, **figures))
            progress(f"[{documents} documents] {fmt}: peak {figures['peak_mb']:.1f} MB, {figures['seconds']:.1f}s")
            shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
        db.unlink()
    return report


def _peak_rss_mb() -> float:
    import resource

    unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 1e6


def _measure_here(fmt: str, db: str, out: str) -> dict:
    import importlib

    from allsource.export.formats import export
    from allsource.store.sqlite import SQLiteStore

    module, _, library = FORMATS[fmt]
    importlib.import_module(module)
    if library:
        importlib.import_module(library)
    if fmt == "ftm":  # followthemoney builds its country-name index on first use: load it before measuring
        from followthemoney.types import registry
        registry.country.clean("Iran")
    store = SQLiteStore(db)
    baseline = _peak_rss_mb()
    started = time.perf_counter()
    records = export(store, fmt, out)
    seconds = time.perf_counter() - started
    return {"records": records, "seconds": seconds, "baseline_mb": baseline, "peak_mb": _peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(_measure_here(*sys.argv[1:4])))
