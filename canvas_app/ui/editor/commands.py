"""Undo commands. Each redo and each undo is ONE call into the campaign model, which notifies
the scene and the store. Only the edit controller creates and pushes them; compound edits are
``QUndoStack`` macros of these."""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from canvas_app.domain.model import Campaign, Email, Node, Position, Settings

NUDGE_ID = 1


def _no_hold() -> None:
    pass


class Step(QUndoCommand):
    """Base of the commands. ``hold`` (set by the controller) opens a store batch before an
    undo or redo runs, so that a whole macro's undo is written in one transaction."""

    hold: Callable[[], None] = staticmethod(_no_hold)

    def redo(self) -> None:
        self.hold()
        self.forward()

    def undo(self) -> None:
        self.hold()
        self.backward()

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError


class AddNodeCommand(Step):
    def __init__(self, campaign: Campaign, node: Node, text: str = "") -> None:
        super().__init__(text or f"Add '{node.name}'")
        self.campaign = campaign
        self.node = copy.deepcopy(node)
        self.index: int | None = None

    def forward(self) -> None:
        self.campaign.add_node(copy.deepcopy(self.node), self.index)
        bucket: list[Node] = list(self.campaign.sequences if self.node.kind == "sequence"
                                  else self.campaign.goals)
        self.index = next(i for i, n in enumerate(bucket) if n.id == self.node.id)

    def backward(self) -> None:
        self.campaign.remove_node(self.node.id)


class RemoveNodeCommand(Step):
    """Removes a node whose edges are already gone (the controller disconnects them first,
    in the same macro)."""

    def __init__(self, campaign: Campaign, node_id: str) -> None:
        super().__init__(f"Delete '{campaign.node(node_id).name}'")
        self.campaign = campaign
        self.node_id = node_id
        self.node: Node | None = None
        self.index = 0

    def forward(self) -> None:
        self.node, self.index = self.campaign.remove_node(self.node_id)

    def backward(self) -> None:
        assert self.node is not None
        self.campaign.add_node(self.node, self.index)


class ConnectCommand(Step):
    def __init__(self, campaign: Campaign, source: str, target: str) -> None:
        super().__init__("Connect")
        self.campaign, self.source, self.target = campaign, source, target
        self.index: int | None = None

    def forward(self) -> None:
        self.campaign.connect(self.source, self.target, self.index)

    def backward(self) -> None:
        self.index = self.campaign.disconnect(self.source, self.target)


class DisconnectCommand(Step):
    def __init__(self, campaign: Campaign, source: str, target: str) -> None:
        super().__init__("Disconnect")
        self.campaign, self.source, self.target = campaign, source, target
        self.index: int | None = None

    def forward(self) -> None:
        self.index = self.campaign.disconnect(self.source, self.target)

    def backward(self) -> None:
        self.campaign.connect(self.source, self.target, self.index)


class MoveNodesCommand(Step):
    """New positions of one or more nodes (one drag, one nudge). Successive nudges of the same
    nodes merge into one undo step, as holding an arrow key is one action for the user."""

    def __init__(self, campaign: Campaign, new: dict[str, Position], nudge: bool = False,
                 text: str = "") -> None:
        super().__init__(text or f"Move {_what(campaign, list(new))}")
        self.campaign = campaign
        self.new = dict(new)
        self.old = {item_id: campaign.place_of(item_id) for item_id in new}
        self.nudge = nudge

    def id(self) -> int:
        return NUDGE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveNodesCommand) or not other.nudge \
                or list(other.new) != list(self.new):
            return False
        self.new = dict(other.new)
        return True

    def forward(self) -> None:
        self.campaign.move_nodes(self.new)

    def backward(self) -> None:
        self.campaign.move_nodes(self.old)


def _what(campaign: Campaign, ids: list[str]) -> str:
    """'Name' of one node, "a note", or how many items."""
    if len(ids) != 1:
        notes = sum(1 for i in ids if campaign.find_note(i) is not None)
        return f"{len(ids)} nodes" if not notes else f"{len(ids)} items"
    node = campaign.find_node(ids[0])
    return repr(node.name) if node is not None else "a note"


class RenameNodeCommand(Step):
    def __init__(self, campaign: Campaign, node_id: str, name: str) -> None:
        self.old = campaign.node(node_id).name
        super().__init__(f"Rename '{self.old}' to '{name.strip()}'")
        self.campaign, self.node_id, self.new = campaign, node_id, name.strip()

    def forward(self) -> None:
        self.campaign.rename_node(self.node_id, self.new)

    def backward(self) -> None:
        self.campaign.rename_node(self.node_id, self.old)


class SetGoalLinksCommand(Step):
    def __init__(self, campaign: Campaign, goal_id: str, links: list[str]) -> None:
        super().__init__("Choose goal links")
        self.campaign, self.goal_id = campaign, goal_id
        self.old = list(campaign.goal(goal_id).links)
        self.new = list(links)

    def forward(self) -> None:
        self.campaign.set_goal_links(self.goal_id, self.new)

    def backward(self) -> None:
        self.campaign.set_goal_links(self.goal_id, self.old)


class SetSequenceEmailsCommand(Step):
    def __init__(self, campaign: Campaign, sequence_id: str, emails: list[Email],
                 text: str) -> None:
        super().__init__(text)
        self.campaign, self.sequence_id = campaign, sequence_id
        self.old = copy.deepcopy(campaign.sequence(sequence_id).emails)
        self.new = copy.deepcopy(emails)

    def forward(self) -> None:
        self.campaign.set_sequence_emails(self.sequence_id, self.new)

    def backward(self) -> None:
        self.campaign.set_sequence_emails(self.sequence_id, self.old)


class SetSettingsCommand(Step):
    """The campaign's settings, which of them are explicit included, so that undo restores
    exactly what the file said (and the store writes it)."""

    def __init__(self, campaign: Campaign, settings: Settings, text: str) -> None:
        super().__init__(text)
        self.campaign = campaign
        self.old = copy.deepcopy(campaign.settings)
        self.new = copy.deepcopy(settings)

    def forward(self) -> None:
        self.campaign.set_settings(self.new)

    def backward(self) -> None:
        self.campaign.set_settings(self.old)


class RenameCampaignCommand(Step):
    def __init__(self, campaign: Campaign, name: str) -> None:
        super().__init__(f"Rename the campaign to '{name}'")
        self.campaign, self.old, self.new = campaign, campaign.name, name

    def forward(self) -> None:
        self.campaign.rename(self.new)

    def backward(self) -> None:
        self.campaign.rename(self.old)
