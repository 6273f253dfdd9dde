"""The canvas scene: mirrors the campaign model through its ordered notifications.

Items never change the model themselves, and nothing reads a position back from an item: user
actions become intents to the edit controller, the model changes and notifies, and the scene
follows. After every mouse release each item is put back where the model says it is.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from canvas_app.domain import events as ev
from canvas_app.domain.model import Campaign, Edge, Goal, Node
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS, ConnectionState
from canvas_app.engine.reports import Report, Status, report
from canvas_app.engine.simulation import members
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.far_view import FarEdges, FarNodes, FarView
from canvas_app.ui.canvas.interactions import Interaction, MoveInteraction, NewEdgeInteraction
from canvas_app.ui.canvas.lazy_edges import LazyEdgesScene
from canvas_app.ui.canvas.node_kinds import GoalItem, SequenceItem
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.canvas.note_layer import NoteLayer
from canvas_app.ui.canvas.refusal_bubble import RefusalBubble
from canvas_app.ui.canvas.rename import InlineRenameEditor
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.style.theme import Theme, current_theme

MARGIN = 1200.0

#: The counts a node shows: contacts in a sequence (not stopped), contacts who achieved a goal.
_COUNTED = frozenset({*LIVE_MEMBERSHIPS, "achieved"})


class CanvasScene(LazyEdgesScene):
    hint = Signal(str)  # a sentence for the status bar
    configureRequested = Signal(str)  # double-click on a node's body: node id
    countsClicked = Signal(str, QPoint)  # a click on a node's live counts: node id, screen point

    def __init__(self, document: EditorDocument, controller: EditController | None = None
                 ) -> None:
        super().__init__()
        self.document = document
        self.controller = controller or EditController(document, self)
        self.theme: Theme = current_theme()
        self.snap = True
        self.dragging = False  # nodes snap to the grid only while the user drags them
        self._editable = True  # whether the items made now can be changed
        self._campaign: Campaign | None = None
        self._interaction: Interaction | None = None
        self._editor: InlineRenameEditor | None = None
        self._refusal = RefusalBubble(self.theme)
        self.notes = NoteLayer(self)
        self.addItem(self._refusal)
        self.show_rates = False  # goals show their conversion beside their count
        self._rates: tuple[object, Report] | None = None  # the counts it was read for, report
        self._zoom = 1.0  # the view's, as last told
        #: the far view of a large campaign: its connections (and further out its nodes)
        #: drawn by one item each
        self.far_view = FarView(self, self.theme, self.node_items, self._edges)
        self.far_edges, self.far_nodes = self.far_view.edges, self.far_view.nodes
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.campaignLoaded.connect(self._load)
        document.problemsChanged.connect(self._show_problems)
        document.statusChanged.connect(self.show_counts)
        document.campaignLeaving.connect(self._finish_rename)

    # -- mirroring the model -----------------------------------------------------------
    def _load(self) -> None:
        if self._campaign is not None:
            self._campaign.unsubscribe(self._on_event)
        self._close_editor()
        for item in list(self.node_items.values()) + list(self._edges.made.values()):
            self.removeItem(item)
        self.node_items.clear()
        self._edges.clear()
        self._campaign = self.document.campaign
        self.notes.load(self._campaign)
        if self._campaign is None:
            self.set_far(self._zoom)
            return
        editable = self._editable = not self.document.read_only
        for node in self._campaign.nodes:
            self._add_node(node, editable)
        if self.far_view.large(len(self._campaign.edges)):
            self._edges.later(list(self._campaign.edges))
        else:
            for edge in self._campaign.edges:
                self._add_edge(edge, editable)
        self.far_view.nodes.invalidate()
        self.far_view.edges.invalidate()
        self._campaign.subscribe(self._on_event)
        # its problems are shown when the document has validated it (once, right after)
        self.update_scene_rect()
        self.set_far(self._zoom)  # another campaign: far or not by its own size

    def _on_event(self, event: ev.Event) -> None:
        self._edges.complete()  # a change made by the user: the items follow it
        match event:
            case ev.NodeAdded(node=node):
                self._add_node(node, not self.document.read_only)
                self.far_view.nodes.invalidate()
            case ev.NodeRemoved(node=node):
                self._remove_node(node.id)
            case ev.NodeMoved(node_id=node_id, position=position):
                item = self.node_items.get(node_id)
                if item is not None:
                    item.setPos(QPointF(*(position or (0.0, 0.0))))
            case ev.NodeRenamed(node_id=node_id) | ev.GoalLinksChanged(goal_id=node_id) \
                    | ev.SequenceEmailsChanged(sequence_id=node_id):
                item = self.node_items.get(node_id)
                if item is not None:
                    item.refresh()
                    for edge in item.edges:
                        edge.refresh_tooltip()
            case ev.EdgeAdded(edge=edge):
                self._add_edge(edge, not self.document.read_only)
                self.far_view.edges.invalidate()
            case ev.EdgeRemoved(edge=edge):
                self._remove_edge(edge)
            case ev.NoteAdded() | ev.NoteRemoved() | ev.NoteChanged():
                self.notes.on_event(event)
        self.update_scene_rect()

    def _remove_node(self, node_id: str) -> None:
        item = self.node_items.pop(node_id, None)
        if item is not None:
            if self._editor is not None and self._editor.item is item:
                self._close_editor()
            self.removeItem(item)
            self.far_view.node_removed(item)

    def _remove_edge(self, edge: Edge) -> None:
        edge_item = self._edges.made.pop(edge, None)
        if edge_item is not None:
            edge_item.detach()
            self.removeItem(edge_item)
            self.far_edges.invalidate()

    def _add_node(self, node: Node, editable: bool) -> None:
        """The model gives every node a position; (0, 0) only guards a corrupt campaign.
        The far view's layer is told by the caller (once for a whole campaign)."""
        kind = GoalItem if isinstance(node, Goal) else SequenceItem
        item: NodeItem = kind(node, self.theme, editable, self)  # placed where the node is
        self.far_view.node_added(item)
        self.node_items[node.id] = item
        self.addItem(item)

    def _add_edge(self, edge: Edge, editable: bool) -> EdgeItem:
        item = EdgeItem(edge, self.node_items[edge.source], self.node_items[edge.target],
                        self.theme, editable)
        self._edges.made[edge] = item
        self.far_view.edge_added(item)
        self.addItem(item)
        return item

    def _add_waiting(self, edge: Edge) -> EdgeItem:
        return self._add_edge(edge, self._editable)

    def set_far(self, zoom: float) -> None:
        """The view's zoom changed: below FAR_ZOOM a large campaign's connections are drawn
        as one path (a selected connection keeps its own item), below FAR_NODES_ZOOM its
        nodes too."""
        self._zoom = zoom
        self.far_view.set_zoom(zoom)

    @property
    def far(self) -> bool:
        return self.far_view.far

    def _show_problems(self) -> None:
        for node_id, item in self.node_items.items():
            item.set_problems(self.document.problems_for(node_id))

    def show_counts(self) -> None:
        """Contacts active and finished in each sequence, achievements of each goal."""
        status = self.document.status
        campaign = self.document.campaign
        if status is None or campaign is None or status.published_version is None:
            for item in self.node_items.values():
                item.set_counts(None)
                item.set_rate(None)
            return
        for node_id, item in self.node_items.items():
            counts = status.nodes.get(node_id, {})
            shown = {k: v for k, v in counts.items() if k in _COUNTED}
            item.set_counts(shown if any(shown.values()) else None)
        figures = self._figures(campaign.id, status) if self.show_rates else None
        for goal in campaign.goals:
            badge = self.node_items.get(goal.id)
            if badge is not None:
                badge.set_rate(figures.rate_text(goal.id) if figures is not None else None)

    def _figures(self, campaign_id: str, status: Status) -> Report:
        """The report behind the rates, read again only when the counts moved (a draft edit
        refreshes the status too, and changes no rate)."""
        key = (campaign_id, status.published_version,
               tuple(sorted((n, tuple(sorted(c.items()))) for n, c in status.nodes.items())))
        if self._rates is None or self._rates[0] != key:
            self._rates = (key, report(self.document.workspace, campaign_id))
        return self._rates[1]

    def set_show_rates(self, on: bool) -> None:
        """View › Show Rates: each goal's conversion beside its count, as the report has it."""
        self.show_rates = on
        self.show_counts()

    def contacts_behind_counts(self, node_id: str) -> tuple[list[str], int] | None:
        """Some of the contacts behind a node's counts (asked for on hover)."""
        campaign = self.document.campaign
        if campaign is None:
            return None
        return members(self.document.workspace, campaign.id, node_id)

    def follow_model(self) -> None:
        """Puts every item where the model says its node is (a drag that recorded nothing,
        a press that moved an item while the view scrolled)."""
        for item in self.node_items.values():
            x, y = item.node.position or (0.0, 0.0)
            if item.pos() != QPointF(x, y):
                item.setPos(QPointF(x, y))
        self.notes.follow_model()
        self.far_view.settle()  # what moved is drawn with the rest again

    def update_scene_rect(self) -> None:
        bounds = self.content_rect()
        if bounds.isNull():
            bounds = QRectF(-400, -300, 800, 600)
        self.setSceneRect(bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.far_view.follow_scene_rect()

    def content_rect(self) -> QRectF:
        bounds = QRectF()
        for item in self.node_items.values():
            bounds = bounds.united(item.sceneBoundingRect())
        return bounds.united(self.notes.rect())

    # -- selection ---------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        """Repaints everything in ``theme`` (the system went dark or light)."""
        self.theme = theme
        items: list[NodeItem | EdgeItem | FarEdges | FarNodes | NoteItem] = [
            *self.node_items.values(), *self.edge_items.values(), self.far_edges, self.far_nodes,
            *self.notes.items.values()]
        for item in items:
            item.theme = theme
            item.update()
        self.far_nodes.invalidate()  # its colours are the theme's
        self._refusal.setBrush(theme.refused)
        self._refusal.text.setBrush(theme.on_marker)

    def selected_nodes(self) -> list[NodeItem]:
        return [i for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_edges(self) -> list[EdgeItem]:
        return [i for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def selected_ids(self) -> list[str]:
        """The selected nodes and notes, as ids (what copy, delete and moves act on)."""
        return [i.node.id for i in self.selected_nodes()] + [n.note.id for n in self.notes.selected()]

    def item_for(self, item_id: str) -> NodeItem | NoteItem | None:
        return self.node_items.get(item_id) or self.notes.items.get(item_id)

    def select_node(self, node_id: str) -> QGraphicsItem | None:
        """Selects only this node (or note); None when there is none."""
        item = self.item_for(node_id)
        self.clearSelection()
        if item is not None:
            item.setSelected(True)
        return item

    # -- mouse -------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            chip = next((i for i in self.items(event.scenePos())
                         if isinstance(i, NodeItem) and i.count_chip_hit(event.scenePos())), None)
            if chip is not None:
                self.countsClicked.emit(chip.node.id, event.screenPos())
                event.accept()
                return
        if event.button() == Qt.MouseButton.LeftButton and not self.document.read_only:
            for item in self.items(event.scenePos()):
                if isinstance(item, NodeItem) and item.handle_hit(event.scenePos()):
                    self._interaction = NewEdgeInteraction(self, item)
                    event.accept()
                    return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.selected_ids() \
                and not self.document.read_only and not any(
                    n.resizing for n in self.notes.selected()):
            self._interaction = MoveInteraction(self)
            self.dragging = True

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if isinstance(self._interaction, NewEdgeInteraction):
            self._interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        interaction, self._interaction = self._interaction, None
        self.dragging = False
        if isinstance(interaction, NewEdgeInteraction):
            interaction.end(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            interaction.end(event.scenePos())
        self.follow_model()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._interaction is not None:
            interaction, self._interaction = self._interaction, None
            self.dragging = False
            interaction.cancel()
            self.follow_model()
            return
        super().keyPressEvent(event)

    def show_refusal(self, reason: str | None, scene_pos: QPointF) -> None:
        self._refusal.show_text(reason, scene_pos)

    # -- rename and configure ----------------------------------------------------------
    def rename_selected(self) -> None:
        """Edit › Rename: the inline editor on the one selected node."""
        nodes = self.selected_nodes()
        if len(nodes) == 1:
            self.start_rename(nodes[0])

    def start_rename(self, item: NodeItem) -> None:
        if self.document.read_only:
            self.hint.emit("This workspace is open read-only.")
            return
        self._close_editor()
        self._editor = InlineRenameEditor(item, lambda text: self._rename(item, text),
                                          self._close_editor_later)
        self.addItem(self._editor)
        self._editor.start()

    def _rename(self, item: NodeItem, text: str) -> str | None:
        if not text.strip():
            self.hint.emit("A name cannot be empty. Type a name, or press Esc to keep the old one.")
            return "A name cannot be empty"
        old = item.node.name
        refused = self.controller.rename(item.node.id, text)
        if refused is None and item.node.name != old:  # and the hint above is answered
            self.hint.emit(f"Renamed '{old}' to '{item.node.name}'.")
        return refused

    def _finish_rename(self) -> None:
        """A name being typed is kept when its campaign goes (the window closes)."""
        if self._editor is not None:
            self._editor.commit(keep_open_on_error=False)
        self._close_editor()

    def _close_editor_later(self) -> None:
        QTimer.singleShot(0, self._close_editor)

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and editor.scene() is self:
            self.removeItem(editor)
            editor.deleteLater()

    @property
    def renaming(self) -> InlineRenameEditor | None:
        return self._editor

    def request_configure(self, item: NodeItem) -> None:
        """Opens the node's editor. The item lets go of the mouse first: while it held it,
        the view scrolling to the node dragged it off its model position (issue 11)."""
        grabber = self.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()
        self._interaction = None
        self.dragging = False
        self.follow_model()
        self.configureRequested.emit(item.node.id)

    def show_path(self, node_ids: set[str] | None) -> None:
        """Highlights these nodes (a contact's path) and dims the others; None: all as usual."""
        for node_id, item in self.node_items.items():
            on_path = node_ids is None or node_id in node_ids
            item.setOpacity(1.0 if on_path else 0.3)
            item.set_connect_state(ConnectionState.PATH if node_ids is not None and on_path else None)
        for edge, edge_item in self.edge_items.items():
            walked = node_ids is None or {edge.source, edge.target} <= node_ids
            edge_item.setOpacity(1.0 if walked else 0.3)
