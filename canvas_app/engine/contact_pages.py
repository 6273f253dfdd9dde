"""Contacts and the event log a page at a time, for panels that must stay quick with 100,000
contacts and millions of events: keyset pages (never a growing OFFSET), a search over name and
address, and counts."""

from __future__ import annotations

from itertools import starmap

from sqlalchemy import ColumnElement, and_, func, or_, select

from canvas_app.engine.simulation import ContactInfo, LogCursor, log_page
from canvas_app.store.orm_runtime import ContactRow
from canvas_app.store.workspace import Workspace

PAGE = 200

__all__ = ["PAGE", "LogCursor", "contact_by_email", "contact_page", "contact_total",
           "contacts_mark", "log_page"]


def _matching(workspace: Workspace, search: str) -> ColumnElement[bool] | None:
    """Every word in the name or the address, in any case. SQLite's LIKE already ignores case
    (as its lower() does, for ASCII), and is twice as fast on the bare columns; PostgreSQL's
    needs ILIKE."""
    words = search.strip().lower().split()
    if not words:
        return None
    caseless = workspace.engine.dialect.name == "sqlite"
    conditions = []
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if caseless:
            conditions.append(or_(ContactRow.email.like(pattern, escape="\\"),
                                  ContactRow.name.like(pattern, escape="\\")))
        else:
            conditions.append(or_(ContactRow.email.ilike(pattern, escape="\\"),
                                  ContactRow.name.ilike(pattern, escape="\\")))
    return and_(*conditions)


def contact_page(workspace: Workspace, search: str = "", after: str | None = None,
                 limit: int = PAGE) -> list[ContactInfo]:
    """Up to ``limit`` contacts whose name or address holds every word of ``search``, by
    address, starting after the address ``after``."""
    query = select(ContactRow.id, ContactRow.email, ContactRow.name).order_by(ContactRow.email)
    matching = _matching(workspace, search)
    if matching is not None:
        query = query.where(matching)
    if after is not None:
        query = query.where(ContactRow.email > after)
    with workspace.reading() as session:  # Core rows: End reads 100,000 of them at once
        return list(starmap(ContactInfo, session.connection().execute(query.limit(limit)).all()))


def contact_total(workspace: Workspace, search: str = "") -> int:
    query = select(func.count()).select_from(ContactRow)
    matching = _matching(workspace, search)
    if matching is not None:
        query = query.where(matching)
    with workspace.reading() as session:
        return int(session.scalar(query) or 0)


def contacts_mark(workspace: Workspace) -> tuple[int, int]:
    """Changes whenever a contact is added or removed (not when one is renamed): how many
    there are, and the newest id."""
    with workspace.reading() as session:
        count, newest = session.execute(select(func.count(), func.max(ContactRow.id))).one()
    return int(count or 0), int(newest or 0)


def contact_by_email(workspace: Workspace, email: str) -> ContactInfo | None:
    with workspace.reading() as session:
        row = session.execute(select(ContactRow.id, ContactRow.email, ContactRow.name)
                              .where(ContactRow.email == email)).first()
    return None if row is None else ContactInfo(*row)
