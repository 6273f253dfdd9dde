"""The canvas background: the theme's colour with a dot grid (drawn by the editor's view and by
the first paint's, so the two look the same)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

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
