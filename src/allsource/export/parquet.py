"""A folder of Parquet files, one per table, written a chunk (row group) at a time with an
explicit schema; column descriptions travel as field metadata."""

from __future__ import annotations

import os

from allsource.export.files import output_folder
from allsource.export.tables import BOOLEAN_COLUMNS, LIST_COLUMNS, TABLES

INTEGER_COLUMNS = {"part", "start", "end", "seq", "mention_count", "doc_count"}
FLOAT_COLUMNS = {"confidence"}


def schema_of(table: str):
    import pyarrow as pa

    fields = []
    for column, meaning in TABLES[table][1].items():
        if (table, column) in LIST_COLUMNS:
            kind = pa.list_(pa.string())
        elif (table, column) in BOOLEAN_COLUMNS:
            kind = pa.bool_()
        elif column in INTEGER_COLUMNS:
            kind = pa.int64()
        elif column in FLOAT_COLUMNS:
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind, metadata={"description": meaning}))
    return pa.schema(fields, metadata={"description": TABLES[table][0]})


def write_parquet_tables(store, path: str | os.PathLike) -> int:
    """Writes one Parquet file per table into the folder `path`; returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    with output_folder(path) as folder:
        for table, (_, columns) in TABLES.items():
            schema = schema_of(table)
            with pq.ParquetWriter(folder / f"{table}.parquet", schema) as writer:
                wrote = False
                for chunk in store.iter_table(table):
                    writer.write_table(pa.Table.from_pylist([{c: row[c] for c in columns} for row in chunk],
                                                            schema=schema))
                    count += len(chunk)
                    wrote = True
                if not wrote:
                    writer.write_table(schema.empty_table())
    return count
