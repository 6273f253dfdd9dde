"""The canvas's look shared by the editor's view and the first paint's, so the two show the
same: its background (the theme's colour with a dot grid) and the view's settings."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from canvas_app.ui.canvas.constants import GRID
from canvas_app.ui.style.theme import Theme


def draw_background(painter: QPainter, rect: QRectF, theme: Theme, zoom: float,
                    grid: bool = True) -> None:
    painter.fillRect(rect, theme.background)
    if not grid or zoom < 0.35:
        return
    step = GRID * (2 if zoom < 0.7 else 1)
    left = int(rect.left() // step) * step
    top = int(rect.top() // step) * step
    painter.setPen(theme.grid_dot)
    points = []
    y = top
    while y < rect.bottom():
        x = left
        while x < rect.right():
            points.append(QPointF(x, y))
            x += step
        y += step
    painter.drawPoints(points)


def set_up_view(view: QGraphicsView) -> None:
    """Smooth drawing, no frame, no scroll bars, kept centred when resized."""
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                        | QPainter.RenderHint.SmoothPixmapTransform)
    view.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
