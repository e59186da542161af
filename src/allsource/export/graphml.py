"""GraphML for Gephi, yEd, Cytoscape and networkx: entities as nodes, statements as edges
(attributes in allsource.export.graph). Written element by element, never held in memory."""

from __future__ import annotations

import os
from xml.sax.saxutils import escape, quoteattr

from allsource.export.files import output_file, xml_safe
from allsource.export.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, iter_edges, iter_nodes

GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(xml_safe(str(value)))


def _data(prefix: str, attributes: dict) -> str:
    return "".join(f'<data key="{prefix}_{name}">{_value(value)}</data>' for name, value in attributes.items())


def write_graphml(store, path: str | os.PathLike) -> int:
    """Writes the graph to `path` ('-' for standard output); returns nodes + edges written."""
    count = 0
    with output_file(path) as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for domain, prefix, attributes in (("node", "n", NODE_ATTRIBUTES), ("edge", "e", EDGE_ATTRIBUTES)):
            for name, kind in attributes.items():
                out.write(f'<key id="{prefix}_{name}" for="{domain}" attr.name="{name}" '
                          f'attr.type="{GRAPHML_TYPES[kind]}"/>\n')
        out.write('<graph id="allsource" edgedefault="directed">\n')
        for node_id, attributes in iter_nodes(store):
            out.write(f"<node id={quoteattr(node_id)}>{_data('n', attributes)}</node>\n")
            count += 1
        for subject, obj, key, attributes in iter_edges(store):
            out.write(f"<edge id={quoteattr(key)} source={quoteattr(subject)} target={quoteattr(obj)}>"
                      f"{_data('e', attributes)}</edge>\n")
            count += 1
        out.write("</graph>\n</graphml>\n")
    return count
