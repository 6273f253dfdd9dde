"""File menu: pictures of the canvas, Save As, opening another workspace, importing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.window.file_ops import recent_paths, settings, write_picture
from canvas_app.ui.window.main_window import MainWindow
from tests.factories import SAMPLES


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_export_the_canvas_as_a_picture(window: MainWindow, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"canvas.{kind}"
    window.scene.select_node("welcome")
    write_picture(window.scene, path, kind)
    data = path.read_bytes()
    assert len(data) > 1000
    assert data.startswith({"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[kind])
    if kind == "png":
        image = QImage(str(path))
        content = window.scene.content_rect()
        assert image.width() == int((content.width() + 80) * 2)
    assert [i.node.id for i in window.scene.selected_nodes()] == ["welcome"]  # kept


def test_save_as_continues_in_the_copy(window: MainWindow, tmp_path: Path) -> None:
    copy = tmp_path / "copy.canvas-workspace"
    window.document.workspace.save_as(copy)
    window.files.open_path(copy)
    assert window.document.workspace.path == copy and not window.document.read_only
    window.editing.rename("welcome", "Only in the copy")
    with Workspace.open(copy, read_only=True) as ws:
        assert CampaignStore(ws).load("ebook").node("welcome").name == "Only in the copy"


def test_open_another_workspace_and_import_a_campaign(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.canvas-workspace"
    window.files.open_path(other, create=True)
    assert window.document.campaign is None and window.switcher.count() == 0
    window.document.import_campaign(SAMPLES[0])
    window.document.import_campaign(SAMPLES[0])  # the same id again: imported as a copy
    ids = [window.switcher.itemData(i) for i in range(window.switcher.count())]
    assert ids == [SAMPLES[0].name.split(".")[0], SAMPLES[0].name.split(".")[0] + "-2"]
    window.switcher.activated.emit(0)
    assert window.document.campaign is not None
    assert window.document.campaign.id == ids[0]


def test_one_remembered_workspace_is_offered_whole(window: MainWindow, tmp_path: Path) -> None:
    """QSettings gives a list of one back as a plain string; it is one path, not its letters."""
    other = tmp_path / "other.canvas-workspace"
    other.write_bytes(b"")
    settings().setValue("recent", str(other))
    window.files.recent_menu.aboutToShow.emit()
    assert [a.toolTip() for a in window.files.recent_menu.actions()] == [str(other)]
    window.files.remember(tmp_path / "third.canvas-workspace")
    assert recent_paths() == [str(tmp_path / "third.canvas-workspace"), str(other)]
