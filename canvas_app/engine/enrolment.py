"""Putting contacts into sequences of an active campaign."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from canvas_app.domain.model import Sequence
from canvas_app.engine import clock, contacts
from canvas_app.engine.errors import Refused
from canvas_app.engine.events_log import log_many
from canvas_app.engine.lifecycle import require_active
from canvas_app.engine.versions import VersionCache, campaign_row
from canvas_app.store.orm_runtime import MembershipRow
from canvas_app.store.workspace import Workspace


@dataclass
class EnrolResult:
    enrolled: list[str] = field(default_factory=list)
    already_in: list[str] = field(default_factory=list)


def enroll(workspace: Workspace, campaign_id: str, sequence_id: str, addresses: list[str]
           ) -> EnrolResult:
    with workspace.transaction() as session:
        row = campaign_row(session, campaign_id)
        require_active(row.state, row.name, campaign_id)
        latest = VersionCache(session).latest(campaign_id)
        assert latest is not None  # active campaigns are published
        number, version = latest
        sequence = next((s for s in version.sequences if s.id == sequence_id), None)
        if sequence is None:
            names = ", ".join(f"{s.id} ({s.name})" for s in version.sequences)
            raise Refused(f"version {number} of '{row.name}' has no sequence '{sequence_id}'; "
                          f"its sequences are: {names}")
        people = contacts.require(session, addresses)
        ids = enrol_contacts(session, campaign_id, sequence, [p.id for p in people],
                             clock.now(session))
        result = EnrolResult()
        for person in people:
            (result.enrolled if person.id in ids else result.already_in).append(person.email)
        return result


def enrol_contacts(session: Session, campaign_id: str, sequence: Sequence,
                   contact_ids: list[int], now: float) -> set[int]:
    """Starts the sequence for each contact not already active in it; returns those enrolled.

    A contact who had finished the sequence starts it again (the finished membership stops).
    """
    wanted = list(dict.fromkeys(contact_ids))
    current = session.execute(select(MembershipRow.id, MembershipRow.contact_id,
                                     MembershipRow.status).where(
        MembershipRow.campaign_id == campaign_id, MembershipRow.sequence_id == sequence.id,
        MembershipRow.contact_id.in_(wanted),
        MembershipRow.status.in_(("active", "finished")))).all()
    active = {c for _, c, status in current if status == "active"}
    finished = [m for m, c, status in current if status == "finished"]
    if finished:
        session.execute(update(MembershipRow).where(MembershipRow.id.in_(finished)).values(
            status="stopped", ended_at=now, end_reason="started the sequence again"))
    new = [c for c in wanted if c not in active]
    if not new:
        return set()
    emails = sequence.emails
    first_due = now + emails[0].delay_minutes * 60 if emails else None
    status = "active" if emails else "finished"
    session.execute(insert(MembershipRow), [
        {"campaign_id": campaign_id, "contact_id": c, "sequence_id": sequence.id,
         "status": status, "enrolled_at": now, "anchor_at": now, "last_email_id": None,
         "last_email_pos": -1, "next_due_at": first_due,
         "ended_at": None if emails else now, "end_reason": None} for c in new])
    log_many(session, [{"at": now, "campaign_id": campaign_id, "contact_id": c,
                        "kind": "enrolled", "node_id": sequence.id, "detail": ""} for c in new])
    return set(new)
