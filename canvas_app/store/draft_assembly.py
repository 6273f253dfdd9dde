"""A campaign draft put together from its rows, given as plain tuples in their stored order:
shared by the store's reader and the first paint's light read (which loads no database
library), so both see the same campaign."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import BotPolicy, Campaign, Edge, Email, Goal, Link, Sequence, Settings
from canvas_app.domain.notes import Note, NoteColor

# column order of each kind of row
NODE_COLUMNS = ("id", "kind", "name", "goal_type", "x", "y")
EMAIL_COLUMNS = ("id", "sequence_id", "delay_minutes", "subject", "body_html")
LINK_COLUMNS = ("id", "email_id", "kind", "text", "target")
CHOICE_COLUMNS = ("goal_id", "link_id")
EDGE_COLUMNS = ("source", "target")
NOTE_COLUMNS = ("id", "text", "color", "x", "y", "width", "height")

Row = tuple[Any, ...]


def settings_from_json(text: str) -> Settings:
    data: dict[str, Any] = json.loads(text or "{}")
    return Settings(BotPolicy(data.get("bot_policy", BotPolicy.IGNORE_BOTS)),
                    explicit=frozenset(data))


def assemble(campaign: Row, nodes: Iterable[Row], emails: Iterable[Row], links: Iterable[Row],
             choices: Iterable[Row], edges: Iterable[Row], notes: Iterable[Row]) -> Campaign:
    """``campaign`` is (id, name, settings_json); the others follow the *_COLUMNS orders."""
    links_by_email: dict[str, list[Link]] = {}
    for link_id, email_id, kind, text, target in links:
        links_by_email.setdefault(email_id, []).append(Link(link_id, LinkKind(kind), text, target))
    emails_by_seq: dict[str, list[Email]] = {}
    for email_id, sequence_id, delay, subject, body in emails:
        emails_by_seq.setdefault(sequence_id, []).append(
            Email(email_id, delay, subject, body, links_by_email.get(email_id, [])))
    chosen: dict[str, list[str]] = {}
    for goal_id, link_id in choices:
        chosen.setdefault(goal_id, []).append(link_id)
    sequences: list[Sequence] = []
    goals: list[Goal] = []
    for node_id, kind, name, goal_type, x, y in nodes:
        position = (x, y) if x is not None and y is not None else None
        if kind == "sequence":
            sequences.append(Sequence(node_id, name, position, emails_by_seq.get(node_id, [])))
        else:
            goals.append(Goal(node_id, name, position, chosen.get(node_id, []),
                              goal_type or "email_link_clicked"))
    cid, name, settings_json = campaign
    return Campaign(cid, name, settings_from_json(settings_json), sequences, goals,
                    [Edge(source, target) for source, target in edges],
                    [Note(i, text, NoteColor(color), (x, y), (w, h))
                     for i, text, color, x, y, w, h in notes])
