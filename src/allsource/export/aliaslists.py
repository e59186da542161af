"""Alias lists analysts bring from their own tools, read into resolution rules (the import side
of the exchange formats kept in this package).

CSV (UTF-8, header row, columns in any order):

| column | meaning |
|---|---|
| `name` | a name documents may use ("Qods Force", "Tehran") |
| `target` | for `alias`: the canonical name, or the id of an existing entity, that `name` belongs to; for `never`: the name `name` must never merge with |
| `kind` | `alias` (the default when the column or cell is empty) or `never` |

Phoenix actor dictionaries (the PETRARCH/Phoenix `.actors.txt` files): a line starting with a
letter opens an actor (its primary name up to any `[code]` or `#` comment), each following
`+NAME` line is an alias of it, indented `[code dates]` lines and comments are skipped.
Underscores stand for spaces. An alias listed under two different actors is ambiguous and is
skipped (counted in the report), and so is an alias that is another actor's primary name."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from allsource.errors import InputError

KINDS = ("alias", "never")


@dataclass
class AliasGroup:
    """A canonical name with the names that belong to it, and names it must never merge with."""

    canonical: str
    aliases: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)


@dataclass
class AliasFile:
    groups: list[AliasGroup]
    ambiguous: int = 0


class AliasFileError(InputError):
    """Every bad row of an alias file, each as `file:line: reason`; nothing is imported."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.problems = [f"{path}:{line}: {reason}" for line, reason in problems]
        super().__init__(path, f"{len(problems)} bad row(s); first: line {problems[0][0]}: {problems[0][1]}")


def read_alias_file(path: str | Path, format: str = "csv") -> AliasFile:
    if format not in ("csv", "phoenix"):
        raise InputError(str(path), f"unknown alias file format {format!r} (expected csv or phoenix)")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read it ({exc.strerror or exc})") from exc
    return _read_csv(str(path), text) if format == "csv" else _read_phoenix(str(path), text)


def _read_csv(path: str, text: str) -> AliasFile:
    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    missing = {"name", "target"} - set(header)
    if missing:
        raise InputError(path, f"line 1: the header needs columns name and target (and optionally kind); "
                               f"missing {', '.join(sorted(missing))}")
    groups: dict[str, AliasGroup] = {}
    owner: dict[str, tuple[str, int]] = {}
    problems: list[tuple[int, str]] = []
    for line, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append((line, f"{len(row)} fields where the header has {len(header)}"))
            continue
        cells = {h: " ".join(v.split()) for h, v in zip(header, row)}
        name, target, kind = cells["name"], cells["target"], cells.get("kind", "").lower() or "alias"
        if kind not in KINDS:
            problems.append((line, f"kind {cells['kind']!r} is neither alias nor never"))
        elif not name or not target:
            problems.append((line, "name and target must both be given"))
        elif name.lower() == target.lower():
            problems.append((line, f"name and target are the same ({name!r})"))
        elif kind == "alias" and owner.get(name.lower(), (target.lower(),))[0] != target.lower():
            problems.append((line, f"{name!r} is already an alias of {owner[name.lower()][0]!r} "
                                   f"(line {owner[name.lower()][1]})"))
        else:
            group = groups.setdefault(target.lower(), AliasGroup(target))
            if kind == "alias":
                owner[name.lower()] = (target.lower(), line)
                group.aliases.append(name)
            else:
                group.never.append(name)
    if problems:
        raise AliasFileError(path, problems)
    return AliasFile(list(groups.values()))


def phoenix_name(raw: str) -> str:
    """'HASSAN_ROUHANI_' -> 'Hassan Rouhani'; '(AAIA)' and other bracketed acronyms stay as written."""
    words = raw.replace("_", " ").split()
    return " ".join(w if w.startswith("(") else w.capitalize() for w in words)


def _phoenix_entries(path: str, text: str) -> Iterator[tuple[int, str, str]]:
    """(line, 'actor' or 'alias', name) for each actor and alias line."""
    for line, raw in enumerate(text.splitlines(), 1):
        content = raw.split("#", 1)[0]
        if not content.strip() or content[0] in " \t[":
            continue
        if content.startswith("+"):
            for part in content.split("+"):
                name = phoenix_name(part.split("[", 1)[0])
                if name:
                    yield line, "alias", name
        else:
            name = phoenix_name(content.split("[", 1)[0])
            if not re.search(r"\w", name):
                raise InputError(f"{path}:{line}", f"{raw.strip()!r} is neither an actor, an +alias nor a code")
            yield line, "actor", name


def _read_phoenix(path: str, text: str) -> AliasFile:
    groups: list[AliasGroup] = []
    owners: dict[str, set[int]] = {}
    for line, kind, name in _phoenix_entries(path, text):
        if kind == "actor":
            groups.append(AliasGroup(name))
        elif not groups:
            raise InputError(f"{path}:{line}", f"alias {name!r} comes before any actor")
        elif name.lower() != groups[-1].canonical.lower():
            groups[-1].aliases.append(name)
            owners.setdefault(name.lower(), set()).add(len(groups) - 1)
    actors = {g.canonical.lower() for g in groups}
    ambiguous = {alias for alias, owner in owners.items() if len(owner) > 1 or alias in actors}
    for group in groups:
        group.aliases = list(dict.fromkeys(a for a in group.aliases if a.lower() not in ambiguous))
    if not groups:
        raise InputError(path, "no actors found (expected a Phoenix .actors.txt dictionary)")
    return AliasFile([g for g in groups if g.aliases], ambiguous=len(ambiguous))


@dataclass
class AliasImport:
    aliases: int
    never: int
    ambiguous: int


def import_alias_file(store, path: str | Path, format: str = "csv") -> AliasImport:
    """Reads an alias file and records its rules in one transaction: `always` (alias → the
    canonical name) and `never` pairs. When the knowledge base already has an entity under the
    canonical name, an alias or an entity id given as target, the rules name that entity's
    current name, so that documents added afterwards join it."""
    from allsource.errors import NotFoundError

    alias_file = read_alias_file(path, format)
    aliases = never = 0
    with store.transaction():
        for group in alias_file.groups:
            target = group.canonical
            if target.startswith("ent-"):
                try:
                    target = store.find_entity(target)["name"]
                except NotFoundError:
                    raise InputError(str(path), f"target {target!r} is no entity of this knowledge base") from None
            else:
                for name in (group.canonical, *group.aliases):
                    existing = store.entity_named(name)
                    if existing is not None:
                        target = existing.name
                        break
            for alias in group.aliases:
                if alias.lower() != target.lower():
                    store.add_rule("always", alias, target)
                    aliases += 1
            for other in group.never:
                store.add_rule("never", other, target)
                never += 1
    return AliasImport(aliases, never, alias_file.ambiguous)
