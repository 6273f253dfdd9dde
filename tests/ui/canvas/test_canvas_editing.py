"""Driving the canvas as a user does, asserting on the model, the undo stack and the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from canvas_app.domain.model import Edge, Goal, Sequence
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import Mouse, stored


def node_center(window: MainWindow, node_id: str) -> QPointF:
    return window.scene.node_items[node_id].scenePos()


def handle(window: MainWindow, node_id: str) -> QPointF:
    return window.scene.node_items[node_id].output_point()


def test_the_window_has_the_named_widgets(window: MainWindow) -> None:
    for name in ("canvasView", "palette", "inspector", "problemsPanel", "publishAction",
                 "activateAction"):
        assert window.findChild(object, name) is not None, name
    assert window.banner.state.text() == "Draft"


def test_palette_drop_adds_a_node_where_it_is_dropped(window: MainWindow, mouse: Mouse,
                                                      workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    mouse.drop_palette("goal", QPointF(912, 190))
    added = [g for g in campaign.goals if g.id != "downloaded"]
    assert len(added) == 1 and isinstance(added[0], Goal)
    assert added[0].position == (912.0, 192.0)  # snapped to the 24-point grid
    assert stored(workspace_path) == campaign
    window.document.undo_stack.undo()
    assert campaign == before and stored(workspace_path) == before
    window.document.undo_stack.redo()
    assert len(campaign.goals) == 2


def test_palette_double_click_and_enter_add_at_the_centre(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    campaign = window.document.campaign
    assert campaign is not None
    window.node_palette.setCurrentRow(0)
    window.node_palette.setFocus()
    QTest.keyClick(window.node_palette, Qt.Key.Key_Return)
    centre = window.view.visible_center()
    added = [s for s in campaign.sequences if s.id not in ("welcome", "thanks")]
    assert len(added) == 1 and added[0].name == "New sequence"
    assert abs(added[0].position[0] - centre.x()) <= 12  # type: ignore[index]
    item = window.node_palette.item(1)
    window.node_palette.itemDoubleClicked.emit(item)
    assert len(campaign.goals) == 2


def test_dragging_a_node_moves_it_in_one_undo_step(window: MainWindow, mouse: Mouse,
                                                    workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    start = node_center(window, "thanks")
    mouse.drag(start, start + QPointF(96, 48))
    assert campaign.node("thanks").position == (696.0, 48.0)
    assert window.document.undo_stack.count() == 1
    assert stored(workspace_path).node("thanks").position == (696.0, 48.0)
    edge = window.scene.edge_items[campaign.edges[1]]
    assert edge.boundingRect().contains(edge.mapFromScene(
        window.scene.node_items["thanks"].input_point()))  # the arrow followed
    window.document.undo_stack.undo()
    assert campaign.node("thanks").position == (600.0, 0.0)
    assert window.scene.node_items["thanks"].pos() == QPointF(600, 0)


def test_connecting_by_dragging_from_the_output_handle(window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign_goal = window.editing.add_node("goal", QPointF(912, 0))
    assert campaign_goal is not None
    mouse.press(handle(window, "thanks"))
    mouse.move(node_center(window, campaign_goal) - QPointF(30, 0))
    assert window.scene.node_items[campaign_goal].connect_state == "allowed"
    assert window.scene.node_items["welcome"].connect_state == "refused"
    mouse.release(node_center(window, campaign_goal))
    assert campaign.edges[-1].source == "thanks" and campaign.edges[-1].target == campaign_goal
    assert all(i.connect_state is None for i in window.scene.node_items.values())
    window.document.undo_stack.undo()
    assert all(e.target != campaign_goal for e in campaign.edges)


def test_an_invalid_connection_is_refused_and_says_why(window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    edges = list(campaign.edges)
    mouse.press(handle(window, "welcome"))
    mouse.move(node_center(window, "thanks"))
    assert window.scene._refusal.isVisible()
    assert "sequence can only lead to a goal" in window.scene._refusal.text.text()
    mouse.release(node_center(window, "thanks"))
    assert campaign.edges == edges
    assert "sequence can only lead to a goal" in window.statusBar().currentMessage()
    mouse.press(handle(window, "welcome"))
    mouse.release(node_center(window, "downloaded"))  # already connected
    assert campaign.edges == edges and "already connected" in window.statusBar().currentMessage()


def test_rubber_band_and_ctrl_click_selection(window: MainWindow, mouse: Mouse) -> None:
    mouse.drag(QPointF(-150, -150), QPointF(420, 150), steps=12)
    selected = {i.node.id for i in window.scene.selected_nodes()}
    assert selected == {"welcome", "downloaded"}
    mouse.click(node_center(window, "thanks"), Qt.KeyboardModifier.ControlModifier)
    assert {i.node.id for i in window.scene.selected_nodes()} == {"welcome", "downloaded",
                                                                  "thanks"}


def test_inline_rename_commits_cancels_and_refuses_empty(window: MainWindow, mouse: Mouse,
                                                          workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    item = window.scene.node_items["downloaded"]
    label = item.mapToScene(item.name_rect().center())
    mouse.double_click(label)
    editor = window.scene.renaming
    assert editor is not None
    editor.line.setText("Got the ebook")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert campaign.node("downloaded").name == "Got the ebook"
    assert stored(workspace_path).node("downloaded").name == "Got the ebook"
    QTest.qWait(10)
    mouse.double_click(label)
    editor = window.scene.renaming
    assert editor is not None
    editor.line.setText("Never mind")
    QTest.keyClick(editor.line, Qt.Key.Key_Escape)
    assert campaign.node("downloaded").name == "Got the ebook"
    QTest.qWait(10)
    mouse.double_click(label)
    editor = window.scene.renaming
    assert editor is not None
    editor.line.setText("   ")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert window.scene.renaming is editor  # still open: an empty name is refused
    assert campaign.node("downloaded").name == "Got the ebook"
    assert "cannot be empty" in window.statusBar().currentMessage()
    editor.line.setText("Got the guide")  # the same editor, a name this time
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert campaign.node("downloaded").name == "Got the guide"
    said = window.statusBar().currentMessage()  # before: still "cannot be empty"
    assert "cannot be empty" not in said and "'Got the guide'" in said
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert campaign.node("downloaded").name == "Downloaded"


def test_double_click_on_the_body_opens_the_nodes_editor(window: MainWindow, mouse: Mouse) -> None:
    mouse.double_click(node_center(window, "welcome"))
    editors = [w for w in window.findChildren(SequenceEditor) if w.isVisible()]
    assert len(editors) == 1  # the sequence's own editor, not a rename on the canvas
    assert window.inspector.node is not None and window.inspector.node.id == "welcome"
    assert window.scene.renaming is None
    editors[0].reject()


def test_delete_a_node_with_its_edges_and_undo_restores_exactly(window: MainWindow,
                                                                 mouse: Mouse,
                                                                 workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    mouse.click(node_center(window, "downloaded"))
    window.menu_actions["delete"].trigger()
    assert campaign.find_node("downloaded") is None and campaign.edges == []
    assert stored(workspace_path) == campaign
    window.document.undo_stack.undo()
    assert campaign == before and stored(workspace_path) == before
    assert set(window.scene.edge_items) == set(before.edges)
    window.document.undo_stack.redo()
    assert campaign.edges == []


def test_select_and_delete_an_edge(window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    edge_item = window.scene.edge_items[campaign.edges[1]]
    mouse.click(edge_item.mapToScene(edge_item.shape().boundingRect().center()))
    assert isinstance(window.scene.selectedItems()[0], EdgeItem)
    window.menu_actions["delete"].trigger()
    assert [(e.source, e.target) for e in campaign.edges] == [("welcome", "downloaded")]
    window.document.undo_stack.undo()
    assert len(campaign.edges) == 2


def test_duplicate_nudge_and_select_all_are_undoable(window: MainWindow, mouse: Mouse) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    window.menu_actions["select_all"].trigger()
    window.menu_actions["duplicate"].trigger()
    assert len(campaign.nodes) == 6 and len(campaign.edges) == 4
    copies = [n for n in campaign.nodes if n.name.endswith("(copy)")]
    goal_copy = next(n for n in copies if isinstance(n, Goal))
    seq_copy = next(n for n in copies if isinstance(n, Sequence) and n.emails
                    and n.name.startswith("Welcome"))
    assert goal_copy.links == [seq_copy.emails[0].links[0].id] != ["dl"]
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    moved = campaign.node(goal_copy.id).position
    assert moved is not None and moved[0] == 300 + 48 + 48
    assert window.document.undo_stack.count() == 2  # the two nudges merged
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert campaign == before


def test_ctrl_wheel_zooms_and_fit_shows_everything(window: MainWindow, mouse: Mouse) -> None:
    before = window.view.zoom()
    mouse.ctrl_wheel(node_center(window, "welcome"), 2)
    assert window.view.zoom() > before
    window.menu_actions["fit"].trigger()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.content_rect())


def test_problems_panel_click_selects_and_centres_the_node(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_goal_links("downloaded", [])  # an error on the goal
    window.document.refresh()
    panel = window.problems_panel
    row = next(i for i in range(panel.count())
               if panel.item(i).data(Qt.ItemDataRole.UserRole) == "downloaded")
    panel.itemClicked.emit(panel.item(row))
    assert [i.node.id for i in window.scene.selected_nodes()] == ["downloaded"]
    assert window.scene.node_items["downloaded"].problems
    assert "Setup required" in window.scene.node_items["downloaded"].note()[0]


def test_the_toolbar_undo_keeps_its_label_and_says_what_it_undoes(window: MainWindow) -> None:
    twin = window.findChild(QAction, "toolbarUndoAction")
    assert twin is not None and not twin.isEnabled()
    window.editing.rename("welcome", "Hello there")
    assert twin.isEnabled() and twin.text() == "Undo"
    assert "Rename 'Welcome' to 'Hello there'" in twin.toolTip()
    twin.trigger()
    campaign = window.document.campaign
    assert campaign is not None and campaign.node("welcome").name == "Welcome"


def test_a_connection_back_to_an_earlier_node_loops_below_where_it_can_be_seen(
        window: MainWindow, mouse: Mouse) -> None:
    thanks = window.scene.node_items["thanks"]  # to the right of the goal, at the same height
    goal = window.scene.node_items["downloaded"]
    mouse.drag(thanks.output_point(), goal.scenePos())
    campaign = window.document.campaign
    assert campaign is not None and Edge("thanks", "downloaded") in campaign.edges
    back = window.scene.edge_items[Edge("thanks", "downloaded")]
    forward = window.scene.edge_items[Edge("downloaded", "thanks")]
    loop = back.path()
    lowest = max(thanks.sceneBoundingRect().bottom(), goal.sceneBoundingRect().bottom())
    assert loop.pointAtPercent(0.5).y() > lowest  # passes below both nodes and their labels
    overlap = loop.controlPointRect().intersected(forward.path().controlPointRect())
    assert overlap.height() < 0.25 * loop.controlPointRect().height()  # not on the forward one


def test_a_node_tooltip_is_written_when_the_mouse_comes_over_it(window: MainWindow,
                                                                  mouse: Mouse) -> None:
    window.editing.rename("thanks", "Thanks a lot")  # changed while nobody looks at it
    item = window.scene.node_items["thanks"]
    mouse.move(item.scenePos() + QPointF(0, 100), held=False)
    mouse.move(item.scenePos(), held=False)
    assert "Thanks a lot" in item.toolTip()
    window.editing.rename("thanks", "Thanks again")  # changed under the mouse: follows
    assert "Thanks again" in item.toolTip()
