"""The History panel: versions listed, compared with the draft (shown on the canvas), restored
into the draft as one undo step that reaches the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from canvas_app.engine.publishing import publish
from canvas_app.ui.panels.history import HistoryPanel
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import stored


def _panel(window: MainWindow) -> HistoryPanel:
    panel = window.findChild(HistoryPanel, "historyPanel")
    assert panel is not None
    return panel


def test_compare_then_restore_a_version_as_one_undo_step(window: MainWindow,
                                                          workspace_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _panel(window)
    assert panel.versions.count() == 0 and "Nothing published yet" in panel.empty.text()
    publish(window.document.workspace, "ebook")
    window.document.refresh()
    assert panel.versions.count() == 1 and panel.versions.item(0).text().startswith("Version 1")
    # the draft moves on: a node renamed, one deleted
    window.editing.rename("thanks", "Thanks a lot")
    window.controller.delete(["downloaded"], [])
    found = panel.compare()
    assert found is not None and not found.empty
    lines = [panel.differences.item(i).text() for i in range(panel.differences.count())]
    assert any("renamed to 'Thanks a lot'" in line for line in lines)
    assert any(line.startswith("− goal 'Downloaded' removed") for line in lines)
    assert window.scene.node_items["thanks"].connect_state is not None  # shown on the canvas
    steps = window.document.undo_stack.count()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.restore_button.click()
    campaign = window.document.campaign
    assert campaign is not None
    assert "downloaded" in window.scene.node_items and campaign.node("thanks").name == "Thank you"
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.undo_stack.undoText() == "Restore version 1"
    saved = stored(workspace_path)
    assert saved.node("thanks").name == "Thank you" and len(saved.edges) == 2
    window.document.undo_stack.undo()
    assert campaign.find_node("downloaded") is None
    assert stored(workspace_path).node("thanks").name == "Thanks a lot"


def test_the_history_dock_is_in_the_view_menu(window: MainWindow) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert "History" in [a.text() for a in view.actions()]


def test_two_published_versions_are_compared_with_each_other(window: MainWindow) -> None:
    panel = _panel(window)
    publish(window.document.workspace, "ebook")
    window.editing.rename("thanks", "Thanks a lot")
    publish(window.document.workspace, "ebook")
    window.editing.rename("welcome", "Hello")  # the draft moves on again
    window.document.refresh()
    assert [panel.compare_with.itemText(i) for i in range(panel.compare_with.count())] == [
        "the draft", "version 1", "version 2"]
    panel.versions.setCurrentRow(0)  # version 1...
    panel.compare_with.setCurrentIndex(2)  # ...against version 2: only the first rename
    panel.compare_button.click()
    lines = [panel.differences.item(i).text() for i in range(panel.differences.count())]
    assert any("renamed to 'Thanks a lot'" in line for line in lines)
    assert not any("Hello" in line for line in lines)
    assert window.scene.node_items["thanks"].connect_state is not None
    assert window.scene.node_items["welcome"].connect_state is None
    panel.compare_with.setCurrentIndex(0)  # against the draft: both renames
    panel.compare_button.click()
    lines = [panel.differences.item(i).text() for i in range(panel.differences.count())]
    assert any("Hello" in line for line in lines)
    panel.versions.setCurrentRow(1)
    panel.compare_with.setCurrentIndex(2)  # a version with itself
    panel.compare_button.click()
    assert panel.differences.item(0).text() == "Version 2 is the same as version 2."
