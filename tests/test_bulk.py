"""tidings.store.bulk: batches go into DuckDB as columns, with the types declared."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from tidings.store.bulk import insert_rows, insert_tuples, load_columns, load_temp_table

COLUMNS = {"id": "VARCHAR", "n": "BIGINT", "ok": "BOOLEAN", "at": "TIMESTAMPTZ", "tags": "VARCHAR[]"}


def test_columns_keep_types_nulls_and_lists() -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    count = load_columns(
        con,
        "batch",
        COLUMNS,
        {
            "id": ["a", None, "c"],
            "n": [None] * 2 + [7],  # NULLs first must not fix the type
            "ok": [True, False, None],
            "at": [when, "2026-11-21T10:00:00+00:00", None],
            "tags": [["x", "y"], [], None],
        },
    )
    assert count == 3
    rows = con.execute("SELECT * FROM batch").fetchall()
    assert rows[0] == ("a", None, True, when, ["x", "y"])
    assert rows[1] == (None, None, False, datetime(2026, 11, 21, 10, tzinfo=UTC), [])
    assert rows[2] == ("c", 7, None, None, None)
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE batch)").fetchall())
    assert types == {"id": "VARCHAR", "n": "BIGINT", "ok": "BOOLEAN",
                     "at": "TIMESTAMP WITH TIME ZONE", "tags": "VARCHAR[]"}


def test_lone_surrogate_becomes_replacement_inside_a_transaction() -> None:
    con = duckdb.connect()
    con.execute("BEGIN")
    load_temp_table(con, "batch", {"id": "VARCHAR"}, [{"id": "ok"}, {"id": "half \ud83d emoji"}, {}])
    con.execute("COMMIT")  # the transaction was not aborted
    assert con.execute("SELECT id FROM batch").fetchall() == [("ok",), ("half ? emoji",), (None,)]


def test_empty_batches_make_empty_tables_and_append_nothing() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id VARCHAR, n BIGINT)")
    assert load_columns(con, "batch", {"id": "VARCHAR"}, {"id": []}) == 0
    assert con.execute("SELECT count(*) FROM batch").fetchone() == (0,)
    assert insert_rows(con, "t", {"id": "VARCHAR", "n": "BIGINT"}, []) == 0
    assert insert_tuples(con, "t", {"id": "VARCHAR", "n": "BIGINT"}, [("a", 1), ("b", 2)]) == 2
    assert insert_rows(con, "t", {"id": "VARCHAR", "n": "BIGINT"}, [{"id": "c"}]) == 1
    assert con.execute("SELECT * FROM t ORDER BY id").fetchall() == [("a", 1), ("b", 2), ("c", None)]
