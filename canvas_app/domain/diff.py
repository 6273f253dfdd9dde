"""The differences between two versions of a campaign, entry by entry: each names what it is
about (a sequence, goal, connection, email, link, a goal's chosen links, the settings) by id,
with a sentence a user can read. Positions on the canvas are not differences: they mean
nothing to contacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from canvas_app.domain.model import Campaign, Edge, Email, Link, Node, Sequence
from canvas_app.domain.words import count

T = TypeVar("T", Email, Link)

KINDS = ("sequence", "goal", "edge", "email", "link", "goal_links", "note", "settings")


@dataclass(frozen=True)
class Difference:
    kind: str  # one of KINDS
    id: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "detail": self.detail}


@dataclass
class Diff:
    added: list[Difference] = field(default_factory=list)
    removed: list[Difference] = field(default_factory=list)
    changed: list[Difference] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        return {"added": [d.to_json() for d in self.added],
                "removed": [d.to_json() for d in self.removed],
                "changed": [d.to_json() for d in self.changed]}

    def node_ids(self) -> set[str]:
        """The nodes a difference is about (for showing them on the canvas)."""
        return {d.id for d in self.added + self.removed + self.changed
                if d.kind in ("sequence", "goal", "goal_links")}


def edge_id(edge: Edge) -> str:
    return f"{edge.source}->{edge.target}"


def _kind(node: Node) -> str:
    return node.kind


def _nodes(diff: Diff, old: Campaign, new: Campaign) -> None:
    before = {n.id: n for n in old.nodes}
    after = {n.id: n for n in new.nodes}
    for node_id, node in after.items():
        if node_id not in before:
            diff.added.append(Difference(_kind(node), node_id, f"{_kind(node)} '{node.name}' added"))
        elif before[node_id].name != node.name:
            diff.changed.append(Difference(_kind(node), node_id, f"'{before[node_id].name}' "
                                           f"renamed to '{node.name}'"))
    for node_id, node in before.items():
        if node_id not in after:
            diff.removed.append(Difference(_kind(node), node_id,
                                           f"{_kind(node)} '{node.name}' removed"))
    for sequence in new.sequences:
        previous = before.get(sequence.id)
        if not isinstance(previous, Sequence):
            continue
        kept = {e.id for e in sequence.emails} & {e.id for e in previous.emails}
        if [e.id for e in previous.emails if e.id in kept] != \
                [e.id for e in sequence.emails if e.id in kept]:
            diff.changed.append(Difference("sequence", sequence.id,
                                           f"emails of '{sequence.name}' in another order"))


def _goal_links(diff: Diff, old: Campaign, new: Campaign) -> None:
    before = {g.id: g for g in old.goals}
    for goal in new.goals:
        previous = before.get(goal.id)
        if previous is None or set(previous.links) == set(goal.links):
            continue
        chosen = len(set(goal.links) - set(previous.links))
        dropped = len(set(previous.links) - set(goal.links))
        parts = ([f"{count(chosen, 'link')} chosen"] if chosen else []) + \
                ([f"{count(dropped, 'link')} left out"] if dropped else [])
        diff.changed.append(Difference("goal_links", goal.id,
                                       f"goal '{goal.name}': {' and '.join(parts)}"))


def _edges(diff: Diff, old: Campaign, new: Campaign) -> None:
    names = {n.id: n.name for n in old.nodes} | {n.id: n.name for n in new.nodes}
    before, after = set(old.edges), set(new.edges)
    for edge in new.edges:
        if edge not in before:
            diff.added.append(Difference("edge", edge_id(edge), f"connection from "
                                         f"'{names[edge.source]}' to '{names[edge.target]}' added"))
    for edge in old.edges:
        if edge not in after:
            diff.removed.append(Difference("edge", edge_id(edge), f"connection from "
                                           f"'{names[edge.source]}' to '{names[edge.target]}' "
                                           "removed"))


def _changed_fields(name: str, fields: list[tuple[str, bool]]) -> str | None:
    what = [word for word, same in fields if not same]
    return f"{name}: {', '.join(what)} changed" if what else None


def _email_change(before: Email, after: Email) -> str | None:
    return _changed_fields(f"email '{after.subject}'", [
        ("subject", before.subject == after.subject),
        ("wait", before.delay_minutes == after.delay_minutes),
        ("text", before.body_html == after.body_html)])


def _link_change(before: Link, after: Link) -> str | None:
    return _changed_fields(f"link '{after.text}'", [
        ("text", before.text == after.text), ("kind", before.kind == after.kind),
        ("address", before.target == after.target)])


def _parts(diff: Diff, kind: str, before: dict[str, T], after: dict[str, tuple[str, T]],
           change: Callable[[T, T], str | None], label: Callable[[T], str]) -> None:
    """Emails or links: ``after`` maps each id to (where it is, the part)."""
    for part_id, (where, part) in after.items():
        if part_id not in before:
            diff.added.append(Difference(kind, part_id, f"{label(part)} added to {where}"))
            continue
        changed = change(before[part_id], part)
        if changed is not None:
            diff.changed.append(Difference(kind, part_id, changed))
    for part_id, part in before.items():
        if part_id not in after:
            diff.removed.append(Difference(kind, part_id, f"{label(part)} removed"))


def _emails(diff: Diff, old: Campaign, new: Campaign) -> None:
    _parts(diff, "email", {e.id: e for _, e in old.all_emails()},
           {e.id: (f"'{s.name}'", e) for s, e in new.all_emails()}, _email_change,
           lambda e: f"email '{e.subject}'")


def _links(diff: Diff, old: Campaign, new: Campaign) -> None:
    _parts(diff, "link", {k.id: k for _, e in old.all_emails() for k in e.links},
           {k.id: (f"email '{e.subject}'", k) for _, e in new.all_emails() for k in e.links},
           _link_change, lambda k: f"link '{k.text}'")


def diff(old: Campaign, new: Campaign) -> Diff:
    """What ``new`` adds, removes and changes against ``old``."""
    result = Diff()
    _nodes(result, old, new)
    _edges(result, old, new)
    _emails(result, old, new)
    _links(result, old, new)
    _goal_links(result, old, new)
    if old.settings.bot_policy != new.settings.bot_policy:
        result.changed.append(Difference("settings", "bot_policy", "bot clicks: "
                                         f"{old.settings.bot_policy.value} -> "
                                         f"{new.settings.bot_policy.value}"))
    if old.name != new.name:
        result.changed.append(Difference("settings", "name",
                                         f"campaign renamed from '{old.name}' to '{new.name}'"))
    return result
