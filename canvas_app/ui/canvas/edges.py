"""Edges: arrows from a node's output handle to the next node, following moved nodes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas_app.domain.model import Edge
from canvas_app.ui.canvas.constants import (
    EDGE_TYPE,
    LOD_DETAIL,
    TEMP_EDGE_TYPE,
    Z_DRAGGED_EDGE,
    Z_EDGE,
)
from canvas_app.ui.canvas.far_view import FarEdges
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.style.theme import Theme

HEAD = 11.0
#: Around a connection's curve, room for its arrow head (never longer than HEAD) and its pen.
_ROOM = HEAD + 8.0
_OUT, _IN = QPointF(4, 0), QPointF(2, 0)  # the curve leaves just after, ends just before
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


#: How far below its two nodes a connection back to an earlier node loops.
LOOP_DROP = 150.0


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal S-curve; a connection back to an earlier node (a loop) swings out and
    passes below both nodes, so it never lies on top of the connection going forward."""
    path = QPainterPath(start)
    sx, sy, ex, ey = start.x(), start.y(), end.x(), end.y()
    dx = max(60.0, abs(ex - sx) * 0.5)
    if ex < sx:
        dx = min(max(dx, 140.0), 220.0)
        drop = LOOP_DROP + abs(ey - sy) * 0.5
        path.cubicTo(sx + dx, sy + drop, ex - dx, ey + drop, ex, ey)
        return path
    path.cubicTo(sx + dx, sy, ex - dx, ey, ex, ey)
    return path


def edge_path(source: NodeItem, target: NodeItem) -> QPainterPath:
    """The curve of the connection from ``source`` to ``target``, as they stand."""
    return curve(source.output_point() + _OUT, target.input_point() - _IN)


def arrow_head(path: QPainterPath) -> QPolygonF:
    end = path.currentPosition()  # where the curve ends
    before = path.pointAtPercent(0.97)
    angle = math.atan2(end.y() - before.y(), end.x() - before.x())
    left = end - QPointF(math.cos(angle - 0.45) * HEAD, math.sin(angle - 0.45) * HEAD)
    right = end - QPointF(math.cos(angle + 0.45) * HEAD, math.sin(angle + 0.45) * HEAD)
    return QPolygonF([end, left, right])


class EdgeItem(QGraphicsItem):
    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, theme: Theme,
                 editable: bool) -> None:
        super().__init__()
        self.edge = edge
        self.source = source
        self.target = target
        self.theme = theme
        self._head: QPolygonF | None = None  # made when first painted
        self._shape: QPainterPath | None = None
        self.far_layer: FarEdges | None = None  # told when this curve changes
        if editable:
            self.setFlag(_SELECTABLE)
        self.setZValue(Z_EDGE)
        source.edges.add(self)
        target.edges.add(self)
        self.refresh_tooltip()
        self._path, self._bounds = self._curve()  # not in a scene yet: nothing to tell

    def _curve(self) -> tuple[QPainterPath, QRectF]:
        path = edge_path(self.source, self.target)
        return path, path.controlPointRect().adjusted(-_ROOM, -_ROOM, _ROOM, _ROOM)

    def refresh_tooltip(self) -> None:
        """The tooltip names the two nodes it joins, as they are named now."""
        self.setToolTip(f"{self.source.node.name} → {self.target.node.name}")

    def type(self) -> int:
        return EDGE_TYPE

    def detach(self) -> None:
        self.source.edges.discard(self)
        self.target.edges.discard(self)

    def adjust(self) -> None:
        """Follows its nodes. The arrow head and the wide selection outline are made when
        first needed (a connection far away or out of sight needs neither)."""
        self.prepareGeometryChange()
        before = self._bounds
        self._path, self._bounds = self._curve()
        self._head = None
        self._shape = None
        if self.far_layer is not None:
            self.far_layer.moved(self, before.united(self._bounds))

    def head(self) -> QPolygonF:
        if self._head is None:
            self._head = arrow_head(self._path)
        return self._head

    def boundingRect(self) -> QRectF:
        return self._bounds

    def path(self) -> QPainterPath:
        return self._path

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(14)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        color = self.theme.edge_selected if self.isSelected() else self.theme.edge
        if lod < LOD_DETAIL:  # far away: a thin line, no arrow head, no antialiasing
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(color, 0))
            painter.drawPath(self._path)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 3.4 if self.isSelected() else 2.2, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self.head())


class DraggedEdgeItem(QGraphicsItem):
    """The arrow that follows the mouse while a connection is being made."""

    def __init__(self, start: QPointF, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.start = start
        self.state: str | None = None
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._bounds = QRectF()
        self.setZValue(Z_DRAGGED_EDGE)
        self.set_end(start, None)

    def type(self) -> int:
        return TEMP_EDGE_TYPE

    def set_end(self, end: QPointF, state: str | None) -> None:
        self.prepareGeometryChange()
        self.state = state
        self._path = curve(self.start, end)
        self._head = arrow_head(self._path)
        self._bounds = self._path.boundingRect().united(self._head.boundingRect()).adjusted(
            -6, -6, 6, 6)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        color = {"allowed": t.allowed, "refused": t.refused}.get(self.state or "", t.accent)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 2.6, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self._head)
