"""Set-based writes: one executemany per statement shape, straight to the SQLite driver
(inside the session's transaction). The engine writes thousands of rows per batch, and
SQLAlchemy's per-row parameter processing would cost more than SQLite itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import Session

#: How many values one IN (...) list carries.
CHUNK = 5000
T = TypeVar("T")


def chunks(values: Iterable[T]) -> Iterator[list[T]]:
    """The distinct values, sorted, in lists short enough for one IN (...)."""
    items = sorted(set(values))  # type: ignore[type-var]
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Rows are dicts of column values; every row gives the same columns."""
    if not rows:
        return
    table = _table(model)
    columns = [c.name for c in table.columns if c.name in rows[0]]
    sql = (f'INSERT INTO "{table.name}" ({", ".join(columns)}) '
           f'VALUES ({", ".join("?" * len(columns))})')
    session.connection().exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows])


def update_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Each row names its ``id`` and the columns to set; rows changing the same columns share
    one executemany."""
    table = _table(model)
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        columns = tuple(sorted(k for k in row if k != "id"))
        groups.setdefault(columns, []).append((*(row[c] for c in columns), row["id"]))
    for columns, params in groups.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        session.connection().exec_driver_sql(
            f'UPDATE "{table.name}" SET {assignments} WHERE id = ?', params)


def _driver(session: Session) -> Any:
    """The SQLite connection under the session, in the session's transaction."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    return driver


def insert_tuples(session: Session, model: Any, columns: Sequence[str],
                  rows: Iterable[tuple[Any, ...]]) -> None:
    """Rows as tuples of the named columns, in that order (no dict per row on hot paths),
    handed to the driver's executemany as they come."""
    table = _table(model)
    sql = (f'INSERT INTO "{table.name}" ({", ".join(columns)}) '
           f'VALUES ({", ".join("?" * len(columns))})')
    _driver(session).executemany(sql, rows)


def update_tuples(session: Session, model: Any, columns: Sequence[str],
                  rows: Iterable[tuple[Any, ...]]) -> None:
    """Each row: the values of ``columns``, in that order, then the ``id`` it sets them on."""
    table = _table(model)
    assignments = ", ".join(f"{c} = ?" for c in columns)
    _driver(session).executemany(f'UPDATE "{table.name}" SET {assignments} WHERE id = ?', rows)


def rows_in(session: Session, sql: str, values: Iterable[Any], before: tuple[Any, ...] = ()
            ) -> Iterator[tuple[Any, ...]]:
    """Runs ``sql`` (raw SQL with one ``IN ({values})``, after parameters ``before``) for the
    distinct values, a chunk at a time, and yields its rows as tuples: no statement to compile
    for each new list length."""
    driver = _driver(session)
    for chunk in chunks(values):
        marks = ", ".join("?" * len(chunk))
        yield from driver.execute(sql.format(values=marks), (*before, *chunk))


def execute_in(session: Session, sql: str, values: Iterable[Any]) -> None:
    """Runs ``sql`` (raw SQL with one ``IN ({values})``) for the distinct values, chunked."""
    driver = _driver(session)
    for chunk in chunks(values):
        driver.execute(sql.format(values=", ".join("?" * len(chunk))), chunk)
