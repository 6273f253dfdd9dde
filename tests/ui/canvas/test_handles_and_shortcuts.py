"""Issue 11's hit-testing and focus defects: the whole drawn handle starts a connection, Redo
answers both spellings, and canvas shortcuts act on the canvas only when it has focus."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.publishing import publish
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import Mouse

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _new_goal(window: MainWindow, mouse: Mouse, at: QPointF) -> str:
    campaign = window.document.campaign
    assert campaign is not None
    before = {n.id for n in campaign.nodes}
    mouse.drop_palette("goal", at)
    (added,) = {n.id for n in campaign.nodes} - before
    return added


def test_pressing_where_the_handle_overlaps_the_card_starts_a_connection(
        window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    goal = _new_goal(window, mouse, QPointF(912, 240))
    item = window.scene.node_items["thanks"]
    inside_card = item.mapToScene(item.handle_center() - QPointF(4, 3))  # drawn circle, on the card
    assert item.body_rect().contains(item.mapFromScene(inside_card))
    before = campaign.node("thanks").position
    mouse.press(inside_card)
    mouse.move(window.scene.node_items[goal].scenePos() - QPointF(20, 0))
    mouse.release(window.scene.node_items[goal].scenePos())
    assert (campaign.edges[-1].source, campaign.edges[-1].target) == ("thanks", goal)
    assert campaign.node("thanks").position == before  # not picked up and moved


def test_the_handle_hit_area_has_no_hole(window: MainWindow) -> None:
    item = window.scene.node_items["welcome"]
    centre = item.handle_center()
    for dx in range(-10, 11, 2):
        for dy in range(-10, 11, 2):
            point = centre + QPointF(dx, dy)
            if item.handle_hit(item.mapToScene(point)):
                assert item.shape().contains(point), (dx, dy)


def test_redo_answers_ctrl_shift_z_and_ctrl_y(window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    _new_goal(window, mouse, QPointF(912, 240))
    _new_goal(window, mouse, QPointF(912, -240))
    stack = window.document.undo_stack
    assert stack is not None
    count = len(campaign.nodes)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert len(campaign.nodes) == count - 2
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(campaign.nodes) == count - 1
    QTest.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert len(campaign.nodes) == count


def test_select_all_and_delete_act_on_the_canvas_only_when_it_has_focus(
        window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    for person in ("ann@example.com", "bob@example.com", "cy@example.com"):
        add_contact(ws, person)
    window.simulation.refresh()
    contacts = window.simulation.contact_list
    assert contacts.count() == 3
    window.simulation_dock.raise_()
    contacts.setFocus()
    QTest.keyClick(contacts, Qt.Key.Key_A, CTRL)
    assert len(contacts.selected_emails()) == 3  # the list's own Select All
    assert window.scene.selected_nodes() == []
    QTest.keyClick(contacts, Qt.Key.Key_Delete)
    assert len(campaign.nodes) == 3  # Delete in a list removes no node

    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_A, CTRL)
    assert {i.node.id for i in window.scene.selected_nodes()} == {n.id for n in campaign.nodes}
    QTest.keyClick(window.view, Qt.Key.Key_D, CTRL)
    assert len(campaign.nodes) == 6
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(campaign.nodes) == 3


def test_after_a_palette_drop_delete_removes_the_new_node(
        window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    window.node_palette.setFocus()
    _new_goal(window, mouse, QPointF(912, 240))
    assert window.view.hasFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(campaign.nodes) == 3


def test_the_edit_menu_still_shows_the_canvas_shortcuts(window: MainWindow) -> None:
    texts = {a.objectName(): a.shortcut().toString() for a in window.menuBar().actions()[1]
             .menu().actions()}
    assert texts["deleteAction"] == "Del" and texts["duplicateAction"] == "Ctrl+D"
    assert "Ctrl+Y" in [k.toString() for k in window.menu_actions["redo"].shortcuts()]
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.menu_actions["redo"].shortcuts()]


def test_opening_an_editor_on_a_visible_node_does_not_scroll_the_canvas(
        window: MainWindow, mouse: Mouse) -> None:
    from PySide6.QtWidgets import QApplication

    from canvas_app.ui.email.sequence_editor import SequenceEditor

    before = window.view.visible_center()
    item = window.scene.node_items["welcome"]  # well inside the view
    mouse.double_click(item.scenePos())
    QApplication.processEvents()
    editor = window.findChild(SequenceEditor)
    assert editor is not None and editor.isVisible()
    assert window.view.visible_center() == before  # nothing jumped
    editor.reject()
    assert window.scene.node_items["welcome"].pos() == item.pos()


def test_a_palette_entry_is_not_left_highlighted_after_a_drag(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDrag

    dragged: list[bytes] = []
    monkeypatch.setattr(QDrag, "exec", lambda drag, *a: (
        dragged.append(bytes(drag.mimeData().data("application/x-campaign-canvas-node"))),
        Qt.DropAction.CopyAction)[1])
    palette = window.node_palette
    item = palette.item(1)
    qtbot.mouseClick(palette.viewport(), Qt.MouseButton.LeftButton,
                     pos=palette.visualItemRect(item).center())
    assert item.isSelected()
    palette.startDrag(Qt.DropAction.CopyAction)
    assert dragged and not palette.selectedItems()
