"""One undo command per user action; each redo/undo is a call into the campaign model, which
notifies the scene and the store. Compound edits are parents with child commands."""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from canvas_app.domain.model import BotPolicy, Campaign, Email, Node, Position

MOVE_ID = 1


class Command(QUndoCommand):
    """Base of every command. Children are kept and run by the parent in Python, not as Qt
    children: PySide does not hand a child over to its Qt parent, so Qt parenting would free
    children twice (or too early)."""

    def __init__(self, text: str = "", parent: Command | None = None) -> None:
        super().__init__(text)
        self.kids: list[Command] = []
        if parent is not None:
            parent.kids.append(self)

    def redo(self) -> None:
        for kid in self.kids:
            kid.redo()

    def undo(self) -> None:
        for kid in reversed(self.kids):
            kid.undo()


def macro(text: str) -> Command:
    """A compound edit: children added with ``parent=`` run in order, undo in reverse."""
    return Command(text)


class AddNodeCommand(Command):
    def __init__(self, campaign: Campaign, node: Node, text: str = "",
                 parent: Command | None = None) -> None:
        super().__init__(text or f"Add '{node.name}'", parent)
        self.campaign = campaign
        self.node = node
        self.index: int | None = None

    def redo(self) -> None:
        self.campaign.add_node(copy.deepcopy(self.node), self.index)
        bucket = self.campaign.sequences if self.node.kind == "sequence" else self.campaign.goals
        self.index = next(i for i, n in enumerate(bucket) if n.id == self.node.id)
        super().redo()

    def undo(self) -> None:
        super().undo()
        self.campaign.remove_node(self.node.id)


class ConnectCommand(Command):
    def __init__(self, campaign: Campaign, source: str, target: str,
                 parent: Command | None = None, index: int | None = None) -> None:
        super().__init__("Connect", parent)
        self.campaign, self.source, self.target, self.index = campaign, source, target, index

    def redo(self) -> None:
        self.campaign.connect(self.source, self.target, self.index)

    def undo(self) -> None:
        self.index = self.campaign.disconnect(self.source, self.target)


class DisconnectCommand(Command):
    def __init__(self, campaign: Campaign, source: str, target: str,
                 parent: Command | None = None) -> None:
        super().__init__("Disconnect", parent)
        self.campaign, self.source, self.target = campaign, source, target
        self.index: int | None = None

    def redo(self) -> None:
        self.index = self.campaign.disconnect(self.source, self.target)

    def undo(self) -> None:
        self.campaign.connect(self.source, self.target, self.index)


class RemoveNodeCommand(Command):
    """Removes a node; its edges are removed first by child commands."""

    def __init__(self, campaign: Campaign, node_id: str,
                 parent: Command | None = None) -> None:
        node = campaign.node(node_id)
        super().__init__(f"Delete '{node.name}'", parent)
        self.campaign = campaign
        self.node_id = node_id
        self.node: Node | None = None
        self.index = 0
        for edge in campaign.edges_of(node_id):
            DisconnectCommand(campaign, edge.source, edge.target, self)

    def redo(self) -> None:
        super().redo()
        self.node, self.index = self.campaign.remove_node(self.node_id)

    def undo(self) -> None:
        assert self.node is not None
        self.campaign.add_node(self.node, self.index)
        super().undo()


class MoveNodesCommand(Command):
    """Positions of several nodes; successive nudges of the same nodes merge into one."""

    def __init__(self, campaign: Campaign,
                 moves: list[tuple[str, Position | None, Position]], nudge: bool = False) -> None:
        count = len(moves)
        name = campaign.node(moves[0][0]).name if count == 1 else f"{count} nodes"
        super().__init__(f"Move {name if count > 1 else repr(name)}")
        self.campaign = campaign
        self.moves = moves
        self.nudge = nudge

    def id(self) -> int:
        return MOVE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, MoveNodesCommand) or not other.nudge:
            return False
        if [m[0] for m in other.moves] != [m[0] for m in self.moves]:
            return False
        self.moves = [(node_id, old, new) for (node_id, old, _), (_, _, new)
                      in zip(self.moves, other.moves, strict=True)]
        return True

    def redo(self) -> None:
        for node_id, _, new in self.moves:
            self.campaign.move_node(node_id, new)

    def undo(self) -> None:
        for node_id, old, _ in reversed(self.moves):
            self.campaign.move_node(node_id, old)


class RenameNodeCommand(Command):
    def __init__(self, campaign: Campaign, node_id: str, name: str,
                 parent: Command | None = None) -> None:
        self.old = campaign.node(node_id).name
        super().__init__(f"Rename '{self.old}' to '{name.strip()}'", parent)
        self.campaign, self.node_id, self.new = campaign, node_id, name.strip()

    def redo(self) -> None:
        self.campaign.rename_node(self.node_id, self.new)

    def undo(self) -> None:
        self.campaign.rename_node(self.node_id, self.old)


class SetGoalLinksCommand(Command):
    def __init__(self, campaign: Campaign, goal_id: str, links: list[str],
                 parent: Command | None = None) -> None:
        super().__init__("Choose goal links", parent)
        self.campaign, self.goal_id = campaign, goal_id
        self.old = list(campaign.goal(goal_id).links)
        self.new = list(links)

    def redo(self) -> None:
        self.campaign.set_goal_links(self.goal_id, self.new)

    def undo(self) -> None:
        self.campaign.set_goal_links(self.goal_id, self.old)


class SetSequenceEmailsCommand(Command):
    def __init__(self, campaign: Campaign, sequence_id: str, emails: list[Email], text: str,
                 parent: Command | None = None) -> None:
        super().__init__(text, parent)
        self.campaign, self.sequence_id = campaign, sequence_id
        self.old = copy.deepcopy(campaign.sequence(sequence_id).emails)
        self.new = copy.deepcopy(emails)

    def redo(self) -> None:
        self.campaign.set_sequence_emails(self.sequence_id, self.new)

    def undo(self) -> None:
        self.campaign.set_sequence_emails(self.sequence_id, self.old)


class SetBotPolicyCommand(Command):
    def __init__(self, campaign: Campaign, policy: BotPolicy) -> None:
        super().__init__("Count bot clicks too" if policy is BotPolicy.COUNT_ALL
                         else "Ignore bot clicks")
        self.campaign, self.new = campaign, policy
        self.old = campaign.settings.bot_policy
        self.old_explicit = campaign.settings.explicit

    def redo(self) -> None:
        self.campaign.set_bot_policy(self.new)

    def undo(self) -> None:
        self.campaign.set_bot_policy(self.old)
        self.campaign.settings.explicit = self.old_explicit
