"""The editor meets files it cannot use: a message box (or one line with --screenshot), never
a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.window.app import run_gui
from canvas_app.ui.window.opening import open_for_editing
from tests.damage import corrupt_table
from tests.factories import funnel
from tests.store.mounts import remount_read_only, tmpfs


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for kind in ("critical", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda _parent, _title, text, *_a, **_k: shown.append(text))
    return shown


def _damaged(path: Path) -> None:
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())
    corrupt_table(path, fill=b"\x5a")


def test_a_damaged_workspace_gets_a_message_box_or_one_line(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, boxes: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.ws"
    _damaged(path)
    assert run_gui(path, "ebook", screenshot=tmp_path / "shot.png") == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "integrity_check" in err and "Traceback" not in err
    assert not (tmp_path / "shot.png").exists()


def test_a_workspace_in_a_read_only_folder_opens_read_only_with_a_note(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, boxes: list[str]) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        with Workspace.open(disk / "w.ws", create=True) as ws:
            CampaignStore(ws).add(funnel())
        remount_read_only(disk)
        workspace = open_for_editing(disk / "w.ws", None)
        assert workspace is not None and workspace.read_only
        assert len(boxes) == 1 and "read-only" in boxes[0]
        assert CampaignStore(workspace).load("ebook") == funnel()
        workspace.close()


@pytest.mark.parametrize(("answer", "made"), [(QMessageBox.StandardButton.Yes, True),
                                              (QMessageBox.StandardButton.Cancel, False)])
def test_a_path_with_no_workspace_is_offered_to_be_created(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           answer: QMessageBox.StandardButton,
                                                           made: bool) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a, **_k: (asked.append(text), answer)[1])
    path = tmp_path / "new.canvas-workspace"
    workspace = open_for_editing(path, None)
    assert len(asked) == 1 and str(path) in asked[0]
    assert (workspace is not None) is made and path.exists() is made
    if workspace is not None:
        assert not workspace.read_only
        workspace.close()
