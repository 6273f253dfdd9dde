"""Focus follows what is visible: Tab skips the dock tab behind another, and dialogs keep the
keyboard where it was after a change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from canvas_app.ui.window.main_window import MainWindow


def tab_round(start: QWidget, steps: int = 60) -> list[QWidget]:
    start.setFocus()
    reached: list[QWidget] = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget() or start, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        reached.append(widget)
    return reached


def test_tab_never_enters_the_simulation_behind_the_inspector(window: MainWindow) -> None:
    assert window.inspector_dock.isVisible() and window.simulation.visibleRegion().isEmpty()
    reached = tab_round(window.view)
    assert not [w.objectName() or type(w).__name__ for w in reached
                if window.simulation.isAncestorOf(w)]
    assert not [w for w in reached if window.history_dock.widget().isAncestorOf(w)]
    assert window.view in reached and window.problems_panel in reached  # still a round
    window.simulation_dock.raise_()  # shown: now its controls are on the way
    QApplication.processEvents()
    assert any(window.simulation.isAncestorOf(w) for w in tab_round(window.view))
