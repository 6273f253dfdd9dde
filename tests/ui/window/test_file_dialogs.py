"""A file dialog open on the workspace's folder must never take SQLite's locks away from the
editor: Qt's default icon provider opened each listed file (the workspace, its log and its
shared memory) to guess its type, a process that closes any descriptor of a file loses its
POSIX locks on it, and the next command run beside the editor then deleted the write-ahead log
under the open workspace (the QA pass found the workspace damaged afterwards)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from canvas_app.engine.errors import Refused
from canvas_app.engine.file_guard import write_user_file
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.style.file_dialogs import _dialog
from tests.factories import funnel

ROOT = Path(__file__).resolve().parents[3]


def test_a_file_dialog_on_the_workspace_folder_leaves_its_log_alone(tmp_path: Path,
                                                                     qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())
        dialog = _dialog(None, "Open", str(tmp_path), "All files (*)", saving=False)
        qtbot.addWidget(dialog)
        dialog.show()
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        folder = model.index(str(tmp_path))
        qtbot.waitUntil(lambda: model.rowCount(folder) >= 3, timeout=5000)
        for row in range(model.rowCount(folder)):  # every icon and type, as the list shows
            for column in range(model.columnCount(folder)):
                model.index(row, column, folder).data(Qt.ItemDataRole.DecorationRole)
                model.index(row, column, folder).data()
        qtbot.wait(100)
        dialog.reject()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(path), "list"],
                       check=True, capture_output=True, timeout=60)
        names = {p.name for p in tmp_path.iterdir()}
        assert {"w.canvas-workspace-wal", "w.canvas-workspace-shm"} <= names
        CampaignStore(ws).load("ebook")
    with Workspace.open(path, read_only=True) as again:
        assert CampaignStore(again).load("ebook") == funnel()


def test_dialogs_are_qts_own_and_an_export_never_overwrites_the_workspace(tmp_path: Path,
                                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(None, "Open", str(tmp_path), "", saving=False)
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    path = tmp_path / "w.canvas-workspace"
    with Workspace.open(path, create=True):
        for target in (path, tmp_path / "w.canvas-workspace-wal"):
            try:
                write_user_file(target, "{}")
            except Refused as exc:
                assert "open workspace" in str(exc)
            else:
                raise AssertionError(f"{target.name} was written over")
        write_user_file(tmp_path / "campaign.json", "{}")
        assert (tmp_path / "campaign.json").read_text() == "{}"
    QApplication.processEvents()


def test_exporting_over_the_open_workspace_is_refused_and_it_stays_whole(
        window, workspace_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from canvas_app.ui.window import file_ops
    from tests.ui.conftest import stored

    said: list[str] = []
    monkeypatch.setattr(file_ops, "save_file_name", lambda *a, **k: str(workspace_path))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    window.menu_actions["export_campaign"].trigger()
    assert said and "open workspace" in said[0]
    assert stored(workspace_path) == window.document.campaign  # still a workspace, whole


def test_dialogs_open_beside_the_workspace_shown(window, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                  qtbot) -> None:
    window.files.remember(workspace_path)
    for name, saving in (("", False), ("x.campaign.json", True)):
        dialog = _dialog(None, "Export", name, "", saving=saving)
        qtbot.addWidget(dialog)
        assert Path(dialog.directory().absolutePath()) == workspace_path.parent.resolve()
