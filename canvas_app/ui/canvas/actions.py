"""Edit menu and palette actions on the canvas: they read what is selected on the canvas and
hand the edit controller an intent. Nothing here pushes an undo command itself."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from canvas_app.ui.canvas.node_host import snap_point
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController


class CanvasActions:
    def __init__(self, controller: EditController, scene: CanvasScene) -> None:
        self.controller = controller
        self.scene = scene

    def drop(self, kind: str, at: QPointF) -> str | None:
        """A node from the palette, where it was dropped; None when it cannot be, and the
        controller says why (there is no campaign, or the workspace is read-only)."""
        document = self.controller.document
        if document.campaign is None:
            self.controller.refused.emit("There is no campaign to add it to: make one first "
                                         "with Campaign › New Campaign… (Ctrl+N).")
            return None
        if document.read_only:
            self.controller.refused.emit("This workspace is open read-only, so nothing can be "
                                         "added.")
            return None
        return self.add_node(kind, at)

    def add_node(self, kind: str, at: QPointF) -> str | None:
        """A node of this kind where the user dropped it (on the grid when snapping)."""
        snapped = snap_point(at) if self.scene.snap else at
        node_id = self.controller.add_node(kind, (snapped.x(), snapped.y()))
        if node_id is not None:
            self.scene.select_node(node_id)
        return node_id

    def delete_selection(self) -> bool:
        nodes = [item.node.id for item in self.scene.selected_nodes()]
        edges = [item.edge for item in self.scene.selected_edges()]
        return self.controller.delete(nodes, edges)

    def duplicate_selection(self) -> list[str]:
        new = self.controller.duplicate([item.node.id for item in self.scene.selected_nodes()])
        if new:
            self.scene.clearSelection()
            for node_id in new:
                item = self.scene.node_items.get(node_id)
                if item is not None:
                    item.setSelected(True)
        return new

    def nudge(self, dx: float, dy: float) -> bool:
        return self.controller.nudge([i.node.id for i in self.scene.selected_nodes()], dx, dy)

    def rename(self, node_id: str, name: str) -> str | None:
        return self.controller.rename(node_id, name)

    def select_all(self) -> None:
        for item in self.scene.node_items.values():
            item.setSelected(True)
        for edge in self.scene.edge_items.values():
            edge.setSelected(True)
