"""Any scale, any font: canvas text follows the application font and presentation mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def test_canvas_text_follows_the_application_font(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    usual = NodeItem.name_font.pointSizeF()
    item = window.scene.node_items["welcome"]
    usual_label = item.label_rect().height()
    try:
        big = QFont(before)
        big.setPointSizeF(16)
        app.setFont(big)
        QApplication.processEvents()
        assert NodeItem.name_font.pointSizeF() >= 16  # not stuck at 10.5 pt
        assert item.label_rect().height() > usual_label  # the label made room for it
    finally:
        app.setFont(before)
        QApplication.processEvents()
    assert NodeItem.name_font.pointSizeF() == usual
    window.editing.rename("welcome", "Looked at memberships")  # fits at the usual size
    assert item._name_text == "Looked at memberships"
    window.menu_actions["presentation"].setChecked(True)  # larger type on the projector
    QApplication.processEvents()
    try:
        assert NodeItem.name_font.pointSizeF() > usual
        assert item._name_text == "Looked at memberships"  # and still whole: the label grew
    finally:
        window.menu_actions["presentation"].setChecked(False)
        QApplication.processEvents()
    assert NodeItem.name_font.pointSizeF() == usual


SCREENS = [  # (width, height, QT_SCALE_FACTOR, application font points or 0)
    (800, 800, "1", 0),
    (1920, 1080, "1.5", 0),
    (1920, 1080, "2", 0),
    (1600, 1000, "2", 0),
    (1366, 768, "1", 16),
    (1440, 900, "1", 0),  # the window as it first opens on a laptop
]


@pytest.mark.parametrize(("width", "height", "scale", "points"), SCREENS)
def test_every_window_fits_a_small_or_scaled_screen(tmp_path: Path, width: int, height: int,
                                                    scale: str, points: int) -> None:
    """In a child process whose only screen is this size: the main window and every dialog
    open inside it, their buttons on it, Publish and Activate on the toolbar."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "small", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale, "CC_TEST_FONT_PT": str(points),
           "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         str(ROOT / "tests" / "ui" / "a11y" / "small_screen.py")],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert child.returncode == 0, child.stdout[-3000:] + child.stderr[-2000:]


def test_windows_open_at_the_size_the_user_left_on_this_screen(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                               workspace_path: Path) -> None:
    from canvas_app.ui.window.opening import open_for_editing

    dialog = window.dialogs.open_goal_setup("downloaded")
    assert dialog is not None
    dialog.resize(640, 500)
    dialog.reject()
    again = window.dialogs.open_goal_setup("downloaded")
    assert again is not None and (again.width(), again.height()) == (640, 500)
    again.reject()
    window.resize(720, 600)  # (the offscreen screen is 800×800)
    window.close()
    workspace = open_for_editing(workspace_path, None, ask=False)
    assert workspace is not None
    reopened = MainWindow(workspace, "ebook")
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (720, 600)
    reopened.close()
