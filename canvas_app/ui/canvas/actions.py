"""Edit menu and palette actions on the canvas: they read what is selected on the canvas and
hand the edit controller an intent. Nothing here pushes an undo command itself."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from canvas_app.domain.notes import DEFAULT_SIZE
from canvas_app.ui.canvas.node_host import snap_point
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController

#: The palette's kind for a note (the others are node kinds).
NOTE_KIND = "note"


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
        """A node of this kind (or a note) where the user dropped it (on the grid when
        snapping); a note is centred on the drop point."""
        if kind == NOTE_KIND:
            at = at - QPointF(DEFAULT_SIZE[0] / 2, DEFAULT_SIZE[1] / 2)
        snapped = snap_point(at) if self.scene.snap else at
        if kind == NOTE_KIND:
            note_id = self.controller.add_note((snapped.x(), snapped.y()))
            if note_id is not None:
                self.scene.select_node(note_id)
                item = self.scene.notes.items.get(note_id)
                if item is not None:
                    self.scene.notes.edit_note(item)  # a new note is for writing on
            return note_id
        node_id = self.controller.add_node(kind, (snapped.x(), snapped.y()))
        if node_id is not None:
            self.scene.select_node(node_id)
        return node_id

    def delete_selection(self) -> bool:
        nodes = [item.node.id for item in self.scene.selected_nodes()]
        edges = [item.edge for item in self.scene.selected_edges()]
        notes = [item.note.id for item in self.scene.notes.selected()]
        return self.controller.delete(nodes, edges, notes)

    def duplicate_selection(self) -> list[str]:
        new = self.controller.duplicate(self.scene.selected_ids())
        if new:
            self.scene.clearSelection()
            for node_id in new:
                item = self.scene.item_for(node_id)
                if item is not None:
                    item.setSelected(True)
        return new

    def nudge(self, dx: float, dy: float) -> bool:
        return self.controller.nudge(self.scene.selected_ids(), dx, dy)

    def rename(self, node_id: str, name: str) -> str | None:
        return self.controller.rename(node_id, name)

    def select_all(self) -> None:
        for item in self.scene.node_items.values():
            item.setSelected(True)
        for edge in self.scene.edge_items.values():
            edge.setSelected(True)
        for note in self.scene.notes.items.values():
            note.setSelected(True)
