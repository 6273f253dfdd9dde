"""Scrolling the Simulation panel with the mouse wheel changes none of its choices as they pass
under the pointer (the sequence "Enrol selected" uses, the clock's speed); a list the user has
clicked into still answers the wheel."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox

from canvas_app.ui.window.main_window import MainWindow


def _wheel_down(combo: QComboBox) -> None:
    middle = QPointF(combo.rect().center())
    event = QWheelEvent(middle, QPointF(combo.mapToGlobal(middle.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, event)


def test_the_wheel_scrolls_past_the_panels_choices(window: MainWindow) -> None:
    window.simulation_dock.raise_()
    panel = window.simulation
    for combo in (panel.sequence, panel.speed):
        assert combo.count() >= 2
        combo.setCurrentIndex(0)
        window.view.setFocus()
        _wheel_down(combo)
        assert combo.currentIndex() == 0, f"{combo.objectName()} changed under the wheel"
        combo.setFocus()  # clicked or tabbed into: the wheel is for it
        _wheel_down(combo)
        assert combo.currentIndex() == 1
