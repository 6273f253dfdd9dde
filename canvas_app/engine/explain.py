"""Why did this contact move? A contact's path through each campaign, in time order, as steps
a person reads: every enrolment, send, click (and why a bot click was ignored), goal, stop and
entry. The GUI's timeline and the ``explain`` command show the same steps."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvas_app.domain.links import KIND_LABELS
from canvas_app.domain.model import BotPolicy, Campaign, Link
from canvas_app.domain.words import count, plural
from canvas_app.engine import clock, contacts
from canvas_app.engine.bots import REASON_TEXT
from canvas_app.engine.errors import Refused
from canvas_app.engine.settings import load as load_settings
from canvas_app.engine.versions import VersionCache, latest_number
from canvas_app.store.campaign_rows import load_draft
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.orm_runtime import ClickRow, EventRow, SendRow
from canvas_app.store.workspace import Workspace

WHAT = ("enrolled", "sent", "clicked", "bot_click_ignored", "goal_achieved", "stopped",
        "entered", "finished")


@dataclass(frozen=True)
class Step:
    at: float
    what: str  # one of WHAT
    node: str | None
    link: str | None
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"at": clock.iso(self.at), "what": self.what, "node": self.node,
                "link": self.link, "why": self.why}


@dataclass(frozen=True)
class CampaignPath:
    campaign: str
    name: str
    steps: list[Step]

    def to_json(self) -> dict[str, Any]:
        return {"campaign": self.campaign, "steps": [s.to_json() for s in self.steps]}


class _Names:
    """Names of nodes, links and emails across every published version (the newest wins) and
    the draft, so a step about something since removed still reads well."""

    def __init__(self, campaigns: Iterable[Campaign]) -> None:
        self.nodes: dict[str, str] = {}
        self.links: dict[str, Link] = {}
        self.subjects: dict[str, str] = {}
        self.goals_of_link: dict[str, list[str]] = {}
        self.counts_bots = False
        self.goals_after: dict[str, list[str]] = {}
        self.email_counts: dict[str, int] = {}  # emails in each sequence (the newest version)
        for campaign in campaigns:
            self.counts_bots = campaign.settings.bot_policy is BotPolicy.COUNT_ALL
            self.goals_of_link = {}
            for node in campaign.nodes:
                self.nodes[node.id] = node.name
            for sequence in campaign.sequences:
                self.email_counts[sequence.id] = len(sequence.emails)
                for email in sequence.emails:
                    self.subjects[email.id] = email.subject
                    for link in email.links:
                        self.links[link.id] = link
            goal_names = {g.id: g.name for g in campaign.goals}
            self.goals_after = {}
            for edge in campaign.edges:
                if edge.target in goal_names:
                    self.goals_after.setdefault(edge.source, []).append(goal_names[edge.target])
            for goal in campaign.goals:
                for link_id in goal.links:
                    self.goals_of_link.setdefault(link_id, []).append(goal.name)

    def node(self, node_id: str | None) -> str:
        return self.nodes.get(node_id or "", node_id or "")

    def link(self, link_id: str | None) -> str:
        found = self.links.get(link_id or "")
        return found.text if found else (link_id or "")

    def link_words(self, link_id: str) -> str:
        """'(web form link, chosen in goal 'Booked')' and the like."""
        found = self.links.get(link_id)
        if found is None:
            return ""
        kind = KIND_LABELS[found.effective_kind].lower()
        goals = self.goals_of_link.get(link_id, [])
        if goals:
            return f" ({kind} link, chosen in goal " + ", ".join(f"'{g}'" for g in goals) + ")"
        return f" ({kind} link; no goal waits for it)"


def _span(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


def _reasons(raw: str) -> str:
    codes = json.loads(raw) if raw.startswith("[") else []
    return "; ".join(REASON_TEXT.get(str(c), str(c)) for c in codes) or "judged a bot"


def _campaign_names(session: Session, campaign_id: str) -> _Names:
    versions = VersionCache(session)
    newest = latest_number(session, campaign_id) or 0
    documents = [load_draft(session, campaign_row(session, campaign_id))]
    documents += [versions.get(campaign_id, n) for n in range(1, newest + 1)]
    return _Names(documents)  # the newest published version last: its policy is the one in force


def explain(workspace: Workspace, address: str, campaign_id: str | None = None
            ) -> list[CampaignPath]:
    """The contact's path in every campaign it took part in (or just ``campaign_id``)."""
    with workspace.reading() as session:
        person = contacts.find(session, address)
        if person is None:
            raise Refused(f"no contact with the address '{address}' "
                          "(add it with: contact add EMAIL)")
        if campaign_id is not None:
            campaign_row(session, campaign_id)  # NotFound names the id
        settle = load_settings(session).settle_seconds
        events = select(EventRow).where(EventRow.contact_id == person.id)
        clicks = (select(ClickRow, SendRow.sent_at, SendRow.sequence_id)
                  .join(SendRow, SendRow.id == ClickRow.send_id)
                  .where(SendRow.contact_id == person.id))
        sends = select(SendRow.email_id, SendRow.subject).where(SendRow.contact_id == person.id)
        if campaign_id is not None:
            events = events.where(EventRow.campaign_id == campaign_id)
            clicks = clicks.where(ClickRow.campaign_id == campaign_id)
        event_rows = list(session.scalars(events.order_by(EventRow.at, EventRow.id)))
        click_rows = list(session.execute(clicks.order_by(ClickRow.at, ClickRow.id)))
        subjects = {str(e): str(t) for e, t in session.execute(sends)}
        ids = sorted({e.campaign_id for e in event_rows} | {c[0].campaign_id for c in click_rows})
        paths = []
        for cid in ids:
            names = _campaign_names(session, cid)
            name = campaign_row(session, cid).name
            steps = _event_steps([e for e in event_rows if e.campaign_id == cid], names,
                                 subjects, settle)
            steps += _click_steps([c for c in click_rows if c[0].campaign_id == cid], names,
                                  settle, names.counts_bots)
            steps.sort(key=lambda s: s.at)  # stable: events keep their order, clicks follow
            paths.append(CampaignPath(cid, name, steps))
        return paths


