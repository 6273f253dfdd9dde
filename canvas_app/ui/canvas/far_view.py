"""The far view of a large campaign: below the zoom where text disappears, every connection is
drawn by one item as one path, instead of thousands of items painting one curve each; below
the zoom where nodes lose their detail, every node is drawn by a second item from arrays of
rectangles, and the node items themselves paint nothing (they still take the mouse).

The connections' items stay in the scene (hidden, but a selected one stays shown; right after a
build some are still being made, ``lazy_edges``, and the layer draws those from their nodes);
the layers follow the items: any connection or node that moves or changes marks its layer for
rebuilding, which happens at the next paint. What the layers draw is what the items draw at that zoom."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from canvas_app.domain.model import Goal
from canvas_app.ui.canvas.constants import LOD_DETAIL, LOD_TEXT, Z_EDGE, Z_NODE
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.style.theme import Theme

if TYPE_CHECKING:
    from canvas_app.ui.canvas.edges import EdgeItem

#: Below this zoom the far view takes over (text is not drawn there either).
FAR_ZOOM = LOD_TEXT
#: Below this zoom the nodes are drawn by the far view too (plain shapes, no detail).
FAR_NODES_ZOOM = LOD_DETAIL
#: Campaigns with fewer connections keep one item per connection at every zoom.
FAR_MIN_EDGES = 300

#: What the far view needs of a node item, read when its layer is rebuilt: its body in scene
#: coordinates, whether it is a goal, selected, has problems.
NodeLook = tuple[QRectF, bool, bool, bool]
#: Painting order: (colour, rectangles), drawn one after the other.
Run = tuple[QColor, list[QRectF]]


class Connections(Protocol):
    """The scene's connections: the items made so far, and the curves of those still without
    one (``lazy_edges``)."""

    @property
    def made(self) -> Mapping[Any, EdgeItem]: ...

    def __len__(self) -> int: ...

    def waiting_paths(self) -> Iterator[QPainterPath]: ...


class _Layer(QGraphicsItem):
    """An item covering the scene that never takes the mouse, remade lazily. What moves
    (a node being dragged and its connections) is drawn apart from it until it settles, so
    the rest is not remade for every step of a drag."""

    def __init__(self, theme: Theme, z: float) -> None:
        super().__init__()
        self.theme = theme
        self._bounds = QRectF()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def invalidate(self) -> None:
        """Something it draws changed, came or went: everything is drawn by it again, made
        at the next paint."""
        self.settle()
        self.forget()
        self.update()

    def forget(self) -> None:
        raise NotImplementedError

    def settle(self) -> None:
        """What moved is drawn by the layer again."""
        raise NotImplementedError

    def follow_scene_rect(self) -> None:
        """The layer covers the scene's area (which holds every node with a margin)."""
        self.prepareGeometryChange()
        scene = self.scene()
        self._bounds = scene.sceneRect() if scene is not None else QRectF()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the mouse: clicks go to what is drawn below


def _far_pen(theme: Theme) -> QPen:
    return QPen(theme.edge, 0)  # cosmetic: one pixel at any zoom


class FarEdges(_Layer):
    def __init__(self, theme: Theme, edges: Connections) -> None:
        super().__init__(theme, Z_EDGE - 0.5)
        self._edges = edges
        self._path: QPainterPath | None = None  # None: to be made at the next paint
        self.moving: set[EdgeItem] = set()  # drawn by ``movers`` until they settle
        self.movers = _MovingEdges(self)

    def forget(self) -> None:
        self._path = None

    def settle(self) -> None:
        if self.moving:
            self.moving.clear()
            self._path = None
            self.update()
            self.movers.update()

    def moved(self, edge: EdgeItem, dirty: QRectF) -> None:
        """The connection's curve changed (``dirty``: where it was and is)."""
        if edge not in self.moving:
            self.moving.add(edge)
            self.forget()
            self.update()
        self.movers.update(dirty)

    def follow_scene_rect(self) -> None:
        super().follow_scene_rect()
        self.movers.follow(self._bounds)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._path is None:
            self._path = QPainterPath()
            for edge in self._edges.made.values():
                if edge not in self.moving:
                    self._path.addPath(edge.path())
            for path in self._edges.waiting_paths():
                self._path.addPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(_far_pen(self.theme))
        painter.drawPath(self._path)


