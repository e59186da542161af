"""Dependencies point one way: a lower layer never imports a higher one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "allsource"
LAYERS = [
    {"errors", "model"},
    {"ingest"},
    {"extract"},
    {"resolve"},
    {"store"},
    {"analyze"},
    {"pipeline", "export", "evaluate"},
    {"workbench", "bench", "bench_scale", "bench_stores"},
    {"cli", "web"},
]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"module allsource.{module} is in no layer; add it to LAYERS")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("allsource."):
            yield node.module.removeprefix("allsource.")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("allsource."):
                    yield alias.name.removeprefix("allsource.")


def test_no_module_imports_a_higher_layer():
    offences = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        own = layer_of(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        for module in imported_modules(path):
            if layer_of(module) > own:
                offences.append(f"{path.relative_to(PACKAGE)} imports allsource.{module}")
    assert not offences, "\n".join(offences)


def test_importing_the_package_loads_no_heavy_dependency():
    code = ("import sys, allsource; allsource.open; "
            "print(sorted(m for m in ('spacy', 'trafilatura', 'dateparser', 'pypdf', 'pandas') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
