"""The shape every outside benchmark reports in: figures beside a baseline from the same run.

Each benchmark module (ner, coref, attribution, relations, events, aliases) returns a
`BenchmarkReport`; the CLI prints it with `format_benchmark` and writes `to_dict()` as JSON,
so figures can be tracked over time in one format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allsource.evaluate.corpus import CategoryScore


@dataclass(frozen=True)
class Figure:
    """One measured line: allsource's score and the baseline's, on the same items."""

    label: str
    system: CategoryScore | float
    baseline: CategoryScore | float | None = None

    def to_dict(self) -> dict[str, Any]:
        def as_dict(score):
            if score is None or isinstance(score, float | int):
                return score
            return score.to_dict()
        return {"label": self.label, "system": as_dict(self.system), "baseline": as_dict(self.baseline)}


@dataclass
class BenchmarkReport:
    benchmark: str            # "ner", "coref", …
    dataset: str              # e.g. "CoNLL++ (dev)"
    split: str                # "dev" or "test"
    matching_rule: str        # stated in words, printed under the table
    baseline: str             # what the baseline is, in words
    items: int                # documents or sentences scored
    figures: list[Figure] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "dataset": self.dataset, "split": self.split,
                "matching_rule": self.matching_rule, "baseline": self.baseline, "items": self.items,
                "seconds": round(self.seconds, 2), "figures": [f.to_dict() for f in self.figures],
                "notes": list(self.notes)}


def format_benchmark(report: BenchmarkReport) -> str:
    """A plain-text table: P/R/F1 for allsource and the baseline, one row per figure."""
    lines = [f"{report.dataset}: {report.items:,} items, {report.seconds:.1f} s",
             f"{'':28} {'allsource':>23}   {'baseline':>23}",
             f"{'':28} {'P':>7} {'R':>7} {'F1':>7}   {'P':>7} {'R':>7} {'F1':>7}"]
    for figure in report.figures:
        lines.append(f"{figure.label:28} {_cells(figure.system)}   {_cells(figure.baseline)}")
    lines.append(f"matching: {report.matching_rule}")
    lines.append(f"baseline: {report.baseline}")
    lines.extend(f"note: {note}" for note in report.notes)
    return "\n".join(lines)


def _cells(score: CategoryScore | float | None) -> str:
    if score is None:
        return f"{'-':>7} {'-':>7} {'-':>7}"
    if isinstance(score, float | int):
        return f"{'':>7} {'':>7} {score:7.3f}"
    return f"{score.precision:7.3f} {score.recall:7.3f} {score.f1:7.3f}"
