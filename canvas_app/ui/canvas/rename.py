"""Inline rename of a node: a line edit over the name below the icon.
Enter commits, Esc cancels, an empty name is refused (the editor stays open)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsProxyWidget, QLineEdit

from canvas_app.ui.canvas.constants import Z_EDITOR
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.style.theme import INVALID_FIELD


class InlineRenameEditor(QGraphicsProxyWidget):
    def __init__(self, item: NodeItem, commit: Callable[[str], str | None],
                 finished: Callable[[], None]) -> None:
        super().__init__()
        self.item = item
        self._commit = commit  # returns an error message, or None when accepted
        self._finished = finished
        self._done = False
        self.line = QLineEdit(item.node.name)
        self.line.setObjectName("inlineRename")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setFont(item.name_font)
        self.line.selectAll()
        self.line.installEventFilter(self)
        self.setWidget(self.line)
        rect = item.name_rect()
        self.line.setFixedWidth(int(rect.width()))
        self.setPos(item.mapToScene(rect.topLeft()) - self.line.rect().topLeft())
        self.setPos(self.pos().x(), self.pos().y() - 3)
        self.setZValue(Z_EDITOR)

    def start(self) -> None:
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commit()
                return True
            if key == Qt.Key.Key_Escape:
                self.cancel()
                return True
        if watched is self.line and event.type() == QEvent.Type.FocusOut and not self._done:
            self.commit(keep_open_on_error=False)
        return super().eventFilter(watched, event)

    def commit(self, keep_open_on_error: bool = True) -> None:
        if self._done:
            return
        problem = self._commit(self.line.text())
        if problem and keep_open_on_error:
            self.line.setStyleSheet(INVALID_FIELD)
            self.line.setToolTip(problem)
            return
        self._close()

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        if self._done:
            return
        self._done = True
        self._finished()
