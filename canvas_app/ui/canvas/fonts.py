"""Canvas text follows the application's type size: the node names, notes and count chips keep
their sizes at the usual desktop size and grow with it (a 16 pt desktop font, presentation
mode's larger type)."""

from __future__ import annotations

from PySide6.QtGui import QFont

from canvas_app.ui.canvas import count_chip
from canvas_app.ui.canvas.count_chip import make_font
from canvas_app.ui.canvas.nodes import LABEL_WIDTH, NodeItem

#: The application type size (points) the canvas sizes below were drawn for.
REFERENCE_PT = 10.0
NAME_PT, NOTE_PT, COUNT_PT = 10.5, 8.5, 8.5


def follow(app_font: QFont) -> bool:
    """Sizes the canvas fonts for ``app_font``; True when they changed (items need a refresh)."""
    size = app_font.pointSizeF()
    scale = max(1.0, size / REFERENCE_PT) if size > 0 else 1.0
    name = make_font(NAME_PT * scale, bold=True)
    if name.pointSizeF() == NodeItem.name_font.pointSizeF():
        return False
    NodeItem.name_font = name
    NodeItem.label_width = LABEL_WIDTH * scale  # a longer name is elided no sooner
    NodeItem.note_font = make_font(NOTE_PT * scale)
    count_chip.COUNT_FONT = make_font(COUNT_PT * scale, bold=True)
    return True
