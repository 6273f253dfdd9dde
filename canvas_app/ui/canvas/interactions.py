"""Mouse interactions on the canvas as small objects with start, move, end and cancel.

The scene owns at most one at a time; each turns what the user did into one intent for the
edit controller (which records it as one undo step, or refuses it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from canvas_app.domain.vocabulary import ConnectionState
from canvas_app.ui.canvas.edges import DraggedEdgeItem
from canvas_app.ui.canvas.nodes import NodeItem

if TYPE_CHECKING:
    from canvas_app.ui.canvas.scene import CanvasScene


class Interaction:
    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene

    def move(self, scene_pos: QPointF) -> None:
        pass

    def end(self, scene_pos: QPointF) -> None:
        pass

    def cancel(self) -> None:
        pass


class NewEdgeInteraction(Interaction):
    """Drag from a node's output handle to another node. While dragging, nodes that may be
    connected show green, the others red, and the reason shows for the one under the mouse."""

    def __init__(self, scene: CanvasScene, source: NodeItem) -> None:
        super().__init__(scene)
        self.source = source
        campaign = scene.document.campaign
        assert campaign is not None
        self.reasons = {item.node.id: campaign.connection_problem(source.node.id, item.node.id)
                        for item in scene.node_items.values() if item is not source}
        for node_id, reason in self.reasons.items():
            scene.node_items[node_id].set_connect_state(
                ConnectionState.REFUSED if reason else ConnectionState.ALLOWED)
        self.line = DraggedEdgeItem(source.output_point(), scene.theme)
        scene.addItem(self.line)
        scene.hint.emit("Drop on a highlighted node to connect it. "
                        "A sequence leads to a goal, a goal to a sequence.")

    def _target(self, scene_pos: QPointF) -> NodeItem | None:
        for item in self.scene.items(scene_pos):
            if isinstance(item, NodeItem) and item is not self.source:
                return item
        return None

    def move(self, scene_pos: QPointF) -> None:
        target = self._target(scene_pos)
        if target is None:
            self.line.set_end(scene_pos, None)
            self.scene.show_refusal(None, scene_pos)
            return
        reason = self.reasons.get(target.node.id)
        self.line.set_end(target.input_point() if not reason else scene_pos,
                          "refused" if reason else "allowed")
        self.scene.show_refusal(reason, scene_pos)

    def end(self, scene_pos: QPointF) -> None:
        target = self._target(scene_pos)
        self._clean_up()
        if target is None:
            return
        reason = self.reasons.get(target.node.id)
        if reason:
            self.scene.hint.emit(f"Not connected: {reason}.")
            return
        if self.scene.controller.connect_nodes(self.source.node.id, target.node.id) is not None:
            return
        self.scene.hint.emit(f"Connected '{self.source.node.name}' to '{target.node.name}'.")

    def cancel(self) -> None:
        self._clean_up()
        self.scene.hint.emit("Connection cancelled.")

    def _clean_up(self) -> None:
        for item in self.scene.node_items.values():
            item.set_connect_state(None)
        self.scene.show_refusal(None, QPointF())
        self.scene.removeItem(self.line)


class MoveInteraction(Interaction):
    """The items follow the mouse while dragging; on release, where the user put them is
    recorded as one move (nodes that did not move are left out). Cancel: the scene puts the
    items back where the model has them."""

    def __init__(self, scene: CanvasScene) -> None:
        super().__init__(scene)
        self.node_ids = scene.selected_ids()  # nodes and notes

    def end(self, scene_pos: QPointF) -> None:
        dropped: dict[str, tuple[float, float]] = {}
        for node_id in self.node_ids:
            item = self.scene.item_for(node_id)
            if item is not None:
                dropped[node_id] = (item.pos().x(), item.pos().y())
        self.scene.controller.move_nodes(dropped)
