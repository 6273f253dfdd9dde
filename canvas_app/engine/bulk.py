"""Set-based writes through SQLAlchemy Core, on SQLite and PostgreSQL alike: one executemany
per statement shape, inside the session's transaction. Each statement is built once per table
and shape (SQLAlchemy caches its compiled form); the rows go to the driver's executemany (on
PostgreSQL, psycopg's pipelined one).

One dialect fast path, measured to matter: on SQLite the hot tuple writes (``insert_tuples``,
``update_tuples``) hand their tuples to the sqlite3 driver's executemany as they come, without
a dict per row (Core's per-row parameter handling made sends and clicks 1.7-2x slower: see
tests/benchmarks/bench_engine.py); on PostgreSQL they go by COPY (bulk_copy.py)."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Executable, Table, bindparam, insert, text, update
from sqlalchemy.orm import Session

from canvas_app.engine.bulk_copy import copy_insert, copy_update
from canvas_app.store.driver import driver

#: A named parameter in raw SQL (``:name``; never inside our SQL's string literals).
_NAMED = re.compile(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")
#: How many values one IN (...) list carries.
CHUNK = 5000
#: How many rows one executemany carries (bounds the parameter lists held at once).
ROWS = 20_000
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


@lru_cache(maxsize=256)
def _insert(table: Table) -> Executable:
    return insert(table)


@lru_cache(maxsize=256)
def _update(table: Table, columns: tuple[str, ...]) -> Executable:
    """UPDATE table SET column = :column, ... WHERE id = :_id (one shape, cached)."""
    return (update(table).where(table.c.id == bindparam("_id"))
            .values({c: bindparam(c) for c in columns}))


def _many(session: Session, statement: Executable, params: Iterable[dict[str, Any]]) -> None:
    """``statement`` for every parameter set, at most ROWS per executemany."""
    conn = session.connection()
    batch: list[dict[str, Any]] = []
    for row in params:
        batch.append(row)
        if len(batch) >= ROWS:
            conn.execute(statement, batch)
            batch = []
    if batch:
        conn.execute(statement, batch)


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Rows are dicts of column values; every row gives the same columns."""
    if rows:
        _many(session, _insert(_table(model)), rows)


def update_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Each row names its ``id`` and the columns to set; rows changing the same columns share
    one executemany."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        columns = tuple(sorted(k for k in row if k != "id"))
        groups.setdefault(columns, []).append((*(row[c] for c in columns), row["id"]))
    for columns, params in groups.items():
        update_tuples(session, model, columns, params)


def _driver(session: Session) -> tuple[str, Any]:
    """The dialect's name and the driver's connection under the session (in its
    transaction)."""
    return driver(session)


def insert_tuples(session: Session, model: Any, columns: Sequence[str],
                  rows: Iterable[tuple[Any, ...]]) -> None:
    """Rows as tuples of the named columns, in that order (no dict kept per row on hot
    paths), handed on as they come."""
    dialect, driver = _driver(session)
    if dialect == "sqlite":
        driver.executemany(f'INSERT INTO "{_table(model).name}" ({", ".join(columns)}) '
                           f'VALUES ({", ".join("?" * len(columns))})', rows)
        return
    if dialect == "postgresql":
        copy_insert(driver, _table(model).name, columns, rows)
        return
    names = tuple(columns)
    _many(session, _insert(_table(model)), (dict(zip(names, row, strict=True)) for row in rows))


def update_tuples(session: Session, model: Any, columns: Sequence[str],
                  rows: Iterable[tuple[Any, ...]]) -> None:
    """Each row: the values of ``columns``, in that order, then the ``id`` it sets them on."""
    dialect, driver = _driver(session)
    if dialect == "sqlite":
        assignments = ", ".join(f"{c} = ?" for c in columns)
        driver.executemany(f'UPDATE "{_table(model).name}" SET {assignments} WHERE id = ?', rows)
        return
    if dialect == "postgresql":
        copy_update(driver, _table(model).name, columns, list(rows))
        return
    names = (*columns, "_id")
    _many(session, _update(_table(model), tuple(columns)),
          (dict(zip(names, row, strict=True)) for row in rows))


@lru_cache(maxsize=64)
def _text_in(sql: str) -> Executable:
    """``sql`` with ``:values`` an expanding IN list."""
    return text(sql).bindparams(bindparam("values", expanding=True))


@lru_cache(maxsize=64)
def _qmarks(sql: str) -> tuple[str, tuple[str, ...]]:
    """``sql`` with its named parameters as ``?`` (``:values`` left as ``{values}``), and their
    names in order."""
    names = tuple(_NAMED.findall(sql))
    return _NAMED.sub(lambda m: "{values}" if m.group(1) == "values" else "?", sql), names


def _sqlite_in(sql: str, chunk: list[Any], params: dict[str, Any] | None
               ) -> tuple[str, tuple[Any, ...]]:
    """``sql`` for sqlite3 with positional parameters, ``:values`` spelled out as one ``?``
    per value (sqlite3's named binding costs more than the query for long lists)."""
    template, names = _qmarks(sql)
    given = params or {}
    args: list[Any] = []
    for name in names:
        if name == "values":
            args.extend(chunk)
        else:
            args.append(given[name])
    return template.format(values="(" + ", ".join("?" * len(chunk)) + ")"), tuple(args)


def rows_in(session: Session, sql: str, values: Iterable[Any],
            params: dict[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
    """Runs ``sql`` (SQL with one ``IN :values`` and named ``params``) for the distinct values,
    a chunk at a time, and yields its rows as tuples."""
    dialect, driver = _driver(session)
    if dialect == "sqlite":  # the driver's own cursor: no Row object per row
        for chunk in chunks(values):
            yield from driver.execute(*_sqlite_in(sql, chunk, params))
        return
    conn = session.connection()
    statement = _text_in(sql)
    for chunk in chunks(values):
        for row in conn.execute(statement, {**(params or {}), "values": chunk}):
            yield tuple(row)


def execute_in(session: Session, sql: str, values: Iterable[Any],
               params: dict[str, Any] | None = None) -> None:
    """Runs ``sql`` (SQL with one ``IN :values`` and named ``params``) for the distinct values,
    chunked."""
    dialect, driver = _driver(session)
    if dialect == "sqlite":
        for chunk in chunks(values):
            driver.execute(*_sqlite_in(sql, chunk, params))
        return
    conn = session.connection()
    statement = _text_in(sql)
    for chunk in chunks(values):
        conn.execute(statement, {**(params or {}), "values": chunk})


@lru_cache(maxsize=64)
def _text(sql: str) -> Executable:
    return text(sql)


def rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Runs ``sql`` (SQL with named ``params``) and returns its rows as tuples: on SQLite
    through the driver's own cursor (no Row object per row)."""
    dialect, driver = _driver(session)
    if dialect == "sqlite":
        template, names = _qmarks(sql)
        found: list[tuple[Any, ...]] = driver.execute(
            template, tuple(params[name] for name in names)).fetchall()
        return found
    return [tuple(row) for row in session.connection().execute(_text(sql), params)]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a batch builds its rows: they are
    tuples of plain values, all kept until written (no cycles), yet their allocation set off a
    collection every few hundred, and each older-generation one walks the whole heap (8% of
    sending at 10,000 contacts). Whatever the batch leaves is collected after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
