"""The connection items of a large campaign, made after its first paint.

Building a campaign of thousands of connections made one item for each before anything could be
drawn. A large campaign (one the far view draws from a single path when zoomed out) now gets
its connection items a few hundred at a time, when the event loop is idle after the build;
until then the far view draws the connections still waiting from their nodes (the same curve
their items will have). Whatever needs them earlier makes them all at once first: anything that
asks the scene for its connections or items, any input to the canvas, a model change, a node
that moves, and a paint close enough that the items draw themselves. Nobody outside sees the
difference but the time it takes to show the campaign."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from canvas_app.domain.model import Edge
from canvas_app.ui.canvas.edges import EdgeItem, edge_path
from canvas_app.ui.canvas.nodes import NodeItem

#: Connection items made per turn of the event loop (a few milliseconds of work).
CHUNK = 250

_T = QEvent.Type
#: What the user does to the canvas (its view's or its scene's events): the connections still
#: without an item get theirs first.
USER_INPUT = frozenset({
    _T.GraphicsSceneMousePress, _T.GraphicsSceneMouseMove, _T.GraphicsSceneMouseRelease,
    _T.GraphicsSceneMouseDoubleClick, _T.GraphicsSceneContextMenu, _T.GraphicsSceneHelp,
    _T.GraphicsSceneDragEnter, _T.GraphicsSceneDragMove, _T.GraphicsSceneDrop,
    _T.GraphicsSceneWheel, _T.KeyPress, _T.KeyRelease, _T.InputMethod, _T.MouseButtonPress,
    _T.MouseMove, _T.MouseButtonRelease, _T.MouseButtonDblClick, _T.Wheel, _T.ContextMenu,
    _T.DragEnter, _T.DragMove, _T.Drop, _T.ToolTip})


class LazyEdges:
    """The scene's connection items (``made``) and the connections still waiting for theirs."""

    def __init__(self, make: Callable[[Edge], EdgeItem],
                 nodes: Callable[[], dict[str, NodeItem]], parent: QObject) -> None:
        self.made: dict[Edge, EdgeItem] = {}
        self._waiting: deque[Edge] = deque()  # in the campaign's order
        self._make = make
        self._nodes = nodes
        self._timer = QTimer(parent)  # goes with the scene
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._some)

    def __len__(self) -> int:
        """How many connections there are, with or without their item."""
        return len(self.made) + len(self._waiting)

    @property
    def waiting(self) -> bool:
        return bool(self._waiting)

    def clear(self) -> None:
        self._timer.stop()
        self._waiting.clear()
        self.made.clear()

    def later(self, edges: list[Edge]) -> None:
        """These connections get their items when the event loop is idle (or when needed)."""
        self._waiting.extend(edges)
        if self._waiting:
            self._timer.start()

    def complete(self) -> None:
        """Every connection has its item now."""
        if self._waiting:
            self._timer.stop()
            self._take(len(self._waiting))

    def _some(self) -> None:
        self._take(CHUNK)
        if self._waiting:
            self._timer.start()

    def _take(self, n: int) -> None:
        waiting, make = self._waiting, self._make
        for _ in range(min(n, len(waiting))):
            make(waiting.popleft())

    def waiting_paths(self) -> Iterator[QPainterPath]:
        """The curves of the connections without an item, as their items will draw them."""
        nodes = self._nodes()
        for edge in self._waiting:
            yield edge_path(nodes[edge.source], nodes[edge.target])


class LazyEdgesScene(QGraphicsScene):
    """The canvas scene's node items and its connections, whose items may wait: anyone asking
    for them (``edge_items``, ``items()``) gets them all."""

    def __init__(self) -> None:
        super().__init__()
        self.node_items: dict[str, NodeItem] = {}
        self._edges = LazyEdges(self._add_waiting, lambda: self.node_items, self)

    def _add_waiting(self, edge: Edge) -> EdgeItem:
        raise NotImplementedError

    @property
    def far(self) -> bool:
        """Whether the far view draws the connections (then theirs can wait)."""
        raise NotImplementedError

    @property
    def edge_items(self) -> dict[Edge, EdgeItem]:
        """Every connection's item (made now for those still without one)."""
        self._edges.complete()
        return self._edges.made

    @property
    def edges_waiting(self) -> bool:
        """Whether some connections have no item yet (their items are being made)."""
        return self._edges.waiting

    def complete_items(self) -> None:
        self._edges.complete()

    def ready_for(self, event: QEvent) -> None:
        """The view or the scene is about to handle ``event``: a user's input, or a paint close
        enough for the items to draw themselves, needs every item."""
        kind = event.type()  # (asked first: the scene's own events come before its fields)
        if (kind in USER_INPUT or (kind == _T.Paint and not self.far)) and self._edges.waiting:
            self._edges.complete()

    def event(self, event: QEvent) -> bool:
        self.ready_for(event)
        return super().event(event)

    def items(self, *args: Any, **kwargs: Any) -> list[QGraphicsItem]:
        self._edges.complete()
        return super().items(*args, **kwargs)

    def itemAt(self, *args: Any, **kwargs: Any) -> QGraphicsItem | None:
        self._edges.complete()
        return super().itemAt(*args, **kwargs)
