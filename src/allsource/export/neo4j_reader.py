"""Reads a folder in the `neo4j-admin database import` CSV layout back into a graph, checking
every header against the import tool's rules. Where no Neo4j server is at hand this is how the
neo4j export is verified; it also lets anyone load such a folder into networkx.

Header fields are `name:type(ID space)` with each part optional. Node files carry exactly one
`:ID` and no relationship fields; relationship files carry exactly one `:START_ID`, `:END_ID`
and `:TYPE` and no `:ID`. Property types are those the import tool documents, each optionally
an array (`string[]`)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from allsource.errors import InputError

PROPERTY_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
                  "localtime", "time", "localdatetime", "datetime", "duration"}
SPECIAL_TYPES = {"ID", "START_ID", "END_ID", "TYPE", "LABEL", "IGNORE"}
_FIELD = re.compile(r"^(?P<name>[^:()]*)(?::(?P<type>[A-Za-z_]+(?:\[\])?))?(?:\((?P<space>[^()]+)\))?$")


@dataclass(frozen=True)
class HeaderField:
    name: str
    type: str          # a property type (possibly "string[]") or one of SPECIAL_TYPES
    id_space: str


def parse_header(fields: list[str], file: str) -> tuple[list[HeaderField], bool]:
    """Parses and checks one header; returns its fields and whether it is a node file."""
    parsed = []
    for field in fields:
        match = _FIELD.match(field)
        if not match:
            raise InputError(file, f"header field {field!r} is not name:type(ID space)")
        kind = match["type"] or "string"
        if kind not in SPECIAL_TYPES and kind.removesuffix("[]").lower() not in PROPERTY_TYPES:
            raise InputError(file, f"header field {field!r} has an unknown type {kind!r}")
        if match["space"] and kind not in ("ID", "START_ID", "END_ID"):
            raise InputError(file, f"header field {field!r}: only ID fields take an ID space")
        if kind not in SPECIAL_TYPES and not match["name"]:
            raise InputError(file, f"header field {field!r}: a property needs a name")
        parsed.append(HeaderField(match["name"], kind, match["space"] or ""))
    kinds = [f.type for f in parsed]
    is_node = "ID" in kinds
    if is_node:
        if kinds.count("ID") != 1 or {"START_ID", "END_ID", "TYPE"} & set(kinds):
            raise InputError(file, "a node file needs exactly one :ID and no :START_ID, :END_ID or :TYPE")
    elif [kinds.count(k) for k in ("START_ID", "END_ID", "TYPE")] != [1, 1, 1]:
        raise InputError(file, "a relationship file needs exactly one :START_ID, :END_ID and :TYPE")
    return parsed, is_node


def _convert(value: str, kind: str, array_delimiter: str):
    if kind.endswith("[]"):
        return [_convert(v, kind[:-2], array_delimiter) for v in value.split(array_delimiter)] if value else []
    kind = kind.lower()
    if kind in ("int", "long", "short", "byte"):
        return int(value)
    if kind in ("float", "double"):
        return float(value)
    if kind == "boolean":
        return value.lower() == "true"
    return value


def read_import_folder(folder: str | Path, *, array_delimiter: str = ";"):
    """A networkx MultiDiGraph of the folder: nodes keyed (ID space, id) with `labels` and their
    properties; edges keyed by line with `type` and their properties. Empty cells are absent
    properties, as in the import tool."""
    import networkx

    graph = networkx.MultiDiGraph()
    files = sorted(Path(folder).glob("*.csv"))
    parsed = {}
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            parsed[path] = parse_header(next(csv.reader(handle)), str(path))
    for want_nodes in (True, False):  # nodes first, so relationships can be checked against them
        for path in files:
            header, is_node = parsed[path]
            if is_node == want_nodes:
                _read_rows(graph, path, header, is_node, array_delimiter)
    return graph


def _read_rows(graph, path: Path, header: list[HeaderField], is_node: bool, array_delimiter: str) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for line, row in enumerate(rows, 2):
            if len(row) != len(header):
                raise InputError(f"{path}:{line}", f"{len(row)} fields where the header has {len(header)}")
            properties, labels, ends, rel_type, node_key = {}, [], {}, "", None
            for field, value in zip(header, row):
                if field.type == "ID":
                    node_key = (field.id_space, value)
                    if field.name:
                        properties[field.name] = value
                elif field.type in ("START_ID", "END_ID"):
                    ends[field.type] = (field.id_space, value)
                elif field.type == "LABEL":
                    labels = [v for v in value.split(array_delimiter) if v]
                elif field.type == "TYPE":
                    rel_type = value
                elif field.type != "IGNORE" and value != "":
                    properties[field.name] = _convert(value, field.type, array_delimiter)
            if is_node:
                if node_key in graph:
                    raise InputError(f"{path}:{line}", f"duplicate node id {node_key[1]!r}")
                graph.add_node(node_key, labels=labels, **properties)
            else:
                missing = [end[1] for end in ends.values() if end not in graph]
                if missing or not rel_type:
                    raise InputError(f"{path}:{line}", f"relationship to unknown node {missing} or without a type")
                graph.add_edge(ends["START_ID"], ends["END_ID"], key=f"{path.name}:{line}", type=rel_type,
                               **properties)
