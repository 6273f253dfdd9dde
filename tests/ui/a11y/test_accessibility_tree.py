"""What a screen reader finds: a name for every control of the main window and of every
dialog, and the campaign's nodes and connections as children of the canvas."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent

from canvas_app.ui.window.main_window import MainWindow
from tests.ui.a11y.catalogue import every_dialog, nameless


def test_every_focusable_control_has_an_accessible_name(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    window.scene.select_node("welcome")  # the Inspector shows its fields
    missing = nameless(window)
    for _name, dialog in every_dialog(window, qtbot, tmp_path).items():
        missing += nameless(dialog)
    assert missing == []


def test_the_canvas_lists_every_node_and_connection_by_name(window: MainWindow) -> None:
    face = QAccessible.queryAccessibleInterface(window.view)
    assert face is not None
    names = [face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())]
    campaign = window.document.campaign
    assert campaign is not None
    for node in campaign.nodes:
        assert any(f"'{node.name}'" in n and not n.startswith("Connection") for n in names)
    assert "Goal 'Downloaded', 1 link chosen" in names
    assert "Sequence 'Thank you', 1 email, 1 warning" in names
    assert "Connection from 'Welcome' to 'Downloaded'" in names
    assert len(names) == len(campaign.nodes) + len(campaign.edges)
    goal = face.child(names.index("Goal 'Downloaded', 1 link chosen"))
    assert goal.role() == QAccessible.Role.ListItem and goal.parent() is face
    assert not goal.state().selected
    window.scene.select_node("downloaded")
    assert goal.state().selected
    item_rect = window.scene.node_items["downloaded"].sceneBoundingRect()
    centre = window.view.viewport().mapToGlobal(window.view.mapFromScene(item_rect.center()))
    assert goal.rect().contains(centre)


def test_a_new_selection_is_announced(window: MainWindow, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    heard: list[tuple[QAccessible.Event, int]] = []

    def spy(event: QAccessibleEvent) -> None:
        heard.append((event.type(), event.child()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", spy)
    monkeypatch.setattr(QAccessible, "isActive", lambda: True)  # a screen reader listens
    face = QAccessible.queryAccessibleInterface(window.view)
    assert face is not None
    window.scene.select_node("thanks")
    said = [face.child(child).text(QAccessible.Text.Name) for kind, child in heard
            if kind == QAccessible.Event.Focus]
    assert said and said[-1] == "Sequence 'Thank you', 1 email, 1 warning"


def test_labels_are_tied_to_their_fields(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    setup = window.dialogs.open_goal_setup("downloaded")
    assert setup is not None
    assert any(label.buddy() is setup.name for label in setup.findChildren(QLabel))
    setup.reject()
    editor = window.dialogs.open_sequence_editor("welcome")
    assert editor is not None
    buddies = {label.buddy() for label in editor.findChildren(QLabel)}
    assert editor.delay in buddies and editor.subject in buddies
    editor.reject()


def test_notes_on_the_canvas_are_read_out_too(window: MainWindow) -> None:
    window.controller.add_note((0.0, 300.0), "Ask the room *why* they clicked")
    face = QAccessible.queryAccessibleInterface(window.view)
    assert face is not None
    names = [face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())]
    assert names[-1] == "Note: Ask the room why they clicked"
    assert face.child(len(names) - 1).state().focusable
