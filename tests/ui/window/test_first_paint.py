"""The first paint: the editor's picture from a light read is on screen before SQLAlchemy,
Alembic or the engine load; it declines workspaces only the full open can handle (so their
messages come first); and the editor takes its place without moving the canvas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QMainWindow, QTabBar, QToolBar, QToolButton

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.domain.notes import Note, NoteColor
from canvas_app.engine import lifecycle
from canvas_app.engine.first_look import first_campaign
from canvas_app.engine.publishing import publish
from canvas_app.launcher import _editor_arguments
from canvas_app.resources import resource_path
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.lock import EditorLock
from canvas_app.store.workspace import Workspace
from canvas_app.ui.panels.inspector import Inspector
from canvas_app.ui.window.first_paint import FirstPaint
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.store.old_schema import downgrade

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import sys
from canvas_app.launcher import main
code = main(["gui", sys.argv[1]])
heavy = [m for m in ("sqlalchemy", "alembic", "jsonschema", "canvas_app.engine.reports",
                     "canvas_app.store.workspace", "canvas_app.ui.window.main_window",
                     "PySide6.QtSvg")
         if m in sys.modules]
print(code, heavy)
"""


def _workspace(tmp_path: Path) -> Path:
    campaign = read_campaign_file(resource_path("samples", "yoga-trial.campaign.json"))
    campaign.notes.append(Note("n1", "Ask the room *why*", NoteColor.PINK, (0, -250), (220, 90)))
    path = tmp_path / "start.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(campaign)
    return path


def _started(tmp_path: Path, code: str, until: str) -> str:
    """What ``code`` prints, run in a fresh process that starts the editor on a workspace and
    stops it at ``until`` ("first": the first paint, "ready": the full editor)."""
    path = _workspace(tmp_path)
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "CAMPAIGN_CANVAS_STARTUP_PROBE": until, "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_first_paint_is_on_screen_before_any_database_library_loads(tmp_path: Path) -> None:
    assert _started(tmp_path, PROBE, "first") == "0 []"


READY_PROBE = """
import sys
from canvas_app.launcher import main
code = main(["gui", sys.argv[1]])
late = [m for m in ("uvicorn", "starlette", "qrcode", "igraph", "alembic", "PySide6.QtNetwork",
                    "canvas_app.engine.server", "canvas_app.ui.email.goal_setup",
                    "canvas_app.ui.email.sequence_editor", "canvas_app.ui.simulation.inbox",
                    "canvas_app.ui.simulation.why_dialog", "canvas_app.engine.explain",
                    "canvas_app.ui.simulation.report_view") if m in sys.modules]
print(code, "canvas_app.ui.window.main_window" in sys.modules, late)
"""


def test_the_editor_is_ready_before_the_servers_the_layout_library_and_the_dialogs_load(
        tmp_path: Path) -> None:
    """They load when first used (Follow real time, a workshop, Tidy up, a double-click)."""
    assert _started(tmp_path, READY_PROBE, "ready") == "0 True []"


def test_the_light_read_gives_the_campaign_the_editor_shows(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    found = first_campaign(path)
    assert found is not None
    with Workspace.open(path, read_only=True) as ws:
        assert found[:2] == (path, CampaignStore(ws).load("yoga-trial"))
    assert found.campaign.notes[0].text == "Ask the room *why*"
    assert found.standing == ("draft", None, None)
    assert first_campaign(path, "no-such-campaign") is None


def test_what_needs_the_full_open_is_left_to_it(tmp_path: Path) -> None:
    assert first_campaign(tmp_path / "missing.canvas-workspace") is None
    not_ours = tmp_path / "photo.canvas-workspace"
    not_ours.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))
    assert first_campaign(not_ours) is None
    locked = _workspace(tmp_path)
    lock = EditorLock(locked)
    lock.acquire()
    try:  # another editor has it: the full open offers read-only, with who holds it
        assert first_campaign(locked) is None
    finally:
        lock.release()
    assert first_campaign(locked) is not None
    downgrade(locked, "0003")  # a migration is due: the full open backs up first and says so
    assert first_campaign(locked) is None


