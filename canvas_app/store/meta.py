"""Workspace-wide values read and written inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvas_app.store.orm import MetaRow


def get(session: Session, key: str) -> str | None:
    return session.scalar(select(MetaRow.value).where(MetaRow.key == key))


def put(session: Session, key: str, value: str) -> None:
    session.merge(MetaRow(key=key, value=value))
