"""Putting contacts into sequences of an active campaign."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from canvas_app.domain.model import Sequence
from canvas_app.engine import clock, contacts
from canvas_app.engine.errors import Refused
from canvas_app.engine.lifecycle import refuse_unless_active
from canvas_app.engine.memberships import MembershipBook
from canvas_app.engine.versions import VersionCache
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.workspace import Workspace


@dataclass
class EnrolResult:
    enrolled: list[str] = field(default_factory=list)
    already_in: list[str] = field(default_factory=list)


def enroll(workspace: Workspace, campaign_id: str, sequence_id: str, addresses: list[str]
           ) -> EnrolResult:
    with workspace.transaction() as session:
        row = campaign_row(session, campaign_id)
        refuse_unless_active(row.state, row.name, campaign_id)
        latest = VersionCache(session).latest(campaign_id)
        assert latest is not None  # active campaigns are published
        number, version = latest
        sequence = next((s for s in version.sequences if s.id == sequence_id), None)
        if sequence is None:
            names = ", ".join(f"{s.id} ({s.name})" for s in version.sequences)
            raise Refused(f"version {number} of '{row.name}' has no sequence '{sequence_id}'; "
                          f"its sequences are: {names}")
        people = list({p.id: p for p in contacts.require(session, addresses)}.values())  # once each
        ids = enrol_contacts(session, campaign_id, sequence, [p.id for p in people],
                             clock.now(session))
        result = EnrolResult()
        for person in people:
            (result.enrolled if person.id in ids else result.already_in).append(person.email)
        return result


def enrol_contacts(session: Session, campaign_id: str, sequence: Sequence,
                   contact_ids: list[int], now: float) -> set[int]:
    """Starts the sequence for each contact not already active in it; returns those enrolled."""
    book = MembershipBook(session, campaign_id, contact_ids)
    enrolled = {c for c in dict.fromkeys(contact_ids) if book.enrol(c, sequence, now)}
    book.flush()
    return enrolled
