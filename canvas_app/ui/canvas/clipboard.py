"""Copy, cut and paste on the canvas: the selected nodes, the connections among them, their
emails and goal choices travel as a campaign-file fragment on the system clipboard (a MIME type
of our own, and the same JSON as plain text), so they paste into another campaign, another
window or another workspace. Pasting gives every node, email and link a new id."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF
from PySide6.QtGui import QClipboard, QCursor
from PySide6.QtWidgets import QApplication, QGraphicsView

from canvas_app.domain.fragment import cut_out, top_left
from canvas_app.domain.interchange import CampaignFileError, dumps, from_document
from canvas_app.domain.model import Campaign
from canvas_app.domain.words import count
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController

MIME = "application/x-campaign-canvas-fragment"
#: Pasted where it was copied from, the copy sits this far down and to the right.
PASTE_OFFSET = 40.0


def _clipboard() -> QClipboard:
    board = QApplication.clipboard()
    assert board is not None
    return board


class CanvasClipboard:
    def __init__(self, controller: EditController, scene: CanvasScene,
                 view: QGraphicsView) -> None:
        self.controller, self.scene, self.view = controller, scene, view
        #: the piece pasted last (as a file, with where it was asked to land) and how many times
        #: in a row: each paste lands a step further on, never exactly on the one before
        self._repeat: tuple[str, int] = ("", 0)

    def copy(self) -> int:
        """The selection on the clipboard; how many nodes went."""
        campaign = self.controller.campaign
        chosen = self.scene.selected_ids()
        if campaign is None or not chosen:
            self.controller.refused.emit("Select the nodes or notes to copy first.")
            return 0
        text = dumps(cut_out(campaign, chosen))
        data = QMimeData()
        data.setData(MIME, text.encode("utf-8"))
        data.setText(text)
        _clipboard().setMimeData(data)
        return len(chosen)

    def cut(self) -> int:
        """Copy, then delete the selection (one undo step, like Delete)."""
        copied = self.copy()
        if copied:
            nodes = [item.node.id for item in self.scene.selected_nodes()]
            self.controller.delete(nodes, [], [item.note.id for item in self.scene.notes.selected()])
        return copied

    def piece(self) -> Campaign | None:
        """What is on the clipboard, when it is a piece of a campaign (our type, or the same
        JSON pasted from a text editor); None otherwise."""
        data = _clipboard().mimeData()
        if data is None:
            return None
        raw = bytes(data.data(MIME).data()).decode("utf-8", "replace") if data.hasFormat(MIME) \
            else data.text()
        if not raw.lstrip().startswith("{"):
            return None
        try:
            return from_document(json.loads(raw), "the clipboard")
        except (ValueError, CampaignFileError):
            return None

    def paste(self, at: QPointF | None = None) -> list[str]:
        """The clipboard's piece added (one undo step): its top-left at ``at``, at the mouse
        when it is over the canvas, or offset from where it was copied. The new node ids."""
        piece = self.piece()
        if piece is None:
            self.controller.refused.emit("There is nothing to paste: copy nodes or notes "
                                         "first (Edit › Copy).")
            return []
        left, top = top_left(piece)
        if at is None:
            inside = self.view.viewport().mapFromGlobal(QCursor.pos())
            if self.view.viewport().rect().contains(inside):
                at = self.view.mapToScene(inside)
        key = dumps(piece) + (f"@{round(at.x())},{round(at.y())}" if at is not None else "")
        again = self._repeat[1] + 1 if self._repeat[0] == key else 1
        self._repeat = (key, again)
        step = PASTE_OFFSET * again
        offset = (at.x() - left + step - PASTE_OFFSET, at.y() - top + step - PASTE_OFFSET) \
            if at is not None else (step, step)
        placed = self.controller.paste(piece, offset)
        if placed is None:
            return []
        self.scene.clearSelection()
        for new_id in [n.id for n in placed.nodes] + [n.id for n in placed.notes]:
            item = self.scene.item_for(new_id)
            if item is not None:
                item.setSelected(True)
        if placed.dropped_links:
            self.controller.refused.emit(
                f"Pasted. {count(placed.dropped_links, 'goal choice')} of links not pasted "
                "with them were left out: choose the links again in the goal setup.")
        return [n.id for n in placed.nodes] + [n.id for n in placed.notes]
