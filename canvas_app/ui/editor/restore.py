"""Restoring a published version into the draft, as the steps of one undoable macro: the
connections and nodes the version does not have go, the ones it has come back with its names,
emails, chosen links and places, then its connections, name and settings."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial

from canvas_app.domain.model import Campaign, Goal, Node, Sequence
from canvas_app.ui.editor.commands import (
    AddNodeCommand,
    ConnectCommand,
    DisconnectCommand,
    MoveNodesCommand,
    RemoveNodeCommand,
    RenameCampaignCommand,
    RenameNodeCommand,
    SetGoalLinksCommand,
    SetSequenceEmailsCommand,
    SetSettingsCommand,
    Step,
)

Build = Callable[[], Step]


def _same_kind(a: Node, b: Node) -> bool:
    return a.kind == b.kind


def restore_steps(draft: Campaign, version: Campaign) -> list[Build]:
    """The steps that turn ``draft`` into ``version`` (nothing when they are the same)."""
    wanted = {n.id: n for n in version.nodes}
    kept = {n.id for n in draft.nodes if n.id in wanted and _same_kind(n, wanted[n.id])}
    going = [n.id for n in draft.nodes if n.id not in kept]
    steps: list[Build] = [partial(DisconnectCommand, draft, e.source, e.target)
                          for e in draft.edges
                          if e not in version.edges or {e.source, e.target} & set(going)]
    steps += [partial(RemoveNodeCommand, draft, node_id) for node_id in going]
    for node in draft.nodes:
        if node.id not in kept:
            continue
        target = wanted[node.id]
        if node.name != target.name:
            steps.append(partial(RenameNodeCommand, draft, node.id, target.name))
        if isinstance(node, Sequence) and isinstance(target, Sequence) \
                and node.emails != target.emails:
            steps.append(partial(SetSequenceEmailsCommand, draft, node.id,
                                 copy.deepcopy(target.emails), "Restore emails"))
    steps += [partial(AddNodeCommand, draft, copy.deepcopy(n)) for n in version.nodes
              if n.id not in kept]
    for node in draft.nodes:
        chosen = wanted.get(node.id)
        if node.id in kept and isinstance(node, Goal) and isinstance(chosen, Goal) \
                and node.links != chosen.links:
            steps.append(partial(SetGoalLinksCommand, draft, node.id, list(chosen.links)))
    places = {n.id: n.position for n in version.nodes if n.id in kept and n.position is not None}
    moved = {k: p for k, p in places.items() if draft.node(k).position != p}
    if moved:
        steps.append(partial(MoveNodesCommand, draft, moved))
    steps += [partial(ConnectCommand, draft, e.source, e.target) for e in version.edges
              if e not in draft.edges or {e.source, e.target} & set(going)]
    if draft.name != version.name:
        steps.append(partial(RenameCampaignCommand, draft, version.name))
    if draft.settings != version.settings:
        steps.append(partial(SetSettingsCommand, draft, version.settings, "Restore settings"))
    return steps
