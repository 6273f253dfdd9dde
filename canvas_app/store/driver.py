"""The database driver's own connection under a session's transaction, for the hot paths that
run their statements on it (SQLite's statement cache, PostgreSQL's COPY): looked up once per
transaction, not once per statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

_KEY = "canvas_app.driver"
#: In place of the transaction: the session is a writer's, held on one connection for good.
_HELD = object()


def driver(session: Session) -> tuple[str, Any]:
    """The dialect's name and the driver's connection, in the session's transaction (begun
    by this call if it has not begun yet)."""
    found = session.info.get(_KEY)
    if found is not None and found[0] is _HELD:
        return found[1], found[2]
    transaction = session.get_transaction()
    if transaction is not None and found is not None and found[0] is transaction:
        return found[1], found[2]
    connection = session.connection()
    name, raw = connection.dialect.name, connection.connection.driver_connection
    session.info[_KEY] = (session.get_transaction(), name, raw)
    return name, raw


def hold(session: Session, name: str, raw: Any) -> None:
    """A new transaction of a session kept on one connection (see held_connection): what
    the previous transaction kept in ``session.info`` is forgotten, and ``driver`` answers
    ``raw`` (the connection's own, in that transaction) without asking the session."""
    session.info.clear()
    session.info[_KEY] = (_HELD, name, raw)
