"""A large campaign is shown before its connections have their items (they are made when the
event loop is idle): until then the canvas looks, answers and edits exactly as with every item
made. Each test acts right after opening, while the connections still wait."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.domain.model import Campaign, Edge
from canvas_app.ui.canvas.edges import EdgeItem, edge_path
from canvas_app.ui.canvas.far_view import FAR_MIN_EDGES, FAR_ZOOM
from canvas_app.ui.editor import document as editor_document
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.canvas.large import large_campaign
from tests.ui.conftest import Mouse


def _large(pairs: int = FAR_MIN_EDGES) -> Campaign:
    return large_campaign(((i, i + 1) for i in range(0, pairs - 1, 3)), pairs)  # some onward


@pytest.fixture
def large(window: MainWindow) -> Iterator[MainWindow]:
    """Opened far out (the whole campaign fitted), its connections' items not made yet."""
    window.document.store.add(_large())
    window.open_campaign("large")
    assert window.view.zoom() < FAR_ZOOM and window.scene.far
    assert window.scene.edges_waiting
    yield window


def _campaign(window: MainWindow) -> Campaign:
    campaign = window.document.campaign
    assert campaign is not None
    return campaign


def _edge_items_in_scene(window: MainWindow) -> list[EdgeItem]:
    return [i for i in window.scene.items() if isinstance(i, EdgeItem)]


def _idle(window: MainWindow) -> None:
    """Turns of the event loop until every connection has its item (bounded)."""
    for _ in range(200):
        if not window.scene.edges_waiting:
            return
        QApplication.processEvents()
    raise AssertionError("the connections' items were never all made")


def test_far_out_the_connections_are_drawn_before_their_items_are_made(
        large: MainWindow) -> None:
    before_items = large.view.viewport().grab().toImage()
    assert large.scene.edges_waiting  # that paint made none
    _idle(large)
    large.scene.far_edges.invalidate()  # drawn again, from the items this time
    assert large.view.viewport().grab().toImage() == before_items
    assert len(_edge_items_in_scene(large)) == len(_campaign(large).edges)


def test_close_up_the_first_paint_draws_every_connection(large: MainWindow) -> None:
    large.view.actual_size()
    large.view.centerOn(large.scene.node_items["g0"])
    first: QImage = large.view.viewport().grab().toImage()
    assert not large.scene.edges_waiting
    large.view.viewport().update()
    QApplication.processEvents()
    assert large.view.viewport().grab().toImage() == first
    assert len(large.scene.edge_items) == len(_campaign(large).edges)


def test_a_connection_is_clicked_close_up_before_any_paint(large: MainWindow,
                                                          mouse: Mouse) -> None:
    large.view.actual_size()
    source, target = large.scene.node_items["g294"], large.scene.node_items["s295"]
    large.view.centerOn(source)
    middle = edge_path(source, target).pointAtPercent(0.5)
    assert large.scene.edges_waiting  # (the campaign's last connections wait the longest)
    mouse.press(middle)
    mouse.release(middle)
    assert [e.edge for e in large.scene.selected_edges()] == [Edge("g294", "s295")]


def test_the_context_menu_of_a_connection_gets_its_item(large: MainWindow) -> None:
    large.view.actual_size()
    source, target = large.scene.node_items["g297"], large.scene.node_items["s298"]
    large.view.centerOn(source)
    chosen: list[object] = []
    real = large.view.menu_factory
    assert real is not None
    large.view.menu_factory = lambda item, at: chosen.append(item) or real(item, at)
    at = large.view.mapFromScene(edge_path(source, target).pointAtPercent(0.5))
    menu = large.view.open_menu(at)
    assert menu is not None
    menu.close()
    assert isinstance(chosen[0], EdgeItem) and chosen[0].edge == Edge("g297", "s298")


def test_select_all_and_delete_far_out_is_one_undo_step(large: MainWindow) -> None:
    campaign = _campaign(large)
    nodes, edges = len(campaign.nodes), set(campaign.edges)
    large.editing.select_all()
    assert large.editing.delete_selection()
    assert campaign.nodes == [] and campaign.edges == []
    _idle(large)
    assert large.scene.node_items == {} and _edge_items_in_scene(large) == []
    stack = large.document.undo_stack
    assert stack is not None and stack.count() == 1
    stack.undo()
    assert len(campaign.nodes) == nodes and set(campaign.edges) == edges
    assert {i.edge for i in _edge_items_in_scene(large)} == edges


def test_a_connection_deleted_before_its_item_was_made_never_appears(
        large: MainWindow) -> None:
    gone = Edge("g291", "s292")
    assert large.controller.delete([], [gone], [])
    _idle(large)
    assert gone not in large.scene.edge_items
    assert {i.edge for i in _edge_items_in_scene(large)} == set(_campaign(large).edges)


def test_a_node_moved_before_its_connections_have_items_takes_them_along(
        large: MainWindow) -> None:
    item = large.scene.node_items["g3"]
    item.setPos(item.pos() + QPointF(0, 900))  # as a drag step does
    assert {e.edge for e in item.edges} == {Edge("s3", "g3"), Edge("g3", "s4")}
    for edge in item.edges:
        assert edge.path() == edge_path(edge.source, edge.target)  # where the node is now
    assert large.scene.far_edges.moving == item.edges  # drawn apart until it settles


def test_a_screen_reader_hears_every_connection_right_after_opening(large: MainWindow
                                                                     ) -> None:
    face = QAccessible.queryAccessibleInterface(large.view)
    assert face is not None
    campaign = _campaign(large)
    assert face.childCount() == len(campaign.nodes) + len(campaign.edges)
    names = {face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())}
    assert "Connection from 'Step 7' to 'Goal 7'" in names


def test_find_goes_to_a_node_never_shown_and_a_path_dims_connections_made_later(
        large: MainWindow) -> None:
    large.view.setFocus()
    QTest.keyClick(large.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(large.find_bar.field, "Goal 287")
    QTest.keyClick(large.find_bar.field, Qt.Key.Key_Return)
    assert [i.node.id for i in large.scene.selected_nodes()] == ["g287"]
    QTest.keyClick(large.find_bar.field, Qt.Key.Key_Escape)
    large.scene.complete_items()
    large.open_campaign("ebook")
    large.open_campaign("large")  # its connections wait again
    assert large.scene.edges_waiting
    large.scene.show_path({"s2", "g2"})
    _idle(large)
    dimmed = {e.edge for e in large.scene.edge_items.values() if e.opacity() < 1.0}
    assert dimmed == set(_campaign(large).edges) - {Edge("s2", "g2")}


def test_opening_a_large_campaign_validates_it_once(window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.store.add(_large())
    validated: list[Campaign] = []
    real = editor_document.validate
    monkeypatch.setattr(editor_document, "validate", lambda c: validated.append(c) or real(c))
    window.open_campaign("large")
    _idle(window)  # its connections made, the event loop turned
    QApplication.processEvents()
    assert validated == [_campaign(window)]
