"""GEXF 1.2 for Gephi: entities as nodes, statements as edges (attributes in
allsource.export.graph). Written element by element, never held in memory."""

from __future__ import annotations

import os
from xml.sax.saxutils import quoteattr

from allsource.export.files import output_file, xml_safe
from allsource.export.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, iter_edges, iter_nodes

GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# GEXF gives every node a label of its own; the other attributes are declared columns
NODE_COLUMNS = {name: kind for name, kind in NODE_ATTRIBUTES.items() if name != "label"}


def _attvalues(attributes: dict, columns: dict) -> str:
    values = []
    for name in columns:
        value = attributes[name]
        text = ("true" if value else "false") if isinstance(value, bool) else xml_safe(str(value))
        values.append(f"<attvalue for={quoteattr(name)} value={quoteattr(text)}/>")
    return f"<attvalues>{''.join(values)}</attvalues>"


def write_gexf(store, path: str | os.PathLike) -> int:
    """Writes the graph to `path` ('-' for standard output); returns nodes + edges written."""
    count = 0
    with output_file(path) as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                  "<meta><creator>allsource</creator>"
                  "<description>Entities and the statements that link them, with their evidence</description></meta>\n"
                  '<graph mode="static" defaultedgetype="directed">\n')
        for domain, columns in (("node", NODE_COLUMNS), ("edge", EDGE_ATTRIBUTES)):
            out.write(f'<attributes class="{domain}">\n')
            for name, kind in columns.items():
                out.write(f'<attribute id="{name}" title="{name}" type="{GEXF_TYPES[kind]}"/>\n')
            out.write("</attributes>\n")
        out.write("<nodes>\n")
        for node_id, attributes in iter_nodes(store):
            out.write(f"<node id={quoteattr(node_id)} label={quoteattr(xml_safe(attributes['label']))}>"
                      f"{_attvalues(attributes, NODE_COLUMNS)}</node>\n")
            count += 1
        out.write("</nodes>\n<edges>\n")
        for subject, obj, key, attributes in iter_edges(store):
            out.write(f"<edge id={quoteattr(key)} source={quoteattr(subject)} target={quoteattr(obj)} "
                      f"label={quoteattr(attributes['predicate'])}>{_attvalues(attributes, EDGE_ATTRIBUTES)}</edge>\n")
            count += 1
        out.write("</edges>\n</graph>\n</gexf>\n")
    return count
