"""The two kinds of node on the canvas: a sequence is a rounded card with an envelope icon, a
goal a round badge with the link-goal icon (everything they share is in ``nodes``)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from canvas_app.domain.model import Goal, Sequence
from canvas_app.domain.words import count
from canvas_app.ui.canvas.constants import (
    GOAL_TYPE,
    LOD_DETAIL,
    LOD_TEXT,
    SEQUENCE_TYPE,
)
from canvas_app.ui.canvas.count_chip import (
    paint_counts,
)
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.style import icons


class SequenceItem(NodeItem):
    WIDTH, HEIGHT = 156.0, 96.0

    def type(self) -> int:
        return SEQUENCE_TYPE

    def body_rect(self) -> QRectF:
        return QRectF(-self.WIDTH / 2, -self.HEIGHT / 2, self.WIDTH, self.HEIGHT)

    def body_path(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.body_rect(), 16, 16)
        return path

    def outline_path(self, rect: QRectF) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(rect, 20, 20)
        return path

    def note(self) -> tuple[str, bool]:
        assert isinstance(self.node, Sequence)
        n = len(self.node.emails)
        return ("No emails yet" if n == 0 else count(n, "email")), n == 0

    def paint_body(self, painter: QPainter, lod: float) -> None:
        t = self.theme
        painter.setPen(QPen(t.card_border, 1.4))
        painter.setBrush(t.card)
        painter.drawPath(self.body_path())
        body = self.body_rect()
        band = QRectF(body.left(), body.top(), body.width(), 6)
        painter.save()
        painter.setClipPath(self.body_path())
        painter.fillRect(band, t.accent)
        painter.restore()
        if lod > LOD_DETAIL:
            size = 44
            painter.drawPixmap(QRectF(-size / 2, body.top() + 16, size, size),
                               icons.pixmap("sequence", 96), QRectF(0, 0, 96, 96))
        if self.counts and lod > LOD_TEXT:
            paint_counts(painter, t, body, self.chip_text())


class GoalItem(NodeItem):
    RADIUS = 44.0

    def type(self) -> int:
        return GOAL_TYPE

    def body_rect(self) -> QRectF:
        r = self.RADIUS
        return QRectF(-r, -r, 2 * r, 2 * r)

    def body_path(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.body_rect())
        return path

    def outline_path(self, rect: QRectF) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(rect)
        return path

    def marker_center(self, body: QRectF) -> QPointF:
        return QPointF(body.right() * 0.72, body.top() * 0.72)

    def note(self) -> tuple[str, bool]:
        assert isinstance(self.node, Goal)
        n = len(self.node.links)
        if n == 0:
            return "Setup required", True
        return f"{count(n, 'link')} chosen", False

    def paint_body(self, painter: QPainter, lod: float) -> None:
        t = self.theme
        painter.setPen(QPen(t.goal_border, 2))
        painter.setBrush(QBrush(t.goal))
        painter.drawPath(self.body_path())
        if lod > LOD_DETAIL:
            size = 56
            painter.drawPixmap(QRectF(-size / 2, -size / 2, size, size),
                               icons.pixmap("goal-link", 112), QRectF(0, 0, 112, 112))
        if self.counts and lod > LOD_TEXT:
            paint_counts(painter, t, self.body_rect(), self.chip_text())
