"""The far view: a large campaign zoomed out draws its connections as one path, and comes back
to one item per connection when the user zooms in."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from canvas_app.domain.model import Campaign, Edge, Goal, Sequence
from canvas_app.ui.canvas.far_view import FAR_MIN_EDGES, FAR_ZOOM
from canvas_app.ui.window.main_window import MainWindow


def _large(pairs: int = FAR_MIN_EDGES) -> Campaign:
    sequences = [Sequence(f"s{i}", f"Step {i}", ((i % 20) * 700.0, (i // 20) * 300.0), [])
                 for i in range(pairs)]
    goals = [Goal(f"g{i}", f"Goal {i}", ((i % 20) * 700.0 + 330, (i // 20) * 300.0), [])
             for i in range(pairs)]
    edges = [Edge(f"s{i}", f"g{i}") for i in range(pairs)]
    return Campaign("large", "Large", None, sequences, goals, edges)


def _visible_edges(window: MainWindow) -> int:
    return sum(1 for e in window.scene.edge_items.values() if e.isVisible())


def test_zoomed_out_a_large_campaign_draws_its_connections_as_one_path(window: MainWindow,
                                                                      mouse) -> None:  # type: ignore[no-untyped-def]
    window.document.store.add(_large())
    window.open_campaign("large")
    scene, view = window.scene, window.view
    view.set_zoom(FAR_ZOOM * 0.6)
    assert scene.far and scene.far_edges.scene() is scene
    assert _visible_edges(window) == 0
    view.viewport().repaint()  # the one path is made for this paint
    # moving a node (a real drag) moves its connection in the one path too
    item = scene.node_items["s0"]
    start = item.scenePos()
    mouse.drag(start, start + QPointF(0, 900))
    assert item.scenePos().y() > start.y() + 500
    view.viewport().repaint()
    drawn = scene.far_edges._path
    assert drawn is not None
    assert drawn.controlPointRect().contains(item.output_point() + QPointF(4, 0))
    view.set_zoom(1.0)
    assert not scene.far and scene.far_edges.scene() is None
    assert _visible_edges(window) == len(scene.edge_items)


def test_a_small_campaign_keeps_its_connections_at_any_zoom(window: MainWindow) -> None:
    window.view.set_zoom(FAR_ZOOM * 0.6)
    assert not window.scene.far
    assert _visible_edges(window) == len(window.scene.edge_items) > 0


def test_switching_from_a_far_large_campaign_to_a_small_one_shows_its_connections(
        window: MainWindow) -> None:
    window.document.store.add(_large())
    window.open_campaign("large")
    window.view.set_zoom(FAR_ZOOM * 0.6)
    assert window.scene.far
    window.scene.document.open_campaign("ebook")  # the scene reloads; the view keeps its zoom
    QApplication.processEvents()
    assert window.view.zoom() < FAR_ZOOM
    assert not window.scene.far
    assert _visible_edges(window) == len(window.scene.edge_items) > 0
