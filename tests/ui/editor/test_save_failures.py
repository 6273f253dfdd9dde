"""An edit that cannot be stored (disk full, file made read-only) never leaves the screen
showing something the file does not hold: the window goes back to the stored draft and says
why, for a new edit and for an undo alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QMessageBox

from canvas_app.store.errors import DiskFull
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import Mouse, stored


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def _fail_writes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = window.document._writer
    assert writer is not None

    def full(*_args: object) -> None:
        raise DiskFull("the disk is full; free some space and try again")

    monkeypatch.setattr(writer.workspace, "transaction", full)


def test_a_drop_that_cannot_be_saved_is_taken_back_and_explained(
        window: MainWindow, mouse: Mouse, workspace_path: Path, warnings: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_writes(window, monkeypatch)
    mouse.drop_palette("goal", QPointF(912, 240))
    monkeypatch.undo()  # the disk has room again
    campaign = window.document.campaign
    assert campaign is not None and len(campaign.nodes) == 3  # the drop is not shown
    assert len(window.scene.node_items) == 3
    assert stored(workspace_path) == campaign
    assert len(warnings) == 1 and "could not be saved" in warnings[0] and "disk is full" in warnings[0]


def test_an_undo_that_cannot_be_saved_is_taken_back_too(
        window: MainWindow, mouse: Mouse, workspace_path: Path, warnings: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    mouse.drop_palette("goal", QPointF(912, 240))
    stack = window.document.undo_stack
    assert stack is not None and stack.count() == 1
    _fail_writes(window, monkeypatch)
    stack.undo()
    QApplication.processEvents()  # the undo's transaction closes when the event loop turns
    monkeypatch.undo()
    campaign = window.document.campaign
    assert campaign is not None and len(campaign.nodes) == 4  # still the stored four
    assert stored(workspace_path) == campaign
    assert warnings and "could not be saved" in warnings[0]
