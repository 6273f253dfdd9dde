"""Read-outs and actions for watching a simulation in the editor: contacts, who is where,
the event log, a mail scanner's visit, and resetting a campaign's simulation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, delete, func, select, tuple_

from canvas_app.domain.links import is_web_target
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS
from canvas_app.engine import clock
from canvas_app.engine.bots import REASON_TEXT
from canvas_app.engine.clicks import ClickOutcome, ClickRequest, record_clicks
from canvas_app.engine.reports import inbox
from canvas_app.engine.tokens import Signer, workspace_secret
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import (
    AchievementRow,
    ClickRow,
    ContactRow,
    EventRow,
    MembershipRow,
    SendRow,
)
from canvas_app.store.workspace import Workspace

#: What the editor's inbox sends as the browser of a person clicking.
BROWSER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/124.0 Safari/537.36")
#: A mail security gateway that pretends to be a browser.
SCANNER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0 Safari/537.36")


@dataclass(frozen=True)
class ContactInfo:
    id: int
    email: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class LogEntry:
    at: float
    kind: str
    contact: str | None
    node_id: str | None
    detail: str
    subject: str | None = None  # a send's: the subject as that contact got it


def contacts(workspace: Workspace) -> list[ContactInfo]:
    with workspace.reading() as session:
        return [ContactInfo(*row) for row in session.execute(
            select(ContactRow.id, ContactRow.email, ContactRow.name).order_by(ContactRow.email))]


def members(workspace: Workspace, campaign_id: str, node_id: str, limit: int = 12
            ) -> tuple[list[str], int]:
    """Some names of the contacts in a sequence (active or finished) or who achieved a goal,
    and how many there are."""
    people, count = member_addresses(workspace, campaign_id, node_id, limit)
    return [name for name, _ in people], count


def member_addresses(workspace: Workspace, campaign_id: str, node_id: str, limit: int = 12
                     ) -> tuple[list[tuple[str, str]], int]:
    """(name, address) of some contacts behind a node's counts (in its sequence, active or
    finished, or who achieved its goal), and how many there are."""
    label = func.coalesce(func.nullif(ContactRow.name, ""), ContactRow.email)
    with workspace.reading() as session:
        in_sequence = (MembershipRow.campaign_id == campaign_id,
                       MembershipRow.sequence_id == node_id,
                       MembershipRow.status.in_(LIVE_MEMBERSHIPS))
        people = [(str(n), str(e)) for n, e in session.execute(
            select(label, ContactRow.email).select_from(MembershipRow)
            .join(ContactRow, ContactRow.id == MembershipRow.contact_id).where(*in_sequence)
            .order_by(MembershipRow.id).limit(limit))]
        count = session.scalar(select(func.count()).select_from(MembershipRow)
                               .where(*in_sequence)) or 0
        if not count:
            achieved = (AchievementRow.campaign_id == campaign_id,
                        AchievementRow.goal_id == node_id)
            people = [(str(n), str(e)) for n, e in session.execute(
                select(label, ContactRow.email).select_from(AchievementRow)
                .join(ContactRow, ContactRow.id == AchievementRow.contact_id).where(*achieved)
                .order_by(AchievementRow.id).limit(limit))]
            count = session.scalar(select(func.count()).select_from(AchievementRow)
                                   .where(*achieved)) or 0
    return people, count


#: Where the next page of the log starts: the (time, id) of the last event shown.
LogCursor = tuple[float, int]
#: Events in a page of the log.
LOG_PAGE = 200


def log(workspace: Workspace, campaign_id: str, contact_id: int | None = None,
        limit: int = 500) -> list[LogEntry]:
    """The newest events first."""
    return log_page(workspace, campaign_id, contact_id, None, limit)[0]


def log_page(workspace: Workspace, campaign_id: str, contact_id: int | None = None,
             before: LogCursor | None = None, limit: int = LOG_PAGE
             ) -> tuple[list[LogEntry], LogCursor | None]:
    """A page of the log, newest first, older than ``before``; and where the next page starts
    (None when this was the last)."""
    subject = (select(SendRow.subject)  # the send this event is: same contact, email, time
               .where(SendRow.contact_id == EventRow.contact_id,
                      SendRow.sent_at == EventRow.at, SendRow.email_id == EventRow.detail,
                      SendRow.campaign_id == EventRow.campaign_id)
               .limit(1).scalar_subquery())
    query = (select(EventRow.at, EventRow.kind, ContactRow.email, EventRow.node_id,
                    EventRow.detail, EventRow.id,
                    case((EventRow.kind == "sent", subject), else_=None))
             .outerjoin(ContactRow, ContactRow.id == EventRow.contact_id)
             .where(EventRow.campaign_id == campaign_id)
             .order_by(EventRow.at.desc(), EventRow.id.desc()).limit(limit + 1))
    if contact_id is not None:
        query = query.where(EventRow.contact_id == contact_id)
    if before is not None:
        query = query.where(tuple_(EventRow.at, EventRow.id) < tuple_(*before))
    with workspace.reading() as session:
        rows = session.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    entries = [LogEntry(at, kind, email, node, detail, subject)
               for at, kind, email, node, detail, _, subject in rows]
    cursor = (float(rows[-1][0]), int(rows[-1][5])) if more and rows else None
    return entries, cursor


@dataclass(frozen=True)
class Movement:
    """A contact moving along the campaign: from a sequence to the goal it achieved, or
    from a goal into the sequence after it."""

    event_id: int
    kind: str  # "goal_achieved" | "enrolled"
    node_id: str


def movements(workspace: Workspace, campaign_id: str, after_event: int) -> list[Movement]:
    with workspace.reading() as session:
        return [Movement(event_id, kind, node_id or "") for event_id, kind, node_id in
                session.execute(select(EventRow.id, EventRow.kind, EventRow.node_id)
            .where(EventRow.campaign_id == campaign_id, EventRow.id > after_event,
                   EventRow.kind.in_(("goal_achieved", "enrolled")))
            .order_by(EventRow.id))]


def last_event_id(workspace: Workspace) -> int:
    with workspace.reading() as session:
        return session.scalar(select(func.max(EventRow.id))) or 0


def clock_time(workspace: Workspace) -> float | None:
    """The workspace clock without starting it (None: it has not started)."""
    with workspace.reading() as session:
        return clock.peek(session)


def progress_mark(workspace: Workspace) -> tuple[object, ...]:
    """Changes whenever the simulation moves anywhere (another process advancing the clock,
    clicks, contacts added, a campaign published, activated or paused): one cheap read for
    an editor that polls."""
    with workspace.reading() as session:
        newest_event = session.scalar(select(func.max(EventRow.id))) or 0
        contacts_mark = session.execute(select(func.count(), func.max(ContactRow.id))
                                        .select_from(ContactRow)).one()
        states = tuple((row.id, row.state) for row in session.execute(
            select(CampaignRow.id, CampaignRow.state).order_by(CampaignRow.id)))
        return (newest_event, clock.peek(session), tuple(contacts_mark), states)


def describe(entry: LogEntry, names: dict[str, str], links: dict[str, str] | None = None) -> str:
    """One line of the event log in words: node names (and email subjects) from ``names``,
    link texts from ``links`` (ids only where a name is unknown)."""
    who = entry.contact or "campaign"
    node = names.get(entry.node_id or "", entry.node_id or "")
    detail: dict[str, Any] = json.loads(entry.detail) if entry.detail.startswith("{") else {}
    reasons = ", ".join(REASON_TEXT.get(str(r), str(r)) for r in detail.get("reasons", []))
    link_id = detail.get("link")
    link = (links or {}).get(link_id or "", link_id or "")
    words = {
        "enrolled": f"{who} entered '{node}'",
        "sent": f"'{node}' sent '{entry.subject or names[entry.detail]}' to {who}"
        if entry.subject or entry.detail in names else f"'{node}' sent an email to {who}",
        "finished": f"{who} finished '{node}'",
        "clicked": f"{who} clicked '{link}'" if link_id
        else f"{who}'s email had its invisible link opened (a scanner)",
        "bot_ignored": f"A bot click for {who} on '{link}' was ignored ({reasons})",
        "goal_achieved": f"{who} achieved '{node}'" + (f" by clicking '{link}'" if link else ""),
        "stopped": f"'{node}' stopped for {who}: {entry.detail}",
        "left": f"{who} left '{node}': {entry.detail}",
        "published": f"Published {entry.detail}",
        "activated": f"Activated ({entry.detail})",
        "paused": "Paused",
    }
    return words.get(entry.kind, f"{entry.kind} {who} {node}")


def scanner_visit(workspace: Workspace, address: str, send_id: int) -> list[ClickOutcome]:
    """A mail security gateway opens every link of one email, the invisible one included,
    within a second, as such gateways do."""
    mail = next((m for m in inbox(workspace, address) if m["send_id"] == send_id), None)
    if mail is None:
        return []
    urls = [str(u) for u in mail["links"].values() if is_web_target(str(u))]
    with workspace.reading() as session:
        now = clock.now(session)
        honeypot = Signer(workspace_secret(session)).token(send_id, None)  # exists: it signed
    urls.append(honeypot)  # a bare token is a tracked URL's path for record_clicks
    return record_clicks(workspace, [ClickRequest(str(u), SCANNER, at=now + i * 0.3)
                                     for i, u in enumerate(urls)])


def reset(workspace: Workspace, campaign_id: str) -> None:
    """Clears contacts' progress, sends, clicks, goals and the log of one campaign; the design,
    its versions and the contacts themselves stay."""
    with workspace.transaction() as session:
        sends = select(SendRow.id).where(SendRow.campaign_id == campaign_id)
        session.execute(delete(ClickRow).where(ClickRow.send_id.in_(sends)))
        session.execute(delete(AchievementRow).where(AchievementRow.campaign_id == campaign_id))
        session.execute(delete(SendRow).where(SendRow.campaign_id == campaign_id))
        session.execute(delete(MembershipRow).where(MembershipRow.campaign_id == campaign_id))
        session.execute(delete(EventRow).where(EventRow.campaign_id == campaign_id,
                                               EventRow.kind.notin_(("published", "activated",
                                                                     "paused"))))
