"""No window grows past the screen it is on: dialogs are capped to the available area, and a
requested size that does not fit is shrunk to it (small laptops, projectors at 1024×768)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 24  # room for the window frame and a panel at the screen's edge


def available(widget: QWidget) -> QSize:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(16777215, 16777215)
    area = screen.availableGeometry().size()
    return QSize(max(320, area.width() - MARGIN), max(240, area.height() - MARGIN))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resizes to (width, height) or less, and never lets the widget grow past the screen."""
    room = available(widget)
    widget.setMaximumSize(room)
    widget.resize(min(width, room.width()), min(height, room.height()))
