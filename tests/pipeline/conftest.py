"""Small articles written for these tests, and a generator of longer ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = {
    "ferry.txt": (
        "Caspian Ferries Double Their Sailings\n\n"
        "By Sara Lind\n\n"
        "2 March 2021\n\n"
        "Kazakhstan supplied Azerbaijan with wheat and steel pipes during the winter, and the two governments "
        "agreed on Monday to double ferry traffic across the Caspian Sea. Marat Seitov, the transport minister "
        "of Kazakhstan, said the new timetable would start in April.\n\n"
        "Port officials in Aktau expect the extra sailings to cut waiting times for lorries.\n"
    ),
    "grid.md": (
        "# Georgia and Armenia Link Their Power Grids\n\n"
        "*By Davit Meliqyan, 14 June 2022*\n\n"
        "Georgia and Armenia switched on a new high-voltage line on Thursday. Nino Kapanadze, the energy minister "
        "of Georgia, met Armen Harutyunyan in Yerevan to mark the occasion. Armenia will sell surplus power to "
        "Georgia in the summer months.\n"
    ),
    "rail.txt": (
        "A Railway Across the Steppe\n\n"
        "By Omar Tulegenov\n\n"
        "9 September 2020\n\n"
        "Uzbekistan and Turkmenistan opened a freight railway last week. Engineers from China trained the "
        "signalling crews, according to Aziz Rakhimov, a spokesman for the Uzbek railway company. Turkmenistan "
        "criticized the delays in the final section near the border.\n"
    ),
}


def write_articles(folder: Path, names=None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or ARTICLES:
        path = folder / name
        path.write_text(ARTICLES[name], encoding="utf-8")
        paths.append(path)
    return paths


COUNTRIES = ["Kazakhstan", "Azerbaijan", "Armenia", "Georgia", "Uzbekistan", "Turkmenistan", "Mongolia",
             "Kyrgyzstan", "Tajikistan", "Belarus", "Moldova", "Serbia", "Hungary", "Egypt"]
PEOPLE = ["Daniyar Omarov", "Leyla Rustamova", "Aram Petrosyan", "Nino Beridze", "Timur Karimov", "Merdan Atayev",
          "Bold Erdene", "Aida Sultanova", "Rustam Nazarov", "Pavel Lukin", "Elena Rusu", "Milan Jovic",
          "Gabor Kiss", "Amira Fahmy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def generated_article(i: int) -> str:
    """A longish made-up report on a supply pact between two countries (varied by `i`)."""
    a, b = COUNTRIES[i % 14], COUNTRIES[(i + 5) % 14]
    pa, pb = PEOPLE[i % 14], PEOPLE[(i + 5) % 14]
    parts = [
        f"{a} Signs Supply Pact With {b}",
        f"By Correspondent Number {i}",
        f"{3 + i} {MONTHS[i % 12]} 2021",
        f"{pa}, the foreign minister of {a}, met {pb} in the capital of {b} on Tuesday. {a} supplied {b} with "
        f"grain and diesel fuel during the winter, and the two governments agreed to extend the arrangement.",
        f"{pb} said the talks had been frank. {pa} told reporters that {a} would not sell weapons to {b} but "
        f"would train its customs officers. Officials from the World Bank attended the signing.",
    ]
    for k in range(3):
        parts.append(
            f"Under point {k} of the communique, {a} and {b} promised to cooperate on rail freight, border "
            f"crossings and electricity trading. {pa} visited a power station near the border in "
            f"{MONTHS[(i + k) % 12]} 2020, and engineers from {b} inspected the lines a month later. Analysts in "
            f"{COUNTRIES[(i + k + 2) % 14]} said the deal would help both economies, although critics in "
            f"{COUNTRIES[(i + k + 3) % 14]} accused {a} of ignoring its neighbours.")
    return "\n\n".join(parts) + "\n"


def write_generated(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"report-{i:02d}.txt"
        path.write_text(generated_article(i), encoding="utf-8")
        paths.append(path)
    return paths


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ALLSOURCE_DB"}
    env["COLUMNS"] = "200"
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "allsource.cli.main", *args]


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), capture_output=True, text=True, env=cli_env(), cwd=cwd, timeout=120)


# Test modules are not importable from one another (no packages): helpers come as fixtures.

@pytest.fixture
def articles(tmp_path) -> Path:
    """A folder holding the small hand-written articles."""
    folder = tmp_path / "articles"
    write_articles(folder)
    return folder


@pytest.fixture
def article_text():
    return dict(ARTICLES)


@pytest.fixture
def generate():
    return write_generated


@pytest.fixture
def cli():
    """cli(*args) runs the allsource command line in a fresh process (no ALLSOURCE_DB set)."""
    return run_cli


@pytest.fixture
def cli_argv():
    return cli_command


@pytest.fixture
def cli_environment():
    return cli_env()
