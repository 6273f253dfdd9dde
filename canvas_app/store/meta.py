"""Workspace-wide values read and written inside the caller's transaction: the secret, the
clock, the id counters. They are read and written on every click and every batch, so they go
straight to the transaction's connection as prepared statements (no ORM unit of work)."""

from __future__ import annotations

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from canvas_app.store.driver import driver
from canvas_app.store.orm import MetaRow

_TABLE = MetaRow.__table__
assert isinstance(_TABLE, Table)
_GET = select(_TABLE.c.value).where(_TABLE.c.key == bindparam("the_key"))
_SET = update(_TABLE).where(_TABLE.c.key == bindparam("the_key")).values(
    value=bindparam("the_value"))
_GET_SQLITE = f'SELECT value FROM "{_TABLE.name}" WHERE key = ?'
_SET_SQLITE = f'UPDATE "{_TABLE.name}" SET value = ? WHERE key = ?'
_ADD_SQLITE = f'INSERT INTO "{_TABLE.name}" (key, value) VALUES (?, ?)'
_ADD = insert(_TABLE).values(key=bindparam("the_key"), value=bindparam("the_value"))


def get(session: Session, key: str) -> str | None:
    dialect, raw = driver(session)
    if dialect == "sqlite":  # the driver's own statement cache: no Core round
        row = raw.execute(_GET_SQLITE, (key,)).fetchone()
        value = None if row is None else row[0]
    else:
        value = session.connection().execute(_GET, {"the_key": key}).scalar()
    return None if value is None else str(value)


def put(session: Session, key: str, value: str) -> None:
    dialect, raw = driver(session)
    if dialect == "sqlite":
        if raw.execute(_SET_SQLITE, (value, key)).rowcount == 0:
            raw.execute(_ADD_SQLITE, (key, value))
        return
    connection = session.connection()
    if connection.execute(_SET, {"the_key": key, "the_value": value}).rowcount == 0:
        connection.execute(_ADD, {"the_key": key, "the_value": value})
