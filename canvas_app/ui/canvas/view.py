"""The canvas view: zoom with Ctrl+wheel around the cursor, pan with the middle button or
Space-drag, rubber-band selection, a dot grid, drops from the palette, arrow-key nudges."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu, QWidget

from canvas_app.ui.canvas import accessible, fonts
from canvas_app.ui.canvas.constants import CONTACTS_MIME, GRID, NODE_MIME
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.grid import draw_background, set_up_view
from canvas_app.ui.canvas.keyboard import menu_point, nearest_in_direction
from canvas_app.ui.canvas.node_kinds import SequenceItem
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.style.theme import current_theme

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0


class CanvasView(QGraphicsView):
    nodeDropped = Signal(str, QPointF)  # kind ("sequence" | "goal"), scene position
    contactsDropped = Signal(str, list)  # sequence id, contact addresses
    nudged = Signal(float, float)  # arrow keys: dx, dy in scene units
    zoomChanged = Signal(float)

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("canvasView")
        accessible.install()  # a screen reader hears the nodes and connections
        self.setAccessibleName("Campaign canvas")
        scene.selectionChanged.connect(lambda: accessible.announce_selection(self))
        self._follow_font()
        set_up_view(self)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # the dot grid is drawn once per zoom and scroll, not under every repainted item
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self.setToolTip("")
        self.grid_visible = True
        self._pan_from: QPoint | None = None
        self._space = False
        self.fitted = False  # showing the whole campaign: a resize fits it again
        self.max_fit_zoom = 1.25  # fitting never enlarges more (presentation mode allows more)
        self.min_fit_zoom = 0.0  # presentation mode: never so small that names can't be read
        self.zoomChanged.connect(scene.set_far)
        #: Builds the context menu for an item (or None: the empty canvas) at a scene point.
        self.menu_factory: Callable[[object, QPointF], QMenu] | None = None

    def viewportEvent(self, event: QEvent) -> bool:
        scene = self.scene()  # (None while the window is torn down at exit)
        if isinstance(scene, CanvasScene):
            scene.ready_for(event)  # the user's input, a paint close up: every item made
        return super().viewportEvent(event)

    def items(self, *args: Any, **kwargs: Any) -> list[QGraphicsItem]:
        self._complete()  # a connection still without its item is found too
        return super().items(*args, **kwargs)

    def itemAt(self, *args: Any, **kwargs: Any) -> QGraphicsItem | None:
        self._complete()
        return super().itemAt(*args, **kwargs)

    def _complete(self) -> None:
        scene = self.scene()
        if isinstance(scene, CanvasScene):
            scene.complete_items()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._follow_font()
        elif event.type() == QEvent.Type.PaletteChange and current_theme() != self.canvas.theme:
            self.canvas.set_theme(current_theme())  # the system went dark (or light)
            self.resetCachedContent()
            self.viewport().update()
        super().changeEvent(event)

    def _follow_font(self) -> None:
        """Canvas text grows with the application's type (a 16 pt desktop, presentation)."""
        if fonts.follow(self.font()):
            for item in self.canvas.node_items.values():
                item.refresh()

    def set_grid(self, on: bool) -> None:
        """View › Grid and Snap: the grid shown and nodes snapped to it, or neither."""
        self.canvas.snap = on
        self.grid_visible = on
        self.resetCachedContent()
        self.viewport().update()

    @property
    def canvas(self) -> CanvasScene:
        scene = self.scene()
        assert isinstance(scene, CanvasScene)
        return scene

    # -- zoom --------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor_under_mouse: bool = False) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        anchor = (QGraphicsView.ViewportAnchor.AnchorUnderMouse if anchor_under_mouse
                  else QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setTransformationAnchor(anchor)
        scale = factor / self.zoom()
        self.scale(scale, scale)
        self.fitted = False
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        content = self.canvas.content_rect()
        if content.isNull():
            self.actual_size()
            return
        self.fitInView(content.adjusted(-60, -60, 60, 60), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > self.max_fit_zoom:
            self.set_zoom(self.max_fit_zoom)
        center = content.center()
        if self.zoom() < self.min_fit_zoom:  # too big to show whole and readable: its start
            self.set_zoom(self.min_fit_zoom)
            half_width = self.viewport().width() / self.zoom() / 2
            center.setX(min(center.x(), content.left() - 60 + half_width))
        self.centerOn(center)
        self.fitted = True
        self.zoomChanged.emit(self.zoom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:  # docks hidden, full screen, a window made larger: still the whole view
            self.fit()

    def center_on_node(self, node_id: str) -> None:
        item = self.canvas.item_for(node_id)
        if item is not None:
            self.centerOn(item)

    def ensure_node_visible(self, node_id: str) -> None:
        """Scrolls as little as needed to show the node; a node in view stays where it is."""
        item = self.canvas.item_for(node_id)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if item is None:
            return
        shown = item.body_rect() if isinstance(item, NodeItem) else item.boundingRect()
        if not visible.contains(item.mapRectToScene(shown)):
            self.ensureVisible(item, 40, 40)

    def visible_center(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * (1.15 ** steps), anchor_under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    # -- grid --------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        draw_background(painter, QRectF(rect), self.canvas.theme, self.zoom(), self.grid_visible)

    # -- panning -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.fitted = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space
                                      else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # a name or a note being written gets every key (Space, arrows, Return) as typing
        renaming = self.canvas.renaming is not None or self.canvas.notes.editor is not None
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and not renaming:
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                  Qt.Key.Key_Down: (0, 1)}
        chosen = self.canvas.selected_nodes()
        if not renaming and self._keyboard(event, chosen, arrows):
            return
        if event.key() in arrows and not renaming and chosen:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.AltModifier else GRID
            dx, dy = arrows[Qt.Key(event.key())]
            self.nudged.emit(dx * step, dy * step)
            return
        super().keyPressEvent(event)

    def _keyboard(self, event: QKeyEvent, chosen: list[NodeItem],
                  arrows: dict[Qt.Key, tuple[int, int]]) -> bool:
        """Return sets up the selected node, Ctrl+arrow goes to the nearest node that way,
        Shift+F10 opens the context menu; True when the key was one of those."""
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(chosen) == 1:
            self.canvas.configureRequested.emit(chosen[0].node.id)
            return True
        if key in arrows and mods & Qt.KeyboardModifier.ControlModifier and chosen:
            target = nearest_in_direction(self.canvas, chosen[0], *arrows[Qt.Key(key)])
            if target is not None:
                self.canvas.select_node(target.node.id)
                target.setFocus()
                self.ensureVisible(target.sceneBoundingRect(), 80, 80)
            return True
        if key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier:
            self.open_menu(None)
            return True
        return False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.open_menu(None)
        else:
            self.open_menu(event.pos())
        event.accept()

    def open_menu(self, at: QPoint | None) -> QMenu | None:
        """The context menu for what is under ``at`` (view coordinates), or, from the
        keyboard (None), for the selected node, shown under it."""
        if self.menu_factory is None:
            return None
        if at is None:
            chosen: list[NodeItem] | list[NoteItem] = self.canvas.selected_nodes() \
                or self.canvas.notes.selected()
            item: object = chosen[0] if chosen else None
            spot = menu_point(self.canvas, lambda p: self.mapFromScene(p)) or \
                self.viewport().rect().center()
        else:
            spot = at
            item = next((i for i in self.items(at)
                         if isinstance(i, NodeItem | EdgeItem | NoteItem)), None)
        menu = self.menu_factory(item, self.mapToScene(spot))
        menu.popup(self.viewport().mapToGlobal(spot))
        return menu

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    # -- palette drops -----------------------------------------------------------------
    def _sequence_at(self, event: QDropEvent | QDragMoveEvent) -> str | None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, SequenceItem):
                return item.node.id
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CONTACTS_MIME):
            event.acceptProposedAction()
            return
        if event.mimeData().hasFormat(NODE_MIME) and not self.canvas.document.read_only:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CONTACTS_MIME):
            if self._sequence_at(event):
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        if event.mimeData().hasFormat(NODE_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.mimeData().hasFormat(CONTACTS_MIME):
            sequence_id = self._sequence_at(event)
            if sequence_id:
                emails = bytes(event.mimeData().data(CONTACTS_MIME).data()).decode().split("\n")
                self.contactsDropped.emit(sequence_id, [e for e in emails if e])
                event.acceptProposedAction()
            return
        if not event.mimeData().hasFormat(NODE_MIME):
            super().dropEvent(event)
            return
        kind = bytes(event.mimeData().data(NODE_MIME).data()).decode()
        self.nodeDropped.emit(kind, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
