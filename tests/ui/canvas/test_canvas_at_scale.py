"""A large campaign far out and close up: the far view draws every node and connection as
their items would (the same picture), answers the mouse as they do, and the work of a repaint,
a drag step and a build does not grow with the campaign's items. No timings: the tests count
what is done."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem

from canvas_app.domain.model import Campaign
from canvas_app.ui.canvas import edges, far_view, grid, nodes
from canvas_app.ui.canvas.constants import Z_NODE
from canvas_app.ui.canvas.far_view import FAR_MIN_EDGES, FAR_NODES_ZOOM
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.canvas.large import large_campaign

FAR = FAR_NODES_ZOOM * 0.7


def _large(pairs: int = FAR_MIN_EDGES) -> Campaign:
    return large_campaign(((i, i - 1) for i in range(1, pairs, 7)), pairs)  # some swing back


@pytest.fixture
def large(window: MainWindow) -> Iterator[MainWindow]:
    window.document.store.add(_large())
    window.open_campaign("large")
    yield window


def _picture(window: MainWindow) -> QImage:
    QApplication.processEvents()
    return window.view.viewport().grab().toImage()


def _far_out(window: MainWindow, zoom: float = FAR) -> None:
    window.view.set_zoom(zoom)
    window.view.centerOn(2000, 600)


def test_far_out_the_nodes_look_as_their_items_paint_them(
        large: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    scene = large.scene
    scene.node_items["s1"].setSelected(True)  # an accent mark
    scene.node_items["g3"].setOpacity(0.3)  # faded (a path shown): it fades as one picture
    _far_out(large)
    assert scene.far_nodes.scene() is scene
    drawn_by_layer = _picture(large)
    # the same campaign drawn by its own items at the same zoom (no far view at all)
    monkeypatch.setattr(far_view, "FAR_MIN_EDGES", 10**9)
    large.view.set_zoom(1.0)
    _far_out(large)
    assert scene.far_nodes.scene() is None and not scene.far
    assert _picture(large) == drawn_by_layer


def test_far_out_a_repaint_asks_no_node_or_connection_to_paint(
        large: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    _far_out(large)
    _picture(large)
    painted: list[object] = []
    monkeypatch.setattr(nodes.NodeItem, "paint", lambda item, *a: painted.append(item))
    monkeypatch.setattr(edges.EdgeItem, "paint", lambda item, *a: painted.append(item))
    large.scene.far_nodes.invalidate()
    large.view.viewport().repaint()
    assert painted == []


def test_far_out_a_node_is_still_clicked_and_dragged(large: MainWindow, mouse) -> None:  # type: ignore[no-untyped-def]
    scene = large.scene
    _far_out(large, FAR_NODES_ZOOM * 0.9)  # big enough on screen to be dragged
    item = scene.node_items["s21"]
    assert item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    start = item.scenePos()
    mouse.click(start)
    assert scene.selected_nodes() == [item]
    made: list[object] = []
    real_runs = far_view.runs

    def counted(*args):  # type: ignore[no-untyped-def]
        made.append(args)
        return real_runs(*args)

    far_view.runs = counted  # type: ignore[assignment]
    try:
        mouse.press(start)
        for step in range(1, 9):
            mouse.move(start + QPointF(0, 60 * step))
            large.view.viewport().repaint()
        assert len(made) <= 1  # the nodes' layer is not made again for every step
        mouse.release(start + QPointF(0, 480))
    finally:
        far_view.runs = real_runs  # type: ignore[assignment]
    assert item.scenePos().y() > start.y() + 300  # moved where it was dropped
    assert scene.document.campaign is not None
    moved = scene.document.campaign.node("s21")
    assert moved is not None and moved.position == (item.scenePos().x(), item.scenePos().y())
    # after the drag everything is drawn by the layers again, as they would draw it afresh
    settled = _picture(large)
    assert not scene.far_nodes.moving and not scene.far_edges.moving
    scene.far_nodes.invalidate()
    scene.far_edges.invalidate()
    assert _picture(large) == settled


def test_a_drag_step_makes_no_arrow_heads_until_they_are_painted(
        large: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    scene = large.scene
    large.view.actual_size()
    item = scene.node_items["g1"]  # joined to s1 and, swinging back, to s0
    large.view.centerOn(item)
    _picture(large)
    made: list[object] = []
    real = edges.arrow_head
    monkeypatch.setattr(edges, "arrow_head", lambda path: made.append(path) or real(path))
    for _ in range(10):
        item.setPos(item.pos() + QPointF(3, 0))
    assert made == []
    large.view.viewport().repaint()
    assert 0 < len(made) <= len(item.edges)  # each shown connection's head, once


def test_the_grid_is_drawn_once_for_repaints_that_do_not_move_the_view(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = grid.draw_background
    monkeypatch.setattr("canvas_app.ui.canvas.view.draw_background",
                        lambda *a: calls.append(a) or real(*a))
    viewport = window.view.viewport()
    viewport.repaint()
    calls.clear()
    for _ in range(3):
        viewport.repaint()
    assert calls == []
    with_grid = _picture(window)
    window.view.set_grid(False)  # the cached grid goes with the setting
    without = _picture(window)
    assert without != with_grid
    window.view.set_grid(True)
    assert _picture(window) == with_grid


def test_building_a_campaign_gives_no_node_a_stacking_value_or_an_elided_name(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.store.add(_large())
    changes: list[tuple[nodes.NodeItem, QGraphicsItem.GraphicsItemChange]] = []
    real = nodes.NodeItem.itemChange
    monkeypatch.setattr(nodes.NodeItem, "itemChange",
                        lambda item, change, value: changes.append((item, change))
                        or real(item, change, value))
    window.open_campaign("large")
    built = set(window.scene.node_items.values())
    kinds = {change for item, change in changes if item in built}
    # placed before it listens, at the default stacking value: no call for either
    change = QGraphicsItem.GraphicsItemChange
    assert not kinds & {change.ItemZValueChange, change.ItemZValueHasChanged,
                        change.ItemPositionChange, change.ItemPositionHasChanged}
    item = window.scene.node_items["s0"]
    assert item.zValue() == Z_NODE
    assert item._elided is None  # elided when first painted, not during the build
    assert item._name_text == "Step 0"
