"""One id source per workspace for the rows the simulation makes: memberships, sends, clicks.

Ids are handed out from a counter kept in the workspace's meta table (``next_id.<table>``),
read and moved on inside the caller's transaction. Every writing transaction of a workspace
begins with ``BEGIN IMMEDIATE`` (on PostgreSQL: by taking the workspace's writer advisory lock,
see store/postgres.py), so two processes never hand out the same id, and within one
transaction every batch (each campaign's membership book, the sends, the clicks) takes its ids
from the same source, never from its own ``max(id) + 1``. The counter only grows: an id is never
given out again, not even after a reset deleted its row, so a tracked link of a deleted send
can never record a click on somebody's newer email.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.store import meta
from canvas_app.store.driver import driver

_INFO_KEY = "canvas_app.row_ids"


class IdSource:
    """The workspace's counters, as seen by one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._next: dict[str, int] = {}
        self._saved: dict[str, int] = {}

    def _start(self, model: Any) -> str:
        name: str = model.__tablename__
        if name not in self._next:
            stored = meta.get(self.session, f"next_id.{name}") or ""
            above = (_highest_id(self.session, model) or 0) + 1
            # a damaged counter is never trusted below the ids already in use
            self._next[name] = max(int(stored) if stored.isascii() and stored.isdigit() else 1,
                                   above)
            self._saved[name] = self._next[name]
        return name

    def known(self, model: Any, stored: int) -> None:
        """The counter of ``model`` is ``stored``, as this transaction's writer knows (it
        stored it itself, and nothing else has written since): not read again."""
        name: str = model.__tablename__
        if name not in self._next:
            self._next[name] = self._saved[name] = stored

    def take(self, model: Any) -> int:
        """One new id; ``save()`` before the transaction ends records that it was used."""
        name = self._start(model)
        value = self._next[name]
        self._next[name] = value + 1
        return value

    def reserve(self, model: Any, count: int) -> int:
        """``count`` consecutive new ids (the first is returned), recorded at once."""
        name = self._start(model)
        first = self._next[name]
        self._next[name] = first + max(0, count)
        self.save()
        return first

    def save(self) -> None:
        for name, value in self._next.items():
            if self._saved[name] != value:
                meta.put(self.session, f"next_id.{name}", str(value))
                self._saved[name] = value


def _highest_id(session: Session, model: Any) -> int | None:
    dialect, raw = driver(session)
    if dialect == "sqlite":  # in every click's transaction: SQLite's own statement
        row = raw.execute(f'SELECT max(id) FROM "{model.__tablename__}"').fetchone()
        return None if row is None else row[0]
    value = session.connection().execute(_highest(model)).scalar()
    return None if value is None else int(value)


@cache
def _highest(model: Any) -> Any:
    """``SELECT max(id)`` of a table, built once (it runs in every click's transaction)."""
    return select(func.max(model.__table__.c.id))


def id_source(session: Session) -> IdSource:
    """The id source of this session's transaction (one per session)."""
    source = session.info.get(_INFO_KEY)
    if not isinstance(source, IdSource):
        source = session.info[_INFO_KEY] = IdSource(session)
    return source
