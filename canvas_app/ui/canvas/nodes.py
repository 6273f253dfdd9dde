"""Node items: a sequence is a rounded card with an envelope icon; a goal is a round badge
with the link-goal icon. The name sits below the shape, elided with the full name in the
tooltip. Geometry is computed when the node changes, never in paint()."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas_app.domain.model import Goal, Node
from canvas_app.domain.validation import Problem
from canvas_app.domain.vocabulary import ConnectionState
from canvas_app.ui.canvas import connect_badge
from canvas_app.ui.canvas.constants import (
    LOD_DETAIL,
    LOD_TEXT,
)
from canvas_app.ui.canvas.count_chip import (
    CHIP_GAP,
    chip_height,
    chip_rect,
    count_text,
    line_height,
    make_font,
    metrics,
)
from canvas_app.ui.canvas.node_host import NodeHost, snap_point
from canvas_app.ui.canvas.node_tooltip import tooltip_html
from canvas_app.ui.style.theme import Theme

if TYPE_CHECKING:
    from canvas_app.ui.canvas.edges import EdgeItem
    from canvas_app.ui.canvas.far_view import FarNodes

LABEL_WIDTH = 236.0
HANDLE_RADIUS = 7.0

_Change = QGraphicsItem.GraphicsItemChange
_POSITION_CHANGE = _Change.ItemPositionChange
_POSITION_CHANGED = _Change.ItemPositionHasChanged
#: Changes that alter how the far view draws a node (besides its place): selection, opacity,
#: showing.
_FAR_LOOK = frozenset({_Change.ItemSelectedHasChanged, _Change.ItemOpacityHasChanged,
                       _Change.ItemVisibleHasChanged})
_Flag = QGraphicsItem.GraphicsItemFlag
_NO_CONTENTS = _Flag.ItemHasNoContents
_FLAGS = _Flag.ItemIsSelectable | _Flag.ItemSendsGeometryChanges | _Flag.ItemIsFocusable
_EDITABLE_FLAGS = _FLAGS | _Flag.ItemIsMovable
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
#: The geometry of a node without live counts, by kind, in the fonts and label width it was
#: measured in (bounds, output and input points): the same for every node of a campaign.
_PLAIN: dict[type, tuple[QFont, QFont, float, QRectF, QPointF, QPointF]] = {}


class NodeItem(QGraphicsItem):
    """Mirrors one node of the model; the scene keeps it up to date."""

    name_font = make_font(10.5, bold=True)
    #: as wide as the name's type needs: it grows with the fonts (a projector's larger type)
    label_width = LABEL_WIDTH
    note_font = make_font(8.5)

    def __init__(self, node: Node, theme: Theme, editable: bool,
                 host: NodeHost | None = None) -> None:
        super().__init__()
        self.host = host
        self.node = node
        self.theme = theme
        self.edges: set[EdgeItem] = set()
        self.problems: list[Problem] = []
        self.counts: dict[str, int] | None = None
        self.rate: str | None = None  # a goal's conversion, when View › Show Rates is on
        self.counted_contacts: tuple[list[str], int] | None = None
        self.connect_state: ConnectionState | None = None
        self._hover = False
        self.far_layer: FarNodes | None = None  # draws this node instead, far away
        # placed before it sends geometry changes: nothing follows it yet
        self.setPos(QPointF(*(node.position or (0.0, 0.0))))
        self.setFlags(_EDITABLE_FLAGS if editable else _FLAGS)
        self.setAcceptHoverEvents(True)
        # its stacking value stays Qt's default, Z_NODE (see constants)
        self.setCacheMode(_DEVICE_CACHE)
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None  # made when first asked for (hit tests)
        self._elided: str | None = None  # the name as shown: made when first asked for
        self._note_text = ""
        self._note_attention = False
        self._measure()  # not in a scene yet, and not hovered: nothing else to tell

    # -- geometry (recomputed only when the node changes) ------------------------------
    def body_rect(self) -> QRectF:
        raise NotImplementedError

    def note(self) -> tuple[str, bool]:
        """(the small line under the name, whether it needs attention)."""
        raise NotImplementedError

    def label_rect(self, body: QRectF | None = None) -> QRectF:
        """Where the name and the line under it go (``body``: the body_rect, when known)."""
        body = self.body_rect() if body is None else body
        height = line_height(self.name_font) + line_height(self.note_font)
        top = body.bottom() + 8 + (chip_height() + CHIP_GAP - 2 if self.chip_text()
                                   else 0)
        return QRectF(-self.label_width / 2, top, self.label_width, height + 4)

    def name_rect(self) -> QRectF:
        label = self.label_rect()
        return QRectF(label.left(), label.top(), label.width(),
                      line_height(self.name_font) + 2)

    def handle_center(self) -> QPointF:
        return QPointF(self.body_rect().right(), 0)

    def output_point(self) -> QPointF:
        return self.mapToScene(self._output)

    def input_point(self) -> QPointF:
        return self.mapToScene(self._input)

    def handle_hit(self, scene_pos: QPointF) -> bool:
        delta = self.mapFromScene(scene_pos) - self.handle_center()
        return delta.x() ** 2 + delta.y() ** 2 <= (HANDLE_RADIUS + 5) ** 2

    def refresh(self) -> None:
        """Call after the node's name or content changed."""
        self.prepareGeometryChange()
        self._measure()
        self._update_tooltip()
        self.update()

    def _measure(self) -> None:
        """Its geometry and text, made again from the node (the only work of a new item)."""
        self._elided = None
        self._note_text, self._note_attention = self.note()
        self._shape = None
        plain = not self.chip_text()  # then its geometry is its kind's, in the current type
        kept = _PLAIN.get(type(self)) if plain else None
        if kept is not None and kept[0] is self.name_font and kept[1] is self.note_font \
                and kept[2] == self.label_width:
            self._bounds, self._output, self._input = QRectF(kept[3]), kept[4], kept[5]
            return
        body = self.body_rect()
        self._output, self._input = QPointF(body.right(), 0), QPointF(body.left(), 0)
        self._bounds = body.adjusted(-14, -14, 16, 14).united(self.label_rect(body))
        if plain:
            _PLAIN[type(self)] = (self.name_font, self.note_font, self.label_width,
                                  QRectF(self._bounds), self._output, self._input)

    @property
    def _name_text(self) -> str:
        """The name as it fits the label (elided, the full name in the tooltip): made when
        first painted, not for every node of a campaign being built."""
        if self._elided is None:
            self._elided = metrics(self.name_font).elidedText(
                self.node.name, Qt.TextElideMode.ElideRight, self.label_width - 8)
        return self._elided

    def set_problems(self, problems: list[Problem]) -> None:
        if problems != self.problems:
            self.problems = problems
            self._update_tooltip()
            self.update()
            if self.far_layer is not None:
                self.far_layer.invalidate()

    def set_far_layer(self, layer: FarNodes | None) -> None:
        """Far away the layer draws this node, and the item paints nothing (it still takes
        the mouse, the keyboard and a screen reader's questions)."""
        self.far_layer = layer
        self.follow_far_layer()

    def follow_far_layer(self) -> None:
        self.setFlag(_NO_CONTENTS, self.far_drawn())

    def far_drawn(self) -> bool:
        """Whether its far layer draws it: not when faded (it fades as one picture), nor
        while it moves."""
        layer = self.far_layer
        return (layer is not None and self not in layer.moving and self.opacity() >= 1.0
                and self.isVisible())

    def set_counts(self, counts: dict[str, int] | None) -> None:
        """Live counts from the simulation; who is behind them is looked up on hover."""
        if counts != self.counts:
            room_changes = bool(count_text(counts)) != bool(count_text(self.counts))
            self.counts = counts
            self.counted_contacts = None
            if room_changes:  # the chip gets (or gives back) its row between card and name
                self.refresh()
            else:
                self._shape = None  # the chip's width follows its text
                self.update()
                self._update_tooltip()

    def chip_text(self) -> str:
        """The live counts, with the goal's rate when rates are shown."""
        text = count_text(self.counts) if self.counts else ""
        return f"{text} · {self.rate}" if text and self.rate else text

    def set_rate(self, rate: str | None) -> None:
        """A goal's conversion ("38% of 8"), shown beside its count; None hides it."""
        if rate != self.rate:
            self.rate = rate
            self.refresh()

    def count_chip_hit(self, scene_pos: QPointF) -> bool:
        """Whether the point is on the chip with the live counts (a click there asks why)."""
        text = self.chip_text()
        return bool(text) and chip_rect(self.body_rect(), text).contains(
            self.mapFromScene(scene_pos))

    def refresh_counted_contacts(self) -> None:
        host = self.host
        self.counted_contacts = (host.contacts_behind_counts(self.node.id)
                                 if self.counts and host is not None else None)
        self._update_tooltip(now=True)

    def set_connect_state(self, state: ConnectionState | None) -> None:
        if state != self.connect_state:
            self.connect_state = state
            self.update()

    def _update_tooltip(self, now: bool = False) -> None:
        """The tooltip is written when the mouse comes over the node (``hoverEnterEvent``
        asks again), not for every node a campaign's build or validation touches."""
        if self._hover or now:
            self.setToolTip(tooltip_html(self.node, self.note()[0], self.problems,
                                         self.counted_contacts))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = self._outline()
        return self._shape

    def _outline(self) -> QPainterPath:
        """Card, label and the whole output handle as one filled area (a union: adding them to
        one path would make the handle's overlap with the card a hole under odd-even fill)."""
        handle = QPainterPath()
        handle.addEllipse(self.handle_center(), HANDLE_RADIUS + 5, HANDLE_RADIUS + 5)
        label = QPainterPath()
        label.addRect(self.label_rect())
        text = self.chip_text()
        if text:  # the live counts can be clicked (they ask why)
            label.addRect(chip_rect(self.body_rect(), text))
        return self.body_path().united(label).united(handle)

    def body_path(self) -> QPainterPath:
        raise NotImplementedError

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        t = self.theme
        if lod < LOD_DETAIL:  # far away: the shape in its colour, nothing else
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.goal if isinstance(self.node, Goal) else t.card_border)
            painter.drawRect(self.body_rect())
            if self.isSelected() or self.problems:
                painter.setBrush(t.accent if self.isSelected() else t.error)
                painter.drawRect(self.body_rect().adjusted(20, 20, -20, -20))
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if lod > LOD_DETAIL:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.shadow)
            painter.drawPath(self.body_path().translated(0, 3))
        self.paint_body(painter, lod)
        if self.isSelected() or self.connect_state:
            color = t.accent if self.connect_state is None else {
                ConnectionState.ALLOWED: t.allowed, ConnectionState.REFUSED: t.refused,
                ConnectionState.PATH: t.allowed}[self.connect_state]
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(color, 3.0, connect_badge.outline_style(self.connect_state)))
            outline = self.body_rect().adjusted(-5, -5, 5, 5)
            painter.drawPath(self.outline_path(outline))
            connect_badge.paint_badge(painter, t, self.body_rect(), self.connect_state)
        if lod > LOD_TEXT:
            self.paint_label(painter)
        if self.problems and lod > LOD_DETAIL:
            self.paint_marker(painter)
        if (self._hover or self.isSelected()) and self.flags() & (
                QGraphicsItem.GraphicsItemFlag.ItemIsMovable):
            painter.setPen(QPen(t.card, 2))
            painter.setBrush(t.accent)
            painter.drawEllipse(self.handle_center(), HANDLE_RADIUS, HANDLE_RADIUS)

    def paint_body(self, painter: QPainter, lod: float) -> None:
        raise NotImplementedError

    def outline_path(self, rect: QRectF) -> QPainterPath:
        raise NotImplementedError

    def paint_label(self, painter: QPainter) -> None:
        t = self.theme
        painter.setFont(self.name_font)
        painter.setPen(t.text)
        name = self.name_rect()
        painter.drawText(name, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self._name_text)
        note, attention = self._note_text, self._note_attention  # cached by refresh()
        while_connecting = connect_badge.note_for(self.connect_state)
        if while_connecting and self.connect_state is not None:  # words, not only a colour
            note, attention = while_connecting, False
        if not note:
            return
        painter.setFont(self.note_font)
        note_metrics = metrics(self.note_font)
        width = note_metrics.horizontalAdvance(note) + 14
        pill = QRectF(-width / 2, name.bottom() + 1, width, note_metrics.height() + 2)
        if attention:
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(t.warning)
            fill.setAlpha(48 if not t.dark else 70)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(t.warning.darker(130) if not t.dark else t.warning)
        elif while_connecting and self.connect_state is not None:
            painter.setPen(QPen(connect_badge.colour(t, self.connect_state), 1.5,
                                connect_badge.outline_style(self.connect_state)))
            painter.setBrush(t.card)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(t.text)
        else:
            painter.setPen(t.muted_text)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, note)

    def paint_marker(self, painter: QPainter) -> None:
        severe = any(p.is_error for p in self.problems)
        color = self.theme.error if severe else self.theme.warning
        body = self.body_rect()
        center = self.marker_center(body)
        painter.setPen(QPen(self.theme.card, 2))
        painter.setBrush(color)
        painter.drawEllipse(center, 10, 10)
        painter.setPen(QPen(self.theme.on_marker, 2.4, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawLine(center + QPointF(0, -4.5), center + QPointF(0, 1.5))
        painter.drawPoint(center + QPointF(0, 5))

    def marker_center(self, body: QRectF) -> QPointF:
        return QPointF(body.right() - 4, body.top() + 4)

    # -- interaction -------------------------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _POSITION_CHANGE:
            if self.host is not None and self.host.dragging and self.host.snap:
                return snap_point(value)
        elif change == _POSITION_CHANGED:
            if self.host is not None:
                self.host.complete_items()
            for edge in self.edges:
                edge.adjust()
            if self.far_layer is not None:
                self.far_layer.moved(self)
        elif self.far_layer is not None and change in _FAR_LOOK:
            self.far_layer.invalidate()
            self.follow_far_layer()
        return value  # what QGraphicsItem.itemChange returns, without the round trip

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.refresh_counted_contacts()
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.handle_hit(event.scenePos()) and bool(
            self.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is None:
            return
        if self.label_rect().contains(event.pos()):
            self.host.start_rename(self)
        else:
            self.host.request_configure(self)
        event.accept()
