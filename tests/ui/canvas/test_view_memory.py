"""A campaign opens again as the user left its canvas (zoom and centre), and leaving
presentation mode puts the canvas back where it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_reopening_shows_the_canvas_as_it_was_left(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                   workspace_path: Path) -> None:
    window.view.set_zoom(1.6)
    window.view.centerOn(QPointF(520, 40))
    _settle()
    zoom, center = window.view.zoom(), window.view.visible_center()
    window.close()
    workspace = open_for_editing(workspace_path, None, ask=False)
    assert workspace is not None
    again = MainWindow(workspace, "ebook")
    qtbot.addWidget(again)
    again.resize(1400, 900)
    again.show()
    qtbot.waitExposed(again)
    _settle()
    assert again.view.zoom() == zoom
    moved = again.view.visible_center() - center
    assert abs(moved.x()) <= 2 and abs(moved.y()) <= 2
    again.close()


def test_a_campaign_never_shown_does_not_take_another_ones_zoom(window: MainWindow) -> None:
    window.view.set_zoom(1.6)
    window.campaign_ops.new_campaign("Fresh")  # empty: shown at 100%
    assert window.view.zoom() == 1.0
    window.switcher.activated.emit(0)  # back to the first: as it was left
    assert window.document.campaign is not None and window.document.campaign.id == "ebook"
    assert window.view.zoom() == 1.6


def test_leaving_presentation_mode_puts_the_canvas_back(window: MainWindow) -> None:
    window.view.set_zoom(1.1)
    _settle()
    zoom = window.view.zoom()
    window.menu_actions["presentation"].setChecked(True)
    _settle()
    window.menu_actions["presentation"].setChecked(False)
    _settle()
    assert window.view.zoom() == zoom
