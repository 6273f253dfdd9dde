"""SVG icons from resources/icons, rendered once per size and colour."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from canvas_app.resources import resource_path


@lru_cache(maxsize=32)
def renderer(name: str) -> QSvgRenderer:
    return QSvgRenderer(str(resource_path("icons", f"{name}.svg")))


@lru_cache(maxsize=64)
def pixmap(name: str, size: int) -> QPixmap:
    image = QPixmap(QSize(size, size))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer(name).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def goal_badge_icon(size: int, fill: QColor) -> QIcon:
    """The goal's look (a filled circle with the link icon) for the palette."""
    image = QPixmap(QSize(size, size))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    renderer("goal-link").render(painter, QRectF(size * 0.18, size * 0.18, size * 0.64,
                                                 size * 0.64))
    painter.end()
    return QIcon(image)
