"""Contacts' memberships of sequences, loaded once for a batch of work, changed in memory and
written back in bulk: enrolment and goal achievement both go through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvas_app.domain.model import Sequence
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS, MembershipStatus
from canvas_app.engine.bulk import chunks, insert_rows, update_rows
from canvas_app.engine.events_log import log_many
from canvas_app.engine.row_ids import id_source
from canvas_app.store.orm_runtime import AchievementRow, MembershipRow


@dataclass
class Member:
    id: int
    contact_id: int
    sequence_id: str
    status: str
    updates: dict[str, Any] = field(default_factory=dict)


class MembershipBook:
    """The live memberships (active or finished) of some contacts in one campaign."""

    def __init__(self, session: Session, campaign_id: str, contact_ids: Iterable[int]) -> None:
        self.session = session
        self.campaign_id = campaign_id
        self._members: dict[int, list[Member]] = {}
        self._new: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.achieved: set[tuple[str, int]] = set()  # (goal id, membership id)
        for chunk in chunks(contact_ids):
            for row in session.execute(
                    select(MembershipRow.id, MembershipRow.contact_id, MembershipRow.sequence_id,
                           MembershipRow.status)
                    .where(MembershipRow.campaign_id == campaign_id,
                           MembershipRow.contact_id.in_(chunk),
                           MembershipRow.status.in_(LIVE_MEMBERSHIPS))):
                self._members.setdefault(row.contact_id, []).append(Member(*row))
        for chunk in chunks(m.id for ms in self._members.values() for m in ms):
            self.achieved.update(session.execute(
                select(AchievementRow.goal_id, AchievementRow.membership_id)
                .where(AchievementRow.membership_id.in_(chunk))).all())
        self._ids = id_source(session)  # shared by every book of this transaction

    def live(self, contact_id: int) -> list[Member]:
        return [m for m in self._members.get(contact_id, []) if m.status in LIVE_MEMBERSHIPS]

    def log(self, at: float, contact_id: int, kind: str, node_id: str, detail: str = "") -> None:
        self.events.append({"at": at, "campaign_id": self.campaign_id, "contact_id": contact_id,
                            "kind": kind, "node_id": node_id, "detail": detail})

    def stop(self, member: Member, now: float, reason: str) -> None:
        member.status = MembershipStatus.STOPPED
        member.updates.update(status=MembershipStatus.STOPPED, next_due_at=None, ended_at=now,
                              end_reason=reason)

    def enrol(self, contact_id: int, sequence: Sequence, now: float) -> bool:
        """Starts the sequence unless the contact is active in it; a finished membership of
        it stops and a new one starts. Returns whether the contact was enrolled."""
        same = [m for m in self.live(contact_id) if m.sequence_id == sequence.id]
        if any(m.status == MembershipStatus.ACTIVE for m in same):
            return False
        for member in same:
            self.stop(member, now, "started the sequence again")
        emails = sequence.emails
        status = MembershipStatus.ACTIVE if emails else MembershipStatus.FINISHED
        member = Member(self._ids.take(MembershipRow), contact_id, sequence.id, status)
        self._members.setdefault(contact_id, []).append(member)
        self._new.append({
            "id": member.id, "campaign_id": self.campaign_id, "contact_id": contact_id,
            "sequence_id": sequence.id, "status": status, "enrolled_at": now, "anchor_at": now,
            "last_email_id": None, "last_email_pos": -1,
            "next_due_at": now + emails[0].delay_minutes * 60 if emails else None,
            "ended_at": None if emails else now, "end_reason": None})
        self.log(now, contact_id, "enrolled", sequence.id)
        if not emails:
            self.log(now, contact_id, "finished", sequence.id, "the sequence has no emails")
        return True

    def flush(self) -> None:
        """Writes every change: new memberships, changed ones, and the events."""
        self._ids.save()
        insert_rows(self.session, MembershipRow, self._new)
        self._new = []
        changed = []
        for members in self._members.values():
            for m in members:
                if m.updates:
                    changed.append({"id": m.id, **m.updates})
                    m.updates = {}
        update_rows(self.session, MembershipRow, changed)
        log_many(self.session, self.events)
        self.events = []
