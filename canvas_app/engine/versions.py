"""Published versions: immutable campaign documents, numbered per campaign."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.changes import Changes, compare
from canvas_app.domain.interchange import from_trusted_document, to_document
from canvas_app.domain.model import Campaign
from canvas_app.store.campaign_rows import load_draft
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.errors import NotFound
from canvas_app.store.orm_runtime import VersionRow
from canvas_app.store.workspace import Workspace


def draft(session: Session, campaign_id: str) -> Campaign:
    return load_draft(session, campaign_row(session, campaign_id))


def latest_number(session: Session, campaign_id: str) -> int | None:
    return session.scalar(select(func.max(VersionRow.number))
                          .where(VersionRow.campaign_id == campaign_id))


def published_numbers(workspace: Workspace) -> dict[str, int]:
    """The newest published version of every campaign that has one."""
    with workspace.reading() as session:
        found = session.execute(select(VersionRow.campaign_id, func.max(VersionRow.number))
                                .group_by(VersionRow.campaign_id))
        return {campaign_id: int(number) for campaign_id, number in found}


@lru_cache(maxsize=64)
def _parse_version(text: str) -> Campaign:
    return from_trusted_document(json.loads(text))


class VersionCache:
    """Parsed published versions; they never change, so one parse serves a whole batch."""

    def __init__(self, session: Session,
                 parsed: dict[tuple[str, int], Campaign] | None = None) -> None:
        """``parsed`` may be kept by a long-running writer across its transactions: a
        published version never changes."""
        self.session = session
        self._parsed: dict[tuple[str, int], Campaign] = {} if parsed is None else parsed
        self._latest: dict[str, int | None] = {}

    def get(self, campaign_id: str, number: int) -> Campaign:
        key = (campaign_id, number)
        if key not in self._parsed:
            text = self.session.scalar(select(VersionRow.document).where(
                VersionRow.campaign_id == campaign_id, VersionRow.number == number))
            if text is None:
                raise NotFound(f"campaign '{campaign_id}' has no published version {number}")
            self._parsed[key] = _parse_version(text)  # shared: the engine never mutates it
        return self._parsed[key]

    def latest(self, campaign_id: str) -> tuple[int, Campaign] | None:
        """The newest version; looked up once per cache (one transaction)."""
        if campaign_id not in self._latest:
            self._latest[campaign_id] = latest_number(self.session, campaign_id)
        number = self._latest[campaign_id]
        return None if number is None else (number, self.get(campaign_id, number))


def store_version(session: Session, campaign: Campaign, at: float) -> int:
    """A new published version. Notes are not part of the automation: they stay in the draft."""
    number = (latest_number(session, campaign.id) or 0) + 1
    published = campaign.copy()
    published.notes = []
    session.add(VersionRow(campaign_id=campaign.id, number=number, published_at=at,
                           document=json.dumps(to_document(published), ensure_ascii=False)))
    return number


def unpublished_changes(session: Session, campaign_id: str, current: Campaign | None = None
                        ) -> tuple[int | None, Changes | None]:
    """(latest version number, what the draft changed since it) — (None, None) if never
    published; the Changes are None when nothing changed."""
    latest = VersionCache(session).latest(campaign_id)
    if latest is None:
        return None, None
    number, published = latest
    changes = compare(published, current if current is not None else draft(session, campaign_id))
    return number, (changes if changes.any else None)
