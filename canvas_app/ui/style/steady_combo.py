"""A drop-down list in a panel that scrolls: the mouse wheel scrolls the panel past it instead
of changing its choice, unless the list has the keyboard focus (clicked or tabbed into). A
wheel turned to scroll the Simulation panel down would otherwise change the sequence that
"Enrol selected" puts contacts in, or the clock's speed, as it passes under the pointer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget


class SteadyComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel does not take the focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # on to the panel's scroll area
            return
        super().wheelEvent(event)
