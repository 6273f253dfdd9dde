"""The small red note near the mouse saying why a connection is not allowed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from canvas_app.domain.errors import sentence
from canvas_app.ui.canvas.constants import Z_EDITOR
from canvas_app.ui.style.theme import Theme


class RefusalBubble(QGraphicsRectItem):
    """A small red note near the mouse saying why a connection is not allowed."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.text = QGraphicsSimpleTextItem(self)
        font = QFont()
        font.setPointSizeF(9.5)
        self.text.setFont(font)
        self.text.setBrush(theme.on_marker)
        self.setBrush(theme.refused)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(Z_EDITOR)
        self.hide()

    def show_text(self, reason: str | None, scene_pos: QPointF) -> None:
        if not reason:
            self.hide()
            return
        self.text.setText(sentence(reason))
        bounds = self.text.boundingRect()
        self.setRect(QRectF(0, 0, bounds.width() + 16, bounds.height() + 10))
        self.text.setPos(8, 5)
        self.setPos(scene_pos + QPointF(16, 18))
        self.show()
