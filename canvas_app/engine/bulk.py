"""Set-based writes through SQLAlchemy Core: one executemany per statement shape, without
the ORM's per-row bookkeeping (the engine writes thousands of rows per batch)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_table(model)), list(rows))


def update_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Each row names its ``id`` and the columns to set; rows changing the same columns share
    one executemany."""
    table = _table(model)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        columns = tuple(sorted(k for k in row if k != "id"))
        groups.setdefault(columns, []).append({"row_id": row["id"], **{
            f"new_{k}": row[k] for k in columns}})
    for columns, group in groups.items():
        statement = (update(table).where(table.c.id == bindparam("row_id"))
                     .values({c: bindparam(f"new_{c}") for c in columns}))
        session.execute(statement, group)
