"""Contacts' memberships of sequences, loaded once for a batch of work, changed in memory and
written back in bulk: enrolment and goal achievement both go through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from canvas_app.domain.model import Sequence
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS, MembershipStatus
from canvas_app.engine.bulk import insert_tuples, rows_in, update_tuples
from canvas_app.engine.events_log import log_tuples
from canvas_app.engine.row_ids import id_source
from canvas_app.store.orm_runtime import MembershipRow

LIVE = LIVE_MEMBERSHIPS
_LIVE = frozenset(LIVE)


@dataclass(slots=True)
class Member:
    id: int
    contact_id: int
    sequence_id: str
    status: str
    stopped: tuple[float, str] | None = None  # (when, why), not written yet


#: The columns of a new membership row, in order.
_NEW_COLUMNS = ("id", "campaign_id", "contact_id", "sequence_id", "status", "enrolled_at",
                "anchor_at", "last_email_id", "last_email_pos", "next_due_at", "ended_at",
                "end_reason")
_STOP_COLUMNS = ("status", "next_due_at", "ended_at", "end_reason")


class MembershipBook:
    """The live memberships (active or finished) of some contacts in one campaign."""

    def __init__(self, session: Session, campaign_id: str, contact_ids: Iterable[int]) -> None:
        self.session = session
        self.campaign_id = campaign_id
        self._members: dict[int, list[Member]] = {}
        self._new: list[tuple[Any, ...]] = []  # _NEW_COLUMNS
        self.events: list[tuple[Any, ...]] = []  # events_log.COLUMNS
        self.achieved: set[tuple[str, int]] = set()  # (goal id, membership id)
        for row in rows_in(session, "SELECT id, contact_id, sequence_id, status FROM memberships "
                                    "WHERE campaign_id = :campaign AND status IN (:a, :b) "
                                    "AND contact_id IN :values ORDER BY contact_id, id",
                           contact_ids, dict(zip(("campaign", "a", "b"),
                                                 (campaign_id, *LIVE), strict=True))):
            self._members.setdefault(row[1], []).append(Member(*row))
        self.achieved.update(rows_in(
            session, "SELECT goal_id, membership_id FROM achievements "
                     "WHERE membership_id IN :values",
            (m.id for ms in self._members.values() for m in ms)))
        self._ids = id_source(session)  # shared by every book of this transaction

    def live(self, contact_id: int) -> list[Member]:
        return [m for m in self._members.get(contact_id, ()) if m.status in _LIVE]

    def log(self, at: float, contact_id: int, kind: str, node_id: str, detail: str = "") -> None:
        self.events.append((at, self.campaign_id, contact_id, kind, node_id, detail))

    def stop(self, member: Member, now: float, reason: str) -> None:
        member.status = MembershipStatus.STOPPED
        member.stopped = (now, reason)

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
        self._new.append((
            member.id, self.campaign_id, contact_id, sequence.id, status, now, now, None, -1,
            now + emails[0].delay_minutes * 60 if emails else None, None if emails else now,
            None))
        self.log(now, contact_id, "enrolled", sequence.id)
        if not emails:
            self.log(now, contact_id, "finished", sequence.id, "the sequence has no emails")
        return True

    def flush(self) -> None:
        """Writes every change: new memberships, changed ones, and the events."""
        self._ids.save()
        insert_tuples(self.session, MembershipRow, _NEW_COLUMNS, self._new)
        self._new = []
        changed = []
        for members in self._members.values():
            for m in members:
                if m.stopped is not None:
                    changed.append((MembershipStatus.STOPPED, None, *m.stopped, m.id))
                    m.stopped = None
        update_tuples(self.session, MembershipRow, _STOP_COLUMNS, changed)
        log_tuples(self.session, self.events)
        self.events = []
