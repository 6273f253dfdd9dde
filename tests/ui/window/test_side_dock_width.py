"""The Inspector and the Simulation panel share one dock: narrowed as far as it goes while one
of them shows, the dock still shows the other's whole width when its tab is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea

from canvas_app.ui.window.main_window import MainWindow


def _settle() -> None:
    for _ in range(4):  # wrapped rows settle in a layout pass or two
        QApplication.processEvents()


def _clipped_by(dock: QDockWidget) -> int:
    """How many pixels of the dock's panel are cut off at its right side."""
    area = dock.widget()
    assert isinstance(area, QScrollArea)
    return max(0, area.widget().width() - area.viewport().width())


def test_a_dock_narrowed_on_one_tab_cuts_no_other_tab_off(window: MainWindow) -> None:
    for shown, then in ((window.simulation_dock, window.inspector_dock),
                        (window.inspector_dock, window.simulation_dock)):
        shown.raise_()
        _settle()
        window.resizeDocks([shown], [40], Qt.Orientation.Horizontal)  # as far as it goes
        _settle()
        assert _clipped_by(shown) == 0
        then.raise_()
        _settle()
        assert _clipped_by(then) == 0, f"{then.windowTitle()} is cut off at the side"
