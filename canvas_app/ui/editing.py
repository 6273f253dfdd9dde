"""Editing actions on the canvas, each pushed as one undo command (or one macro)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QPointF

from canvas_app.domain.ids import new_id
from canvas_app.domain.model import Campaign, Email, Goal, Node, Sequence
from canvas_app.ui.canvas.constants import GRID
from canvas_app.ui.canvas.nodes import snap_point
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.commands import (
    AddNodeCommand,
    Command,
    ConnectCommand,
    DisconnectCommand,
    MoveNodesCommand,
    RemoveNodeCommand,
    RenameNodeCommand,
    SetGoalLinksCommand,
    SetSequenceEmailsCommand,
)
from canvas_app.ui.commands import macro as make_macro
from canvas_app.ui.document import EditorDocument

DEFAULT_NAMES = {"sequence": "New sequence", "goal": "Link clicked"}


class Editing:
    def __init__(self, document: EditorDocument, scene: CanvasScene) -> None:
        self.document = document
        self.scene = scene

    @property
    def campaign(self) -> Campaign | None:
        return self.document.campaign

    def _snap(self, point: QPointF) -> tuple[float, float]:
        snapped = snap_point(point) if self.scene.snap else point
        return (snapped.x(), snapped.y())

    def unique_name(self, base: str) -> str:
        assert self.campaign is not None
        taken = {n.name for n in self.campaign.nodes}
        if base not in taken:
            return base
        number = 2
        while f"{base} {number}" in taken:
            number += 1
        return f"{base} {number}"

    def add_node(self, kind: str, at: QPointF) -> str | None:
        if self.campaign is None or self.document.read_only:
            return None
        name = self.unique_name(DEFAULT_NAMES[kind])
        position = self._snap(at)
        node: Node = Sequence(new_id(), name, position) if kind == "sequence" \
            else Goal(new_id(), name, position)
        self.document.push(AddNodeCommand(self.campaign, node))
        self.scene.select_node(node.id)
        return node.id

    def delete_selection(self) -> None:
        campaign = self.campaign
        if campaign is None or self.document.read_only:
            return
        nodes = [item.node.id for item in self.scene.selected_nodes()]
        edges = [item.edge for item in self.scene.selected_edges()
                 if item.edge.source not in nodes and item.edge.target not in nodes]
        if not nodes and not edges:
            return
        what = (f"'{campaign.node(nodes[0]).name}'" if len(nodes) == 1 and not edges
                else f"{len(nodes) + len(edges)} items")
        macro = make_macro(f"Delete {what}")
        for edge in edges:
            DisconnectCommand(campaign, edge.source, edge.target, macro)
        for node_id in nodes:
            _RemoveNodeLater(campaign, node_id, macro)
        self.document.push(macro)

    def duplicate_selection(self) -> list[str]:
        campaign = self.campaign
        if campaign is None or self.document.read_only:
            return []
        chosen = [item.node for item in self.scene.selected_nodes()]
        if not chosen:
            return []
        ids = {n.id: new_id() for n in chosen}
        link_ids = {link.id: new_id() for node in chosen if isinstance(node, Sequence)
                    for email in node.emails for link in email.links}
        copies: list[Node] = []
        for node in chosen:
            clone = copy.deepcopy(node)
            clone.id = ids[node.id]
            clone.name = self.unique_name(f"{node.name} (copy)")
            x, y = node.position or (0.0, 0.0)
            clone.position = (x + 2 * GRID, y + 2 * GRID)
            if isinstance(clone, Sequence):
                for email in clone.emails:
                    email.id = new_id()
                    for link in email.links:
                        old, link.id = link.id, link_ids[link.id]
                        email.body_html = email.body_html.replace(f'data-link="{old}"',
                                                                  f'data-link="{link.id}"')
            else:
                clone.links = [link_ids.get(k, k) for k in clone.links]
            copies.append(clone)
        macro = make_macro(f"Duplicate {len(copies)} node{'s' if len(copies) != 1 else ''}")
        for clone in copies:
            AddNodeCommand(campaign, clone, parent=macro)
        for edge in campaign.edges:
            if edge.source in ids and edge.target in ids:
                ConnectCommand(campaign, ids[edge.source], ids[edge.target], macro)
        self.document.push(macro)
        self.scene.clearSelection()
        for new in ids.values():
            item = self.scene.node_items.get(new)
            if item is not None:
                item.setSelected(True)
        return list(ids.values())

    def nudge(self, dx: float, dy: float) -> None:
        campaign = self.campaign
        items = self.scene.selected_nodes()
        if campaign is None or not items or self.document.read_only:
            return
        moves = [(i.node.id, i.node.position, (i.pos().x() + dx, i.pos().y() + dy)) for i in items]
        self.document.push(MoveNodesCommand(campaign, moves, nudge=True))

    def rename(self, node_id: str, name: str) -> None:
        if self.campaign is not None and name.strip():
            self.document.push(RenameNodeCommand(self.campaign, node_id, name))

    def apply_goal_setup(self, goal_id: str, name: str, links: list[str]) -> bool:
        """One undo step for everything the goal setup dialog changed; False if nothing."""
        campaign = self.campaign
        if campaign is None or self.document.read_only:
            return False
        goal = campaign.goal(goal_id)
        step = make_macro(f"Set up goal '{name}'")
        if name.strip() and name.strip() != goal.name:
            RenameNodeCommand(campaign, goal_id, name, step)
        if links != goal.links:
            SetGoalLinksCommand(campaign, goal_id, links, step)
        if not step.kids:
            return False
        self.document.push(step)
        return True

    def apply_sequence_emails(self, sequence_id: str, emails: list[Email]) -> bool:
        """One undo step for the emails the sequence editor applied; False if unchanged."""
        campaign = self.campaign
        if campaign is None or self.document.read_only:
            return False
        sequence = campaign.sequence(sequence_id)
        if emails == sequence.emails:
            return False
        self.document.push(SetSequenceEmailsCommand(campaign, sequence_id, emails,
                                                    f"Edit the emails of '{sequence.name}'"))
        return True

    def select_all(self) -> None:
        for item in self.scene.node_items.values():
            item.setSelected(True)
        for edge in self.scene.edge_items.values():
            edge.setSelected(True)


class _RemoveNodeLater(Command):
    """Removes a node inside a macro, finding its remaining edges when it runs (earlier
    children of the macro may already have removed some)."""

    def __init__(self, campaign: Campaign, node_id: str, parent: Command) -> None:
        super().__init__("", parent)
        self.campaign = campaign
        self.node_id = node_id
        self.inner: RemoveNodeCommand | None = None

    def redo(self) -> None:
        if self.inner is None:
            self.inner = RemoveNodeCommand(self.campaign, self.node_id)
        self.inner.redo()

    def undo(self) -> None:
        assert self.inner is not None
        self.inner.undo()
