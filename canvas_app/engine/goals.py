"""Goal achievement, evaluated once a click has settled.

A counted click on a qualifying link achieves a goal when the contact is active or finished in
one of the goal's upstream sequences. Then every upstream sequence stops for the contact
(pending emails are cancelled) and the contact starts every sequence after the goal. First
response wins; a goal is achieved at most once per membership.

Settled clicks are evaluated in a batch: the memberships of the contacts concerned are loaded
once, changed in memory in click order, and written back in bulk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.model import BotPolicy, Campaign, Goal, Sequence
from canvas_app.domain.vocabulary import CampaignState, MembershipStatus
from canvas_app.engine.bulk import execute_in, insert_tuples, rows_in
from canvas_app.engine.events_log import link_detail
from canvas_app.engine.memberships import MembershipBook
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import AchievementRow, ClickRow

#: Settled clicks evaluated in one transaction (the next batch goes on at the same time).
BATCH = 5000
_ACHIEVEMENT_COLUMNS = ("campaign_id", "goal_id", "contact_id", "membership_id", "click_id", "at")


def next_evaluation_due(session: Session) -> float | None:
    return session.scalar(
        select(func.min(ClickRow.evaluate_at))
        .join(CampaignRow, CampaignRow.id == ClickRow.campaign_id)
        .where(ClickRow.evaluated.is_(False), CampaignRow.state == CampaignState.ACTIVE))


@dataclass(frozen=True)
class _GoalPlan:
    goal: Goal
    upstream: frozenset[str]
    downstream: tuple[Sequence, ...]


def _plans(version: Campaign) -> dict[str, list[_GoalPlan]]:
    """For each link id, the goals it satisfies, in campaign order."""
    plans: dict[str, list[_GoalPlan]] = {}
    for goal in version.goals:
        plan = _GoalPlan(goal, frozenset(s.id for s in version.upstream_sequences(goal.id)),
                         tuple(version.downstream_sequences(goal.id)))
        for link_id in goal.links:
            plans.setdefault(link_id, []).append(plan)
    return plans


def evaluate_due(session: Session, horizon: float, floor: float) -> tuple[int, bool]:
    """Evaluates the settled clicks due by ``horizon``, the first ``BATCH`` of them in time
    order; returns how many goals were achieved and whether more are due by ``horizon``."""
    found = session.execute(
        select(ClickRow.id, ClickRow.send_id, ClickRow.campaign_id, ClickRow.link_id,
               ClickRow.bot, ClickRow.reasons, ClickRow.evaluate_at)
        .join(CampaignRow, CampaignRow.id == ClickRow.campaign_id)
        .where(ClickRow.evaluated.is_(False), CampaignRow.state == CampaignState.ACTIVE,
               ClickRow.evaluate_at <= horizon)
        .order_by(ClickRow.evaluate_at, ClickRow.id).limit(BATCH + 1)).all()
    if not found:
        return 0, False
    more = len(found) > BATCH
    pending = found[:BATCH]
    sends: dict[int, tuple[int, int, str]] = {
        send_id: (contact_id, membership_id, sequence_id)
        for send_id, contact_id, membership_id, sequence_id in rows_in(
            session, "SELECT id, contact_id, membership_id, sequence_id FROM sends "
                     "WHERE id IN :values", (p.send_id for p in pending))}
    versions = VersionCache(session)
    books: dict[str, MembershipBook] = {}
    plans: dict[str, dict[str, list[_GoalPlan]]] = {}
    policies: dict[str, BotPolicy] = {}
    for campaign_id in {p.campaign_id for p in pending}:
        books[campaign_id] = MembershipBook(session, campaign_id, {
            sends[p.send_id][0] for p in pending if p.campaign_id == campaign_id})
        latest = versions.latest(campaign_id)
        plans[campaign_id] = _plans(latest[1]) if latest else {}
        if latest:
            policies[campaign_id] = latest[1].settings.bot_policy
    achievements: list[tuple[Any, ...]] = []  # _ACHIEVEMENT_COLUMNS
    for click in pending:
        contact_id, membership_id, sequence_id = sends[click.send_id]
        book, now = books[click.campaign_id], max(click.evaluate_at, floor)
        if click.link_id is None:
            continue
        if click.bot and policies.get(click.campaign_id) is BotPolicy.IGNORE_BOTS:
            book.log(now, contact_id, "bot_ignored", sequence_id, json.dumps(
                {"link": click.link_id, "reasons": json.loads(click.reasons)}))
            continue
        for plan in plans[click.campaign_id].get(click.link_id, []):
            achieved = _achieve(book, plan, contact_id, membership_id, click, now)
            if achieved is not None:
                achievements.append(achieved)
    execute_in(session, "UPDATE clicks SET evaluated = :yes WHERE id IN :values",
               (p.id for p in pending), {"yes": True})
    insert_tuples(session, AchievementRow, _ACHIEVEMENT_COLUMNS, achievements)
    for book in books.values():
        book.flush()
    return len(achievements), more


def _achieve(book: MembershipBook, plan: _GoalPlan, contact_id: int, membership_id: int,
             click: Any, now: float) -> tuple[Any, ...] | None:
    goal = plan.goal
    members = [m for m in book.live(contact_id) if m.sequence_id in plan.upstream
               and (goal.id, m.id) not in book.achieved]
    if not members:
        return None
    primary = next((m for m in members if m.id == membership_id), members[0])
    book.achieved.add((goal.id, primary.id))
    book.log(now, contact_id, "goal_achieved", goal.id,
             link_detail(click.link_id, click.id))
    reason = f"goal '{goal.name}' achieved"
    for member in members:
        cancelled = member.status == MembershipStatus.ACTIVE
        book.stop(member, now, reason)
        book.log(now, contact_id, "stopped", member.sequence_id,
                 reason + ("; pending emails cancelled" if cancelled else ""))
    for sequence in plan.downstream:
        book.enrol(contact_id, sequence, now)
    return (book.campaign_id, goal.id, contact_id, primary.id, click.id, now)
