"""The main window's side and bottom panels: the palette on the left, the Inspector with the
Simulation behind it on the right, Problems with History below. The tall panels scroll rather
than push the window past a small or scaled screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

if TYPE_CHECKING:
    from canvas_app.ui.window.main_window import MainWindow


def scrolling(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: as tall as it needs where there is room, scrolled
    where there is not (a 1366×768 laptop at 150%)."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName()}Scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel's own controls take the keyboard
    return area


def _dock(window: MainWindow, title: str, name: str, content: QWidget,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(content)
    window.addDockWidget(area, dock)
    return dock


def build_docks(window: MainWindow, history: QWidget) -> None:
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    left = window.palette_dock = _dock(window, "Add to canvas", "paletteDock",
                                       window.node_palette, Qt.DockWidgetArea.LeftDockWidgetArea)
    left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.inspector.setMinimumWidth(260)
    window.inspector_dock = _dock(window, "Inspector", "inspectorDock",
                                  scrolling(window.inspector), right)
    window.simulation_dock = _dock(window, "Simulation", "simulationDock",
                                   scrolling(window.simulation), right)
    window.tabifyDockWidget(window.inspector_dock, window.simulation_dock)
    window.inspector_dock.raise_()
    window.problems_dock = _dock(window, "Problems", "problemsDock", window.problems_panel,
                                 bottom)
    window.history_dock = _dock(window, "History", "historyDock", history, bottom)
    window.tabifyDockWidget(window.problems_dock, window.history_dock)
    window.problems_dock.raise_()
    window.resizeDocks([window.problems_dock], [150], Qt.Orientation.Vertical)
    window.resizeDocks([left, window.inspector_dock], [200, 290], Qt.Orientation.Horizontal)
