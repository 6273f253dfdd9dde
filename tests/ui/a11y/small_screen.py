"""Run by test_any_scale in a child process on a small offscreen screen (and at a scale factor
or a large font): the main window and every dialog fit the screen, with their buttons on it.
Not collected on its own (its name does not start with test_)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QScrollArea,
    QToolBar,
    QWidget,
)

from canvas_app.ui.window.focus_order import hidden_behind_a_tab
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.a11y.catalogue import every_dialog


def _opened_again(window: MainWindow, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """The fixture's window closed and the campaign opened again, as a user would: at the
    size and with the panels the window chooses for this screen."""
    window.close()
    fresh = MainWindow(window.document.workspace, "ebook")
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    return fresh


def _off_screen(widget: QWidget, area: QRect) -> list[str]:
    out: list[str] = []
    frame = widget.frameGeometry()
    if not area.contains(frame):
        out.append(f"{widget.objectName() or type(widget).__name__} is {frame.width()}×"
                   f"{frame.height()} at ({frame.x()},{frame.y()}) on a screen of {area.width()}"
                   f"×{area.height()}")
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget) and button.window() is widget and button.text() \
                and not hidden_behind_a_tab(button):
            rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
            if not area.contains(rect):
                out.append(f"'{button.text()}' of {widget.objectName()} is off the screen")
    return out


def test_every_window_fits_the_screen(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    points = float(os.environ.get("CC_TEST_FONT_PT", "0"))
    if points:
        font = QFont(QApplication.font())
        font.setPointSizeF(points)
        QApplication.setFont(font)
    screen = QApplication.primaryScreen()
    area = screen.availableGeometry()
    fresh = _opened_again(window, qtbot)  # (not at the fixture's own size)
    QApplication.processEvents()
    problems = _off_screen(fresh, area)
    bar = fresh.findChild(QToolBar, "mainToolbar")
    for name in ("publish", "activate"):
        button = bar.widgetForAction(fresh.menu_actions[name]) if bar else None
        if button is None or not button.isVisible():
            problems.append(f"{name} is not on the toolbar (in its overflow menu)")
    for name, widget in every_dialog(fresh, qtbot, tmp_path).items():
        if widget.isWindow():
            QApplication.processEvents()
            problems += [f"{name}: {p}" for p in _off_screen(widget, area)]
    assert problems == [], "\n".join(problems)


def test_the_canvas_keeps_most_of_a_small_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    fresh = _opened_again(window, qtbot)
    QApplication.processEvents()
    assert fresh.view.height() >= fresh.height() * 0.5  # the panels below do not crowd it out
    assert fresh.view.width() >= fresh.width() / 3


def _cut_at_the_sides(dock: QDockWidget) -> list[str]:
    """Buttons and labels of a docked panel that reach past the panel's visible width (a scroll
    area that never scrolls sideways would cut them off)."""
    area = dock.widget()
    assert isinstance(area, QScrollArea)
    viewport = area.viewport()
    out: list[str] = []
    for child in area.widget().findChildren(QWidget):
        if isinstance(child, (QAbstractButton, QLabel, QComboBox)) and child.isVisible():
            left = child.mapTo(viewport, QPoint(0, 0)).x()
            if left < 0 or left + child.width() > viewport.width():
                out.append(f"{dock.windowTitle()}: '{getattr(child, 'text', lambda: '')()}' "
                           f"({child.objectName() or type(child).__name__}) spans {left}.."
                           f"{left + child.width()} of {viewport.width()}")
    return out


def test_the_side_panels_show_their_whole_width(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    fresh = _opened_again(window, qtbot)
    problems: list[str] = []
    for presenting in (False, True):
        fresh.menu_actions["presentation"].setChecked(presenting)
        for dock in (fresh.simulation_dock, fresh.inspector_dock):
            dock.raise_()
            for _ in range(3):  # wrapped rows settle in a layout pass or two
                QApplication.processEvents()
            problems += _cut_at_the_sides(dock)
    fresh.menu_actions["presentation"].setChecked(False)
    assert problems == [], "\n".join(problems)
