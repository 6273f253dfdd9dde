"""Small campaigns built in code for tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import Campaign, Edge, Email, Goal, Link, Sequence
from canvas_app.resources import resource_path
from canvas_app.store import meta
from canvas_app.store.workspace import Workspace

SAMPLES = sorted(resource_path("samples").glob("*.campaign.json"))


def sample_document(name: str = "yoga-trial") -> dict[str, Any]:
    path: Path = resource_path("samples", f"{name}.campaign.json")
    return copy.deepcopy(json.loads(path.read_text("utf-8")))


def email(email_id: str, links: list[Link], delay: int = 0, subject: str = "Hello") -> Email:
    anchors = " ".join(f'<a data-link="{k.id}">{k.text}</a>' for k in links)
    return Email(email_id, delay, subject, f"<p>Hi {{{{first_name}}}} {anchors}</p>", links)


def link(link_id: str, kind: LinkKind = LinkKind.URL, target: str = "https://example.com/x") -> Link:
    return Link(link_id, kind, f"text of {link_id}", target)


def funnel() -> Campaign:
    """welcome -> downloaded -> thanks, with a qualifying and a phone link."""
    welcome = Sequence("welcome", "Welcome", (0, 0), [
        email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD),
                            link("call", LinkKind.PHONE, "tel:+15550100")]),
    ])
    thanks = Sequence("thanks", "Thank you", (600, 0), [email("thanks-1", [link("more")], 60)])
    goal = Goal("downloaded", "Downloaded", (300, 0), ["dl"])
    return Campaign("ebook", "Ebook funnel", None, [welcome, thanks], [goal],
                    [Edge("welcome", "downloaded"), Edge("downloaded", "thanks")])


def eligible_links(campaign: Campaign, goal_id: str) -> list[tuple[Sequence, Email, Link]]:
    """Links of emails in the goal's upstream sequences (qualifying or not)."""
    return [(s, e, link) for s in campaign.upstream_sequences(goal_id) for e in s.emails
            for link in e.links]


def read_meta(workspace: Workspace, key: str) -> str | None:
    """A workspace-wide value as stored (tests look at and damage these directly)."""
    with workspace.reading() as session:
        return meta.get(session, key)


def write_meta(workspace: Workspace, key: str, value: str) -> None:
    with workspace.transaction() as session:
        meta.put(session, key, value)


def funnel_sent_to_ann(workspace: Workspace, seconds: float = 3600) -> None:
    """The funnel published and running, Ann enrolled in its welcome sequence, and the clock
    moved on by ``seconds`` (her first email is sent after a minute)."""
    from canvas_app.engine import lifecycle
    from canvas_app.engine.contacts import add_contact
    from canvas_app.engine.enrolment import enroll
    from canvas_app.engine.publishing import publish
    from canvas_app.engine.runner import advance
    from canvas_app.store.campaigns import CampaignStore

    CampaignStore(workspace).add(funnel())
    publish(workspace, "ebook")
    lifecycle.activate(workspace, "ebook")
    add_contact(workspace, "ann@example.com", "Ann")
    enroll(workspace, "ebook", "welcome", ["ann@example.com"])
    advance(workspace, seconds)