def _event_steps(rows: list[EventRow], names: _Names, subjects: dict[str, str],
                 settle: float) -> list[Step]:
    steps: list[Step] = []
    achieved_at: dict[float, str] = {}  # a goal's time -> its name: what an entry came from
    sent_in: dict[str, int] = {}  # emails sent in each sequence since the contact entered it
    for row in rows:
        node = names.node(row.node_id)
        detail: dict[str, Any] = json.loads(row.detail) if row.detail.startswith("{") else {}
        match row.kind:
            case "enrolled" if row.at in achieved_at:
                sent_in[row.node_id or ""] = 0
                steps.append(Step(row.at, "entered", row.node_id, None,
                                  f"entered '{node}' because goal '{achieved_at[row.at]}' "
                                  "leads to it"))
            case "enrolled":
                sent_in[row.node_id or ""] = 0
                steps.append(Step(row.at, "enrolled", row.node_id, None,
                                  f"enrolled in '{node}'"))
            case "sent":
                sent_in[row.node_id or ""] = sent_in.get(row.node_id or "", 0) + 1
                subject = subjects.get(row.detail) or names.subjects.get(row.detail, row.detail)
                steps.append(Step(row.at, "sent", row.node_id, None,
                                  f"'{node}' sent the email '{subject}'"))
            case "finished":
                how = "it has no emails" if "no emails" in row.detail else "every email was sent"
                goals = names.goals_after.get(row.node_id or "", [])
                after = (f"; {' and '.join(repr(g) for g in goals)} still listen"
                         f"{plural(len(goals), 's', '')} for a click" if goals
                         else "; no goal follows it, so the contact stays there")
                steps.append(Step(row.at, "finished", row.node_id, None,
                                  f"finished '{node}': {how}{after}"))
            case "goal_achieved":
                achieved_at[row.at] = node
                link = detail.get("link")
                steps.append(Step(row.at, "goal_achieved", row.node_id, link,
                                  f"goal '{node}' achieved by the click on "
                                  f"'{names.link(link)}', after the {settle:g} s settle "
                                  "window found no sign of a bot"))
            case "stopped" | "left":
                why = row.detail or "stopped"
                if why.endswith("pending emails cancelled"):
                    left = names.email_counts.get(row.node_id or "", 0) - \
                        sent_in.get(row.node_id or "", 0)
                    if left > 0:
                        why = why.replace("pending emails cancelled",
                                          f"{count(left, 'pending email')} cancelled")
                steps.append(Step(row.at, "stopped", row.node_id, None,
                                  f"stopped '{node}': {why}"))
    return steps


def _click_steps(rows: list[Any], names: _Names, settle: float, counts_bots: bool
                 ) -> list[Step]:
    steps: list[Step] = []
    for click, sent_at, sequence_id in rows:
        after = click.at - sent_at
        when = f"{_span(after)} after the email was sent" if after < 86400 else ""
        if click.link_id is None:
            steps.append(Step(click.at, "bot_click_ignored", sequence_id, None,
                              "a scanner opened the invisible link no person can see, so "
                              "clicks on this email around it count as bots"))
            continue
        text = names.link(click.link_id)
        if click.bot and counts_bots:
            steps.append(Step(click.at, "clicked", sequence_id, click.link_id,
                              f"clicked '{text}'{names.link_words(click.link_id)}; judged a bot "
                              f"({_reasons(click.reasons)}) but counted, because this campaign "
                              "counts bot clicks too"))
            continue
        if click.bot:
            ua = f"user agent '{click.user_agent}'" if click.user_agent else "no user agent"
            judged = (f"; judged at {clock.log_time(click.evaluate_at)}, after the {settle:g} s "
                      "settle window" if click.evaluated else "")
            steps.append(Step(click.at, "bot_click_ignored", sequence_id, click.link_id,
                              f"ignored a bot click on '{text}': {_reasons(click.reasons)} "
                              f"({ua}" + (f"; {when})" if when else ")") + judged))
            continue
        pending = "" if click.evaluated else f"; judged after the {settle:g} s settle window"
        steps.append(Step(click.at, "clicked", sequence_id, click.link_id,
                          f"clicked '{text}'{names.link_words(click.link_id)}{pending}"))
    return steps

