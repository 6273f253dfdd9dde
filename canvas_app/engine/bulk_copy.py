"""PostgreSQL's fast path for the engine's bulk writes, measured to matter: ``COPY`` instead of
an executemany (psycopg's pipelined executemany still makes one statement per row; COPY streams
the rows in one). An update of many rows copies them into a temporary table and sets them with
one ``UPDATE ... FROM``. Both run on the session's own connection, inside its transaction."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

#: Below this many rows an update is a plain executemany (a temporary table costs more).
UPDATE_COPY_ROWS = 200
_serial = itertools.count()


def copy_insert(driver: Any, table: str, columns: Sequence[str],
                rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERTs ``rows`` (tuples of ``columns``) into ``table`` with COPY."""
    names = ", ".join(f'"{c}"' for c in columns)
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def copy_update(driver: Any, table: str, columns: Sequence[str],
                rows: Sequence[tuple[Any, ...]]) -> None:
    """Each row: the values of ``columns``, then the ``id`` of the row of ``table`` to set."""
    names = [*columns, "id"]
    quoted = ", ".join(f'"{c}"' for c in names)
    with driver.cursor() as cursor:
        if len(rows) < UPDATE_COPY_ROWS:
            sets = ", ".join(f'"{c}" = %s' for c in columns)
            cursor.executemany(f'UPDATE "{table}" SET {sets} WHERE id = %s', rows)
            return
        temp = f"canvas_update_{next(_serial)}"
        cursor.execute(f'CREATE TEMP TABLE {temp} ON COMMIT DROP AS '
                       f'SELECT {quoted} FROM "{table}" WITH NO DATA')
        with cursor.copy(f"COPY {temp} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        sets = ", ".join(f'"{c}" = u."{c}"' for c in columns)
        cursor.execute(f'UPDATE "{table}" AS t SET {sets} FROM {temp} AS u WHERE t.id = u.id')
        cursor.execute(f"DROP TABLE {temp}")
