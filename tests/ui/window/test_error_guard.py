"""An unexpected error in the editor reaches the user as a sentence, the traceback a log file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from canvas_app.store.errors import WorkspaceError
from canvas_app.ui.window import error_guard
from canvas_app.ui.window.app import run_gui


@pytest.fixture
def shown(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(error_guard, "log_file", lambda: tmp_path / "logs" / "errors.log")
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: messages.append(text))
    return messages


def test_an_unexpected_error_is_logged_and_explained(shown: list[str], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    try:
        raise KeyError("boom")
    except KeyError:
        error_guard.handle(*sys.exc_info())  # type: ignore[arg-type]
    log = tmp_path / "logs" / "errors.log"
    assert "Traceback" in log.read_text() and "KeyError: 'boom'" in log.read_text()
    assert len(shown) == 1 and str(log) in shown[0] and "saved" in shown[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_workspace_error_is_shown_as_its_own_sentence(shown: list[str]) -> None:
    try:
        raise WorkspaceError("the disk is full; free some space and try again")
    except WorkspaceError:
        error_guard.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert shown == ["The disk is full; free some space and try again."]


def test_the_editor_installs_it(qtbot, workspace_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    assert run_gui(workspace_path, "ebook", screenshot=tmp_path / "shot.png") == 0
    assert sys.excepthook is error_guard.handle
