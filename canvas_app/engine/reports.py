"""Read-outs: a campaign's status, its report, and a contact's inbox."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from canvas_app.domain.links import is_web_target
from canvas_app.domain.model import Campaign
from canvas_app.domain.vocabulary import MembershipStatus
from canvas_app.engine import clock, contacts
from canvas_app.engine.errors import Refused
from canvas_app.engine.sent_bodies import SentBodies, sent_email
from canvas_app.engine.settings import load as load_settings
from canvas_app.engine.tokens import Signer, tracking_base, workspace_secret
from canvas_app.engine.versions import VersionCache, draft, unpublished_changes
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.orm_runtime import (
    AchievementRow,
    ClickRow,
    MembershipRow,
    SendRow,
    VersionRow,
)
from canvas_app.store.workspace import Workspace


@dataclass
class Status:
    campaign: str
    name: str
    state: str
    published_version: int | None
    unpublished_changes: bool
    changes_summary: str
    nodes: dict[str, dict[str, int]]
    node_names: dict[str, str]
    clock: float | None  # None: the workspace clock has not started

    def to_json(self) -> dict[str, Any]:
        return {"campaign": self.campaign, "state": self.state,
                "published_version": self.published_version,
                "unpublished_changes": self.unpublished_changes, "nodes": self.nodes}


def _no_members() -> dict[str, int]:
    """A sequence's counts before any contact: one per membership status, all zero."""
    return {str(status): 0 for status in MembershipStatus}


def node_counts(session: Session, campaign_id: str, current: Campaign | None = None
                ) -> dict[str, dict[str, int]]:
    """Contacts per sequence by membership status, achievements per goal (draft and published
    nodes alike), for status and for the counts on the canvas."""
    nodes: dict[str, dict[str, int]] = {}
    latest = VersionCache(session).latest(campaign_id)
    current = current if current is not None else draft(session, campaign_id)
    for source in (current, latest[1] if latest else None):
        if source is None:
            continue
        for s in source.sequences:
            nodes.setdefault(s.id, _no_members())
        for g in source.goals:
            nodes.setdefault(g.id, {"achieved": 0})
    for sequence_id, status, n in session.execute(
            select(MembershipRow.sequence_id, MembershipRow.status, func.count())
            .where(MembershipRow.campaign_id == campaign_id)
            .group_by(MembershipRow.sequence_id, MembershipRow.status)):
        counts = nodes.setdefault(sequence_id, _no_members())
        if status in counts:
            counts[status] = n
    for goal_id, n in session.execute(
            select(AchievementRow.goal_id, func.count())
            .where(AchievementRow.campaign_id == campaign_id).group_by(AchievementRow.goal_id)):
        nodes.setdefault(goal_id, {"achieved": 0})["achieved"] = n
    return nodes


def status(workspace: Workspace, campaign_id: str, current: Campaign | None = None) -> Status:
    """The campaign's state and counts. ``current``: the draft when the caller holds it (the
    editor), saving a reload from the workspace."""
    with workspace.reading() as session:
        row = campaign_row(session, campaign_id)
        current = current if current is not None else draft(session, campaign_id)
        number, changes = unpublished_changes(session, campaign_id, current)
        names = {n.id: n.name for n in current.nodes}
        latest = VersionCache(session).latest(campaign_id)
        if latest:
            names = {n.id: n.name for n in latest[1].nodes} | names
        return Status(campaign_id, row.name, row.state, number,
                      number is None or changes is not None,
                      "never published" if number is None else
                      (changes.summary() if changes else "none"),
                      node_counts(session, campaign_id, current), names,
                      clock.peek(session))


@dataclass
class Report:
    campaign: str
    name: str
    sends: int
    links: dict[str, dict[str, int]]
    goals: dict[str, dict[str, int]]
    link_names: dict[str, str] = field(default_factory=dict)
    goal_names: dict[str, str] = field(default_factory=dict)
    honeypot_hits: int = 0
    scanned_sends: int = 0
    bot_reasons: dict[str, int] = field(default_factory=dict)
    entered: dict[str, int] = field(default_factory=dict)  # contacts who entered each sequence
    achieved_by_bots: dict[str, int] = field(default_factory=dict)  # only under count_all
    sequence_names: dict[str, str] = field(default_factory=dict)
    link_emails: dict[str, str] = field(default_factory=dict)  # the subject of each link's email
    #: contacts who entered a sequence before each goal (the denominator of its rate)
    goal_entered: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"campaign": self.campaign, "sends": self.sends, "links": self.links,
                "goals": self.goals}

    def goal_rate(self, goal_id: str) -> tuple[int, int]:
        """(achieved, contacts who entered a sequence before the goal)."""
        return (self.goals.get(goal_id, {"achieved": 0})["achieved"],
                self.goal_entered.get(goal_id, 0))

    def rate_text(self, goal_id: str) -> str:
        """The goal's conversion in words: "38% of 8"; "—" before anyone entered."""
        achieved, entered = self.goal_rate(goal_id)
        return f"{achieved / entered:.0%} of {entered}" if entered else "—"

    def link_label(self, link_id: str) -> str:
        """The link's text; with its email's subject when another link has the same text."""
        text = self.link_names.get(link_id, link_id)
        twins = [k for k, t in self.link_names.items() if t == text and k != link_id]
        subject = self.link_emails.get(link_id)
        return f"{text} (in '{subject}')" if twins and subject else text


