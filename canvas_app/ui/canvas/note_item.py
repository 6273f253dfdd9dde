"""A note on the canvas: a coloured card of plain text (``*word*`` shown in bold), resizable
from its bottom-right corner. Like the nodes, it never changes the model itself: a move, a
resize or an edit becomes an intent to the edit controller through its host."""

from __future__ import annotations

import html
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas_app.domain.notes import MIN_SIDE, Note, clamp_size, emphasis_runs
from canvas_app.ui.canvas.constants import LOD_TEXT, Z_NOTE
from canvas_app.ui.canvas.node_host import snap_point
from canvas_app.ui.style.note_colors import note_colors
from canvas_app.ui.style.theme import Theme

GRIP = 16.0  # the resize corner's side
PADDING = 10.0
RADIUS = 6.0
FONT_POINTS = 10.5


class NoteHost(Protocol):
    @property
    def dragging(self) -> bool: ...

    @property
    def snap(self) -> bool: ...

    def edit_note(self, item: NoteItem) -> None: ...

    def resize_note(self, note_id: str, size: tuple[float, float]) -> None: ...


def note_html(text: str) -> str:
    """The note's text as the little HTML its card shows: escaped, emphasis in bold, line
    breaks kept."""
    parts = [f"<b>{html.escape(run)}</b>" if strong else html.escape(run)
             for run, strong in emphasis_runs(text)]
    return "".join(parts).replace("\n", "<br>")


def note_font() -> QFont:
    """The application's font (its family, so the card matches the rest of the window) at
    the size notes are written in."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(FONT_POINTS)
    return font


class NoteItem(QGraphicsItem):
    def __init__(self, note: Note, theme: Theme, editable: bool, host: NoteHost) -> None:
        super().__init__()
        self.font = note_font()
        self.note = note
        self.theme = theme
        self.host = host
        self.editable = editable
        self._doc = QTextDocument()
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(self.font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._doc.setDefaultTextOption(option)
        self._size = QSizeF(*note.size)
        self._resizing: QPointF | None = None  # where the resize started, while resizing
        flags = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                 | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        if editable:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        self.setFlags(flags)
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_NOTE)
        self.show_note(note)

    @property
    def resizing(self) -> bool:
        return self._resizing is not None

    def show_note(self, note: Note) -> None:
        """Follows the model's note (its text, colour, place and size)."""
        self.prepareGeometryChange()
        self.note = note
        self._size = QSizeF(*note.size)
        self._doc.setHtml(note_html(note.text) if note.text.strip() else "")
        self._doc.setTextWidth(self._size.width() - 2 * PADDING)
        self.setPos(QPointF(*note.position))
        self.setToolTip(self._tooltip())
        self.update()

    def _tooltip(self) -> str:
        hint = "Double-click to edit · drag the corner to resize · right-click for colours"
        if not self.note.text.strip():
            return f"An empty note. {hint}"
        return f"A note (never part of the automation). {hint}"

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, self._size.width() + 4, self._size.height() + 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self._size.width(), self._size.height()))
        return path

    def grip_rect(self) -> QRectF:
        return QRectF(self._size.width() - GRIP, self._size.height() - GRIP, GRIP, GRIP)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        fill, border, text = note_colors(self.note.color, self.theme.dark)
        card = QRectF(0, 0, self._size.width(), self._size.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.theme.accent if self.isSelected() else border,
                            2.5 if self.isSelected() else 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(card, RADIUS, RADIUS)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            return
        inner = card.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.save()
        painter.setClipRect(inner)
        painter.translate(inner.topLeft())
        if self.note.text.strip():
            painter.setPen(text)
            self._paint_text(painter, text)
        else:
            painter.setFont(self.font)
            painter.setPen(border.darker(150))
            painter.drawText(QRectF(0, 0, inner.width(), inner.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             "Double-click to write")
        painter.restore()
        if self.editable and (self.isSelected() or self.isUnderMouse()):
            self._paint_grip(painter, border)

    def _paint_text(self, painter: QPainter, color: QColor) -> None:
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, color)
        layout = self._doc.documentLayout()
        layout.draw(painter, context)

    def _paint_grip(self, painter: QPainter, border: QColor) -> None:
        grip = self.grip_rect()
        painter.setPen(QPen(border.darker(130), 1.4))
        for step in (4.0, 8.0, 12.0):
            painter.drawLine(QPointF(grip.right() - step, grip.bottom() - 2),
                             QPointF(grip.right() - 2, grip.bottom() - step))

    # -- interaction -------------------------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange \
                and self.host.dragging and self.host.snap:
            return snap_point(value)
        return super().itemChange(change, value)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_grip = self.editable and self.grip_rect().contains(event.pos())
        self.setCursor(Qt.CursorShape.SizeFDiagCursor if on_grip else Qt.CursorShape.ArrowCursor)
        self.update()
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.editable and event.button() == Qt.MouseButton.LeftButton \
                and self.grip_rect().contains(event.pos()):
            self._resizing = event.scenePos()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._resizing is None:
            super().mouseMoveEvent(event)
            return
        delta = event.scenePos() - self._resizing
        width, height = clamp_size((self.note.size[0] + delta.x(), self.note.size[1] + delta.y()))
        self.prepareGeometryChange()
        self._size = QSizeF(max(MIN_SIDE, width), max(MIN_SIDE, height))
        self._doc.setTextWidth(self._size.width() - 2 * PADDING)
        self.update()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._resizing is None:
            super().mouseReleaseEvent(event)
            return
        self._resizing = None
        size = (round(self._size.width()), round(self._size.height()))
        self.host.resize_note(self.note.id, (float(size[0]), float(size[1])))
        self.show_note(self.note)  # where the model has it (resized or not)
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.editable:
            self.host.edit_note(self)
        event.accept()
