"""Publishing: the validation gate, a new immutable version, and contacts carried over to it
by stable ids. ``dry_run`` says what a publish would change for contacts, and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvas_app.domain.changes import Changes, compare
from canvas_app.domain.model import Campaign
from canvas_app.domain.validation import Problem, errors, validate, warnings
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS, CampaignState, MembershipStatus
from canvas_app.domain.words import count
from canvas_app.engine import clock
from canvas_app.engine.events_log import log
from canvas_app.engine.versions import VersionCache, draft, store_version
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.orm_runtime import MembershipRow, SendRow
from canvas_app.store.workspace import Workspace


@dataclass
class PublishOutcome:
    campaign_id: str
    problems: list[Problem]
    version: int | None = None  # the new version (or the one a dry run would make)
    previous: int | None = None
    changes: Changes | None = None
    contacts: list[str] = field(default_factory=list)  # what changes for contacts, in words
    dry_run: bool = False

    @property
    def blocked(self) -> bool:
        return bool(errors(self.problems))

    @property
    def unchanged(self) -> bool:
        return self.previous is not None and (self.changes is None or not self.changes.any)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "errors": [p.to_json() for p in errors(self.problems)],
            "warnings": [p.to_json() for p in warnings(self.problems)],
        }
        if self.blocked:
            return data
        data.update({
            "campaign": self.campaign_id,
            "dry_run": self.dry_run,
            "published_version": None if self.unchanged else self.version,
            "previous_version": self.previous,
            "changes": self.changes.summary_parts() if self.changes else [],
            "contacts": self.contacts,
        })
        return data


@dataclass
class _Move:
    membership: MembershipRow
    cursor: int
    last_email_id: str | None
    finished: bool
    next_due: float | None
    old_cursor: int


def publish(workspace: Workspace, campaign_id: str, *, dry_run: bool = False) -> PublishOutcome:
    opened = workspace.reading() if dry_run else workspace.transaction()
    with opened as session:
        current = draft(session, campaign_id)
        outcome = PublishOutcome(campaign_id, validate(current), dry_run=dry_run)
        if outcome.blocked:
            return outcome
        latest = VersionCache(session).latest(campaign_id)
        if latest is not None:
            outcome.previous, published = latest
            outcome.changes = compare(published, current)
            if not outcome.changes.any:
                outcome.version = outcome.previous
                return outcome
            moves, leaving = _plan(session, campaign_id, published, current)
            outcome.contacts = _describe(outcome.changes, published, current, moves, leaving)
        outcome.version = (outcome.previous or 0) + 1
        if dry_run:
            return outcome
        now = clock.now(session)
        store_version(session, current, now)
        row = campaign_row(session, campaign_id)
        if row.state == CampaignState.DRAFT:
            row.state = CampaignState.PUBLISHED
        if latest is not None:
            _apply(session, campaign_id, moves, leaving, now)
        log(session, now, campaign_id, "published", detail=f"version {outcome.version}")
        return outcome


def _memberships(session: Session, campaign_id: str) -> list[MembershipRow]:
    return list(session.scalars(select(MembershipRow).where(
        MembershipRow.campaign_id == campaign_id,
        MembershipRow.status.in_(LIVE_MEMBERSHIPS))))


def _plan(session: Session, campaign_id: str, old: Campaign, new: Campaign
          ) -> tuple[list[_Move], list[MembershipRow]]:
    """Where each contact stands in the new version, found by stable email ids."""
    new_sequences = {s.id: s for s in new.sequences}
    old_sequences = {s.id: s for s in old.sequences}
    received: dict[int, set[str]] = {}
    for membership_id, email_id in session.execute(
            select(SendRow.membership_id, SendRow.email_id)
            .where(SendRow.campaign_id == campaign_id)):
        received.setdefault(membership_id, set()).add(email_id)
    moves: list[_Move] = []
    leaving: list[MembershipRow] = []
    for m in _memberships(session, campaign_id):
        if m.sequence_id not in new_sequences:
            leaving.append(m)
            continue
        if m.status != MembershipStatus.ACTIVE:
            continue
        old_ids = [e.id for e in old_sequences[m.sequence_id].emails] \
            if m.sequence_id in old_sequences else []
        passed = set(old_ids[: m.last_email_pos + 1])
        emails = new_sequences[m.sequence_id].emails
        cursor = max((i for i, e in enumerate(emails) if e.id in passed), default=-1)
        got = received.get(m.id, set())
        while cursor + 1 < len(emails) and emails[cursor + 1].id in got:
            cursor += 1
        finished = cursor + 1 >= len(emails)
        next_due = None if finished else m.anchor_at + emails[cursor + 1].delay_minutes * 60
        moves.append(_Move(m, cursor, emails[cursor].id if cursor >= 0 else None, finished,
                           next_due, m.last_email_pos))
    return moves, leaving


def _apply(session: Session, campaign_id: str, moves: list[_Move], leaving: list[MembershipRow],
           now: float) -> None:
    for move in moves:
        m = move.membership
        m.last_email_pos, m.last_email_id = move.cursor, move.last_email_id
        m.next_due_at = move.next_due
        if move.finished:
            m.status, m.ended_at = MembershipStatus.FINISHED, now
            log(session, now, campaign_id, "finished", contact_id=m.contact_id,
                node_id=m.sequence_id, detail="no emails left after the republish")
    for m in leaving:
        m.status, m.next_due_at, m.ended_at = MembershipStatus.STOPPED, None, now
        m.end_reason = "sequence removed"
        log(session, now, campaign_id, "left", contact_id=m.contact_id, node_id=m.sequence_id,
            detail="the sequence was removed by a republish")


def _describe(changes: Changes, old: Campaign, new: Campaign, moves: list[_Move],
              leaving: list[MembershipRow]) -> list[str]:
    lines: list[str] = []
    old_names = {s.id: s.name for s in old.sequences} | {g.id: g.name for g in old.goals}
    new_names = {s.id: s.name for s in new.sequences} | {g.id: g.name for g in new.goals}

    def waiting(sequence_id: str, index: int) -> int:
        return sum(1 for m in moves if m.membership.sequence_id == sequence_id
                   and m.old_cursor < index)

    for ref in changes.emails_edited:
        n = waiting(ref.sequence_id, ref.index)
        lines.append(f"Email '{ref.subject}' in '{old_names[ref.sequence_id]}' was edited: "
                     f"{count(n, 'contact', 'contacts')} who have not received it yet will "
                     "get the new version; those who already have it get nothing again.")
    for ref in changes.emails_removed:
        n = waiting(ref.sequence_id, ref.index)
        lines.append(f"Email '{ref.subject}' was removed from '{old_names[ref.sequence_id]}': "
                     f"{count(n, 'contact', 'contacts')} waiting for it will not get it.")
    for ref in changes.emails_added:
        n = sum(1 for m in moves if m.membership.sequence_id == ref.sequence_id
                and not m.finished and m.cursor < ref.index)
        lines.append(f"Email '{ref.subject}' was added to '{new_names[ref.sequence_id]}': "
                     f"{count(n, 'contact', 'contacts')} in that sequence will get it.")
    for sequence_id in changes.sequences_removed:
        n = sum(1 for m in leaving if m.sequence_id == sequence_id)
        lines.append(f"Sequence '{old_names[sequence_id]}' was removed: "
                     f"{count(n, 'contact', 'contacts')} in it will leave it.")
    for goal_id in changes.goal_links_changed:
        lines.append(f"Goal '{new_names[goal_id]}' now listens to a different choice of links: "
                     "only clicks from now on count; no one achieves it for an earlier click.")
    for goal_id in changes.goals_removed:
        lines.append(f"Goal '{old_names[goal_id]}' was removed: no one can achieve it any more.")
    finishing = sum(1 for m in moves if m.finished)
    if finishing:
        lines.append(f"{count(finishing, 'contact has', 'contacts have')} no emails left "
                     "in their sequence and will finish it.")
    if not lines:
        lines.append("Nothing changes for contacts already in the campaign.")
    return lines
