"""Everything survives reopening; a second editor gets read-only; screenshots render."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.factories import SAMPLES
from tests.ui.conftest import Mouse, stored

ROOT = Path(__file__).resolve().parents[3]


def test_a_whole_session_undoes_to_the_start_and_redoes_to_the_end(window: MainWindow,
                                                                    mouse: Mouse,
                                                                    workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    start = campaign.copy()
    mouse.drop_palette("sequence", QPointF(960, 240))
    new_goal = window.editing.add_node("goal", QPointF(912, 0))
    assert new_goal is not None
    mouse.press(window.scene.node_items["thanks"].output_point())
    mouse.release(window.scene.node_items[new_goal].scenePos())
    thanks = window.scene.node_items["thanks"].scenePos()
    mouse.drag(thanks, thanks + QPointF(0, 120))
    window.editing.rename("welcome", "Welcome series")
    mouse.click(window.scene.node_items["downloaded"].scenePos())
    window.menu_actions["delete"].trigger()
    end = campaign.copy()
    stack = window.document.undo_stack
    assert stack.count() == 6
    while stack.canUndo():
        stack.undo()
    assert campaign == start and stored(workspace_path) == start
    while stack.canRedo():
        stack.redo()
    assert campaign == end and stored(workspace_path) == end


def test_everything_survives_closing_and_reopening(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = open_for_editing(workspace_path, None, ask=False)
    assert workspace is not None
    first = MainWindow(workspace, "ebook")
    qtbot.addWidget(first)
    first.editing.add_node("goal", QPointF(900, 300))
    first.editing.rename("thanks", "Thanks for reading")
    first.document.campaign.move_node("welcome", (-48.0, 96.0))  # type: ignore[union-attr]
    expected = first.document.campaign.copy()  # type: ignore[union-attr]
    first.close()
    again = open_for_editing(workspace_path, None, ask=False)
    assert again is not None and not again.read_only  # the first window freed its lock
    second = MainWindow(again, "ebook")
    qtbot.addWidget(second)
    assert second.document.campaign == expected
    assert second.scene.node_items["welcome"].pos() == QPointF(-48, 96)
    second.close()


def test_a_second_editor_is_told_and_gets_read_only(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                    workspace_path: Path) -> None:
    other = open_for_editing(workspace_path, None, ask=False)
    assert other is not None and other.read_only
    viewer = MainWindow(other, "ebook")
    qtbot.addWidget(viewer)
    assert viewer.banner.read_only.text() == "Read-only"
    assert not viewer.banner.read_only.isHidden()
    assert window.banner.read_only.isHidden()
    assert "(read-only)" in viewer.windowTitle()
    assert not viewer.menu_actions["new_campaign"].isEnabled()
    item = viewer.scene.node_items["welcome"]
    assert not item.flags() & item.GraphicsItemFlag.ItemIsMovable
    before = viewer.document.campaign.copy()  # type: ignore[union-attr]
    viewer.editing.add_node("goal", QPointF(0, 0))
    viewer.editing.delete_selection()
    assert viewer.document.campaign == before
    viewer.close()


def test_screenshot_renders_the_window_offscreen(tmp_path: Path) -> None:
    workspace = tmp_path / "shots.canvas-workspace"
    with Workspace.open(workspace, create=True) as ws:
        from canvas_app.domain.interchange import read_campaign_file

        for sample in SAMPLES:
            CampaignStore(ws).add(read_campaign_file(sample))
    out = tmp_path / "window.png"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "gui", str(workspace),
                           "--campaign", "yoga-trial", "--screenshot", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no warning from the offscreen platform either
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    missing = subprocess.run([sys.executable, str(ROOT / "main.py"), "gui", str(workspace),
                              "--campaign", "nope", "--screenshot", str(out)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "no campaign 'nope'" in missing.stderr


def test_without_a_display_the_editor_says_so_instead_of_crashing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True,
                          text=True, timeout=60, env=env)
    assert proc.returncode == 1
    assert "no display was found" in proc.stderr and "Traceback" not in proc.stderr


def test_a_read_only_window_cannot_follow_real_time_and_says_why(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                  workspace_path: Path) -> None:
    other = open_for_editing(workspace_path, None, ask=False)
    assert other is not None and other.read_only
    viewer = MainWindow(other, "ebook")
    qtbot.addWidget(viewer)
    viewer.simulation.follow.setChecked(True)
    assert not viewer.simulation.follow.isChecked() and viewer.simulation.live is None
    assert "read-only" in viewer.simulation.status.text()
    viewer.close()


def test_view_menu_shows_a_closed_panel_in_front_of_its_tab_neighbour(window: MainWindow,
                                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    dock = window.simulation_dock
    if window.inspector_dock not in window.tabifiedDockWidgets(dock):
        window.tabifyDockWidget(window.inspector_dock, dock)
    dock.close()
    window.inspector_dock.raise_()
    QApplication.processEvents()
    dock.toggleViewAction().trigger()
    QApplication.processEvents()
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()  # not behind Inspector
    assert window.inspector_dock.visibleRegion().isEmpty()
