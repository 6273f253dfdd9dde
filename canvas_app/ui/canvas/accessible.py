"""What a screen reader hears of the canvas: the view is a list whose children are the nodes
("Goal 'Registered', 2 links chosen, 1 warning") and the connections ("Connection from
'Invitation' to 'Registered'"), each with its place on screen and whether it is selected or
has the keyboard; a change of selection is announced."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget, QGraphicsItem, QGraphicsView

from canvas_app.domain.model import Goal
from canvas_app.domain.words import count
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.note_item import NoteItem

Item = NodeItem | EdgeItem | NoteItem
ITEMS = (NodeItem, EdgeItem, NoteItem)


def node_name(item: NodeItem) -> str:
    """The sentence a screen reader says for a node."""
    kind = "Goal" if isinstance(item.node, Goal) else "Sequence"
    parts = [f"{kind} '{item.node.name}'", item.note()[0].lower()]
    errors = sum(1 for p in item.problems if p.is_error)
    warnings = len(item.problems) - errors
    parts += [count(errors, "error")] if errors else []
    parts += [count(warnings, "warning")] if warnings else []
    return ", ".join(parts)


def edge_name(item: EdgeItem) -> str:
    return f"Connection from '{item.source.node.name}' to '{item.target.node.name}'"


def note_name(item: NoteItem) -> str:
    text = " ".join(item.note.text.replace("*", "").split())
    return f"Note: {text[:120] + '…' if len(text) > 120 else text}" if text else "Empty note"


def item_name(item: Item) -> str:
    if isinstance(item, NodeItem):
        return node_name(item)
    return edge_name(item) if isinstance(item, EdgeItem) else note_name(item)


def items_of(view: QGraphicsView) -> list[Item]:
    """Nodes in reading order (left to right, then top to bottom), then the connections."""
    scene = view.scene()
    nodes = sorted((i for i in scene.items() if isinstance(i, NodeItem)),
                   key=lambda i: (round(i.scenePos().x()), i.scenePos().y()))
    edges = sorted((i for i in scene.items() if isinstance(i, EdgeItem)),
                   key=lambda e: (nodes.index(e.source) if e.source in nodes else 0,
                                  nodes.index(e.target) if e.target in nodes else 0))
    notes = sorted((i for i in scene.items() if isinstance(i, NoteItem)),
                   key=lambda i: (round(i.scenePos().x()), i.scenePos().y()))
    return [*nodes, *edges, *notes]


class ItemAccessible(QAccessibleInterface):
    """One node or connection, as a child of the view's interface."""

    def __init__(self, view_face: CanvasAccessible, item: Item) -> None:
        super().__init__()
        self.view_face = view_face
        self.item = item

    def isValid(self) -> bool:
        return self.item.scene() is not None

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow:
        return self.view_face.window()

    def parent(self) -> QAccessibleInterface:
        return self.view_face

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def text(self, t: QAccessible.Text) -> str:
        item = self.item
        if t == QAccessible.Text.Name:
            return item_name(item)
        if t == QAccessible.Text.Description and isinstance(item, NodeItem):
            setup = "set up the goal" if isinstance(item.node, Goal) else "edit its emails"
            return (f"Return to {setup}; Ctrl+arrows to go to the next node; Ctrl+L connects "
                    "two selected nodes; the Menu key shows what else can be done")
        return ""

    def setText(self, t: QAccessible.Text, text: str) -> None:
        return None

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        item = self.item
        state.selectable = True
        state.selected = item.isSelected()
        state.focusable = not isinstance(item, EdgeItem)
        state.focused = item.hasFocus() and self.view_face.view.hasFocus()
        state.invisible = not item.isVisible()
        view = self.view_face.view
        state.offscreen = not view.viewport().rect().intersects(self._local_rect())
        return state

    def _local_rect(self) -> QRect:
        view = self.view_face.view
        return view.mapFromScene(self.item.sceneBoundingRect()).boundingRect()

    def rect(self) -> QRect:
        viewport = self.view_face.view.viewport()
        local = self._local_rect()
        return QRect(viewport.mapToGlobal(local.topLeft()), local.size())


class CanvasAccessible(QAccessibleWidget):
    """The canvas view: its children are the campaign's nodes and connections."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view, QAccessible.Role.List, "Campaign canvas")
        self.view = view
        self._faces: dict[Item, ItemAccessible] = {}  # kept alive while the view asks for them

    def _face(self, item: Item) -> ItemAccessible:
        face = self._faces.get(item)
        if face is None:
            for gone in [i for i in self._faces if i.scene() is None]:  # removed items
                del self._faces[gone]
            face = self._faces[item] = ItemAccessible(self, item)
        return face

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return self.view.accessibleName() or "Campaign canvas"
        if t == QAccessible.Text.Description:
            nodes = sum(1 for i in items_of(self.view) if isinstance(i, NodeItem))
            return f"{count(nodes, 'node')}; Ctrl+arrows move between them"
        return str(super().text(t))

    def childCount(self) -> int:
        return len(items_of(self.view))

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        items = items_of(self.view)
        return self._face(items[index]) if 0 <= index < len(items) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, ItemAccessible):
            items = items_of(self.view)
            return items.index(child.item) if child.item in items else -1
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        focus = self.view.scene().focusItem()
        return self._face(focus) if isinstance(focus, ITEMS) else None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        viewport = self.view.viewport()
        found = self.view.itemAt(viewport.mapFromGlobal(QRect(x, y, 1, 1).topLeft()))
        while found is not None and not isinstance(found, ITEMS):
            found = found.parentItem()
        return self._face(found) if found is not None else None


def announce_selection(view: QGraphicsView) -> str | None:
    """Tells a screen reader which node is now selected (and has the keyboard); returns what
    it says, or None when nothing is selected (or no screen reader listens)."""
    if not QAccessible.isActive():
        return None
    chosen: list[QGraphicsItem] = [i for i in view.scene().selectedItems()
                                   if isinstance(i, ITEMS)]
    if not chosen:
        return None
    items = items_of(view)
    first = chosen[0]
    if not isinstance(first, ITEMS) or first not in items:
        return None
    index = items.index(first)
    for kind in (QAccessible.Event.Selection, QAccessible.Event.Focus):
        event = QAccessibleEvent(view, kind)
        event.setChild(index)
        QAccessible.updateAccessibility(event)
    return item_name(first)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    from canvas_app.ui.canvas.view import CanvasView  # the view imports this module

    if isinstance(obj, CanvasView):
        return CanvasAccessible(obj)
    return None


_installed: list[bool] = []


def install() -> None:
    """Makes Qt ask this module for the canvas view's interface (once per process)."""
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed.append(True)
