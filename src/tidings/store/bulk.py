"""Bulk loading: DuckDB inserts row by row at a few hundred rows a second, but scans columns of
Python objects held in NumPy arrays at C speed, so batches go in as columns (a JSON temporary
file, the previous way, cost about four times the CPU, mostly in json.dumps). Search tokens,
millions of tiny integer rows, still go through a tab-separated file, which DuckDB reads faster
than it converts Python ints one by one.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence

import duckdb
import numpy as np

_view_ids = itertools.count()


def load_columns(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Mapping[str, str],
    data: Mapping[str, Sequence[object]],
) -> int:
    """Create (or replace) temp table `name` with `columns` (name -> SQL type) from `data`
    (name -> one value per row; None is NULL; datetimes and ISO strings both fit TIMESTAMPTZ)."""
    con.execute(f"DROP TABLE IF EXISTS {name}")
    count = len(next(iter(data.values()))) if data else 0
    if count == 0:
        defs = ", ".join(f'"{column}" {kind}' for column, kind in columns.items())
        con.execute(f"CREATE TEMP TABLE {name} ({defs})")
        return 0
    _create_from(con, name, columns, {column: _objects(data[column]) for column in columns})
    return count


def load_temp_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
) -> int:
    """Like :func:`load_columns`, from rows given as mappings (a missing key is NULL)."""
    data: dict[str, list[object]] = {column: [] for column in columns}
    appends = [(column, data[column].append) for column in columns]
    for row in rows:
        for column, append in appends:
            append(row.get(column))
    return load_columns(con, name, columns, data)


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
) -> int:
    """Append rows to `table` in one bulk statement."""
    count = load_temp_table(con, f"_bulk_{table}", columns, rows)
    _append(con, table, columns, count)
    return count


def insert_tuples(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: Iterable[tuple[object, ...]],
) -> int:
    """Append plain scalar tuples (numbers, booleans, strings without tabs or newlines) through
    a tab-separated file: for narrow, numerous rows (search tokens) DuckDB's CSV reader beats
    converting millions of small Python ints one by one."""
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
            names = ", ".join(f'"{column}"' for column in columns)
            con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM read_csv(?, delim = '\\t', "
                f"header = false, quote = '', escape = '', columns = {{{spec}}})",
                [path],
            )
    finally:
        os.unlink(path)
    return count


def _append(con: duckdb.DuckDBPyConnection, table: str, columns: Mapping[str, str], count: int) -> None:
    if count:
        names = ", ".join(f'"{column}"' for column in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _bulk_{table}")
    con.execute(f"DROP TABLE IF EXISTS _bulk_{table}")


def _objects(values: Sequence[object]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values  # element by element: a list of lists must stay one object per row
    for index, value in enumerate(values):
        # A lone surrogate (half an emoji from a broken "\ud83d" JSON escape) cannot be stored
        # as UTF-8, and DuckDB's error would abort the whole transaction: it becomes "?".
        # isascii() is O(1), so only non-ASCII text pays for the check.
        if type(value) is str and not value.isascii() and not _encodes(value):
            array[index] = value.encode("utf-8", "replace").decode("utf-8")
    return array


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _create_from(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Mapping[str, str],
    arrays: Mapping[str, np.ndarray],
) -> None:
    view = f"tidings_batch_{next(_view_ids)}"
    con.register(view, arrays)
    try:
        select = ", ".join(f'CAST("{c}" AS {kind}) AS "{c}"' for c, kind in columns.items())
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT {select} FROM {view}")
    finally:
        con.unregister(view)
