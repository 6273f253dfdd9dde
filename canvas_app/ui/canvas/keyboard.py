"""The canvas without a mouse: Edit › Connect for the two selected nodes, Return to set up the
selected node, Ctrl+arrows to move from node to node, a free spot for nodes added from the
palette by keyboard, and the context menu (right button, the Menu key or Shift+F10) with what
can be done to a node, a connection or the empty canvas."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtWidgets import QMenu, QWidget

from canvas_app.domain.model import Goal, Sequence
from canvas_app.ui.canvas.actions import NOTE_KIND
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.canvas.note_menu import note_menu
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.style.mnemonics import literal

#: How far apart nodes added by keyboard are kept (a card with its label fits).
FREE_SPACING = 260.0


def connect_selected(controller: EditController, scene: CanvasScene) -> str | None:
    """Connects the two selected nodes in the direction the rules allow; None when connected,
    otherwise why not (also said through the controller)."""
    chosen = scene.selected_nodes()
    if len(chosen) != 2:
        why = "select a sequence and a goal (two nodes) to connect them"
        controller.refused.emit(why[:1].upper() + why[1:] + ".")
        return why
    # Campaigns read left to right: the node further left comes first (a sequence first when
    # level), unless only the other direction is allowed.
    first, then = sorted(chosen, key=lambda i: (i.scenePos().x(), i.node.kind != "sequence"))
    a, b = first.node.id, then.node.id
    campaign = controller.campaign
    if campaign is not None and campaign.connection_problem(a, b) is not None \
            and campaign.connection_problem(b, a) is None:
        a, b = b, a
    return controller.connect_nodes(a, b)


def nearest_in_direction(scene: CanvasScene, origin: NodeItem, dx: int, dy: int
                         ) -> NodeItem | None:
    """The closest node on the side the arrow points to (within a 45° cone either way)."""
    start = origin.scenePos()
    best: tuple[float, NodeItem] | None = None
    for item in scene.node_items.values():
        if item is origin:
            continue
        offset = item.scenePos() - start
        along = offset.x() * dx + offset.y() * dy
        across = abs(offset.x() * dy) + abs(offset.y() * dx)
        if along <= 0 or across > along:
            continue
        distance = math.hypot(offset.x(), offset.y())
        if best is None or distance < best[0]:
            best = (distance, item)
    return best[1] if best else None


def free_spot(scene: CanvasScene, near: QPointF) -> QPointF:
    """``near``, or the closest point on a widening ring around it where no node is within
    FREE_SPACING (so nodes added one after another never overprint)."""
    def free(point: QPointF) -> bool:  # asked of the scene's index, not of every node
        around = QRectF(point.x() - FREE_SPACING / 2, point.y() - 100, FREE_SPACING, 200)
        return not any(isinstance(i, NodeItem | NoteItem) for i in scene.items(around))

    if free(near):
        return near
    for ring in range(1, 30):
        for step in range(8 * ring):
            angle = 2 * math.pi * step / (8 * ring)
            point = near + QPointF(math.cos(angle) * ring * FREE_SPACING,
                                   math.sin(angle) * ring * 200)
            if free(point):
                return point
    return near


def context_menu(controller: EditController, scene: CanvasScene, item: object,
                 parent: QWidget, configure: Callable[[str], None],
                 rename: Callable[[str], None], add: Callable[[str], None]) -> QMenu:
    """What can be done here: to a node (set up, rename, connect to, duplicate, delete), to a
    connection (delete), to a note (text, colour, duplicate, delete) or on the empty canvas
    (add a node or a note)."""
    if isinstance(item, NoteItem) and controller.campaign is not None:
        return note_menu(controller, scene, item, parent)
    menu = QMenu(parent)
    menu.setObjectName("canvasMenu")
    campaign = controller.campaign
    if campaign is None:  # read-only (or nothing open): say so rather than offer refusals
        menu.addAction("Nothing can be changed here: the workspace is open read-only"
                       if controller.document.read_only else "Open a campaign first"
                       ).setEnabled(False)
        return menu
    if isinstance(item, NodeItem) and campaign is not None:
        node = item.node
        setup = "Set Up the Goal…" if isinstance(node, Goal) else "Edit Emails…"
        menu.addAction(setup, lambda: configure(node.id))
        menu.addAction("Rename", lambda: rename(node.id))
        targets = menu.addMenu("Connect To")
        targets.setObjectName("connectToMenu")
        for other in campaign.nodes:
            if other.id != node.id and campaign.connection_problem(node.id, other.id) is None:
                targets.addAction(literal(other.name),
                                   partial(controller.connect_nodes, node.id, other.id))
        targets.setEnabled(not targets.isEmpty())
        menu.addSeparator()
        menu.addAction("Duplicate", lambda: controller.duplicate([node.id]))
        menu.addAction("Delete", lambda: controller.delete([node.id], []))
    elif isinstance(item, EdgeItem):
        edge = item.edge
        menu.addAction("Delete Connection", lambda: controller.delete([], [edge]))
    else:
        menu.addAction("Add a Sequence Here", lambda: add(Sequence.kind))
        menu.addAction("Add an Email Link Clicked Goal Here", lambda: add(Goal.kind))
        menu.addAction("Add a Note Here", lambda: add(NOTE_KIND))
    return menu


def menu_point(scene: CanvasScene, view_map: Callable[[QPointF], QPoint]) -> QPoint | None:
    """Where a keyboard-opened menu appears: under the selected node, in view coordinates."""
    chosen: list[NodeItem] | list[NoteItem] = scene.selected_nodes() or scene.notes.selected()
    if not chosen:
        return None
    return view_map(chosen[0].sceneBoundingRect().center())