def test_the_editor_takes_the_first_paints_place_without_moving_the_canvas(
        tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _workspace(tmp_path)
    earlier = MainWindow(open_for_editing(path, None, ask=False),  # a session before this one
                         panels_as_left=True)
    earlier.resize(1300, 850)
    earlier.show()
    QApplication.processEvents()
    earlier.close()  # leaves its panels' sizes behind
    found = first_campaign(path)
    assert found is not None
    first = FirstPaint(*found)
    qtbot.addWidget(first)
    first.show()
    first.show_canvas()
    QApplication.processEvents()
    window = MainWindow(open_for_editing(path, None, ask=False), panels_as_left=True)
    qtbot.addWidget(window)
    window.setGeometry(first.geometry())
    window.show()
    QApplication.processEvents()
    for node in found[1].nodes:
        here = QPointF(*(node.position or (0.0, 0.0)))
        before = first.view.mapToGlobal(first.view.mapFromScene(here))
        after = window.view.mapToGlobal(window.view.mapFromScene(here))
        assert (before - after).manhattanLength() <= 2, node.name
    assert abs(first.view.transform().m11() - window.view.zoom()) < 0.01
    assert first.windowTitle() == window.windowTitle()
    assert first.zoom_label.text() == window.zoom_label.text()
    tab_rows = [bar for bar in window.findChildren(QTabBar)
                if bar.parent() is window and bar.isVisible()]
    assert len(tab_rows) == 2  # Inspector|Simulation, Problems|History: no stray tab row
    window.close()


def _toolbar(window: QMainWindow) -> dict[str, tuple[int, bool]]:
    bar = window.findChild(QToolBar, "mainToolbar")
    assert bar is not None
    return {b.text(): (b.mapTo(window, b.rect().topLeft()).x(), b.isEnabled())
            for b in bar.findChildren(QToolButton) if b.isVisible() and b.text()}


@pytest.mark.parametrize("standing", ["draft", "active", "changed after publishing"])
def test_the_toolbar_and_inspector_do_not_change_when_the_editor_takes_over(
        tmp_path: Path, qtbot, standing: str) -> None:  # type: ignore[no-untyped-def]
    """The state pill ("Active · v1", "Unpublished changes") and the Inspector's words are on
    the first paint already, so nothing after them moves or pops in."""
    path = _workspace(tmp_path)
    with Workspace.open(path) as ws:
        if standing != "draft":
            assert not publish(ws, "yoga-trial").blocked
            lifecycle.activate(ws, "yoga-trial")
        if standing == "changed after publishing":
            store = CampaignStore(ws)
            draft = store.load("yoga-trial")
            store.attach(draft)  # saves each change
            draft.rename_node(draft.sequences[0].id, "Welcome, renamed")
    found = first_campaign(path)
    assert found is not None
    first = FirstPaint(*found)
    qtbot.addWidget(first)
    first.resize(1440, 900)  # wide enough for the whole toolbar
    first.show()
    QApplication.processEvents()
    window = MainWindow(open_for_editing(path, None, ask=False))
    qtbot.addWidget(window)
    window.setGeometry(first.geometry())
    window.show()
    QApplication.processEvents()
    assert first.pills.state.text() == window.banner.state.text() != ""
    assert first.pills.changes.isVisible() == window.banner.changes.isVisible() \
        == (standing == "changed after publishing")
    assert first.pills.changes.toolTip() == window.banner.changes.toolTip()
    before, after = _toolbar(first), _toolbar(window)
    assert before.keys() == after.keys() >= {"Validate", "Publish", "Activate", "Pause"}
    for name in before:
        assert abs(before[name][0] - after[name][0]) <= 2, (name, before, after)
    shown = first.findChild(Inspector)  # the Inspector's words are there already
    assert shown is not None and window.inspector.summary.text().startswith("Campaign <b>")
    assert shown.title.text() == window.inspector.title.text()
    assert shown.summary.text() == window.inspector.summary.text()
    window.close()


def test_only_plain_editor_arguments_skip_the_command_line() -> None:
    assert _editor_arguments([]) == (None, None)
    assert _editor_arguments(["gui", "w.ws", "--campaign", "c1"]) == (Path("w.ws"), "c1")
    assert _editor_arguments(["--workspace", "a.ws"]) == (Path("a.ws"), None)
    assert _editor_arguments(["--workspace", "a.ws", "gui", "b.ws"]) == (Path("b.ws"), None)
    for other in (["--help"], ["gui", "--help"], ["gui", "--screenshot", "x.png"], ["list"],
                  ["gui", "a", "b"], ["--workspace"], ["gui", "\udcff"],
                  ["--workspace", "postgresql://me@127.0.0.1/db"]):
        assert _editor_arguments(other) is None, other


def test_no_stray_tab_row_shows_over_the_panels(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt left the Problems | History tabs a second time over the palette once the panels
    were laid out again (until its timers ran: a picture taken at once showed it); only the
    rows in use show."""
    window = MainWindow(open_for_editing(_workspace(tmp_path), None, ask=False))
    qtbot.addWidget(window)

    def rows() -> list[tuple[str, ...]]:
        return sorted(tuple(bar.tabText(i) for i in range(bar.count()))
                      for bar in window.findChildren(QTabBar)
                      if bar.parent() is window and bar.isVisible())

    window.resize(1600, 1000)
    window.show()
    QApplication.processEvents()  # as `gui --screenshot` does before it takes the picture
    QApplication.processEvents()
    assert rows() == [("Inspector", "Simulation"), ("Problems", "History")]
    window.resize(1100, 700)
    QApplication.processEvents()
    assert rows() == [("Inspector", "Simulation"), ("Problems", "History")]
    window.close()
