"""SVG icons from resources/icons, rendered once per size and colour.

They are drawn through QIcon (Qt's own SVG icon engine), so the start-up does not import
PySide6's QtSvg module: it is the first paint's largest single import."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from canvas_app.resources import resource_path


@lru_cache(maxsize=64)
def pixmap(name: str, size: int) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def goal_badge_icon(size: int, fill: QColor) -> QIcon:
    """The goal's look (a filled circle with the link icon) for the palette."""
    image = QPixmap(QSize(size, size))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    inner = round(size * 0.64)
    painter.drawPixmap(QRectF(size * 0.18, size * 0.18, size * 0.64, size * 0.64),
                       pixmap("goal-link", inner), QRectF(0, 0, inner, inner))
    painter.end()
    return QIcon(image)
