"""Bulk loading: DuckDB inserts row by row at a few hundred rows a second, but reads a
newline-delimited JSON file at tens of thousands, so batches go through a temporary file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping

import duckdb


def load_temp_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
) -> int:
    """Create (or replace) temp table `name` with `columns` (name -> SQL type) from `rows`."""
    fd, path = tempfile.mkstemp(prefix="tidings-batch-", suffix=".jsonl")
    count = 0
    longest = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for row in rows:
                text = json.dumps(row, ensure_ascii=False, default=_default)
                try:
                    line = text.encode("utf-8")
                except UnicodeEncodeError:
                    # A lone surrogate (half an emoji from a broken "\ud83d" escape) cannot be
                    # stored as UTF-8: it becomes "?" rather than sinking the whole batch.
                    line = text.encode("utf-8", "replace")
                handle.write(line)
                handle.write(b"\n")
                count += 1
                longest = max(longest, len(line))
        spec = ", ".join(f"{column}: '{kind}'" for column, kind in columns.items())
        con.execute(f"DROP TABLE IF EXISTS {name}")
        if count == 0:
            defs = ", ".join(f"{column} {kind}" for column, kind in columns.items())
            con.execute(f"CREATE TEMP TABLE {name} ({defs})")
            return 0
        # DuckDB reserves a buffer twice the maximum object size: size it to this batch's
        # longest line rather than a fixed gigabyte, which a memory cap would refuse.
        max_size = max(1 << 20, longest + 1024)
        con.execute(
            f"CREATE TEMP TABLE {name} AS SELECT * FROM read_json(?, columns = {{{spec}}}, "
            f"format = 'newline_delimited', maximum_object_size = {max_size})",
            [path],
        )
    finally:
        os.unlink(path)
    return count


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
) -> int:
    """Append rows to `table` in one bulk statement."""
    count = load_temp_table(con, f"_bulk_{table}", columns, rows)
    if count:
        names = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _bulk_{table}")
    con.execute(f"DROP TABLE IF EXISTS _bulk_{table}")
    return count


def _default(value: object) -> object:
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        return isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a batch")


def insert_tuples(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: Iterable[tuple[object, ...]],
) -> int:
    """Append plain scalar tuples (numbers, booleans, strings without tabs or newlines) through
    a tab-separated file: several times cheaper than JSON for narrow, numerous rows."""
    fd, path = tempfile.mkstemp(prefix="tidings-rows-", suffix=".tsv")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            lines = ["\t".join(map(str, row)) for row in rows]
            count = len(lines)
            if lines:
                handle.write("\n".join(lines))
                handle.write("\n")
        if count:
            spec = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
            names = ", ".join(columns)
            con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM read_csv(?, delim = '\\t', "
                f"header = false, quote = '', escape = '', columns = {{{spec}}})",
                [path],
            )
    finally:
        os.unlink(path)
    return count
