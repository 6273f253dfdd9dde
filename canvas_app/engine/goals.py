"""Goal achievement, evaluated once a click has settled.

A counted click on a qualifying link achieves a goal when the contact is active or finished in
one of the goal's upstream sequences. Then every upstream sequence stops for the contact
(pending emails are cancelled) and the contact starts every sequence after the goal. First
response wins; a goal is achieved at most once per membership.
"""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.model import BotPolicy, Campaign
from canvas_app.engine.enrolment import enrol_contacts
from canvas_app.engine.events_log import log
from canvas_app.engine.lifecycle import ACTIVE
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import AchievementRow, ClickRow, MembershipRow, SendRow


def next_evaluation_due(session: Session) -> float | None:
    return session.scalar(
        select(func.min(ClickRow.evaluate_at))
        .join(CampaignRow, CampaignRow.id == ClickRow.campaign_id)
        .where(ClickRow.evaluated.is_(False), CampaignRow.state == ACTIVE))


def evaluate_due(session: Session, horizon: float, floor: float) -> int:
    """Evaluates every settled click due by ``horizon``; returns how many goals were achieved."""
    pending = list(session.scalars(
        select(ClickRow).join(CampaignRow, CampaignRow.id == ClickRow.campaign_id)
        .where(ClickRow.evaluated.is_(False), CampaignRow.state == ACTIVE,
               ClickRow.evaluate_at <= horizon)
        .order_by(ClickRow.evaluate_at, ClickRow.id)))
    versions = VersionCache(session)
    achieved = 0
    for click in pending:
        click.evaluated = True
        achieved += _evaluate(session, versions, click, max(click.evaluate_at, floor))
    return achieved


def _evaluate(session: Session, versions: VersionCache, click: ClickRow, now: float) -> int:
    if click.link_id is None:
        return 0
    latest = versions.latest(click.campaign_id)
    if latest is None:
        return 0
    version = latest[1]
    send = session.get(SendRow, click.send_id)
    assert send is not None
    if click.bot and version.settings.bot_policy is BotPolicy.IGNORE_BOTS:
        log(session, now, click.campaign_id, "bot_ignored", contact_id=send.contact_id,
            node_id=send.sequence_id,
            detail=json.dumps({"link": click.link_id, "reasons": json.loads(click.reasons)}))
        return 0
    achieved = 0
    for goal in version.goals:
        if click.link_id in goal.links and _achieve(session, version, goal.id, send, click, now):
            achieved += 1
    return achieved


def _achieve(session: Session, version: Campaign, goal_id: str, send: SendRow, click: ClickRow,
             now: float) -> bool:
    upstream = {s.id for s in version.upstream_sequences(goal_id)}
    memberships = list(session.scalars(select(MembershipRow).where(
        MembershipRow.campaign_id == version.id, MembershipRow.contact_id == send.contact_id,
        MembershipRow.sequence_id.in_(upstream),
        MembershipRow.status.in_(("active", "finished")))))
    done = set(session.scalars(select(AchievementRow.membership_id).where(
        AchievementRow.goal_id == goal_id,
        AchievementRow.membership_id.in_([m.id for m in memberships]))))
    memberships = [m for m in memberships if m.id not in done]
    if not memberships:
        return False
    primary = next((m for m in memberships if m.id == send.membership_id), memberships[0])
    goal = next(g for g in version.goals if g.id == goal_id)
    session.add(AchievementRow(campaign_id=version.id, goal_id=goal_id,
                               contact_id=send.contact_id, membership_id=primary.id,
                               click_id=click.id, at=now))
    log(session, now, version.id, "goal_achieved", contact_id=send.contact_id, node_id=goal_id,
        detail=json.dumps({"link": click.link_id, "click": click.id}))
    for m in memberships:
        cancelled = m.status == "active"
        m.status, m.next_due_at, m.ended_at = "stopped", None, now
        m.end_reason = f"goal '{goal.name}' achieved"
        log(session, now, version.id, "stopped", contact_id=send.contact_id,
            node_id=m.sequence_id,
            detail=f"goal '{goal.name}' achieved" + ("; pending emails cancelled"
                                                     if cancelled else ""))
    session.flush()
    for sequence in version.downstream_sequences(goal_id):
        enrol_contacts(session, version.id, sequence, [send.contact_id], now)
    return True
