"""A campaign's published versions as a history: what each changed, comparing any two (or one
with the draft), and restoring a version into the draft (publishing it is then an ordinary
publish, with the republish rules for contacts already in the campaign)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from canvas_app.domain.changes import compare
from canvas_app.domain.diff import Diff, diff
from canvas_app.domain.model import Campaign
from canvas_app.engine import clock
from canvas_app.engine.errors import Refused
from canvas_app.engine.versions import VersionCache, draft
from canvas_app.store.campaigns import CampaignStore, campaign_row
from canvas_app.store.orm_runtime import MembershipRow, VersionRow
from canvas_app.store.workspace import Workspace

DRAFT = "draft"


@dataclass(frozen=True)
class VersionInfo:
    number: int
    published_at: float
    summary: str  # what it changed against the version before it
    contacts_now: int  # contacts in the campaign who follow this version now (the newest)

    def to_json(self) -> dict[str, object]:
        return {"version": self.number, "published_at": clock.iso(self.published_at),
                "summary": self.summary}


def versions(workspace: Workspace, campaign_id: str) -> list[VersionInfo]:
    """Every published version, oldest first."""
    with workspace.reading() as session:
        campaign_row(session, campaign_id)  # NotFound names an unknown campaign
        rows = list(session.execute(select(VersionRow.number, VersionRow.published_at)
                                    .where(VersionRow.campaign_id == campaign_id)
                                    .order_by(VersionRow.number)))
        live = session.scalar(select(func.count()).select_from(MembershipRow).where(
            MembershipRow.campaign_id == campaign_id, MembershipRow.status == "active")) or 0
        cache = VersionCache(session)
        found: list[VersionInfo] = []
        previous: Campaign | None = None
        for number, published_at in rows:
            version = cache.get(campaign_id, number)
            summary = "first version" if previous is None else compare(previous, version).summary()
            found.append(VersionInfo(number, published_at, summary,
                                     live if number == rows[-1][0] else 0))
            previous = version
    return found


def parse_ref(text: str) -> int | str:
    """A version number, or "draft"; Refused with what to type otherwise."""
    if text.strip().lower() == DRAFT:
        return DRAFT
    try:
        number = int(text)
    except ValueError:
        raise Refused(f"'{text}' is not a version: give a version number (see 'versions') or "
                      "'draft'") from None
    if number < 1:
        raise Refused(f"version numbers start at 1 ('{text}' was given)")
    return number


def load(workspace: Workspace, campaign_id: str, ref: int | str) -> Campaign:
    """A published version, or the draft."""
    with workspace.reading() as session:
        if ref == DRAFT:
            return draft(session, campaign_id)
        campaign_row(session, campaign_id)
        number = int(ref)
        exists = session.scalar(select(VersionRow.number).where(
            VersionRow.campaign_id == campaign_id, VersionRow.number == number))
        if exists is None:
            raise Refused(f"campaign '{campaign_id}' has no published version {number}; "
                          f"'versions {campaign_id}' lists them")
        return VersionCache(session).get(campaign_id, number).copy()


def compare_refs(workspace: Workspace, campaign_id: str, old: int | str | None,
                 new: int | str | None) -> tuple[int | str, int | str, Diff]:
    """(from, to, differences); ``old`` defaults to the newest version, ``new`` to the draft."""
    if old is None:
        history = versions(workspace, campaign_id)
        if not history:
            raise Refused(f"campaign '{campaign_id}' has not been published yet, so there is no "
                          "version to compare with")
        old = history[-1].number
    new = DRAFT if new is None else new
    return old, new, diff(load(workspace, campaign_id, old), load(workspace, campaign_id, new))


def restore(workspace: Workspace, campaign_id: str, number: int) -> Campaign:
    """Puts a published version into the draft (its nodes, emails, links, choices, settings,
    name and layout); the versions themselves never change."""
    version = load(workspace, campaign_id, number)
    return CampaignStore(workspace).replace_draft(campaign_id, version)
