"""Arrange: align and distribute the selected nodes, and tidy up the campaign (or the
selection) into layers left to right. Each is one undo step, through the edit controller."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from canvas_app.domain.align import Alignment, align, distribute
from canvas_app.domain.model import Position
from canvas_app.domain.tidy import tidy
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController

ALIGNMENTS = [(Alignment.LEFT, "Align &Left"), (Alignment.CENTER, "Align &Centre"),
              (Alignment.RIGHT, "Align &Right"), (Alignment.TOP, "Align &Top"),
              (Alignment.MIDDLE, "Align &Middle"), (Alignment.BOTTOM, "Align &Bottom")]


class ArrangeMenu(QMenu):
    def __init__(self, controller: EditController, scene: CanvasScene,
                 fit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("&Arrange", parent)
        self.setObjectName("arrangeMenu")
        self.controller = controller
        self.scene = scene
        self.fit = fit  # shows the whole campaign after a tidy-up
        self.tidy_action = self._action("&Tidy Up", "Lay the campaign (or the selected nodes) "
                                        "out left to right, with nothing overlapping",
                                        self.tidy_up, "Ctrl+Shift+T")
        self.addSeparator()
        for how, text in ALIGNMENTS:
            self._action(text, f"Line the selected nodes up: {how.value}",
                         lambda _checked=False, h=how: self.align(h))
        self.addSeparator()
        self._action("Distribute &Horizontally", "Space three or more selected nodes evenly "
                     "from left to right", lambda: self.distribute(0))
        self._action("Distribute &Vertically", "Space three or more selected nodes evenly "
                     "from top to bottom", lambda: self.distribute(1))

    def _action(self, text: str, tip: str, slot: Callable[..., object], shortcut: str = ""
                ) -> QAction:
        action = self.addAction(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _selected(self) -> dict[str, Position]:
        return {item.node.id: (item.pos().x(), item.pos().y())
                for item in self.scene.selected_nodes()}

    def align(self, how: Alignment) -> bool:
        chosen = self._selected()
        if len(chosen) < 2:
            self.controller.refused.emit("Select two or more nodes to align them.")
            return False
        sizes = {node_id: (self.scene.node_items[node_id].body_rect().width(),
                           self.scene.node_items[node_id].body_rect().height())
                 for node_id in chosen}
        return self.controller.arrange(align(chosen, how, sizes), f"Align {how.value}")

    def distribute(self, axis: int) -> bool:
        chosen = self._selected()
        if len(chosen) < 3:
            self.controller.refused.emit("Select three or more nodes to space them evenly.")
            return False
        return self.controller.arrange(distribute(chosen, axis),
                                       "Distribute " + ("horizontally" if axis == 0
                                                        else "vertically"))

    def tidy_up(self) -> bool:
        campaign = self.controller.campaign
        if campaign is None:
            return False
        chosen = self._selected()
        only = set(chosen) if len(chosen) >= 2 else None
        text = "Tidy up the selection" if only else "Tidy up"
        done = self.controller.arrange(tidy(campaign, only), text)
        if done:  # the tidied campaign, whole, in view (nodes may have moved far)
            self.fit()
        return done
