"""A main window on a workspace holding the ebook funnel, and helpers that drive the
viewport with real mouse and drop events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.view import NODE_MIME
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.factories import funnel

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    path = tmp_path / "ui.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())
    return path


@pytest.fixture
def window(qtbot, workspace_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    workspace = open_for_editing(workspace_path, None, ask=False)
    assert workspace is not None and not workspace.read_only
    win = MainWindow(workspace, "ebook")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.view.actual_size()
    win.view.centerOn(300, 0)
    yield win
    win.close()


def stored(path: Path, campaign_id: str = "ebook"):  # type: ignore[no-untyped-def]
    """The campaign as another connection reads it from the workspace file."""
    with Workspace.open(path, read_only=True) as ws:
        return CampaignStore(ws).load(campaign_id)


class Mouse:
    def __init__(self, window: MainWindow) -> None:
        self.view = window.view
        self.viewport = window.view.viewport()

    def _point(self, scene: QPointF) -> QPointF:
        return QPointF(self.view.mapFromScene(scene))

    def send(self, kind: QEvent.Type, scene: QPointF, button: Qt.MouseButton,
             buttons: Qt.MouseButton, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
             ) -> None:
        local = self._point(scene)
        event = QMouseEvent(kind, local, QPointF(self.viewport.mapToGlobal(local.toPoint())),
                            button, buttons, modifiers)
        QApplication.sendEvent(self.viewport, event)

    def press(self, scene: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        self.send(QEvent.Type.MouseButtonPress, scene, LEFT, LEFT, modifiers)

    def move(self, scene: QPointF, held: bool = True) -> None:
        self.send(QEvent.Type.MouseMove, scene, NONE, LEFT if held else NONE)

    def release(self, scene: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
                ) -> None:
        self.send(QEvent.Type.MouseButtonRelease, scene, LEFT, NONE, modifiers)

    def drag(self, start: QPointF, end: QPointF, steps: int = 8) -> None:
        self.press(start)
        for i in range(1, steps + 1):
            self.move(start + (end - start) * (i / steps))
        self.release(end)

    def click(self, scene: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        self.press(scene, modifiers)
        self.release(scene, modifiers)

    def double_click(self, scene: QPointF) -> None:
        self.click(scene)
        self.send(QEvent.Type.MouseButtonDblClick, scene, LEFT, LEFT)
        self.release(scene)

    def ctrl_wheel(self, scene: QPointF, steps: int) -> None:
        local = self._point(scene)
        event = QWheelEvent(local, QPointF(self.viewport.mapToGlobal(local.toPoint())),
                            QPoint(0, 0), QPoint(0, 120 * steps), NONE,
                            Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(self.viewport, event)

    def drop_palette(self, kind: str, scene: QPointF) -> None:
        data = QMimeData()
        data.setData(NODE_MIME, kind.encode())
        drop(self.viewport, self._point(scene), data)


def drop(viewport, local: QPointF, data: QMimeData) -> None:  # type: ignore[no-untyped-def]
    """Drag enter, move and drop at ``local`` (viewport coordinates), as a user's drag does."""
    action = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(local.toPoint(), action, data, NONE,
                                  Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(local.toPoint(), action, data, NONE,
                                 Qt.KeyboardModifier.NoModifier),
                  QDropEvent(local, action, data, NONE, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(viewport, event)


@pytest.fixture
def mouse(window: MainWindow) -> Mouse:
    return Mouse(window)