class _MovingEdges(QGraphicsItem):
    """The connections that move, drawn as the far path draws them, apart from it."""

    def __init__(self, layer: FarEdges) -> None:
        super().__init__(layer)
        self.layer = layer
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def follow(self, bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self._bounds = bounds

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.layer.moving:
            return
        path = QPainterPath()
        for edge in self.layer.moving:
            path.addPath(edge.path())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(_far_pen(self.layer.theme))
        painter.drawPath(path)


class FarNodes(_Layer):
    """Every node as its far-away item paints it: its body's rectangle in the goal or card
    border colour, with a smaller one inside in the accent colour when selected, or the
    error colour when it has problems; in the nodes' stacking order. A faded node (a path
    shown, a search) and a moving one paint themselves (the same picture)."""

    def __init__(self, theme: Theme, nodes: Callable[[], Iterable[NodeItem]]) -> None:
        super().__init__(theme, Z_NODE - 0.5)
        self._nodes = nodes
        self._runs: list[Run] | None = None
        self.moving: set[NodeItem] = set()

    def forget(self) -> None:
        self._runs = None

    def settle(self) -> None:
        moving, self.moving = self.moving, set()
        for item in moving:
            item.follow_far_layer()
        if moving:
            self.forget()
            self.update()

    def moved(self, item: NodeItem) -> None:
        if item not in self.moving:
            self.moving.add(item)
            item.follow_far_layer()
            self.forget()
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._runs is None:
            self._runs = runs([node_look(i) for i in self._nodes() if i.far_drawn()],
                              self.theme)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        for color, rects in self._runs:
            painter.setBrush(color)
            painter.drawRects(rects)


def runs(looks: list[NodeLook], theme: Theme) -> list[Run]:
    """The rectangles to fill, grouped by colour. Nodes drawn in any order look the same when
    no two overlap; when some do, their stacking order is kept."""
    shapes: list[tuple[int, QColor, QRectF]] = []  # (0 body | 1 the mark inside, ...)
    for body, goal, selected, problems in looks:
        shapes.append((0, theme.goal if goal else theme.card_border, body))
        if selected or problems:
            shapes.append((1, theme.accent if selected else theme.error,
                           body.adjusted(20, 20, -20, -20)))
    if not _any_overlap([look[0] for look in looks]):
        grouped: dict[tuple[int, int], Run] = {}
        for part, color, rect in sorted(shapes, key=lambda s: s[0]):  # bodies, then marks
            grouped.setdefault((part, color.rgba()), (color, []))[1].append(rect)
        return list(grouped.values())
    ordered: list[Run] = []
    for _part, color, rect in shapes:
        if ordered and ordered[-1][0] == color:
            ordered[-1][1].append(rect)
        else:
            ordered.append((color, [rect]))
    return ordered


_CELL = 256.0  # larger than any node's body: a body touches at most four cells


def _any_overlap(bodies: list[QRectF]) -> bool:
    cells: dict[tuple[int, int], list[QRectF]] = {}
    for body in bodies:
        keys = {(int(x // _CELL), int(y // _CELL)) for x in (body.left(), body.right())
                for y in (body.top(), body.bottom())}
        for key in keys:
            near = cells.setdefault(key, [])
            if any(body.intersects(other) for other in near):
                return True
            near.append(body)
    return False


def node_look(item: NodeItem) -> NodeLook:
    return (item.body_rect().translated(item.pos()), isinstance(item.node, Goal),
            item.isSelected(), bool(item.problems))


class FarView:
    """The two layers of a scene's far view, shown and hidden as its view's zoom changes."""

    def __init__(self, scene: QGraphicsScene, theme: Theme, nodes: Mapping[Any, NodeItem],
                 edges: Connections) -> None:
        self.scene = scene
        self._nodes = nodes
        self._edges = edges
        self.edges = FarEdges(theme, edges)
        self.nodes = FarNodes(theme, nodes.values)
        self.far = False  # the connections drawn as one path
        self.far_nodes = False  # the nodes drawn from arrays, their items painting nothing

    @staticmethod
    def large(edges: int) -> bool:
        """Whether a campaign with this many connections has a far view."""
        return edges >= FAR_MIN_EDGES

    def set_zoom(self, zoom: float) -> None:
        large = self.large(len(self._edges))
        self._set_far_nodes(large and zoom < FAR_NODES_ZOOM)
        far = large and zoom < FAR_ZOOM
        if far == self.far:
            return
        self.far = far
        for item in self._edges.made.values():
            item.setVisible(not far or item.isSelected())
        self._show(self.edges, far)

    def _set_far_nodes(self, on: bool) -> None:
        if on == self.far_nodes:
            return
        self.far_nodes = on
        self.nodes.settle()
        # that far out the whole path is a picture of about the view's size: kept as one
        self.edges.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache if on
                                else QGraphicsItem.CacheMode.NoCache)
        for item in self._nodes.values():
            item.set_far_layer(self.nodes if on else None)
        self._show(self.nodes, on)

    def _show(self, layer: _Layer, on: bool) -> None:
        if on:
            self.scene.addItem(layer)
            layer.follow_scene_rect()
            layer.invalidate()
        else:
            self.scene.removeItem(layer)

    def settle(self) -> None:
        """A drag ended: what moved is drawn by the layers again."""
        self.edges.settle()
        self.nodes.settle()

    def follow_scene_rect(self) -> None:
        for layer in (self.edges, self.nodes):
            if layer.scene() is self.scene:
                layer.follow_scene_rect()

    def node_added(self, item: NodeItem) -> None:
        """(The layer is invalidated by the caller, once for many.)"""
        if self.far_nodes:
            item.set_far_layer(self.nodes)

    def node_removed(self, item: NodeItem) -> None:
        if self.far_nodes:
            self.nodes.invalidate()

    def edge_added(self, item: EdgeItem) -> None:
        """(The layer is invalidated by the caller, once for many.)"""
        item.far_layer = self.edges
        if self.far:
            item.setVisible(False)
