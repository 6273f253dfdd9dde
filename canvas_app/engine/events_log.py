"""The event log: what happened to whom, in order (the GUI's simulation log reads it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from canvas_app.engine.bulk import insert_rows, insert_tuples
from canvas_app.store.orm_runtime import EventRow


def log(session: Session, at: float, campaign_id: str, kind: str, *, contact_id: int | None = None,
        node_id: str | None = None, detail: str = "") -> None:
    session.add(EventRow(at=at, campaign_id=campaign_id, contact_id=contact_id, kind=kind,
                         node_id=node_id, detail=detail))


def log_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Rows with at, campaign_id, contact_id, kind, node_id, detail."""
    insert_rows(session, EventRow, rows)


#: The columns of ``log_tuples`` rows, in order.
COLUMNS = ("at", "campaign_id", "contact_id", "kind", "node_id", "detail")


def log_tuples(session: Session, rows: Iterable[tuple[Any, ...]]) -> None:
    """Rows as tuples of ``COLUMNS``: one statement for a whole batch."""
    insert_tuples(session, EventRow, COLUMNS, rows)


def link_detail(link_id: str | None, click_id: int, send_id: int | None = None) -> str:
    """``json.dumps({"link": ..., "click": ...[, "send": ...]})``, byte for byte, without
    building an encoder for every event of a batch."""
    text = f'{{"link": {json.dumps(link_id)}, "click": {int(click_id)}'
    return text + (f', "send": {int(send_id)}}}' if send_id is not None else "}")