def _name_parts(result: Report, campaign: Campaign) -> None:
    """Every tracked link, goal and sequence of a version, named, counted from zero."""
    for _, email in campaign.all_emails():
        for link in email.links:
            if not is_web_target(link.target):
                continue  # tel: and mailto: links are not tracked
            result.links.setdefault(link.id, {"human": 0, "bot": 0})
            result.link_names[link.id] = link.text
            result.link_emails[link.id] = email.subject
    for goal in campaign.goals:
        result.goals.setdefault(goal.id, {"achieved": 0})
        result.goal_names[goal.id] = goal.name
    result.sequence_names.update({s.id: s.name for s in campaign.sequences})


def _sent_versions(session: Session, campaign_id: str) -> list[int]:
    """The published versions anything was sent from: one indexed look-up per version (there
    are few) rather than reading every send of the campaign."""
    published = session.scalars(select(VersionRow.number)
                                .where(VersionRow.campaign_id == campaign_id))
    return [n for n in published if session.scalar(select(exists().where(
        SendRow.campaign_id == campaign_id, SendRow.version == n)))]


def report(workspace: Workspace, campaign_id: str) -> Report:
    with workspace.reading() as session:
        row = campaign_row(session, campaign_id)
        versions = VersionCache(session)
        result = Report(campaign_id, row.name, 0, {}, {})
        numbers = _sent_versions(session, campaign_id)
        latest = versions.latest(campaign_id)
        sources = [versions.get(campaign_id, n) for n in sorted(numbers)]
        sources += [latest[1]] if latest else []
        for campaign in sources:
            _name_parts(result, campaign)
        result.sends = session.scalar(select(func.count(SendRow.id))
                                      .where(SendRow.campaign_id == campaign_id)) or 0
        for link_id, bot, n in session.execute(
                select(ClickRow.link_id, ClickRow.bot, func.count())
                .where(ClickRow.campaign_id == campaign_id)
                .group_by(ClickRow.link_id, ClickRow.bot)):
            if link_id is None:
                result.honeypot_hits += n
                continue
            result.links.setdefault(link_id, {"human": 0, "bot": 0})["bot" if bot else "human"] += n
        result.scanned_sends = session.scalar(
            select(func.count(func.distinct(ClickRow.send_id)))
            .where(ClickRow.campaign_id == campaign_id, ClickRow.link_id.is_(None))) or 0
        for (reasons,) in session.execute(select(ClickRow.reasons).where(
                ClickRow.campaign_id == campaign_id, ClickRow.bot.is_(True))):
            for reason in json.loads(reasons):
                result.bot_reasons[reason] = result.bot_reasons.get(reason, 0) + 1
        for goal_id, n in session.execute(
                select(AchievementRow.goal_id, func.count())
                .where(AchievementRow.campaign_id == campaign_id)
                .group_by(AchievementRow.goal_id)):
            result.goals.setdefault(goal_id, {"achieved": 0})["achieved"] = n
        for goal_id, n in session.execute(
                select(AchievementRow.goal_id, func.count())
                .join(ClickRow, ClickRow.id == AchievementRow.click_id)
                .where(AchievementRow.campaign_id == campaign_id, ClickRow.bot.is_(True))
                .group_by(AchievementRow.goal_id)):
            result.achieved_by_bots[goal_id] = n
        for sequence_id, n in session.execute(
                select(MembershipRow.sequence_id, func.count(func.distinct(MembershipRow.contact_id)))
                .where(MembershipRow.campaign_id == campaign_id)
                .group_by(MembershipRow.sequence_id)):
            result.entered[sequence_id] = n
        if sources:  # the goals as contacts run them: the newest version's
            running = sources[-1]
            for goal in running.goals:
                result.goal_entered[goal.id] = sum(result.entered.get(s.id, 0)
                                                   for s in running.upstream_sequences(goal.id))
        return result


def report_csv(data: Report) -> str:
    """The report as CSV: one row for the sends, one per link, one per goal."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "id", "name", "human", "bot", "achieved"])
    writer.writerow(["sends", data.campaign, data.name, data.sends, "", ""])
    for link_id, counts in data.links.items():
        writer.writerow(["link", link_id, data.link_names.get(link_id, ""), counts["human"],
                         counts["bot"], ""])
    for goal_id, counts in data.goals.items():
        writer.writerow(["goal", goal_id, data.goal_names.get(goal_id, ""), "", "",
                         counts["achieved"]])
    return out.getvalue()


def inbox(workspace: Workspace, address: str) -> list[dict[str, Any]]:
    """The emails sent to a contact, oldest first, with their visible links."""
    with workspace.reading() as session:
        person = contacts.find(session, address)
        if person is None:
            raise Refused(f"no contact with the address '{address}'")
        sends = list(session.scalars(select(SendRow).where(SendRow.contact_id == person.id)
                                     .order_by(SendRow.sent_at, SendRow.id)))
        if not sends:
            return []
        signer = Signer(workspace_secret(session))  # exists: it signed these sends
        base = tracking_base(load_settings(session).tracking_port)
        versions = VersionCache(session)
        bodies = SentBodies(versions, signer)
        out: list[dict[str, Any]] = []
        for send in sends:
            email = sent_email(versions, send)
            links = {k.id: (base + signer.token(send.id, k.id)
                            if is_web_target(k.target)
                            else k.target) for k in email.links}
            out.append({"send_id": send.id, "campaign": send.campaign_id,
                        "sequence": send.sequence_id, "email": send.email_id,
                        "subject": send.subject, "sent_at": clock.iso(send.sent_at),
                        "links": links, "html": bodies.html(send, person.email)})
        return out
