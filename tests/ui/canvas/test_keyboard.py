"""The canvas by keyboard alone: add nodes from the palette (never on top of each other),
connect them, move between them, set one up, and the context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from canvas_app.domain.model import Goal
from canvas_app.ui.email.goal_setup import GoalSetupDialog
from canvas_app.ui.window.main_window import MainWindow


def test_a_keyboard_only_session_adds_connects_moves_and_sets_up(window: MainWindow) -> None:
    window.campaign_ops.new_campaign("By keyboard")
    campaign = window.document.campaign
    assert campaign is not None
    palette = window.node_palette
    palette.setFocus()
    palette.setCurrentRow(0)  # Sequence
    QTest.keyClick(palette, Qt.Key.Key_Return)
    palette.setFocus()
    palette.setCurrentRow(1)  # Email Link Clicked
    QTest.keyClick(palette, Qt.Key.Key_Return)
    assert len(campaign.nodes) == 2
    first, second = (window.scene.node_items[n.id] for n in campaign.nodes)
    assert not first.sceneBoundingRect().intersects(second.sceneBoundingRect())  # no overprint
    view = window.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Edit › Connect
    sequence, goal = campaign.sequences[0], campaign.goals[0]
    left, right = sorted(campaign.nodes, key=lambda n: (n.position[0], n.kind != "sequence"))  # type: ignore[index]
    assert [(e.source, e.target) for e in campaign.edges] == [(left.id, right.id)]  # reads on
    window.scene.select_node(sequence.id)
    direction = Qt.Key.Key_Right if goal.position[0] > sequence.position[0] else Qt.Key.Key_Left  # type: ignore[index]
    if abs(goal.position[1] - sequence.position[1]) > abs(goal.position[0] - sequence.position[0]):  # type: ignore[index]
        direction = Qt.Key.Key_Down if goal.position[1] > sequence.position[1] else Qt.Key.Key_Up  # type: ignore[index]
    QTest.keyClick(view, direction, Qt.KeyboardModifier.ControlModifier)
    assert [i.node.id for i in window.scene.selected_nodes()] == [goal.id]
    assert goal.position == window.scene.node_items[goal.id].node.position  # moved to, not moved
    QTest.keyClick(view, Qt.Key.Key_Return)  # set up the goal
    dialog = window.findChild(GoalSetupDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_menu_key_opens_the_nodes_menu_with_connect_to(window: MainWindow) -> None:
    window.scene.select_node("thanks")
    window.view.setFocus()
    menu = window.view.open_menu(None)  # what the Menu key and Shift+F10 open
    assert isinstance(menu, QMenu) and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert "Edit Emails…" in texts and "Rename" in texts and "Delete" in texts
    connect_to = menu.findChild(QMenu, "connectToMenu")
    assert connect_to is not None
    goal_names = {n.name for n in window.document.campaign.nodes if isinstance(n, Goal)}  # type: ignore[union-attr]
    assert {a.text() for a in connect_to.actions()} <= goal_names  # only allowed targets
    menu.close()
    QTest.keyClick(window.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert any(isinstance(w, QMenu) and w.objectName() == "canvasMenu" and w.isVisible()
               for w in QApplication.topLevelWidgets())


def test_connect_with_the_wrong_selection_says_what_to_select(window: MainWindow) -> None:
    said: list[str] = []
    window.controller.refused.connect(said.append)
    window.scene.select_node("welcome")
    window.menu_actions["connect"].trigger()
    assert said and "two nodes" in said[-1]


def test_a_read_only_canvas_menu_says_so_instead_of_offering_refusals(
        workspace_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.store.workspace import Workspace
    from canvas_app.ui.canvas.keyboard import context_menu
    from canvas_app.ui.window.main_window import MainWindow

    window = MainWindow(Workspace.open(workspace_path, read_only=True), "ebook")
    qtbot.addWidget(window)
    for item in (window.scene.node_items["welcome"], None):
        menu = context_menu(window.controller, window.scene, item, window, lambda _: None,
                            lambda _: None, lambda _: None)
        texts = [a.text() for a in menu.actions()]
        assert texts == ["Nothing can be changed here: the workspace is open read-only"]
        assert not menu.actions()[0].isEnabled()
    window.close()
